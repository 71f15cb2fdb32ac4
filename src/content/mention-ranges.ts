/**
 * Ranges over mentions, shared by painting and cards: a mention's StaticRange (made once, when it
 * is first painted or hit-tested), a live Range to measure it, and document order across shadow
 * trees (a shadow root's text sits where its host is).
 */
import { isFragment } from './dom';
import { liveRange, type Mention } from './mention-store';

export { liveRange };

/** The range of a mention, made when it is first needed (painting or hit-testing). */
export function rangeOf(m: Mention): StaticRange {
  if (!m.range) {
    m.range = new StaticRange({
      startContainer: m.start,
      startOffset: m.startOffset,
      endContainer: m.end,
      endOffset: m.endOffset,
    });
  }
  return m.range;
}

/** The node, or the outermost shadow host that contains it: its place in the document's own tree. */
function lightAnchor(node: Node): Node {
  let n = node;
  for (let root = n.getRootNode(); isFragment(root) && (root as ShadowRoot).host; root = n.getRootNode()) {
    n = (root as ShadowRoot).host;
  }
  return n;
}

/** Compares two mentions by where they start in the document (negative: `a` first). */
export function documentOrder(a: Mention, b: Mention): number {
  if (a.start === b.start) return a.startOffset - b.startOffset;
  const pos = a.start.compareDocumentPosition(b.start);
  if (!(pos & 1 /* DISCONNECTED */)) return pos & 4 /* FOLLOWING */ ? -1 : 1;
  // Different trees: order by where their hosts are.
  const ha = lightAnchor(a.start);
  const hb = lightAnchor(b.start);
  if (ha === hb) return 0;
  return ha.compareDocumentPosition(hb) & 4 ? -1 : 1;
}
