/**
 * One measured run = one fresh page (new tab, page load). Baselines run in a browser without the
 * extension, timed inside the page; the extension's figures are read from the performance timeline
 * of a page loaded in a browser with it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launch, type BrowserKind } from '../scripts/lib/browsers';
import {
  attributeChromiumTrace,
  attributeGeckoProfile,
  contentScriptStart,
  geckoProfilerEnv,
  readGeckoProfile,
  startTrace,
  stopTrace,
  type AttributedRun,
} from './attribution';
import {
  elementFloorWork,
  floorWork,
  instrumentScript,
  markJsWork,
  paintedPerAppended,
  readOurs,
  readTiming,
  regexHighlightWork,
  regexWrapWork,
  type InstrumentOptions,
  type LoafFrame,
  type OursTimeline,
  type WorkResult,
} from './baselines';

export type BaselineMethod =
  'floor' | 'floorIsolated' | 'floorElements' | 'markRegExp' | 'markKeywords' | 'regexHighlight' | 'regexWrap';

export interface Ctx {
  kind: BrowserKind;
  browser: Browser;
  /** mark.js source, injected with page.addScriptTag({content}). */
  markJs: string;
  /** The alias regex (word-bounded alternation) and the keyword list. */
  regex: { source: string; flags: string };
  keywords: string[];
  /** Page-load timeout (ms). */
  timeout: number;
}

/** A context for loads of our extension alone (no baseline to inject): the A/B and packs benches. */
export function oursOnly(kind: BrowserKind, browser: Browser, timeout = 180_000): Ctx {
  return { kind, browser, markJs: '', regex: { source: '', flags: '' }, keywords: [], timeout };
}

export interface BaselineSample {
  /** The work itself (ms). */
  work: number;
  /** From the start of the work to the task after the next frame (ms). */
  toFrame: number;
  /** Longest task overlapping the work (ms); 0 = none of 50 ms or more (Chromium). */
  longest: number;
  matches: number;
  mutations: number;
  /** JS heap of the loaded page before the work, after GC (bytes; Chromium only). */
  heapBefore?: number;
  /** JS heap the work left behind, after GC (bytes; Chromium only). */
  heapAdded?: number;
  embedderBefore?: number;
  /** Blink (Oilpan) heap the work left behind (bytes; Chromium only). */
  embedderAdded?: number;
  /**
   * Firefox floor runs: the page's 5 ms timer ticks in the 4 s after DOMContentLoaded, in ms from
   * it, with no extension: the page's own gaps in the window where ours scans.
   */
  quietTicks?: number[];
}

/** How long a page waits at document idle before the floor's work, so its quiet timer gaps are on record. */
const QUIET_MS = 4000;

export interface OursSample {
  busy: number;
  wall: number;
  firstPaint: number;
  ready: number;
  toFrame: number;
  longest: number;
  painted: number;
  mutations: number;
  /** Largest gap of the page's 5 ms timer between script start and the frame after ready (ms). */
  timerGap: number;
  heap?: number;
  embedder?: number;
  /** All long tasks (or timer gaps ≥ 50 ms) in the run's window: [start − scan start, duration]. */
  tasks: [number, number][];
  /** Chromium: the long animation frames overlapping the window, start relative to the scan's start. */
  frames?: FrameSample[];
}

/** A long animation frame overlapping the scan window (Chromium), in ms. */
export interface FrameSample {
  /** From the content script's start. */
  start: number;
  duration: number;
  blocking: number;
  /** The frame's rendering (rAF callbacks, style, layout, paint): 0 for a long task that rendered nothing. */
  render: number;
  /** Of which style and layout. */
  styleLayout: number;
  /** The page's scripts the browser listed in it (it never lists an extension's). */
  pageScripts: number;
}

/** The long animation frames of a page's timeline overlapping [from, to], relative to `from`. */
export function framesIn(loaf: LoafFrame[], from: number, to: number): FrameSample[] {
  return loaf
    .filter((f) => f.start < to && f.start + f.duration > from)
    .map((f) => {
      const end = f.start + f.duration;
      return {
        start: f.start - from,
        duration: f.duration,
        blocking: f.blocking,
        render: f.renderStart > 0 ? end - f.renderStart : 0,
        styleLayout: f.styleStart > 0 ? end - f.styleStart : 0,
        pageScripts: f.scripts.reduce((s, x) => s + x.duration, 0),
      };
    });
}

