/**
 * Cooperative slicing: work runs in short slices and yields to the page between them, so no task
 * of ours blocks the main thread for long. Busy time is summed for the scan-busy measure.
 */

import { endSlice } from '../timing';

declare const scheduler:
  | {
      postTask?: (
        task: () => void,
        options: { priority: 'user-blocking' | 'user-visible' | 'background' },
      ) => Promise<void>;
    }
  | undefined;

/** Longest stretch of work before yielding (ms). Well under the 50 ms long-task threshold. */
const SLICE_MS = 8;

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Resolves on a fresh task at normal priority, after the page's own pending tasks and frames have
 * had their turn: scheduler.postTask where available, else a MessageChannel message (no 4 ms
 * clamping, unlike nested timers). Not scheduler.yield(): its continuations jump the queue and
 * starve the page's timers and rendering for the whole scan.
 */
function yieldToPage(priority: 'user-blocking' | 'user-visible' | 'background' = 'user-visible'): Promise<void> {
  if (typeof scheduler !== 'undefined' && typeof scheduler.postTask === 'function') {
    return scheduler.postTask(() => {}, { priority });
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}

/** Keeps time for one piece of sliced work. */
export class Slicer {
  /** Sum of the time spent inside slices (ms). */
  busy = 0;
  /** What the work is (named in the long-slice measure). */
  label = 'scan';
  /** Characters of page text read under this slicer (the scanner counts them). */
  read = 0;
  private sliceStart = 0;
  private deadline = 0;
  readonly shouldYield = (): boolean => performance.now() >= this.deadline;

  /**
   * @param priority the priority of the tasks it continues in (the page's own work goes first with 'background')
   * @param sliceMs the length of a slice (tests use 0 to yield at every chance)
   */
  constructor(
    public priority: 'user-visible' | 'background' = 'user-visible',
    private readonly sliceMs = SLICE_MS,
  ) {}

  begin(): void {
    this.sliceStart = performance.now();
    this.deadline = this.sliceStart + this.sliceMs;
  }

  end(): void {
    this.busy += endSlice(this.sliceStart, this.label);
  }

  /** Lets the current slice run up to `ms` in all (for small work that should not be cut). */
  allow(ms: number): void {
    this.deadline = Math.max(this.deadline, this.sliceStart + ms);
  }

  /** Ends the slice, lets the page run, and begins the next slice. */
  async pause(signal: AbortSignal): Promise<void> {
    this.end();
    await yieldToPage(this.priority);
    if (signal.aborted) throw signal.reason;
    this.begin();
  }
}

/**
 * Resolves in a task of its own, after the page's pending tasks have had their turn (`soon`: before
 * them, in a task of the highest priority).
 */
export function afterNextTask(soon = false): Promise<void> {
  return yieldToPage(soon ? 'user-blocking' : 'user-visible');
}

/**
 * Resolves after the next frame has been rendered (a task after requestAnimationFrame). `soon`: that
 * task goes before the page's queued ones (to time the frame, not the page's work after it).
 */
export function afterNextFrame(soon = false): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => void yieldToPage(soon ? 'user-blocking' : 'user-visible').then(resolve)),
  );
}

/** Resolves when the document is visible (at once if it already is). */
export function whenVisible(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.visibilityState !== 'hidden') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    const onChange = (): void => {
      if (doc.visibilityState === 'hidden') return;
      doc.removeEventListener('visibilitychange', onChange);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    doc.addEventListener('visibilitychange', onChange, { signal });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
