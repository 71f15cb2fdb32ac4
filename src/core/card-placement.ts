/**
 * Where a card goes relative to its mention, decided from rectangles alone (so it is tested without
 * a layout engine): above or below the mention, on the side that hides less of the paragraph being
 * read, as long as the card fits there; the card never covers the mention itself.
 */

export interface Box {
  top: number;
  bottom: number;
}

export type Side = 'top' | 'bottom';

export interface PlacementInput {
  /** The mention's box (its first line's box when it wraps: the card attaches there). */
  mention: Box;
  /** The box of the block the mention is read in (its paragraph). */
  paragraph: Box;
  /** Viewport height. */
  viewportHeight: number;
  /** The card's natural height, and the gap kept between card and mention. */
  cardHeight: number;
  gap: number;
}

/** Above or below: where the card fits and covers the fewest lines of the paragraph. */
export function preferredSide({ mention, paragraph, viewportHeight, cardHeight, gap }: PlacementInput): Side {
  const need = cardHeight + gap;
  const spaceAbove = mention.top;
  const spaceBelow = viewportHeight - mention.bottom;
  const fitsAbove = spaceAbove >= need;
  const fitsBelow = spaceBelow >= need;
  if (fitsAbove !== fitsBelow) return fitsBelow ? 'bottom' : 'top';
  if (!fitsAbove) return spaceBelow >= spaceAbove ? 'bottom' : 'top';
  // Both fit: the paragraph's text the card would cover on each side (within the viewport).
  const textAbove = Math.max(0, mention.top - Math.max(paragraph.top, 0));
  const textBelow = Math.max(0, Math.min(paragraph.bottom, viewportHeight) - mention.bottom);
  const coverAbove = Math.min(textAbove, need);
  const coverBelow = Math.min(textBelow, need);
  return coverBelow <= coverAbove ? 'bottom' : 'top';
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Whether `p` lies inside the triangle a–b–c (edges included). The safe triangle: from where the
 * pointer left a mention to the near edge of its card, a pointer inside it is on its way to the
 * card, and the card waits for it.
 */
export function inTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const side = (p1: Point, p2: Point, p3: Point): number =>
    (p1.x - p3.x) * (p2.y - p3.y) - (p2.x - p3.x) * (p1.y - p3.y);
  const d1 = side(p, a, b);
  const d2 = side(p, b, c);
  const d3 = side(p, c, a);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

export interface MarginInput {
  /** The text column the mention is read in (its paragraph's box), and the viewport's width. */
  column: { left: number; right: number };
  viewportWidth: number;
  /** The card's width, and the gap kept from the column and the viewport's edge. */
  cardWidth: number;
  gap: number;
  /** The page's direction: the margin after the column in reading order is tried first. */
  dir: 'ltr' | 'rtl';
}

/**
 * The margin beside the text column that has room for the card, where it hides nothing being read:
 * the one after the column in reading order first; null when neither has room (the card then goes
 * above or below the mention, preferredSide).
 */
export function marginSide({ column, viewportWidth, cardWidth, gap, dir }: MarginInput): 'left' | 'right' | null {
  const need = cardWidth + 2 * gap;
  const room = { right: viewportWidth - column.right >= need, left: column.left >= need };
  const order: ('left' | 'right')[] = dir === 'rtl' ? ['left', 'right'] : ['right', 'left'];
  return order.find((side) => room[side]) ?? null;
}
