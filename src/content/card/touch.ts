/**
 * Touch and presses: a tap (a finger lifted) on a mention opens its card, unless the mention sits in
 * a link (a tap follows the link; the card, opened otherwise, offers it too); a press anywhere but
 * the card, its own mention or a pinned card closes it. Taps and swipes inside the card never reach
 * the page (its frame takes them), and the frame tells nothing of a finger's comings and goings.
 */

/** Whether lifting a finger over `m` (the mention there, or null) opens its card. */
export function tapOpens(m: { start: Node } | null): boolean {
  return m !== null && !m.start.parentElement?.closest('a[href]');
}

/** Whether a press (mouse or finger) outside the card on `pressed` (a mention or null) closes it. */
export function pressCloses<M>(pressed: M | null, current: M | null, pinned: boolean): boolean {
  return !pinned && pressed !== current;
}
