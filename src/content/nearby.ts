/**
 * What is named near a mention on the page, read from the DOM for the context rules
 * (core/page-evidence.ts): entities named by evidence in the mention's own block within
 * LOCAL_WORDS words, in the heading over its block or the block under it when it is a heading
 * (local), and within NEAR_WORDS words before or after it in document order, whatever the blocks
 * (near). The walk goes from the mention outwards over text nodes, counting words as
 * core/text-context.ts does, and looks up the stored mentions of each node it passes.
 *
 * The same walk runs in the content script and, over jsdom, in the scan command: both read the
 * same DOM, so both decide alike however the page was read.
 */
import { LOCAL_WORDS, NEAR_WORDS } from '../core/page-evidence';
import { countWords } from '../core/text-context';
import { SHOW_ELEMENT, SHOW_TEXT, documentOf, isElement, isText } from './dom';
import { EXCLUDED } from './read/elements';

const HEADING = /^h[1-6]$/;
/** Elements without text of their own that may stand between a heading and the block under it. */
const EMPTY = new Set(['br', 'hr', 'img', 'picture', 'svg', 'video', 'audio', 'canvas', 'iframe', 'wbr', 'source']);

function isHeading(n: Node | null): boolean {
  return n !== null && isElement(n) && HEADING.test(n.localName);
}

/**
 * A node that says nothing between two blocks: a comment, blank text, an empty element (an image,
 * a rule, a spacer div) or excluded content. Looks two levels into elements.
 */
function isSilent(n: Node, depth = 0): boolean {
  if (isText(n)) return !/\S/.test(n.data);
  if (!isElement(n)) return true;
  if (EMPTY.has(n.localName) || EXCLUDED.has(n.localName)) return true;
  if (depth >= 2) return false;
  for (let c = n.firstChild; c; c = c.nextSibling) if (!isSilent(c, depth + 1)) return false;
  return true;
}

/** The heading an element is or ends with (its last element, down to three levels): "<div><h2>…</h2></div>". */
function endingHeading(n: Node): Element | null {
  let e: Element | null = isElement(n) ? n : null;
  for (let depth = 0; e && depth < 4; depth++) {
    if (isHeading(e)) return e;
    let last = e.lastChild;
    while (last && isSilent(last)) last = last.previousSibling;
    e = last && isElement(last) ? last : null;
  }
  return null;
}

/**
 * The heading right over a block: the element before it (nothing but silent nodes between) when
 * that is a heading or ends with one ("<div><h2>…</h2></div><ul><li>…"); a block that opens its
 * parent looks at the parent's predecessor ("<h2>…</h2><div><p>…": the first paragraph is under
 * the heading).
 */
export function headingOver(block: Node): Element | null {
  let b: Node | null = block;
  for (let depth = 0; b && depth < 4; depth++) {
    let s = b.previousSibling;
    while (s && isSilent(s)) s = s.previousSibling;
    if (s) return endingHeading(s);
    b = b.parentNode;
    if (!b || !isElement(b) || b.localName === 'body') return null;
  }
  return null;
}

/** Entity sets filled by `readNearby`, reused from call to call. */
export interface NearbySets {
  local: Set<number>;
  near: Set<number>;
}

/** What the walk reads of a stored mention (mention-store.ts's Mention). */
export interface Mention {
  entity: number;
  record: number;
  start: Text;
  end: Text;
  startOffset: number;
  endOffset: number;
  block: Node;
}

export interface NearbySource {
  /** The stored mentions touching a text node. */
  mentionsAt(node: Text): readonly Mention[];
  /** Whether a mention's record counts as naming its entity for other mentions. */
  isEvidence(record: number): boolean;
}

/** Text nodes the walk may read: not inside a script, style or other excluded element. */
function readable(node: Text): boolean {
  const parent = node.parentNode;
  return !(parent && isElement(parent) && EXCLUDED.has(parent.localName));
}

/** Nodes one walk direction may pass, text or not: a page of empty elements cannot hold it long. */
const MAX_NODES = 4096;

/**
 * Fills `out` with what is named near `m` and returns the text nodes the walk passed (a change of
 * evidence in one of them may change the answer). A <br> ends the mention's passage within its
 * block: the lines of a block broken by <br> are passages of their own ("…talks.<br>Iran faces
 * Western sanctions."), near one another but not local.
 */
export function readNearby(m: Mention, source: NearbySource, out: NearbySets): Text[] {
  out.local.clear();
  out.near.clear();
  const passed: Text[] = [m.start];
  if (m.end !== m.start) passed.push(m.end);
  // The heading over the mention's block (a subtitle has its title over it), and the mention's
  // block itself when it is a heading (the block under it is local to it).
  const heading = headingOver(m.block);
  const underHeading = isHeading(m.block) ? m.block : null;
  const headings = new Map<Node, Element | null>();
  const isLocal = (e: Mention, broken: boolean): boolean => {
    if (e.block === m.block) return !broken;
    if (e.block === heading) return true;
    if (underHeading === null) return false;
    let h = headings.get(e.block);
    if (h === undefined) headings.set(e.block, (h = headingOver(e.block)));
    return h === underHeading;
  };
  const note = (e: Mention, words: number, broken: boolean): void => {
    if (e === m || e.entity < 0 || !source.isEvidence(e.record)) return;
    if (words <= LOCAL_WORDS && isLocal(e, broken)) out.local.add(e.entity);
    if (words <= NEAR_WORDS) out.near.add(e.entity);
  };
  /** Whether the walk, past the near window, may still meet local evidence there. */
  const mayBeLocal = (node: Text, broken: boolean): boolean =>
    (!broken && m.block.contains(node)) || (heading !== null && heading.contains(node)) || underHeading !== null;
  const walker = documentOf(m.start).createTreeWalker(m.start.getRootNode(), SHOW_ELEMENT | SHOW_TEXT);

  for (const forward of [true, false]) {
    let node: Text = forward ? m.end : m.start;
    let words = 0;
    let broken = false;
    for (;;) {
      const data = node.data;
      const edge = node === m.end && forward ? m.endOffset : node === m.start && !forward ? m.startOffset : -1;
      for (const e of source.mentionsAt(node)) {
        if (forward && e.start === node && e.startOffset >= Math.max(edge, 0)) {
          note(e, words + countWords(data, Math.max(edge, 0), e.startOffset), broken);
        } else if (!forward && e.end === node && e.endOffset <= (edge < 0 ? data.length : edge)) {
          note(e, words + countWords(data, e.endOffset, edge < 0 ? data.length : edge), broken);
        }
      }
      words += forward
        ? countWords(data, Math.max(edge, 0), data.length, LOCAL_WORDS)
        : countWords(data, 0, edge < 0 ? data.length : edge, LOCAL_WORDS);
      if (words > LOCAL_WORDS) break;
      walker.currentNode = node;
      let next: Text | null = null;
      for (let n = forward ? walker.nextNode() : walker.previousNode(), k = 0; n && k < MAX_NODES; k++) {
        if (isText(n)) {
          if (readable(n)) {
            next = n;
            break;
          }
        } else if ((n as Element).localName === 'br') broken = true;
        n = forward ? walker.nextNode() : walker.previousNode();
      }
      if (!next || (words > NEAR_WORDS && !mayBeLocal(next, broken))) break;
      passed.push(next);
      node = next;
    }
  }
  return passed;
}