export interface AppendSample {
  /** Per appended paragraph: insertion → end of the rescan that covered it, and → next frame. */
  toRescan: number[];
  toFrame: number[];
  painted: Record<string, number>;
  longest: number;
  /** Mutation records beyond the page's own appends. */
  mutations: number;
}

/**
 * The 5 ms timer runs in both browsers: in Firefox it is the long-task measure; in Chromium it
 * shows in addition how long the page's own timers had to wait (scheduler.yield() continuations
 * run before timers, so slicing alone does not let them in).
 */
function instrumentFor(kind: BrowserKind, ours: boolean, frames = false): InstrumentOptions {
  return { longtask: kind === 'chromium', loaf: kind === 'chromium', ticks: true, ours, frames };
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

async function openPage(ctx: Ctx, url: string, opts: InstrumentOptions): Promise<Page> {
  const page = await ctx.browser.newPage();
  await page.evaluateOnNewDocument(instrumentScript(opts));
  await page.goto(url, { waitUntil: 'load', timeout: ctx.timeout });
  return page;
}

/** Two frames and a quiet moment, so the page's own first layout and paint are done. */
async function settle(page: Page, ms = 250): Promise<void> {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await sleep(ms);
}

/** Chromium: used JS heap (and Blink's own heap) after full garbage collections. */
async function heapAfterGc(page: Page): Promise<{ used: number; embedder: number } | undefined> {
  const session = await page.createCDPSession();
  try {
    await page.evaluate(() => {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
    });
    await session.send('HeapProfiler.collectGarbage');
    const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
    return { used: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? NaN };
  } finally {
    // Best effort: the page (or DevTools session) may already be gone after a failed run.
    await session.detach().catch(() => {});
  }
}

/** Longest task overlapping [from, to]: long-task entries (Chromium) or the largest timer gap (Firefox). */
export function longestIn(
  kind: BrowserKind,
  t: { longtasks: [number, number][]; ticks: number[] },
  from: number,
  to: number,
): { longest: number; tasks: [number, number][] } {
  const tasks: [number, number][] = [];
  if (kind === 'chromium') {
    for (const [s, d] of t.longtasks) if (s < to && s + d > from) tasks.push([s, d]);
  } else {
    // Only the part of a gap inside the window: a gap that began while the page was still being
    // parsed and laid out, before the content script started (up to 700 ms on 1 MB), is the page's.
    for (let i = 1; i < t.ticks.length; i++) {
      const a = Math.max(t.ticks[i - 1]!, from);
      const b = t.ticks[i]!;
      if (a < to && b > from) tasks.push([a, b - a]);
    }
  }
  const longest = tasks.reduce((m, [, d]) => Math.max(m, d), 0);
  return { longest, tasks: tasks.filter(([, d]) => d >= 50) };
}

/** Runs `fn` in a new isolated world of the page's main frame (DevTools protocol). */
async function evaluateIsolated<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  const session = await page.createCDPSession();
  try {
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'bench-floor',
    });
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      // tsx may wrap functions in __name(); define it in that world too.
      expression: `globalThis.__name = globalThis.__name || ((f) => f); (${fn.toString()})()`,
      contextId: executionContextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(`isolated world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  } finally {
    // Best effort: the page (or DevTools session) may already be gone after a failed run.
    await session.detach().catch(() => {});
  }
}

/** One baseline run on a fresh page without the extension. */
export async function runBaseline(ctx: Ctx, method: BaselineMethod, url: string): Promise<BaselineSample> {
  const page = await openPage(ctx, url, instrumentFor(ctx.kind, false));
  try {
    if (method === 'markRegExp' || method === 'markKeywords') await page.addScriptTag({ content: ctx.markJs });
    await settle(page);
    let quietTicks: number[] | undefined;
    if (ctx.kind === 'firefox' && method === 'floor') {
      const dcl = await page.evaluate(async (quietMs) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const at = nav.domContentLoadedEventEnd;
        await new Promise((ok) => setTimeout(ok, Math.max(0, at + quietMs - performance.now())));
        return at;
      }, QUIET_MS);
      const { ticks } = await page.evaluate(readTiming);
      quietTicks = ticks.filter((t) => t >= dcl && t <= dcl + QUIET_MS).map((t) => t - dcl);
    }
    const before = ctx.kind === 'chromium' ? await heapAfterGc(page) : undefined;
    let r: WorkResult;
    const { source, flags } = ctx.regex;
    switch (method) {
      case 'floor':
      case 'floorIsolated':
      case 'floorElements': {
        type B = { __bench: { begin(): void; countMutations(): number } };
        await page.evaluate(() => (window as unknown as B).__bench.begin());
        r =
          method === 'floor'
            ? await page.evaluate(floorWork)
            : await evaluateIsolated(page, method === 'floorIsolated' ? floorWork : elementFloorWork);
        r.mutations = await page.evaluate(() => (window as unknown as B).__bench.countMutations());
        break;
      }
      case 'markRegExp':
        r = await page.evaluate(markJsWork, { source, flags });
        break;
      case 'markKeywords':
        r = await page.evaluate(markJsWork, { keywords: ctx.keywords });
        break;
      case 'regexHighlight':
        r = await page.evaluate(regexHighlightWork, source, flags);
        break;
      case 'regexWrap':
        r = await page.evaluate(regexWrapWork, source, flags);
        break;
    }
    await sleep(150); // long-task entries and timer ticks arrive after the task ends
    const { longest } = longestIn(ctx.kind, await page.evaluate(readTiming), r.t0, r.t2);
    const after = before ? await heapAfterGc(page) : undefined;
    return {
      work: r.t1 - r.t0,
      toFrame: r.t2 - r.t0,
      longest,
      matches: r.matches,
      mutations: r.mutations,
      heapBefore: before?.used,
      embedderBefore: before?.embedder,
      heapAdded: before && after ? after.used - before.used : undefined,
      embedderAdded: before && after ? after.embedder - before.embedder : undefined,
      ...(quietTicks ? { quietTicks } : {}),
    };
  } finally {
    // Best effort: the page (or DevTools session) may already be gone after a failed run.
    await page.close().catch(() => {});
  }
}

async function waitReady(page: Page, timeout: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      page.evaluate(() => (window as unknown as { __bench: { readyPromise: Promise<number> } }).__bench.readyPromise),
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no contextual-highlights:ready within ${timeout} ms`)), timeout);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One run of the extension on a fresh page: its marks, its tasks, what it painted and changed. */
export async function runOurs(ctx: Ctx, url: string): Promise<OursSample> {
  const page = await openPage(ctx, url, instrumentFor(ctx.kind, true));
  try {
    await waitReady(page, ctx.timeout);
    await sleep(300);
    const o: OursTimeline = await page.evaluate(readOurs);
    const { longest, tasks } = longestIn(ctx.kind, o, o.scanStart, o.readyFrame);
    const timerGap = longestIn('firefox', o, o.scanStart, o.readyFrame).longest;
    const heap = ctx.kind === 'chromium' ? await heapAfterGc(page) : undefined;
    return {
      busy: o.busy,
      wall: o.scanWall,
      firstPaint: o.firstPaint - o.scanStart,
      ready: o.ready - o.scanStart,
      toFrame: o.readyFrame - o.scanStart,
      longest,
      painted: o.painted,
      mutations: o.mutations,
      timerGap,
      heap: heap?.used,
      embedder: heap?.embedder,
      tasks: tasks.map(([s, d]) => [s - o.scanStart, d]),
      ...(ctx.kind === 'chromium' ? { frames: framesIn(o.loaf, o.scanStart, o.readyFrame) } : {}),
    };
  } finally {
    // Best effort: the page (or DevTools session) may already be gone after a failed run.
    await page.close().catch(() => {});
  }
}

