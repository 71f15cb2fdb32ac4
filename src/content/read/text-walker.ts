/**
 * Reads a page's text as "units": runs of inline text between block boundaries, in document order.
 * Inline elements join ("Xi Jin<wbr>ping"); each place where one text node ends and the next begins
 * is recorded as a soft boundary, a possible word break ("…Live</a><a>Russia…"). Blocks, <br> and
 * table cells always separate.
 *
 * The same code runs in the content script and, over jsdom, in the scan command, so both read
 * exactly the same text. The walk is iterative (no recursion limit on deep pages) and resumable,
 * so a huge page can be read across many short slices.
 */

import { BLOCKS, EXCLUDED } from './elements';
import { ShadowRootFinder } from './shadow-roots';
import { SHOW_TEXT, documentOf, isElement, isText } from '../dom';

/**
 * A text node longer than HUGE_TEXT is read as parts of HUGE_PIECE characters, each a unit of its
 * own with HUGE_OVERLAP characters of context on either side. Making one string of it (ten
 * megabytes) cost 60 ms or more in one go in Firefox; parts are read one per slice.
 */
export const HUGE_TEXT = 1 << 20;
export const HUGE_PIECE = 1 << 18;
/** Context on each side of a part: longer than any alias (spaces and invisibles included) and the words name rules look at. */
export const HUGE_OVERLAP = 4096;

export interface TextUnit {
  /** The text nodes of the unit, in order. */
  nodes: Text[];
  /**
   * Offset of each node's first character in `text`. Every one is a possible word break (a soft
   * boundary, see UnitOptions.soft): where one node ends and the next begins, and the start.
   */
  starts: number[];
  text: string;
  /** The block (or root) the unit's text sits in. */
  block: Node;
  /**
   * Set when the unit is one part of a huge text node (its only node): the part's number, and the
   * range of `text` it owns; the rest is context shared with the neighbouring parts, and a hit is
   * the part's own when it starts in `own`.
   */
  part?: { index: number; own: [number, number] };
}

/** A run of children of one block, from `first` to `last`: the inline text between two separators. */
export interface InlineSpan {
  first: Node;
  last: Node;
}

export interface WalkOptions {
  /** Elements of our own UI; never scanned. */
  isOwn?: (el: Element) => boolean;
  /** Called for each open shadow root found; the walker also reads it unless this returns false. */
  onShadowRoot?: (root: ShadowRoot) => boolean | void;
  /** Called for custom elements without a shadow root (yet): one may be attached when they upgrade. */
  onCustomElement?: (el: Element) => void;
}

/** Where an element sits: its nearest block container, and whether its text is excluded. */
interface Place {
  /** The element (or root) this is the place of. */
  node: Node;
  /** The place of its parent (null for the root). */
  up: Place | null;
  block: Node;
  excluded: boolean;
}

/**
 * Walks the text of `root` (an element, document fragment or shadow root) unit by unit.
 * Call next() until it returns null; it may stop early when `yieldNow()` says the slice is over,
 * returning undefined, and resumes where it stopped on the next call.
 *
 * Built on a TreeWalker that shows only text nodes: in a content script every DOM access crosses
 * into the page (Firefox's Xray wrappers, Chromium's per-world wrappers), so the walk touches as
 * few nodes as it can. Each text node's parent is looked up once (cached per element) to learn its
 * block container and whether it is excluded; two neighbouring text nodes in one container are
 * checked for a separating <br> or empty block only when they are not siblings side by side.
 * Open shadow roots met on the way (custom elements among the ancestors of text) are walked after
 * the light tree; `findShadowRoots` finds the others.
 */
