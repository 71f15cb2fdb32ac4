/**
 * Whose is a long frame? Attribution of the main thread's time during the first scan, from the
 * browser's own records (bench/README.md, "Long frames and whose they are").
 *
 * Chromium: the Long Animation Frames API says which frames were long and lists the page's scripts
 * in them, but never an extension's (it lists only scripts loaded over http(s), data: and blob:, and
 * promise handlers of the main world: animation_frame_timing_monitor.cc), so the rest of each frame
 * is split with a DevTools trace of the same load: every top-level task of the page's main thread
 * is the content script's if it ran a function of the extension, the page's if it ran one of the
 * page's scripts or its parser, rendering if it is the frame's BeginMainFrame; rendering counts as
 * caused by us when only our work ran since the previous rendering (the generated pages change
 * nothing after load: the same window with the site switched off shows what the page renders on
 * its own) or when it follows a style sheet injected by the browser for the extension.
 *
 * Firefox: the Gecko profiler, started with the browser (MOZ_PROFILER_STARTUP) and written when it
 * quits (MOZ_PROFILER_SHUTDOWN). Its MainThreadLongTask markers are the long tasks (a Gecko refresh
 * driver tick, where styles, reflow and painting happen, is one task); their time is split by the
 * samples' stacks (our moz-extension:// frames, the browser's extension code injecting our styles,
 * the page's http(s) frames, the leaf frame's category) and by the causes the profiler records for
 * each style flush and reflow (a Styles marker whose cause stack runs through our code or through
 * `nsIDOMWindowUtils.addSheet` from ExtensionContent.sys.mjs was caused by us).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import type { LoafFrame } from './baselines';

/** Who a slice of main-thread time belongs to. */
export const OWNERS = [
  'ours-script',
  'ours-forced',
  'ours-style',
  'page-script',
  'page-parser',
  'page-rendering',
  'gc',
  'harness',
  'other',
] as const;
export type Owner = (typeof OWNERS)[number];

export const OWNER_LABEL: Record<Owner, string> = {
  'ours-script': 'our script',
  'ours-forced': 'style/layout forced by our script',
  'ours-style': 'style, layout and paint caused by our styles or highlights',
  'page-script': "the page's script",
  'page-parser': "the page's HTML parser",
  'page-rendering': "the page's own rendering",
  gc: 'garbage collection in its own task (anyone’s)',
  harness: 'the benchmark’s instrumentation',
  other: 'other browser work',
};

/** Wall-clock and thread CPU milliseconds. */
export interface Share {
  wall: number;
  cpu: number;
}

export interface AttributedFrame {
  /** ms from the content script's start (its first mark, or content.js's evaluation). */
  start: number;
  /** The frame's (or task's) wall duration, as the browser reports it. */
  duration: number;
  /** Time on the main thread inside it, by owner; the rest of `duration` the thread was not running. */
  parts: Record<Owner, Share>;
  /** The page's scripts the Long Animation Frames API listed (Chromium), ms. */
  listedScripts?: number;
}

export interface AttributedRun {
  /** 'ours' or the control: the same page with the extension's site switched off. */
  mode: 'ours' | 'site off';
  /** The window: from the content script's start, this long (ms). */
  window: number;
  /** Frames (Chromium, LoAF) or tasks (Firefox, Gecko long-task markers) of 50 ms or more overlapping the window. */
  long: AttributedFrame[];
  /** All main-thread time in the window, by owner. */
  totals: Record<Owner, Share>;
  /** Chromium: the task that evaluated content.js (compiling it, running its top level and microtasks). */
  evaluation?: Share;
  /** The extension's marks in this (traced or profiled) load, ms from the script's start. */
  firstPaint?: number;
  busy?: number;
  wall?: number;
}

export function emptyParts(): Record<Owner, Share> {
  return Object.fromEntries(OWNERS.map((o) => [o, { wall: 0, cpu: 0 }])) as Record<Owner, Share>;
}

function add(parts: Record<Owner, Share>, owner: Owner, wall: number, cpu: number): void {
  parts[owner].wall += wall;
  parts[owner].cpu += cpu;
}

/** What of a frame is ours: our script (forced style/layout included) and the rendering we caused. */
export function oursOf(parts: Record<Owner, Share>): Share {
  const o = ['ours-script', 'ours-forced', 'ours-style'] as const;
  return { wall: o.reduce((s, k) => s + parts[k].wall, 0), cpu: o.reduce((s, k) => s + parts[k].cpu, 0) };
}

