/**
 * Diagnostic (not part of `npm run bench`): where does the extension's time go on a generated page?
 *
 *   npx tsx bench/profile.ts [--size 1000000] [--page FILE.html] [--dist .bench/dist-5000] [--cpu] [--min-task 50]
 *
 * Loads the page in headless Chromium with the extension under a DevTools trace and prints every
 * main-thread task of 50 ms or more between the content script's start and the frame after ready,
 * broken down into its top-level events (script, style, layout, paint…). With --cpu it also takes a
 * CDP CPU profile (Profiler domain) and lists the hottest functions (self time) of content.js, and
 * the inclusive time per function inside our slices that overran (microtask checkpoints ≥ 30 ms).
 * --min-task N lists tasks from N ms; DEBUG_NAMES=1 dumps the trace events of tasks with more than
 * DEBUG_NAMES_MS (default 20) ms unexplained; TRACE_CATEGORIES=a,b adds trace categories (blink_gc, v8…);
 * TRACE_OUT=FILE saves the trace (chrome://tracing or ui.perfetto.dev open it).
 * --page FILE.html profiles that page (a saved or hand-made one) instead of a generated one.
 * --lifecycle lists the page's rendering work (style, layout, paint) and parsing from its first
 * byte to the first-paint mark: was the page laid out before our script started?
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch } from '../scripts/lib/browsers';
import { ROOT, loadDataset } from '../scripts/lib/dataset';
import { serve } from '../scripts/lib/server';
import { instrumentScript, readOurs } from './baselines';
import { newsPage } from './pages';
import { requireMeasurementBuild } from './measurement-build';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const size = Number(opt('--size') ?? 1_000_000);
const distRoot = opt('--dist') ? resolve(ROOT, opt('--dist')!) : undefined;
const cpu = args.includes('--cpu');
/** Print every task of at least this many ms in the scan window (default: only ≥ 50 ms). */
const minTask = Number(opt('--min-task') ?? 50);
const lifecycle = args.includes('--lifecycle');

const INTERESTING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'FunctionCall',
  'EvaluateScript',
  'v8.callFunction',
  'V8.Execute',
  'RunMicrotasks',
  'BlinkScheduler_PerformMicrotaskCheckpoint',
  'MajorGC',
  'MinorGC',
  'ParseHTML',
  'HitTest',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'V8.GC_MC_INCREMENTAL',
  'BlinkGC.AtomicPhase',
]);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it: much less than dur means the thread waited. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string } };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

