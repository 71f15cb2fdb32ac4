/**
 * What early.js (at document start) hands content.js (at document idle) through their world's
 * globals, which both scripts of one extension in one frame share and the page's scripts never
 * see: the document's token and the background's answer to early.js's request (the settings for
 * this site, and whether the highlight styles went in). Taken once; content.js asks for itself
 * what it does not find, and again if the settings changed meanwhile.
 */
import type { Reply } from '../shared/messages';

export interface Start {
  /** The token every name we give this document carries (core/highlight-css.ts). */
  token: string;
  /** The background's answer, or null if it did not answer. */
  answer: Promise<Reply<'insertStyles'> | null>;
  /** The answer once it has come (early.js sets it): content.js can read it without waiting. */
  settled?: Reply<'insertStyles'> | null;
}

interface HandOff {
  start?: Start;
  /** The settings changed after early.js asked: its answer may be stale. */
  stale?: boolean;
  stopWatching?: () => void;
  /** The enabled story packs' matcher data, asked for at document start when the settings named it. */
  packs?: Promise<Reply<'packMatcher'> | null>;
}

const KEY = 'contextual-highlights:hand-off';

function handOff(): HandOff {
  const scope = globalThis as { [KEY]?: HandOff };
  return (scope[KEY] ??= {});
}

export function leave(parts: HandOff): void {
  Object.assign(handOff(), parts);
}

/** What early.js started, and whether the settings changed since (taken once). */
export function takeStart(): { start: Start; stale: boolean } | null {
  const h = handOff();
  const { start, stale } = h;
  h.stopWatching?.();
  delete h.start;
  delete h.stale;
  delete h.stopWatching;
  return start ? { start, stale: stale === true } : null;
}

/** The story packs' matcher data early.js asked for, if it did (taken once). */
export function takePacks(): Promise<Reply<'packMatcher'> | null> | null {
  const h = handOff();
  const packs = h.packs ?? null;
  delete h.packs;
  return packs;
}
