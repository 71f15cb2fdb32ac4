/**
 * Mentions in reading order, and whether one can be seen: what keyboard navigation walks. Document
 * order across shadow trees (mention-ranges.ts), cached until the store changes; mentions without
 * a rendered box (hidden with CSS, collapsed) are skipped.
 */
import type { Mention } from '../mention-store';
import { documentOrder, liveRange } from '../mention-ranges';

/** The painted mentions, and a number that changes whenever they do (paint-filter.ts). */
export interface PaintedMentions {
  readonly version: number;
  painted(): Iterable<Mention>;
}

const cache = new WeakMap<PaintedMentions, { version: number; list: Mention[] }>();

/** The painted mentions in document order. */
export function mentionOrder(source: PaintedMentions): Mention[] {
  const cached = cache.get(source);
  if (cached && cached.version === source.version) return cached.list;
  const list = [...source.painted()].sort(documentOrder);
  cache.set(source, { version: source.version, list });
  return list;
}

/** The mention's first box on screen (viewport coordinates), or null if it has none. */
export function mentionBox(doc: Document, m: Mention): DOMRect | null {
  const parent = m.start.parentElement;
  if (!parent || !m.start.isConnected) return null;
  const visible = (parent as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (visible && !visible.call(parent, { visibilityProperty: true })) return null;
  const r = liveRange(doc, m);
  if (!r) return null;
  for (const box of r.getClientRects()) if (box.width > 0 && box.height > 0) return box;
  return null;
}

export function isRendered(doc: Document, m: Mention): boolean {
  return mentionBox(doc, m) !== null;
}

/** Scrolls the mention to the upper third of the view (smoothly unless the reader prefers less motion). */
export function scrollToMention(doc: Document, m: Mention): void {
  const view = doc.defaultView;
  if (!view) return;
  // Scroll containers first (the mention's own element, nearest), then the page.
  m.start.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const box = mentionBox(doc, m);
  if (!box) return;
  const height = doc.documentElement.clientHeight;
  if (box.top >= 48 && box.bottom <= height - 48) return;
  const smooth = !view.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  view.scrollBy({ top: box.top - height / 3, behavior: smooth ? 'smooth' : 'auto' });
}
