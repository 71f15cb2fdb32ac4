/**
 * Mentions in reading order, and whether one can be seen: what keyboard navigation walks. Document
 * order across shadow trees (a shadow root's text sits where its host is), cached until the store
 * changes; mentions without a rendered box (hidden with CSS, collapsed) are skipped.
 */
import { isFragment } from '../dom';
import { liveRange, type Mention } from '../mention-store';

/** The painted mentions, and a number that changes whenever they do (paint-filter.ts). */
export interface PaintedMentions {
  readonly version: number;
  painted(): Iterable<Mention>;
}

const cache = new WeakMap<PaintedMentions, { version: number; list: Mention[] }>();

/** The node, or the outermost shadow host that contains it: its place in the document's own tree. */
function lightAnchor(node: Node): Node {
  let n = node;
  for (let root = n.getRootNode(); isFragment(root) && (root as ShadowRoot).host; root = n.getRootNode()) {
    n = (root as ShadowRoot).host;
  }
  return n;
}

function compare(a: Mention, b: Mention): number {
  if (a.start === b.start) return a.startOffset - b.startOffset;
  const pos = a.start.compareDocumentPosition(b.start);
  if (!(pos & 1 /* DISCONNECTED */)) return pos & 4 /* FOLLOWING */ ? -1 : 1;
  // Different trees: order by where their hosts are.
  const ha = lightAnchor(a.start);
  const hb = lightAnchor(b.start);
  if (ha === hb) return 0;
  return ha.compareDocumentPosition(hb) & 4 ? -1 : 1;
}

/** The painted mentions in document order. */
export function mentionOrder(source: PaintedMentions): Mention[] {
  const cached = cache.get(source);
  if (cached && cached.version === source.version) return cached.list;
  const list = [...source.painted()].sort(compare);
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
