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

/** Elements whose content is never scanned (see ../shared/contracts.md, "scanned text"). */
const EXCLUDED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'title',
  'iframe', 'noembed', 'noframes',
]);

/** Elements that break text into separate units (HTML block-level elements, <br>, table parts). */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main',
  'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp', 'button', 'img', 'video', 'audio', 'canvas',
  'svg', 'math', 'meter', 'progress',
]);

export interface TextUnit {
  /** The text nodes of the unit, in order. */
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  text: string;
  /** Offsets where one node ends and the next begins: possible word breaks. */
  soft: number[];
}

export interface WalkOptions {
  /** Elements of our own UI; never scanned. */
  isOwn?: (el: Element) => boolean;
  /** Called for each open shadow root found; the walker also reads it unless this returns false. */
  onShadowRoot?: (root: ShadowRoot) => boolean | void;
  /** Called for custom elements without a shadow root (yet): one may be attached when they upgrade. */
  onCustomElement?: (el: Element) => void;
}

/** True if the element's content is never scanned. */
export function isExcludedElement(el: Element, isOwn?: (el: Element) => boolean): boolean {
  if (EXCLUDED.has(el.localName)) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  return isOwn !== undefined && isOwn(el);
}

export function isBlockElement(el: Element): boolean {
  return BLOCKS.has(el.localName);
}

/** True if the node lies inside content that is never scanned (an excluded or editable ancestor). */
export function isInExcludedRegion(node: Node, stopAt: Node | null, isOwn?: (el: Element) => boolean): boolean {
  for (let n: Node | null = node.parentNode; n && n !== stopAt; n = n.parentNode) {
    if (n.nodeType === 1 && isExcludedElement(n as Element, isOwn)) return true;
    if (n.nodeType === 11) {
      const host = (n as ShadowRoot).host;
      if (!host) return false;
      n = host;
      if (isExcludedElement(host, isOwn)) return true;
    }
  }
  return false;
}

const enum_TEXT = 3;
const enum_ELEMENT = 1;

/**
 * Walks the text of `root` (an element, document fragment or shadow root) unit by unit.
 * Call next() until it returns null; it may stop early when `yieldNow()` says the slice is over,
 * returning undefined, and resumes where it stopped on the next call.
 */
export class TextUnitWalker {
  private node: Node | null;
  private readonly roots: Node[] = [];
  private readonly resume: (Node | null)[] = [];
  private nodes: Text[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  private length = 0;
  private pendingUnit: TextUnit | null = null;
  /** Nodes left before the next `yieldNow` check (counted across calls). */
  private budget = 256;

  constructor(
    private root: Node,
    private readonly options: WalkOptions = {},
  ) {
    this.node = root.firstChild;
  }

  /** Finishes the unit in progress; returns it when it holds any non-blank text. */
  private cut(): void {
    if (this.nodes.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    const unit: TextUnit = { nodes: this.nodes, starts: this.starts, text, soft: this.starts.slice(1) };
    this.nodes = [];
    this.parts = [];
    this.starts = [];
    this.length = 0;
    if (/\S/.test(text)) this.pendingUnit = unit;
  }

  /** Moves past `n` (whose subtree is done), cutting units at the blocks it leaves. */
  private advance(n: Node): Node | null {
    let cur: Node = n;
    for (;;) {
      if (cur === this.root) return null;
      const next = cur.nextSibling;
      if (next) return next;
      const parent = cur.parentNode;
      if (!parent || parent === this.root) return null;
      if (parent.nodeType === enum_ELEMENT && BLOCKS.has((parent as Element).localName)) this.cut();
      cur = parent;
    }
  }

  /**
   * The next unit, null when the walk is finished, or undefined when `yieldNow` asked to pause.
   * `yieldNow` is checked every few hundred nodes.
   */
  next(yieldNow?: () => boolean): TextUnit | null | undefined {
    for (;;) {
      if (this.pendingUnit) {
        const u = this.pendingUnit;
        this.pendingUnit = null;
        return u;
      }
      const n = this.node;
      if (!n) {
        this.cut();
        if (this.pendingUnit) continue;
        // Finished this root: return to the tree that contained the shadow root.
        const outer = this.roots.pop();
        if (outer === undefined) return null;
        this.root = outer;
        this.node = this.resume.pop() ?? null;
        continue;
      }
      if (--this.budget === 0) {
        this.budget = 256;
        if (yieldNow && yieldNow()) return undefined;
      }
      const type = n.nodeType;
      if (type === enum_TEXT) {
        const data = (n as Text).data;
        if (data.length > 0) {
          this.nodes.push(n as Text);
          this.starts.push(this.length);
          this.parts.push(data);
          this.length += data.length;
        }
        this.node = this.advance(n);
        continue;
      }
      if (type !== enum_ELEMENT) {
        this.node = this.advance(n);
        continue;
      }
      const el = n as Element;
      if (isExcludedElement(el, this.options.isOwn)) {
        this.node = this.advance(n);
        continue;
      }
      const block = BLOCKS.has(el.localName);
      if (block) this.cut();
      const shadow = el.shadowRoot;
      if (!shadow && this.options.onCustomElement && el.localName.includes('-')) this.options.onCustomElement(el);
      if (shadow && this.options.onShadowRoot?.(shadow) !== false) {
        // Read the shadow tree as its own units, then come back to the light children.
        this.cut();
        this.roots.push(this.root);
        this.resume.push(el.firstChild ?? this.advanceFromLeaf(el, block));
        this.root = shadow;
        this.node = shadow.firstChild;
        continue;
      }
      const first = el.firstChild;
      if (first) {
        this.node = first;
        continue;
      }
      this.node = this.advanceFromLeaf(el, block);
    }
  }

  private advanceFromLeaf(el: Element, block: boolean): Node | null {
    if (block) this.cut();
    return this.advance(el);
  }
}

/** Every unit of `root`, in order (no slicing). */
export function readUnits(root: Node, options?: WalkOptions): TextUnit[] {
  const walker = new TextUnitWalker(root, options);
  const units: TextUnit[] = [];
  for (let u = walker.next(); u; u = walker.next()) units.push(u);
  return units;
}
