/**
 * Cooperative slicing: work runs in short slices and yields to the page between them, so no task
 * of ours blocks the main thread for long. Busy time is summed for the scan-busy measure.
 */

declare const scheduler: { yield?: () => Promise<void> } | undefined;

/** Longest stretch of work before yielding (ms). Well under the 50 ms long-task threshold. */
export const SLICE_MS = 8;

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Resolves on a fresh task: scheduler.yield() where available, else a MessageChannel message. */
export function yieldToPage(): Promise<void> {
  if (typeof scheduler !== 'undefined' && typeof scheduler.yield === 'function') {
    return scheduler.yield();
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
  private sliceStart = 0;
  private deadline = 0;
  readonly shouldYield = (): boolean => performance.now() >= this.deadline;

  begin(): void {
    this.sliceStart = performance.now();
    this.deadline = this.sliceStart + SLICE_MS;
  }

  end(): void {
    this.busy += performance.now() - this.sliceStart;
  }

  /** Ends the slice, lets the page run, and begins the next slice. */
  async pause(signal: AbortSignal): Promise<void> {
    this.end();
    await yieldToPage();
    if (signal.aborted) throw signal.reason;
    this.begin();
  }
}

/** Resolves when the document is visible (at once if it already is). */
export function whenVisible(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.visibilityState !== 'hidden') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onChange = (): void => {
      if (doc.visibilityState === 'hidden') return;
      doc.removeEventListener('visibilitychange', onChange);
      resolve();
    };
    doc.addEventListener('visibilitychange', onChange, { signal });
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