export function longestOf(run: AttributedRun): AttributedFrame | null {
  return run.long.reduce<AttributedFrame | null>((m, f) => (!m || f.duration > m.duration ? f : m), null);
}

// ---------------------------------------------------------------------------------------------
// Chromium: a DevTools trace and the page's LoAF entries.

/** Trace categories: top-level tasks, their JS, rendering phases and user-timing marks; little else. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'benchmark',
  'toplevel',
  // V8's samples (ProfileChunk events): whose code a task without a script entry ran (a promise
  // continuation after an extension message, for one).
  'disabled-by-default-v8.cpu_profiler',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    data?: {
      url?: string;
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url: string } }[]; samples?: number[] };
      timeDeltas?: number[];
    };
    beginData?: { url?: string };
    baseUrl?: string;
    src_file?: string;
  };
}

/** V8's samples in a trace (all profiles of one renderer): [time µs, owner of the stack's code]. */
function traceSamples(events: TraceEvent[], pid: number, extensionOrigin: string): [number, ScriptOwner | null][] {
  const out: [number, ScriptOwner | null][] = [];
  const byId = new Map<string, { t: number; owner: Map<number, ScriptOwner | null>; parent: Map<number, number> }>();
  for (const e of events) {
    if (e.pid !== pid || e.ph !== 'P') continue;
    if (e.name === 'Profile') {
      byId.set(e.id!, { t: e.args?.data?.startTime ?? e.ts, owner: new Map(), parent: new Map() });
      continue;
    }
    if (e.name !== 'ProfileChunk') continue;
    const p = byId.get(e.id!);
    const cp = e.args?.data?.cpuProfile;
    if (!p || !cp) continue;
    for (const n of cp.nodes ?? []) {
      if (n.parent !== undefined) p.parent.set(n.id, n.parent);
      const url = n.callFrame.url;
      p.owner.set(n.id, url ? scriptOwner(url, extensionOrigin) : null);
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    (cp.samples ?? []).forEach((id, i) => {
      p.t += deltas[i] ?? 0;
      // The innermost frame with a script URL decides.
      let owner: ScriptOwner | null = null;
      for (let n: number | undefined = id; n !== undefined && owner === null; n = p.parent.get(n)) {
        owner = p.owner.get(n) ?? null;
      }
      out.push([p.t, owner]);
    });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const JS_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'EvaluateModule']);
const STYLE_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);
const GC_EVENTS = new Set(['MinorGC', 'MajorGC', 'V8.GC_MC_INCREMENTAL', 'BlinkGC.AtomicPhase', 'V8.GCScavenger']);

type ScriptOwner = 'ours' | 'page' | 'harness';

function scriptOwner(url: string | undefined, extensionOrigin: string): ScriptOwner | null {
  if (url === undefined) return null;
  if (url.startsWith(extensionOrigin)) return 'ours';
  if (/^(https?|data|blob):/.test(url)) return 'page';
  // puppeteer's evaluate and evaluateOnNewDocument scripts (no URL, or pptr:): the instrumentation.
  return 'harness';
}

interface Task {
  ts: number;
  end: number;
  wall: number;
  cpu: number;
  /** Wall/CPU per owner inside the task (sums to the task's). */
  parts: Record<Owner, Share>;
  /** A BeginMainFrame: its rendering (not its rAF callbacks) is `renderWall`/`renderCpu`. */
  rendering: boolean;
  renderWall: number;
  renderCpu: number;
  /** Our or the page's script ran in it (for the rendering rule). */
  ran: Set<ScriptOwner | 'parser'>;
  /** A style sheet with no base URL was parsed outside the page's scripts: the browser injecting the extension's. */
  injectedSheet: boolean;
}

const cpuOf = (e: TraceEvent): number => (e.tdur ?? e.dur ?? 0) / 1000;
const wallOf = (e: TraceEvent): number => (e.dur ?? 0) / 1000;