/** The appending page: per paragraph, insertion → covering rescan's end, and → the next frame. */
export async function runAppending(ctx: Ctx, url: string, count: number): Promise<AppendSample> {
  const page = await openPage(ctx, url, instrumentFor(ctx.kind, true, true));
  try {
    await waitReady(page, ctx.timeout);
    await page.waitForFunction(() => (window as unknown as { __appendDone?: boolean }).__appendDone === true, {
      timeout: ctx.timeout,
      polling: 200,
    });
    await sleep(400);
    const o = await page.evaluate(readOurs);
    const painted = await page.evaluate(paintedPerAppended);
    await page.evaluate(() => {
      (window as unknown as { __bench: { stopFrames: boolean } }).__bench.stopFrames = true;
    });
    const marks = new Map(o.marks);
    const toRescan: number[] = [];
    const toFrame: number[] = [];
    const rescans = [...o.rescans].sort((a, b) => a[0] - b[0]);
    let first = Infinity;
    let last = 0;
    for (let n = 0; n < count; n++) {
      const at = marks.get(`append-${n}`);
      if (at === undefined) continue;
      first = Math.min(first, at);
      const covering = rescans.find(([s]) => s >= at);
      if (!covering) {
        toRescan.push(Infinity);
        toFrame.push(Infinity);
        continue;
      }
      const end = covering[0] + covering[1];
      last = Math.max(last, end);
      toRescan.push(end - at);
      const frame = o.frames.find((f) => f >= end);
      toFrame.push(frame === undefined ? Infinity : frame - at);
    }
    const { longest } = longestIn(ctx.kind, o, first, last + 50);
    // The page's own appends are one childList record each; anything beyond them would be ours.
    return { toRescan, toFrame, painted, longest, mutations: o.mutations - marks.size };
  } finally {
    // Best effort: the page (or DevTools session) may already be gone after a failed run.
    await page.close().catch(() => {});
  }
}

