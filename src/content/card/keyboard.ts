/**
 * The keyboard's part in cards: which mention the next and previous commands go to, and when Enter
 * moves into the open card (a card a shortcut opened, and only while no control of the page has
 * focus: otherwise Enter is the page's).
 */
import type { Mention } from '../mention-store';
import { isRendered, mentionBox } from './mention-order';

/** Whether one of the page's own controls (a link, a field, anything focusable) has focus. */
export function pageControlFocused(doc: Document): boolean {
  const active = doc.activeElement;
  if (!active || active === doc.body || active === doc.documentElement) return false;
  return (
    (active as HTMLElement).isContentEditable ||
    active.matches('a[href], button, input, select, textarea, summary, [tabindex], [role="button"], [role="link"]')
  );
}

/** Whether a key moves focus into the open card: Enter, for a card a shortcut opened, with no page control focused. */
export function entersCard(
  doc: Document,
  key: string,
  card: { openedByKeyboard: boolean; hasFocus: boolean },
): boolean {
  return key === 'Enter' && card.openedByKeyboard && !card.hasFocus && !pageControlFocused(doc);
}

/**
 * The rendered mention after (1) or before (-1) `current` in `list` (document order); without a
 * current one, the first from the screen's top (or the last above its bottom).
 */
export function neighbour(
  doc: Document,
  list: readonly Mention[],
  current: Mention | null,
  delta: 1 | -1,
): Mention | null {
  const at = current ? list.indexOf(current) : -1;
  if (at >= 0) {
    for (let i = at + delta; i >= 0 && i < list.length; i += delta) if (isRendered(doc, list[i]!)) return list[i]!;
    return null;
  }
  const height = doc.documentElement.clientHeight;
  for (let k = 0; k < list.length; k++) {
    const m = list[delta > 0 ? k : list.length - 1 - k]!;
    const box = mentionBox(doc, m);
    if (box && (delta > 0 ? box.top >= 0 : box.bottom <= height)) return m;
  }
  return null;
}

/** The next (1) or previous (-1) of `same` (one entity's rendered mentions) after `current`, round; its first when `current` is none of them. */
export function stepWithin<M>(same: readonly M[], current: M | null, delta: 1 | -1): M | null {
  if (same.length === 0) return null;
  const at = current ? same.indexOf(current) : -1;
  return at < 0 ? same[0]! : same[(at + delta + same.length) % same.length]!;
}
