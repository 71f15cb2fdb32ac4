/**
 * Notices when a page may have changed between light and dark after it loaded: the system's
 * preference, a class or style on <html> or <body> (a site's dark-mode switch), or a stylesheet
 * added or removed (Dark Reader and its kind). One check per frame at most; the caller compares
 * the page's background, which costs one getComputedStyle (the reader's review, #8: highlights kept
 * the scheme they started with).
 */
export function watchTheme(doc: Document, onChange: () => void, signal: AbortSignal): void {
  const view = doc.defaultView;
  if (!view) return;
  let frame = 0;
  const check = (): void => {
    if (frame || signal.aborted) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      if (!signal.aborted) onChange();
    });
  };
  view.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', check, { signal });
  const observer = new MutationObserver(check);
  const watchRoots = (): void => {
    observer.observe(doc.documentElement, { attributes: true, childList: true });
    if (doc.body) observer.observe(doc.body, { attributes: true });
    if (doc.head) observer.observe(doc.head, { childList: true });
  };
  watchRoots();
  // A body that arrives later (the script ran early) is watched once it is there.
  if (!doc.body) doc.addEventListener('DOMContentLoaded', watchRoots, { once: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame) view.cancelAnimationFrame(frame);
    },
    { once: true },
  );
}
