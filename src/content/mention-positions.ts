/**
 * Where each entity's mentions are on the page, for the popup's X-Ray strips: one number per
 * mention, its top as a fraction of the page's height, nothing else. The mentions are those the
 * keyboard and the popup go to (painted, in reading order, the rendered ones), so that tick k is
 * the mention "k of n" goes to (Cards.revealMention opens it).
 */
import type { MentionPositions } from '../shared/messages';
import { isRendered, mentionBox, mentionOrder, type PaintedMentions } from './card/mention-order';
import type { Mention } from './mention-store';

/** Ticks at most, per entity and in all (a page of thousands of mentions still answers at once). */
export const MAX_TICKS = 200;
export const MAX_TICKS_IN_ALL = 2000;

/** The entity's mentions the popup goes to, in reading order: the rendered ones (all, if none is). */
export function mentionsOf(doc: Document, painted: PaintedMentions, isOf: (m: Mention) => boolean): Mention[] {
  const same = mentionOrder(painted).filter(isOf);
  const rendered = same.filter((m) => isRendered(doc, m));
  return rendered.length > 0 ? rendered : same;
}

/** Each entity's mentions as fractions of the page's height (4 decimals), in reading order. */
export function mentionPositions(
  doc: Document,
  painted: PaintedMentions,
  entityOf: (m: Mention) => string,
): MentionPositions {
  const view = doc.defaultView;
  const height = Math.max(1, doc.documentElement.scrollHeight);
  const scrollY = view?.scrollY ?? 0;
  const out = new Map<string, number[]>();
  let total = 0;
  for (const m of mentionOrder(painted)) {
    if (total >= MAX_TICKS_IN_ALL) break;
    const id = entityOf(m);
    const list = out.get(id) ?? [];
    if (list.length >= MAX_TICKS) continue;
    const box = mentionBox(doc, m);
    if (!box) continue;
    list.push(Math.round(Math.min(1, Math.max(0, (box.top + scrollY) / height)) * 1e4) / 1e4);
    out.set(id, list);
    total++;
  }
  return [...out];
}
