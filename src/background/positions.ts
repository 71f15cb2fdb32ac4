/**
 * What a page's content script says about where its mentions are, checked before the popup sees it
 * (a compromised content script is a page's: security review F6). Known entities only, numbers
 * between 0 and 1 only, within the content script's own caps.
 */
import type { MentionPlace, MentionPositions } from '../shared/messages';

export const MAX_ENTITIES = 500;
export const MAX_TICKS = 200;

export function checkPositions(value: unknown, isKnown: (id: string) => boolean): MentionPositions {
  if (!Array.isArray(value)) return [];
  const out: MentionPositions = [];
  const seen = new Set<string>();
  for (const item of value.slice(0, MAX_ENTITIES)) {
    if (!Array.isArray(item) || item.length !== 2) continue;
    const [id, ticks] = item as unknown[];
    if (typeof id !== 'string' || !isKnown(id) || seen.has(id) || !Array.isArray(ticks)) continue;
    const list = ticks
      .slice(0, MAX_TICKS)
      .filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 1);
    seen.add(id);
    out.push([id, list]);
  }
  return out;
}

export function checkPlace(value: unknown): MentionPlace | null {
  if (typeof value !== 'object' || value === null) return null;
  const { index, total } = value as Record<string, unknown>;
  if (!Number.isInteger(index) || !Number.isInteger(total)) return null;
  const [i, n] = [index as number, total as number];
  return i >= 0 && i < n ? { index: i, total: n } : null;
}
