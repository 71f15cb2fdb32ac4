/**
 * One matcher for a page and all its same-origin frames, where the browser allows it. In Chromium
 * the content scripts of one extension in same-origin frames run in one isolated world and see
 * each other's globals through `window.top` (the page's own scripts cannot see them), so the first
 * frame to start builds the matcher and the normalisation tables and the others take them: a page
 * of 1,000 frames held 1,000 copies, 0.4 MB each (security review finding 9). Firefox gives each
 * frame's script its own view of `top`; there every frame builds its own, as before.
 */
import { loadMatcher, type Matcher, type MatcherData } from '../core/matcher-data';
import { foldTables, useFoldTables, type FoldTables } from '../core/normalize';

interface Shared {
  readonly matcher: Matcher;
  readonly tables: FoldTables;
}

/** The frame at the top, when this frame may script it; else null (a cross-origin parent). */
function topWindow(): Record<string, unknown> | null {
  try {
    const top = window.top;
    // Reading its location throws for a cross-origin top.
    return top && top.location.href !== undefined ? (top as unknown as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isShared(x: unknown): x is Shared {
  return typeof x === 'object' && x !== null && 'matcher' in x && 'tables' in x;
}

/** The matcher a same-origin frame of this page already built under `id`, if any (nothing to fetch then). */
export function sharedMatcherIfBuilt(id: string, top = topWindow()): Matcher | null {
  const found = top?.[`contextual-highlights:matcher:${id}`];
  return isShared(found) && useFoldTables(found.tables) ? found.matcher : null;
}

/**
 * The matcher for this frame: the one already built for the page under the data's `id`, or a new
 * one, left for the page's other frames. The key holds the data's hash, so a script from an older
 * build (still running after an update) never takes a matcher of other data.
 */
export function sharedMatcher(id: string, load: () => MatcherData, top = topWindow()): Matcher {
  const key = `contextual-highlights:matcher:${id}`;
  const found = top?.[key];
  if (isShared(found) && useFoldTables(found.tables)) return found.matcher;
  const matcher = loadMatcher(load());
  if (top) {
    try {
      Object.defineProperty(top, key, { value: { matcher, tables: foldTables() } satisfies Shared });
    } catch {
      // A frozen or otherwise unwritable global: this frame keeps its own.
    }
  }
  return matcher;
}