/** Splits every top-level task of the renderer's main thread into owners (rendering decided later). */
function chromiumTasks(events: TraceEvent[], extensionOrigin: string, samples: [number, ScriptOwner | null][]): Task[] {
  const xs = events.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tops = xs.filter((e) => e.name === 'RunTask' && e.cat.includes('devtools.timeline'));
  const tasks: Task[] = [];
  let i = 0;
  for (const t of tops) {
    const end = t.ts + (t.dur ?? 0);
    while (i < xs.length && xs[i]!.ts < t.ts) i++;
    const inner: TraceEvent[] = [];
    for (let j = i; j < xs.length && xs[j]!.ts <= end; j++) if (xs[j] !== t) inner.push(xs[j]!);
    const parts = emptyParts();
    const ran = new Set<ScriptOwner | 'parser'>();
    const rendering = inner.some((e) => e.name === 'ProxyMain::BeginMainFrame');
    let injectedSheet = false;
    // JS entries, outermost only, by owner.
    const js = inner.filter((e) => JS_EVENTS.has(e.name));
    const outer = js.filter(
      (e) => !js.some((p) => p !== e && p.ts <= e.ts && p.ts + (p.dur ?? 0) >= e.ts + (e.dur ?? 0)),
    );
    const byOwner = new Map<ScriptOwner, Share>();
    for (const e of outer) {
      const o = scriptOwner(e.args?.data?.url, extensionOrigin) ?? 'harness';
      ran.add(o);
      const s = byOwner.get(o) ?? { wall: 0, cpu: 0 };
      s.wall += wallOf(e);
      s.cpu += cpuOf(e);
      byOwner.set(o, s);
    }
    if (byOwner.size === 0 && !rendering) {
      // No script entry: a promise continuation (after an extension message, say) runs code all
      // the same; V8's samples in the task say whose.
      const counts = new Map<ScriptOwner, number>();
      for (const [ts, o] of samples) if (o && ts >= t.ts && ts <= end) counts.set(o, (counts.get(o) ?? 0) + 1);
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      if (top) {
        ran.add(top[0]);
        byOwner.set(top[0], { wall: 0, cpu: 0 });
      }
    }
    const parser = inner.filter((e) => e.name === 'ParseHTML');
    if (parser.length) ran.add('parser');
    for (const e of inner) {
      if (e.name === 'CSSParserImpl::parseStyleSheet' && e.args?.baseUrl === '' && !ran.has('page'))
        injectedSheet = true;
    }
    const wall = wallOf(t);
    const cpu = cpuOf(t);
    let renderWall = 0;
    let renderCpu = 0;
    if (rendering) {
      // rAF callbacks (with the microtasks they leave, which run right after each) by their owner;
      // the rest of the task is rendering.
      let w = wall;
      let c = cpu;
      for (const f of inner.filter((e) => e.name === 'FireAnimationFrame')) {
        const fEnd = f.ts + (f.dur ?? 0);
        const call = outer.find((j) => j.ts >= f.ts && j.ts <= fEnd);
        const o = scriptOwner(call?.args?.data?.url, extensionOrigin) ?? 'harness';
        add(parts, o === 'ours' ? 'ours-script' : o === 'page' ? 'page-script' : 'harness', wallOf(f), cpuOf(f));
        w -= wallOf(f);
        c -= cpuOf(f);
      }
      renderWall = Math.max(0, w);
      renderCpu = Math.max(0, c);
    } else if (byOwner.size > 0) {
      // The task belongs to the owner of its longest JS entry (microtasks and GC within it too);
      // style and layout inside a script are forced by it.
      const [owner] = [...byOwner.entries()].sort((a, b) => b[1].wall - a[1].wall)[0]!;
      const forced = inner.filter(
        (e) =>
          STYLE_LAYOUT.has(e.name) && outer.some((j) => j.ts <= e.ts && j.ts + (j.dur ?? 0) >= e.ts + (e.dur ?? 0)),
      );
      const fw = forced.reduce((s, e) => s + wallOf(e), 0);
      const fc = forced.reduce((s, e) => s + cpuOf(e), 0);
      if (owner === 'ours') {
        add(parts, 'ours-forced', fw, fc);
        add(parts, 'ours-script', wall - fw, cpu - fc);
      } else add(parts, owner === 'page' ? 'page-script' : 'harness', wall, cpu);
    } else if (parser.length) {
      add(parts, 'page-parser', wall, cpu);
    } else if (
      inner.some((e) => GC_EVENTS.has(e.name) || e.name.startsWith('V8.GC')) ||
      inner.some((e) => /\/heap\/|cppgc/.test(e.args?.src_file ?? ''))
    ) {
      add(parts, 'gc', wall, cpu);
    } else {
      add(parts, 'other', wall, cpu);
    }
    tasks.push({ ts: t.ts, end, wall, cpu, parts, rendering, renderWall, renderCpu, ran, injectedSheet });
  }
  // Rendering: ours when only our work (or nothing of the page's) ran since the previous rendering
  // and ours did, or when a style sheet was injected for us since then.
  let sinceOurs = false;
  let sincePage = false;
  let injected = false;
  for (const t of tasks) {
    if (t.rendering) {
      const ours = (sinceOurs && !sincePage) || injected;
      add(t.parts, ours ? 'ours-style' : 'page-rendering', t.renderWall, t.renderCpu);
      sinceOurs = sincePage = injected = false;
      // A rAF callback of ours changes what the next frame renders.
      if (t.ran.has('ours')) sinceOurs = true;
      continue;
    }
    if (t.ran.has('ours')) sinceOurs = true;
    if (t.ran.has('page') || t.ran.has('parser')) sincePage = true;
    if (t.injectedSheet) injected = true;
  }
  return tasks;
}