export class TextUnitWalker {
  private readonly walker: TreeWalker;
  private readonly places = new Map<Node, Place>();
  private readonly editable: Set<Element>;
  private readonly rootPlace: Place;
  private readonly shadowQueue: ShadowRoot[] = [];
  private inner: TextUnitWalker | null = null;
  private nodes: Text[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  private length = 0;
  private block: Node | null = null;
  /** The last text node added to a unit, and whether it was also the last one read. */
  private last: Text | null = null;
  private lastWasAdded = false;
  /** The place of the last text node read. */
  private lastPlace: Place | null = null;
  private pendingUnit: TextUnit | null = null;
  private done = false;
  /** Nodes left before the next `yieldNow` check (counted across calls). */
  private budget = 256;

  /** A huge text node being read in parts (see next()): where the next part starts, and its number. */
  private huge: { text: Text; at: number; length: number; block: Node; index: number } | null = null;

  /** With a span: its first text node, read before the walker moves on (a TreeWalker cannot start at it). */
  private firstText: Text | null = null;
  /** With a span: the first node after it; the walk ends there. */
  private end: Node | null = null;
  private readonly spanned: boolean;

  /**
   * @param span only the children of `root` from `first` to `last` (an inline run of a long block,
   *   re-read after a change inside it), instead of all of `root`.
   */
  constructor(
    private readonly root: Node,
    private readonly options: WalkOptions = {},
    span?: InlineSpan,
  ) {
    const doc = documentOf(root);
    this.walker = doc.createTreeWalker(root, SHOW_TEXT);
    this.rootPlace = { node: root, up: null, block: root, excluded: false };
    this.editable = new Set();
    const scopes: Node[] = [];
    this.spanned = span !== undefined;
    if (span) {
      for (let n: Node | null = span.first; n; n = n.nextSibling) {
        scopes.push(n);
        if (n === span.last) break;
      }
      this.end = span.last.nextSibling;
      if (isText(span.first)) this.firstText = span.first;
      else this.walker.currentNode = span.first;
    } else scopes.push(root);
    for (const scope of scopes) {
      if (isElement(scope) && scope.matches('[contenteditable]')) this.addEditable(scope);
      const parent = scope as ParentNode;
      if (typeof parent.querySelectorAll === 'function') {
        for (const el of parent.querySelectorAll('[contenteditable]')) this.addEditable(el);
      }
    }
    if (span && this.firstText) this.walker.currentNode = this.firstText;
  }

  /** Whether the unit last returned came from a shadow root met on the way (read after the light tree). */
  get inShadow(): boolean {
    return this.inner !== null;
  }

  private addEditable(el: Element): void {
    if ((el.getAttribute('contenteditable') ?? '').toLowerCase() !== 'false') this.editable.add(el);
  }

  /** The place of an element, computed once per element (climbing only to the first known one). */
  private readonly chain: Element[] = [];

  private placeOf(start: Node): Place {
    const chain = this.chain;
    chain.length = 0;
    let place: Place = this.rootPlace;
    for (let n: Node | null = start; n && n !== this.root; n = n.parentNode) {
      const known = this.places.get(n);
      if (known) {
        place = known;
        break;
      }
      if (!isElement(n)) break;
      chain.push(n as Element);
    }
    // A bounded cache: neighbouring text nodes share ancestors, and a page-sized map of elements
    // would only add to what the garbage collector must keep and trace.
    if (this.places.size > 4096) this.places.clear();
    for (let i = chain.length - 1; i >= 0; i--) {
      const el = chain[i]!;
      const name = el.localName;
      const block = BLOCKS.has(name);
      const excluded =
        place.excluded || EXCLUDED.has(name) || this.editable.has(el) || (this.options.isOwn?.(el) ?? false);
      if (!block && excluded === place.excluded && !name.includes('-')) {
        // An ordinary inline element is where its parent is: no place of its own to allocate
        // (on a page of many small elements those objects were most of the walk's garbage).
        this.places.set(el, place);
        continue;
      }
      place = { node: el, up: place, block: block ? el : place.block, excluded };
      this.places.set(el, place);
      if (!excluded && name.includes('-')) this.noticeHost(el);
    }
    return place;
  }

  private noticeHost(el: Element): void {
    const shadow = el.shadowRoot;
    if (!shadow) this.options.onCustomElement?.(el);
    else if (this.options.onShadowRoot?.(shadow) !== false) this.shadowQueue.push(shadow);
  }

  /**
   * Whether something keeps two neighbouring text nodes of one block apart: an element between
   * them, in document order, that separates (a <br>, an image, an empty block) or whose text is
   * never scanned (a <script>, a <textarea>, an editable region, our own UI), however deeply it is
   * nested. A name never spans one of those, so a painted range never holds text that was not read.
   * Usually only the tags that close `a` and open `b` lie between; `before` is `b`'s previous
   * sibling when it is known.
   */
  private separated(a: Text, b: Text, before: Node | null): boolean {
    if (before === a) return false;
    if (before && isElement(before) && this.isBoundary(before)) return true;
    let n: Node = a;
    let enter = false;
    for (;;) {
      let next = enter ? n.firstChild : null;
      while (!next) {
        if (n === this.root) return false;
        next = n.nextSibling;
        if (!next) {
          const up = n.parentNode;
          if (!up) return false;
          n = up;
        }
      }
      n = next;
      if (n === b) return false;
      enter = isElement(n);
      if (enter && this.isBoundary(n as Element)) return true;
    }
  }

  /** An element no unit spans: a separator, or one whose text is never scanned. */
  private isBoundary(el: Element): boolean {
    const name = el.localName;
    return BLOCKS.has(name) || EXCLUDED.has(name) || this.editable.has(el) || (this.options.isOwn?.(el) ?? false);
  }

  /**
   * If the page removed the node the walk stopped at (between calls, the page runs), the walker
   * would wander off in the detached subtree and end early. Start again from the root instead,
   * dropping the unit in progress; units already read are skipped by the caller.
   */
  private recoverIfDetached(): void {
    const at = this.walker.currentNode;
    if (this.done || at === this.root || at.isConnected || !this.root.isConnected) return;
    if (this.spanned) {
      // A span that changed under the walk: the change brings its own rescan.
      this.done = true;
      this.pendingUnit = null;
      return;
    }
    this.walker.currentNode = this.root;
    this.nodes = [];
    this.parts = [];
    this.starts = [];
    this.length = 0;
    this.block = null;
    this.last = null;
    this.lastWasAdded = false;
    this.lastPlace = null;
    this.pendingUnit = null;
    this.huge = null;
    this.places.clear();
  }

  /** Finishes the unit in progress; keeps it when it holds any non-blank text. */
  private cut(): void {
    this.last = null;
    if (this.nodes.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    const unit: TextUnit = { nodes: this.nodes, starts: this.starts, text, block: this.block ?? this.root };
    this.nodes = [];
    this.parts = [];
    this.starts = [];
    this.length = 0;
    if (/\S/.test(text)) this.pendingUnit = unit;
  }

  /**
   * The next unit, null when the walk is finished, or undefined when `yieldNow` asked to pause.
   * `yieldNow` is checked every few hundred text nodes.
   */
  next(yieldNow?: () => boolean): TextUnit | null | undefined {
    this.recoverIfDetached();
    for (;;) {
      if (this.pendingUnit) {
        const u = this.pendingUnit;
        this.pendingUnit = null;
        return u;
      }
      if (this.huge) {
        // A text node of megabytes, one part per call.
        const h = this.huge;
        const from = Math.max(0, h.at - HUGE_OVERLAP);
        const end = Math.min(h.length, h.at + HUGE_PIECE);
        const data = h.text.substringData(from, Math.min(h.length, end + HUGE_OVERLAP) - from);
        const unit: TextUnit = {
          nodes: [h.text],
          starts: [-from],
          text: data,
          block: h.block,
          part: { index: h.index++, own: [h.at - from, end - from] },
        };
        h.at = end;
        if (h.at >= h.length) this.huge = null;
        if (/\S/.test(data) || unit.part!.index === 0) return unit;
        if (yieldNow && yieldNow()) return undefined;
        continue;
      }
      if (this.done) {
        // The light tree is read: now the shadow roots met on the way, each as its own walk.
        if (this.inner) {
          const u = this.inner.next(yieldNow);
          if (u !== null) return u;
          this.inner = null;
        }
        const shadow = this.shadowQueue.shift();
        if (!shadow) return null;
        this.inner = new TextUnitWalker(shadow, this.options);
        continue;
      }
      if (--this.budget === 0) {
        this.budget = 256;
        if (yieldNow && yieldNow()) return undefined;
      }
      let text: Text | null;
      if (this.firstText) {
        text = this.firstText;
        this.firstText = null;
      } else {
        text = this.walker.nextNode() as Text | null;
      }
      // A span ends where the node after it begins.
      if (text && this.end && (this.end === text || (this.end.compareDocumentPosition(text) & 0x14) !== 0)) text = null;
      if (!text) {
        this.cut();
        this.done = true;
        continue;
      }
      // Where the text sits, touching as few nodes as possible (each touch crosses into the page):
      // text right after the last one, or right after the inline element that held the last one,
      // needs no lookup of its parent.
      const last = this.lastWasAdded ? this.last : null;
      const prev = last ? text.previousSibling : undefined;
      let place: Place;
      let cut: boolean | undefined;
      if (last && prev === last) {
        place = this.lastPlace!;
        cut = false;
      } else if (last && prev && prev === this.lastPlace!.node && this.lastPlace!.up) {
        // The last text was inside `prev` (a custom element): only what follows it there can separate them.
        place = this.lastPlace!.up;
      } else {
        const parent = text.parentNode;
        place = !parent ? this.rootPlace : parent === this.lastPlace?.node ? this.lastPlace : this.placeOf(parent);
      }
      this.lastPlace = place;
      this.lastWasAdded = false;
      if (place.excluded) continue;
      const length = text.length;
      if (length === 0) continue;
      if (length > HUGE_TEXT) {
        // Read on its own: a name cannot begin in the text before it and end inside it.
        this.cut();
        this.huge = { text, at: 0, length, block: place.block, index: 0 };
        continue;
      }
      this.add(text, text.data, place, cut, prev);
    }
  }

  /** Adds a text node's text to the unit in progress (cutting the unit first where something separates them). */
  private add(text: Text, data: string, place: Place, cut: boolean | undefined, prev: Node | null | undefined): void {
    if (place.block !== this.block) {
      this.cut();
      this.block = place.block;
    } else if (this.last) {
      if (cut === undefined) cut = this.separated(this.last, text, prev === undefined ? text.previousSibling : prev);
      if (cut) this.cut();
    }
    this.nodes.push(text);
    this.starts.push(this.length);
    this.parts.push(data);
    this.length += data.length;
    this.last = text;
    this.lastWasAdded = true;
  }
}

/**
 * Every unit of `root` (no slicing): the light tree in document order, then the text of every
 * open shadow root under it (each after the units of the tree it belongs to).
 */
export function readUnits(root: Node, options: WalkOptions = {}): TextUnit[] {
  const units: TextUnit[] = [];
  const seen = new Set<ShadowRoot>();
  const walk = (r: Node): void => {
    const found: ShadowRoot[] = [];
    const walker = new TextUnitWalker(r, {
      ...options,
      // Every root is walked below, once, whether met through an ancestor of text or not.
      onShadowRoot: (shadow) => {
        if (options.onShadowRoot?.(shadow) === false || seen.has(shadow)) return false;
        seen.add(shadow);
        found.push(shadow);
        return false;
      },
    });
    for (let u = walker.next(); u; u = walker.next()) units.push(u);
    const finder = new ShadowRootFinder(r);
    for (let shadow = finder.next(); shadow; shadow = finder.next()) {
      if (!seen.has(shadow) && options.onShadowRoot?.(shadow) !== false) {
        seen.add(shadow);
        found.push(shadow);
      }
    }
    for (const shadow of found) walk(shadow);
  };
  walk(root);
  return units;
}
