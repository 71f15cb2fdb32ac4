/**
 * Finds the blocks of text on screen, so the scanner can paint what the reader sees first.
 */
import { isBlockElement, isExcludedElement, isInExcludedRegion } from './elements';
import { isElement } from '../dom';

/**
 * Whether the page is scrolled, read in a frame callback: reading `scrollY` forces any pending
 * layout, and in a frame callback that is the frame's own layout, due next anyway. Read in a task
 * it forced the page's layout into our first slice (40 ms on a page of inline text with a clock).
 */
export function isScrolled(view: Window): Promise<boolean> {
  const read = (): boolean => view.scrollY !== 0 || view.scrollX !== 0;
  if (typeof view.requestAnimationFrame !== 'function') return Promise.resolve(read());
  return new Promise((resolve) => view.requestAnimationFrame(() => resolve(read())));
}

/**
 * Whether the page may start scrolled: an anchor in its address, or a position the browser restores
 * (a reload, back or forward). A fresh load without one starts at the top, which the first slice of
 * the full pass reads first anyway: it need not wait for a frame to find out.
 */
export function mayBeScrolled(view: Window): boolean {
  try {
    if (view.location.hash.length > 1) return true;
    const nav = view.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav?.type !== 'navigate';
  } catch {
    return true;
  }
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

function nodeAt(doc: CaretDoc, x: number, y: number): Node | null {
  if (doc.caretPositionFromPoint) return doc.caretPositionFromPoint(x, y)?.offsetNode ?? null;
  return doc.caretRangeFromPoint?.(x, y)?.startContainer ?? null;
}

/** The block elements under a grid of points over the viewport. */
export function viewportBlocks(doc: Document, isOwn: (el: Element) => boolean): Element[] {
  const view = doc.defaultView;
  if (!view || !doc.body) return [];
  const width = view.innerWidth;
  const height = view.innerHeight;
  const found = new Set<Element>();
  const COLS = 4;
  const ROWS = 8;
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const node = nodeAt(doc as CaretDoc, ((c + 0.5) * width) / COLS, ((r + 0.5) * height) / ROWS);
      let el: Element | null = node ? (isElement(node) ? node : node.parentElement) : null;
      while (el && !isBlockElement(el)) el = el.parentElement;
      if (!el || el === doc.body || el === doc.documentElement || !doc.body.contains(el)) continue;
      if (isExcludedElement(el, isOwn) || isInExcludedRegion(el, doc.body, isOwn)) continue;
      found.add(el);
    }
  }
  // Nested blocks may both appear; the scanner skips units it has already read.
  return [...found];
}