/** Sums the tasks' parts over [from, to] (trace µs), scaling a task that straddles an edge. */
function partsIn(tasks: Task[], from: number, to: number): Record<Owner, Share> {
  const out = emptyParts();
  for (const t of tasks) {
    if (t.end <= from || t.ts >= to) continue;
    const span = t.end - t.ts;
    const f = span > 0 ? (Math.min(t.end, to) - Math.max(t.ts, from)) / span : 1;
    for (const o of OWNERS) add(out, o, t.parts[o].wall * f, t.parts[o].cpu * f);
  }
  return out;
}

/**
 * Attributes one traced load. `anchor` is a mark made in the page (its performance.now() time)
 * that the trace holds too; `start` the window's start (performance.now(), the content script's
 * start) and `windowMs` its length.
 */
export function attributeChromiumTrace(
  traceEvents: TraceEvent[],
  loaf: LoafFrame[],
  opts: { anchor: string; start: number; windowMs: number; extensionOrigin: string; mode: AttributedRun['mode'] },
): AttributedRun {
  const mark = traceEvents.find(
    (e) => e.name === opts.anchor && e.cat.includes('blink.user_timing') && e.args?.data?.startTime !== undefined,
  );
  if (!mark) throw new Error(`the trace has no ${opts.anchor} mark`);
  const offset = mark.ts / 1000 - mark.args!.data!.startTime!; // trace ms = page ms + offset
  const main = traceEvents.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const tasks = chromiumTasks(main, opts.extensionOrigin, traceSamples(traceEvents, mark.pid, opts.extensionOrigin));
  const toTrace = (ms: number): number => (ms + offset) * 1000;
  const from = opts.start;
  const to = opts.start + opts.windowMs;
  const long = loaf
    .filter((f) => f.start < to && f.start + f.duration > from)
    .map((f) => ({
      start: f.start - from,
      duration: f.duration,
      parts: partsIn(tasks, toTrace(f.start), toTrace(f.start + f.duration)),
      listedScripts: f.scripts.reduce((s, x) => s + x.duration, 0),
    }));
  const evaluated = main.find(
    (e) =>
      e.name === 'EvaluateScript' &&
      (e.args?.data?.url ?? '').startsWith(opts.extensionOrigin) &&
      (e.args?.data?.url ?? '').endsWith('/content.js'),
  );
  const evalTask = evaluated && tasks.find((t) => t.ts <= evaluated.ts && t.end >= evaluated.ts);
  return {
    mode: opts.mode,
    window: opts.windowMs,
    long,
    totals: partsIn(tasks, toTrace(from), toTrace(to)),
    ...(evalTask ? { evaluation: { wall: evalTask.wall, cpu: evalTask.cpu } } : {}),
  };
}

/** content.js's evaluation in a trace: the content script's start (performance.now() time of the page). */
export function contentScriptStart(traceEvents: TraceEvent[], anchor: string, extensionOrigin: string): number {
  const mark = traceEvents.find(
    (e) => e.name === anchor && e.cat.includes('blink.user_timing') && e.args?.data?.startTime !== undefined,
  );
  if (!mark) throw new Error(`the trace has no ${anchor} mark`);
  const offset = mark.ts / 1000 - mark.args!.data!.startTime!;
  const evals = traceEvents.filter(
    (e) =>
      e.pid === mark.pid &&
      e.name === 'EvaluateScript' &&
      (e.args?.data?.url ?? '').startsWith(extensionOrigin) &&
      (e.args?.data?.url ?? '').endsWith('/content.js'),
  );
  if (evals.length === 0) throw new Error('content.js was not evaluated in the traced load');
  return evals[evals.length - 1]!.ts / 1000 - offset;
}

