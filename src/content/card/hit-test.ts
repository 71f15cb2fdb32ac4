/**
 * Which shown mention lies under a point of the viewport, without touching the page's DOM:
 * CSS.highlights.highlightsFromPoint where the browser has it (either shape it returns: hit results
 * with their ranges, as the specification has it now, or bare Highlight objects, as it first did),
 * else the caret position at the point and our own index of mentions by text node. Whichever
 * answers, a mention is trusted only if one of its client rects holds the point: the browser's
 * answer can be wrong (Chromium's emulated pixel ratios name a range elsewhere, UX review #21).
 */
import { isText } from '../dom';
import type { Mention, MentionStore } from '../mention-store';
import { rangeOf } from '../mention-ranges';

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** What highlightsFromPoint returns: hit results now, Highlight objects in its first form. */
type HitEntry = { highlight: Highlight; ranges: AbstractRange[] } | Highlight;
type PointRegistry = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number, options?: { shadowRoots: ShadowRoot[] }) => HitEntry[];
};

export interface HitTestOptions {
  doc: Document;
  store: MentionStore;
  /** The open shadow roots we paint in. */
  shadowRoots: () => ShadowRoot[];
  /** Defaults to CSS.highlights. */
  registry?: HighlightRegistry;
}

/** Whether a point lies on one of a range's boxes (a pixel of slack for sub-pixel edges). */
export function rangeContainsPoint(doc: Document, r: AbstractRange, x: number, y: number): boolean {
  const live = doc.createRange();
  try {
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
  } catch {
    // The range's nodes changed under it (the page edited its text): it is under no point.
    return false;
  }
  for (const rect of live.getClientRects()) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  }
  return false;
}

export class HitTester {
  private readonly doc: Document;
  private readonly store: MentionStore;
  private readonly shadowRoots: () => ShadowRoot[];
  private readonly registry: PointRegistry;
  /** Mentions by the range we painted them with (ranges are made once per mention). */
  private readonly byRange = new WeakMap<AbstractRange, Mention>();

  constructor(options: HitTestOptions) {
    this.doc = options.doc;
    this.store = options.store;
    this.shadowRoots = options.shadowRoots;
    this.registry = (options.registry ?? CSS.highlights) as PointRegistry;
  }

  /** The painted mention under a viewport point, if any. */
  mentionAt(x: number, y: number): Mention | null {
    const registry = this.registry;
    if (typeof registry.highlightsFromPoint === 'function') {
      let hits: HitEntry[];
      try {
        hits = registry.highlightsFromPoint(x, y, { shadowRoots: this.shadowRoots() });
      } catch {
        // A browser that refuses the options (or the point): fall back to caret positions.
        return this.byCaret(x, y);
      }
      let unsure = false;
      for (const hit of hits) {
        if ('ranges' in hit && Array.isArray(hit.ranges)) {
          for (const range of hit.ranges) {
            const m = this.byPaintedRange(range);
            if (!m?.painted) continue;
            if (rangeContainsPoint(this.doc, range, x, y)) return m;
            // A range away from the point: the browser's hit test is off here; ask the caret.
            unsure = true;
          }
        } else unsure = true;
      }
      // Highlights without their ranges say only that something is here: find which mention.
      return unsure ? this.byCaret(x, y) : null;
    }
    return this.byCaret(x, y);
  }

  /**
   * Whether a card may open for `m` at `at`: never over another element (an overlay, a form field),
   * nor while text is selected.
   */
  mayOpenAt(m: Mention, at: { x: number; y: number }): boolean {
    const doc = this.doc;
    const selection = doc.getSelection();
    if (selection && !selection.isCollapsed) return false;
    const top = doc.elementFromPoint(at.x, at.y);
    const parent = m.start.parentNode;
    if (!top || !parent) return false;
    // In a shadow tree the document sees the host at that point.
    const root = m.start.getRootNode();
    const reachable = root instanceof ShadowRoot ? root.host : parent;
    if (!(top === reachable || top.contains(reachable) || reachable.contains(top))) return false;
    return !(top as HTMLElement).isContentEditable && !top.closest('input, textarea, select');
  }

  private byPaintedRange(range: AbstractRange): Mention | undefined {
    const cached = this.byRange.get(range);
    if (cached && this.store.has(cached)) return cached;
    const start = range.startContainer;
    if (!isText(start)) return undefined;
    for (const m of this.store.mentionsAt(start)) {
      if (m.range === range) {
        this.byRange.set(range, m);
        return m;
      }
    }
    return undefined;
  }

  private byCaret(x: number, y: number): Mention | null {
    const doc = this.doc as CaretDocument;
    let node: Node | null = null;
    if (typeof doc.caretPositionFromPoint === 'function') {
      node = doc.caretPositionFromPoint(x, y)?.offsetNode ?? null;
    } else if (typeof doc.caretRangeFromPoint === 'function') {
      node = doc.caretRangeFromPoint(x, y)?.startContainer ?? null;
    }
    if (!node || !isText(node)) return null;
    for (const m of this.store.mentionsAt(node)) {
      if (m.painted && rangeContainsPoint(this.doc, rangeOf(m), x, y)) return m;
    }
    return null;
  }
}
