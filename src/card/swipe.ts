/**
 * A swipe down on a bottom sheet closes it: a touch that starts while the sheet is at its top
 * (`atTop`) and ends at least SWIPE_PX lower, mostly downwards. Touch events, not pointer events:
 * a pointer is cancelled as soon as the browser starts to scroll, a touch is followed to its end.
 */
const SWIPE_PX = 70;

export function swipeDown(target: HTMLElement, atTop: () => boolean, onSwipe: () => void): void {
  let start: { x: number; y: number } | null = null;
  target.addEventListener(
    'touchstart',
    (e) => {
      const t = e.touches[0];
      start = e.isTrusted && e.touches.length === 1 && t && atTop() ? { x: t.clientX, y: t.clientY } : null;
    },
    { passive: true },
  );
  target.addEventListener(
    'touchend',
    (e) => {
      const t = e.changedTouches[0];
      const from = start;
      start = null;
      if (!from || !t || !e.isTrusted) return;
      const dy = t.clientY - from.y;
      const dx = Math.abs(t.clientX - from.x);
      if (dy >= SWIPE_PX && dy > 2 * dx) onSwipe();
    },
    { passive: true },
  );
  target.addEventListener('touchcancel', () => (start = null), { passive: true });
}