/** Starts a trace of `page`'s renderer for the next navigation. */
export async function startTrace(page: Page): Promise<void> {
  await page.tracing.start({ categories: TRACE_CATEGORIES });
}

export async function stopTrace(page: Page): Promise<TraceEvent[]> {
  const buf = await page.tracing.stop();
  return (JSON.parse(new TextDecoder().decode(buf!)) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** Switches the extension's site 127.0.0.1 off or on, through its own storage as the popup would. */
export async function setSiteEnabled(browser: Browser, extensionId: string, enabled: boolean): Promise<void> {
  const own = await browser.newPage();
  try {
    await own.goto(`chrome-extension://${extensionId}/options/options.html`);
    await own.evaluate((on: boolean) => {
      type Local = { storage: { local: { set(items: object): Promise<void> } } };
      return (globalThis as unknown as { chrome: Local }).chrome.storage.local.set({
        settings: { version: 2, disabledSites: on ? [] : ['127.0.0.1'] },
      });
    }, enabled);
  } finally {
    await own.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Firefox: the Gecko profiler's profile, written at exit.

/** Environment that starts the Gecko profiler with the browser and writes its profile at exit. */
export function geckoProfilerEnv(file: string): Record<string, string> {
  return {
    MOZ_PROFILER_STARTUP: '1',
    // JS frames and each sample's thread CPU time; no native stack walking (it slows every sample).
    MOZ_PROFILER_STARTUP_FEATURES: 'js,cpu',
    MOZ_PROFILER_STARTUP_INTERVAL: '1',
    MOZ_PROFILER_STARTUP_ENTRIES: String(1 << 25),
    MOZ_PROFILER_SHUTDOWN: file,
  };
}

interface GeckoTable {
  schema: Record<string, number>;
  data: unknown[][];
}
interface GeckoThread {
  name: string;
  stringTable: string[];
  markers: GeckoTable;
  samples: GeckoTable;
  stackTable: GeckoTable;
  frameTable: GeckoTable;
}
interface GeckoProcess {
  meta: { startTime: number; categories?: { name: string }[] };
  threads: GeckoThread[];
  processes?: GeckoProcess[];
}

/** Waits for the profile Firefox writes as it quits, and reads it. */
export async function readGeckoProfile(file: string, timeoutMs = 60_000): Promise<GeckoProcess> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(file)) {
      try {
        const p = JSON.parse(readFileSync(file, 'utf8')) as GeckoProcess;
        rmSync(file, { force: true });
        return p;
      } catch {
        // still being written
      }
    }
    if (Date.now() > until) throw new Error(`Firefox wrote no profile to ${file}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

const EXTENSION_FRAMEWORK = /resource:\/\/gre\/modules\/Extension[A-Za-z]*\.sys\.mjs/;

/**
 * Attributes the profiled load whose content-process main thread carries the `scan` measure (its
 * start given in the page's performance.now() time as `start`).
 */
export function attributeGeckoProfile(profile: GeckoProcess, opts: { start: number; windowMs: number }): AttributedRun {
  const all: { thread: GeckoThread; categories: string[] }[] = [];
  const walk = (p: GeckoProcess, categories: string[]): void => {
    for (const t of p.threads) all.push({ thread: t, categories });
    for (const c of p.processes ?? []) walk(c, c.meta.categories?.map((x) => x.name) ?? categories);
  };
  walk(profile, profile.meta.categories?.map((x) => x.name) ?? []);
  const found = all.find(({ thread: t }) =>
    t.markers.data.some((m) => {
      const d = m[t.markers.schema.data!] as { type?: string; name?: string } | null;
      return d?.type === 'UserTiming' && d.name === 'contextual-highlights:scan';
    }),
  );
  if (!found) throw new Error('the profile has no thread with the contextual-highlights:scan measure');
  const { thread: t, categories } = found;
  const st = t.stringTable;
  const M = t.markers.schema;
  const markers = t.markers.data.map((m) => ({
    name: st[m[M.name!] as number]!,
    start: m[M.startTime!] as number,
    end: (m[M.phase!] as number) === 1 ? (m[M.endTime!] as number) : (m[M.startTime!] as number),
    data: m[M.data!] as {
      type?: string;
      name?: string;
      stack?: { samples: { data: unknown[][] } };
    } | null,
  }));
  const scan = markers.find((m) => m.data?.type === 'UserTiming' && m.data.name === 'contextual-highlights:scan')!;
  const offset = scan.start - opts.start; // profile ms = page ms + offset
  const from = scan.start;
  const to = scan.start + opts.windowMs;

  const S = t.stackTable.schema;
  const F = t.frameTable.schema;
  const stackFrames = new Map<number, { locations: string[]; leafCategory: string }>();
  const framesOf = (stack: number | null): { locations: string[]; leafCategory: string } => {
    if (stack === null) return { locations: [], leafCategory: 'Idle' };
    const cached = stackFrames.get(stack);
    if (cached) return cached;
    const locations: string[] = [];
    let leafCategory = 'Other';
    let labelled = false;
    for (let i: number | null = stack; i !== null;) {
      const row = t.stackTable.data[i]!;
      const frame = t.frameTable.data[row[S.frame!] as number]!;
      const location = st[frame[F.location!] as number]!;
      locations.push(location);
      // The innermost frame with a name (native addresses carry no category of their own).
      if (!labelled && !location.startsWith('0x')) {
        leafCategory = categories[frame[F.category!] as number] ?? 'Other';
        labelled = true;
      }
      i = row[S.prefix!] as number | null;
    }
    const out = { locations, leafCategory };
    stackFrames.set(stack, out);
    return out;
  };
  const oursCause = (m: (typeof markers)[number]): boolean => {
    const s = m.data?.stack?.samples.data[0]?.[0] as number | undefined;
    if (s === undefined) return false;
    return framesOf(s).locations.some((l) => l.includes('moz-extension://') || EXTENSION_FRAMEWORK.test(l));
  };
  const ourFlushes = markers
    .filter((m) => (m.name === 'Styles' || m.name.startsWith('Reflow')) && m.end > from - 1000 && m.start < to)
    .filter(oursCause);

  // Samples: each stands for the time to the next one; its CPU is the next one's threadCPUDelta.
  const Z = t.samples.schema;
  const samples = t.samples.data;
  const classify = (stack: number | null, time: number): Owner | 'idle' => {
    const { locations, leafCategory } = framesOf(stack);
    if (locations.some((l) => l.includes('moz-extension://')))
      return leafCategory === 'Layout' ? 'ours-forced' : 'ours-script';
    if (ourFlushes.some((m) => time >= m.start && time <= m.end)) return 'ours-style';
    if (locations.some((l) => EXTENSION_FRAMEWORK.test(l))) return 'ours-script';
    if (locations.some((l) => /\((https?|data|blob):/.test(l))) return 'page-script';
    if (locations.some((l) => /Html5|HTML parser|nsParser/i.test(l))) return 'page-parser';
    if (leafCategory === 'Idle') return 'idle';
    if (leafCategory === 'Layout' || leafCategory === 'Graphics') return 'page-rendering';
    if (leafCategory === 'GC / CC') return 'gc';
    if (leafCategory === 'JavaScript' && locations.some((l) => /\(/.test(l))) return 'harness';
    return 'other';
  };
  const partsBetween = (a: number, b: number): Record<Owner, Share> => {
    const out = emptyParts();
    for (let i = 0; i + 1 < samples.length; i++) {
      const t0 = samples[i]![Z.time!] as number;
      const t1 = samples[i + 1]![Z.time!] as number;
      if (t1 <= a || t0 >= b) continue;
      const owner = classify(samples[i]![Z.stack!] as number | null, t0);
      if (owner === 'idle') continue;
      const f = t1 > t0 ? (Math.min(t1, b) - Math.max(t0, a)) / (t1 - t0) : 0;
      const cpuNs = Z.threadCPUDelta !== undefined ? ((samples[i + 1]![Z.threadCPUDelta] as number | null) ?? 0) : 0;
      add(out, owner, (t1 - t0) * f, (cpuNs / 1e6) * f);
    }
    return out;
  };
  const long = markers
    .filter((m) => m.name === 'LongTask' && m.end > from && m.start < to)
    .map((m) => ({ start: m.start - from, duration: m.end - m.start, parts: partsBetween(m.start, m.end) }));
  const um = (name: string): (typeof markers)[number] | undefined =>
    markers.find((m) => m.data?.type === 'UserTiming' && m.data.name === name);
  const busy = um('contextual-highlights:scan-busy');
  const fp = um('contextual-highlights:first-paint');
  void offset;
  return {
    mode: 'ours',
    window: opts.windowMs,
    long,
    totals: partsBetween(from, to),
    busy: busy ? busy.end - busy.start : undefined,
    wall: scan.end - scan.start,
    firstPaint: fp ? fp.start - from : undefined,
  };
}