/**
 * Chromium, one load under a DevTools trace: its long animation frames in the scan window, each
 * split by owner (attribution.ts). 'ours': the window is the scan's, from the content script's
 * start to the frame after ready. 'site off' (the control): the extension is there but its site is
 * switched off; the window starts at content.js's evaluation and lasts `windowMs`.
 */
export async function runTraced(
  ctx: Ctx,
  url: string,
  extensionId: string,
  mode: AttributedRun['mode'],
  windowMs = 0,
): Promise<AttributedRun> {
  const page = await ctx.browser.newPage();
  const origin = `chrome-extension://${extensionId}/`;
  try {
    await page.evaluateOnNewDocument(instrumentScript(instrumentFor('chromium', mode === 'ours')));
    await startTrace(page);
    let traced = false;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: ctx.timeout });
      if (mode === 'ours') await waitReady(page, ctx.timeout);
      else await sleep(windowMs + 300);
      await sleep(300);
      const o: OursTimeline = await page.evaluate(readOurs);
      const events = await stopTrace(page);
      traced = true;
      if (mode === 'ours') {
        const run = attributeChromiumTrace(events, o.loaf, {
          anchor: 'bench:anchor',
          start: o.scanStart,
          windowMs: o.readyFrame - o.scanStart,
          extensionOrigin: origin,
          mode,
        });
        return { ...run, firstPaint: o.firstPaint - o.scanStart, busy: o.busy, wall: o.scanWall };
      }
      const start = contentScriptStart(events, 'bench:anchor', origin);
      return attributeChromiumTrace(events, o.loaf, {
        anchor: 'bench:anchor',
        start,
        windowMs,
        extensionOrigin: origin,
        mode,
      });
    } finally {
      if (!traced) await page.tracing.stop().catch(() => {});
    }
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Firefox, one load in a browser of its own, started with the Gecko profiler, whose profile is
 * written when the browser quits: its long tasks in the scan window, each split by owner.
 */
export async function runProfiledFirefox(
  url: string,
  options: { distRoot?: string; firefoxPrefs?: Record<string, unknown>; timeout: number },
): Promise<AttributedRun> {
  const file = join(mkdtempSync(join(tmpdir(), 'ch-gecko-')), 'profile.json');
  const b = await launch('firefox', {
    headless: true,
    distRoot: options.distRoot,
    firefoxPrefs: options.firefoxPrefs,
    env: geckoProfilerEnv(file),
  });
  let o: OursTimeline;
  try {
    const page = await b.browser.newPage();
    await page.evaluateOnNewDocument(instrumentScript(instrumentFor('firefox', true)));
    await page.goto(url, { waitUntil: 'load', timeout: options.timeout });
    await waitReady(page, options.timeout);
    await sleep(300);
    o = await page.evaluate(readOurs);
  } finally {
    await b.close();
  }
  const profile = await readGeckoProfile(file);
  return attributeGeckoProfile(profile, { start: o.scanStart, windowMs: o.readyFrame - o.scanStart });
}
