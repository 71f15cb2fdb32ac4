/**
 * A swipe down on a bottom sheet closes it: a finger that goes down while the sheet is at its top
 * (`atTop`) and lifts at least SWIPE_PX lower, mostly downwards. Touch events, not pointer events:
 * a pointer is cancelled as soon as the browser starts to scroll, a touch is followed to its end.
 * The finger is followed by its identifier (another finger may be down, or be reported still down).
 */
const SWIPE_PX = 70;

export function swipeDown(target: HTMLElement, atTop: () => boolean, onSwipe: () => void): void {
  let start: { id: number; x: number; y: number } | null = null;
  target.addEventListener(
    'touchstart',
    (e) => {
      const t = e.changedTouches[0];
      start = e.isTrusted && t && atTop() ? { id: t.identifier, x: t.clientX, y: t.clientY } : null;
    },
    { passive: true },
  );
  target.addEventListener(
    'touchend',
    (e) => {
      const from = start;
      const t = from ? [...e.changedTouches].find((c) => c.identifier === from.id) : undefined;
      if (!from || !t || !e.isTrusted) return;
      start = null;
      const dy = t.clientY - from.y;
      const dx = Math.abs(t.clientX - from.x);
      if (dy >= SWIPE_PX && dy > 2 * dx) onSwipe();
    },
    { passive: true },
  );
  target.addEventListener('touchcancel', () => (start = null), { passive: true });
}