async function main(): Promise<void> {
  requireMeasurementBuild(distRoot);
  const file = opt('--page');
  const page0 = file ? { html: readFileSync(resolve(file), 'utf8') } : newsPage(loadDataset(), size);
  const server = await serve(resolve(ROOT, 'bench'), {
    pages: new Map([
      ['/page.html', page0.html],
      ['/blank.html', '<!doctype html><title>blank</title>'],
    ]),
  });
  const b = await launch('chromium', { headless: true, distRoot });
  try {
    const page = await b.browser.newPage();
    await page.evaluateOnNewDocument(instrumentScript({ longtask: true, ticks: false, ours: true, frames: false }));
    // Same-site first, so the profiler's renderer is the one that loads the page.
    await page.goto(`${server.url}/blank.html`);
    const session = await page.createCDPSession();
    if (cpu) {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 100 });
      await session.send('Profiler.start');
    }
    await page.tracing.start({
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'toplevel',
        ...(process.env.TRACE_CATEGORIES?.split(',') ?? []),
      ],
    });
    await page.goto(`${server.url}/page.html`, { waitUntil: 'load', timeout: 180_000 });
    await page.evaluate(
      () => (window as unknown as { __bench: { readyPromise: Promise<number> } }).__bench.readyPromise,
    );
    await new Promise((ok) => setTimeout(ok, 300));
    const o = await page.evaluate(readOurs);
    const traceText = new TextDecoder().decode((await page.tracing.stop())!);
    if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, traceText);
    const trace = JSON.parse(traceText) as { traceEvents: TraceEvent[] };
    console.log(
      `page ${size} chars: scan-busy ${o.busy.toFixed(1)} ms, scan wall ${o.scanWall.toFixed(0)} ms, first-paint +${(o.firstPaint - o.scanStart).toFixed(0)} ms, ` +
        `ready +${(o.ready - o.scanStart).toFixed(0)} ms, frame after ready +${(o.readyFrame - o.scanStart).toFixed(0)} ms, painted ${o.painted}`,
    );
    console.log(
      'long tasks (PerformanceObserver), ms from script start:',
      o.longtasks
        .filter(([s, d]) => s + d > o.scanStart)
        .map(([s, d]) => `${d.toFixed(0)}@+${(s - o.scanStart).toFixed(0)}`)
        .join(' '),
    );

    // Main-thread tasks of the page's renderer: the thread that ran our user-timing marks.
    const events = trace.traceEvents;
    const mark = events.findLast((e) => e.name === 'contextual-highlights:ready');
    const main = mark ? events.filter((e) => e.pid === mark.pid && e.tid === mark.tid) : [];
    const start = main.findLast((e) => e.name === 'contextual-highlights:scan' && e.ph.toLowerCase() === 'b');
    const windowStart = start ? start.ts : 0;
    const tasks = main.filter(
      (e) =>
        e.ph === 'X' &&
        !main.some(
          (p) =>
            p !== e &&
            p.ph === 'X' &&
            p.ts <= e.ts &&
            p.ts + (p.dur ?? 0) >= e.ts + (e.dur ?? 0) &&
            (p.dur ?? 0) > (e.dur ?? 0),
        ) &&
        (e.dur ?? 0) >= minTask * 1000 &&
        (minTask >= 50 || e.ts + (e.dur ?? 0) >= windowStart),
    );
    if (lifecycle && start) {
      const firstPaint = main.findLast((e) => e.name === 'contextual-highlights:first-paint');
      const until = (firstPaint?.ts ?? windowStart) + 30_000;
      const kinds = new Set(['ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'EvaluateScript']);
      console.log('\nthe page from its first parse to 30 ms after first paint (ms from our script start, duration):');
      for (const e of main) {
        if (e.ph !== 'X' || !kinds.has(e.name) || e.ts > until || (e.dur ?? 0) < 200) continue;
        const url = e.args?.data?.url ?? '';
        const at = (e.ts - windowStart) / 1000;
        console.log(
          `  ${at >= 0 ? '+' : ''}${at.toFixed(1)}  ${e.name}${url ? ` ${url.split('/').pop()}` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
        );
      }
      if (firstPaint) console.log(`  +${((firstPaint.ts - windowStart) / 1000).toFixed(1)}  first-paint mark`);
    }
    console.log(`\ntasks ≥ ${minTask} ms on the page's main thread (trace): ${tasks.length}`);
    // Our slices run as microtask checkpoints (scheduler.yield continuations); the long ones:
    const slowSlices = main
      .filter(
        (e) =>
          e.ph === 'X' &&
          e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint' &&
          (e.dur ?? 0) >= 30_000 &&
          e.ts >= windowStart,
      )
      .map((e) => [e.ts, e.ts + e.dur!] as const);
    for (const t of tasks) {
      const end = t.ts + t.dur!;
      const inner = main.filter(
        (e) => e.ph === 'X' && e !== t && INTERESTING.has(e.name) && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end,
      );
      // Top-most interesting events: not inside another interesting one.
      const top = inner.filter(
        (e) =>
          !inner.some(
            (p) => p !== e && p.ts <= e.ts && p.ts + (p.dur ?? 0) >= e.ts + (e.dur ?? 0) && (p.dur ?? 0) > (e.dur ?? 0),
          ),
      );
      const by = new Map<string, number>();
      for (const e of top) {
        const url = e.args?.data?.url ?? '';
        const key = `${e.name}${url.includes('content.js') ? ' (content.js)' : url ? ` (${url.split('/').pop()})` : ''}`;
        by.set(key, (by.get(key) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const covered = [...by.values()].reduce((a, b) => a + b, 0);
      if (process.env.DEBUG_NAMES && t.dur! / 1000 - covered > Number(process.env.DEBUG_NAMES_MS ?? 20)) {
        const all = events.filter((e) => e !== t && e.ts >= t.ts && e.ts <= end && e.pid === t.pid);
        console.log('    events:', all.map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)}`).join(', '));
      }
      by.set('(other)', t.dur! / 1000 - covered);
      const parts = [...by.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`);
      const at = start ? `+${((t.ts - start.ts) / 1000).toFixed(0)} ms` : '';
      const cpuTime = t.tdur !== undefined ? ` [thread ${(t.tdur / 1000).toFixed(1)} ms]` : '';
      console.log(`  ${(t.dur! / 1000).toFixed(1)} ms${cpuTime} ${at}: ${parts.join(', ')}`);
    }
    // Totals of rendering work while we scan (script start → frame after ready).
    if (start) {
      const from = start.ts;
      const to = from + (o.readyFrame - o.scanStart) * 1000;
      const totals = new Map<string, number>();
      for (const e of main) {
        if (e.ph !== 'X' || e.ts < from || e.ts > to) continue;
        if (
          [
            'UpdateLayoutTree',
            'Layout',
            'PrePaint',
            'Paint',
            'Layerize',
            'Commit',
            'FunctionCall',
            'EvaluateScript',
            'v8.compile',
            'HitTest',
            'MajorGC',
            'MinorGC',
            'V8.GC_SCAVENGER',
            'BlinkGC.AtomicPhase',
          ].includes(e.name)
        ) {
          totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
        }
      }
      console.log('\nmain-thread time by event (script start → frame after ready), ms:');
      console.log(
        '  ' +
          [...totals.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v.toFixed(1)}`)
            .join(', '),
      );
    }

    if (cpu) {
      const { profile } = (await session.send('Profiler.stop')) as unknown as {
        profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
      };
      // Only samples inside the scan window (profile and trace share the monotonic clock, in µs).
      const from = start ? start.ts : -Infinity;
      const to = start ? start.ts + (o.readyFrame - o.scanStart) * 1000 : Infinity;
      // Self time per profile node of the samples between two times (µs).
      const selfIn = (a: number, b: number): Map<number, number> => {
        const m = new Map<number, number>();
        let at = profile.startTime;
        profile.samples.forEach((id, i) => {
          const dt = profile.timeDeltas[i] ?? 0;
          at += dt;
          if (at >= a && at <= b) m.set(id, (m.get(id) ?? 0) + dt / 1000);
        });
        return m;
      };
      const self = selfIn(from, to);
      const byFn = new Map<string, number>();
      let ours = 0;
      let total = 0;
      for (const n of profile.nodes) {
        const t = self.get(n.id) ?? 0;
        total += t;
        const { functionName, url, lineNumber } = n.callFrame;
        const isOurs = url.includes('content.js');
        if (isOurs) ours += t;
        const key = isOurs
          ? `${functionName || '(anonymous)'} content.js:${lineNumber + 1}`
          : url
            ? `${functionName || '(anonymous)'} ${url.split('/').pop()}`
            : functionName;
        byFn.set(key, (byFn.get(key) ?? 0) + t);
      }
      console.log(
        `\nCPU profile (script start → frame after ready): ${total.toFixed(0)} ms sampled, ${ours.toFixed(0)} ms self time in content.js`,
      );
      for (const [k, v] of [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30))
        console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`);
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      // By source module of content.js (esbuild's "// src/…" markers): each sample goes to the
      // innermost frame of ours on its stack (the browser's DOM calls count to the module that made
      // them), and inclusively to every module on it. Over the scan window, and over content.js's
      // evaluation (compiling it and running its top level, before the scan's first mark).
      const modules = moduleMap(resolve(distRoot ?? resolve(ROOT, 'dist'), 'chrome/content.js'));
      const printModules = (title: string, selfMap: Map<number, number>): void => {
        const selfByModule = new Map<string, number>();
        const inclByModule = new Map<string, number>();
        for (const n of profile.nodes) {
          const t = selfMap.get(n.id) ?? 0;
          if (t === 0) continue;
          let innermost: string | null = null;
          const seen = new Set<string>();
          for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
            const f = byId.get(id)!.callFrame;
            if (!f.url.includes('content.js')) continue;
            const mod = modules(f.lineNumber + 1);
            innermost ??= mod;
            seen.add(mod);
          }
          const key = innermost ?? (n.callFrame.functionName || n.callFrame.url || '(unknown)');
          selfByModule.set(key, (selfByModule.get(key) ?? 0) + t);
          for (const mod of seen) inclByModule.set(mod, (inclByModule.get(mod) ?? 0) + t);
        }
        const total = [...selfByModule.values()].reduce((x, y) => x + y, 0);
        console.log(
          `\n${title}: ${total.toFixed(0)} ms sampled, by module (the innermost of ours on the stack; the browser work it called included):`,
        );
        for (const [k, v] of [...selfByModule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
          console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}   (inclusive ${(inclByModule.get(k) ?? v).toFixed(1)})`);
      };
      const evaluation = main.find(
        (e) => e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').endsWith('/content.js'),
      );
      if (evaluation)
        printModules(
          `content.js's evaluation (${((evaluation.dur ?? 0) / 1000).toFixed(1)} ms)`,
          selfIn(evaluation.ts, evaluation.ts + (evaluation.dur ?? 0)),
        );
      printModules('the scan window', self);
      // The run's first task (building the matcher) and the first slice: what first paint waits for.
      const paintMark = main.findLast((e) => e.name === 'contextual-highlights:first-paint');
      const firstTasks = main.filter(
        (e) =>
          e.ph === 'X' &&
          e.name === 'ThreadControllerImpl::RunTask' &&
          e.ts >= from - 10_000 &&
          e.ts <= (paintMark?.ts ?? from) &&
          (e.dur ?? 0) >= 2000,
      );
      for (const [i, e] of firstTasks.entries()) {
        const own = selfIn(e.ts, e.ts + (e.dur ?? 0));
        const byName = new Map<string, number>();
        for (const n of profile.nodes) {
          const v = own.get(n.id) ?? 0;
          if (!v) continue;
          const f = n.callFrame;
          const key = `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`;
          byName.set(key, (byName.get(key) ?? 0) + v);
        }
        console.log(
          `\ntask ${i + 1} before first paint (+${((e.ts - from) / 1000).toFixed(1)} ms, ${((e.dur ?? 0) / 1000).toFixed(1)} ms), self time by function: ` +
            [...byName.entries()]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 12)
              .map(([k, v]) => `${k} ${v.toFixed(1)}`)
              .join(', '),
        );
        printModules(`task ${i + 1} before first paint`, own);
      }
      // Inclusive time per function inside our slow slices (microtask checkpoints ≥ 30 ms).
      const incl = new Map<string, number>();
      let slowTotal = 0;
      let t2 = profile.startTime;
      profile.samples.forEach((id, i) => {
        const dt = profile.timeDeltas[i] ?? 0;
        t2 += dt;
        if (!slowSlices.some(([a, b]) => t2 >= a && t2 <= b)) return;
        slowTotal += dt / 1000;
        const seen = new Set<string>();
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
          const f = byId.get(n)!.callFrame;
          const key = `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          incl.set(key, (incl.get(key) ?? 0) + dt / 1000);
        }
      });
      console.log(
        `\nslices ≥ 30 ms: ${slowSlices.length} (${slowSlices.map(([a, b]) => ((b - a) / 1000).toFixed(0)).join(', ')} ms), ${slowTotal.toFixed(0)} ms sampled; inclusive time by function:`,
      );
      for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
        console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`);
    }
    await session.detach();
  } finally {
    await b.close();
    await server.close();
  }
}

/** content.js line (1-based) → the source module esbuild bundled there (its "  // src/…" markers). */
function moduleMap(file: string): (line: number) => string {
  const starts: [number, string][] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      const m = /^ {2}\/\/ ((?:src|node_modules|virtual:)\S*)$/.exec(l);
      if (m) starts.push([i + 1, m[1]!.replace(/^node_modules\/([^/]+).*/, '$1')]);
    });
  return (line) => {
    let name = '(bundle prelude)';
    for (const [at, m] of starts) {
      if (at > line) break;
      name = m;
    }
    return name;
  };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
