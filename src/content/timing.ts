/**
 * The timing marks and measures (docs/architecture.md, "Interfaces others rely on"). A mark made in
 * a content script is visible to the page, which is how tests and the benchmark read them, and why
 * only a measurement build makes them (`MARKS=1 npm run build`): their constant names would tell
 * every page that the extension is there and how long its work takes (security review F10).
 */
const PREFIX = 'contextual-highlights:';

/** Set by the build: true only in a measurement build. */
declare const __MARKS__: boolean;

function safely(f: () => void): void {
  if (!__MARKS__) return;
  try {
    f();
  } catch {
    // A page that replaced `performance` must not break scanning.
  }
}

export function markFirstPaint(): void {
  safely(() => performance.mark(`${PREFIX}first-paint`));
}

/** The highlight styles were put in at document start (early.js), before the page was laid out. */
export function markStylesEarly(): void {
  safely(() => performance.mark(`${PREFIX}styles-early`));
}

/** After the first full scan: wall time, busy time, then the ready mark. */
export function markScanDone(start: number, busy: number): void {
  safely(() => {
    performance.measure(`${PREFIX}scan`, { start, end: performance.now() });
    performance.measure(`${PREFIX}scan-busy`, { start, duration: busy });
    performance.mark(`${PREFIX}ready`);
  });
}

/**
 * After each incremental rescan: its wall time, and as its detail the number of characters of text
 * it read (a number: an object made here would be out of the page's reach in Firefox).
 */
export function markRescan(start: number, chars: number): void {
  safely(() => performance.measure(`${PREFIX}rescan`, { start, end: performance.now(), detail: chars }));
}

/** Work of ours that runs longer than this in one task is measured as a long slice. */
export const LONG_SLICE_MS = 20;

/** Ends a piece of work begun at `start` (performance.now()): measured if it ran long. */
export function endSlice(start: number, label: string): number {
  const took = performance.now() - start;
  if (took > LONG_SLICE_MS) markLongSlice(start, took, label);
  return took;
}

/** A slice of our work that ran long (over LONG_SLICE_MS), so tests and the benchmark can see it. */
export function markLongSlice(start: number, duration: number, label: string): void {
  safely(() => performance.measure(`${PREFIX}long-slice`, { start, duration, detail: label }));
}
