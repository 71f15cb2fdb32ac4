/**
 * `npm run bench [-- --firefox] [-- --quick] [-- --runs N] [-- --sizes 1e6,5e6] [-- --attribution N]
 *   [-- --save [FILE]] [-- --compare FILE] [-- --dist DIR]`
 *
 * Loads generated pages (5 KB, 1 MB, 5 MB of text, and a page that appends paragraphs) in headless
 * Chromium (or Firefox) and reports, side by side, the floor (reading every text node), mark.js,
 * two plain regex baselines and the extension itself; then a Node micro-benchmark of the matcher.
 * Tables go to stdout and docs/benchmark.md, the raw samples to .bench/results-<browser>.json.
 * Missed targets are printed as FAIL; the exit code stays 0. With --compare, figures that got worse
 * than the saved run's beyond the measured noise are printed and the exit code is 1 (compare.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { findHits } from '../src/core/find-mentions';
import { RecordKind, createMatcher } from '../src/core/matcher-data';
import { scanDocument } from '../src/content/read/scan-document';
import { requireMeasurementBuild } from './measurement-build';
import { launch, type BrowserKind, type Launched } from '../scripts/lib/browsers';
import { ROOT, loadDataset } from '../scripts/lib/dataset';
import { serve } from '../scripts/lib/server';
import { aliasCount, buildFakeExtension, fakeDataset } from './fake-dataset';
import { setSiteEnabled } from './attribution';
import { compareFigures, renderComparison, saveFigures } from './compare';
import {
  runAppending,
  runBaseline,
  runOurs,
  runProfiledFirefox,
  runTraced,
  type BaselineMethod,
  type Ctx,
} from './measure';
import { aliasTexts, escapeRegExp, runMicro } from './micro';
import { runSearchBench } from './search';
import { appendingPage, newsPage } from './pages';
import {
  evaluateTargets,
  median,
  renderMarkdown,
  renderMicroMarkdown,
  renderText,
  sizeLabel,
  type BrowserResult,
  type SizeResult,
} from './report';

const args = process.argv.slice(2);
const kind: BrowserKind = args.includes('--firefox') ? 'firefox' : 'chromium';
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : quick ? 3 : 5;
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  const v = i >= 0 ? args[i + 1] : undefined;
  return v && !v.startsWith('--') ? v : undefined;
};
const SIZES =
  option('--sizes')
    ?.split(',')
    .map(Number)
    .filter((n) => n > 0) ?? (quick ? [5_000, 1_000_000] : [5_000, 1_000_000, 5_000_000]);
/** Traced (Chromium) or profiled (Firefox) loads per page of 1 MB or more, for whose the long frames are. */
const ATTRIBUTED = option('--attribution') !== undefined ? Number(option('--attribution')) : quick ? 2 : 3;
const SAVE = args.includes('--save') ? resolve(option('--save') ?? 'docs/benchmark.json') : null;
const COMPARE = args.includes('--compare') ? option('--compare') : null;
/** The measurement build to load (default dist/): another folder holding chrome/ and firefox/, e.g. an older commit's. */
const DIST = resolve(ROOT, option('--dist') ?? 'dist');
if (args.includes('--compare') && !COMPARE)
  throw new Error('--compare needs the saved file: --compare docs/benchmark.json');
/** mark.js with a keyword array makes one pass per keyword: only on small pages, once. */
const KEYWORD_MAX = quick ? 5_000 : 1_000_000;
const BIG_ALIASES = 5_000;
const APPEND = { count: 30, everyMs: 100 };
const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
const t0 = performance.now();
const log = (s: string): void =>
  void process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

function machine(): BrowserResult['machine'] {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // keep os.cpus()
  }
  return { nproc, model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version, os: `${type()} ${release()}` };
}

/** Builds .bench/dist-5000 unless it is newer than dist/ and its dataset is unchanged. */
function bigExtension(real: ReturnType<typeof loadDataset>): { distRoot: string; aliases: number } {
  const distRoot = resolve(ROOT, `.bench/dist-${BIG_ALIASES}`);
  const stamp = resolve(ROOT, `.bench/dist-${BIG_ALIASES}.stamp`);
  const content = resolve(ROOT, 'dist/chrome/content.js');
  const key = `${statSync(content).mtimeMs}:${statSync(resolve(ROOT, 'assets/data/entities.json')).mtimeMs}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key && existsSync(resolve(distRoot, 'firefox/content.js'))) {
    log(`using ${distRoot} (up to date)`);
    return { distRoot, aliases: BIG_ALIASES };
  }
  log(`building the extension with ${BIG_ALIASES} aliases into ${distRoot} (the automaton build takes a while)…`);
  const t = performance.now();
  const { dataset } = buildFakeExtension(real, BIG_ALIASES);
  writeFileSync(stamp, key);
  log(`  built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { distRoot, aliases: aliasCount(dataset) };
}

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = resolve(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** A message when dist/ is older than the sources or the dataset (the bench does not rebuild it). */
function staleness(content: string): string | null {
  const built = statSync(content).mtimeMs;
  const sources = Math.max(newest(resolve(ROOT, 'src')), statSync(resolve(ROOT, 'assets/data/entities.json')).mtimeMs);
  return sources > built
    ? `${content.slice(ROOT.length + 1)} is older than src/ or the dataset (run npm run build); the ${BIG_ALIASES}-alias build is made from the current sources`
    : null;
}

async function withBrowser<T>(options: Parameters<typeof launch>[1], f: (b: Launched) => Promise<T>): Promise<T> {
  const b = await launch(kind, options);
  try {
    return await f(b);
  } finally {
    await b.close();
  }
}

async function repeat<T>(label: string, n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push(await f());
    } catch (e) {
      log(`  ${label} run ${i + 1} failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadStart = loadavg();
  if (COMPARE && !existsSync(COMPARE)) throw new Error(`${COMPARE} does not exist (save a run with --save)`);
  const real = loadDataset();
  const content = resolve(DIST, `${kind === 'chromium' ? 'chrome' : 'firefox'}/content.js`);
  if (!existsSync(content)) throw new Error(`${DIST} is not built: run MARKS=1 npm run build first`);
  requireMeasurementBuild(DIST);
  const stale = staleness(content);
  if (stale) log(`warning: ${stale}`);
  const big = bigExtension(real);

  // Pages, served from 127.0.0.1 out of memory.
  const pages = new Map<string, string>();
  const sizes: SizeResult[] = [];
  const matcher = createMatcher(real);
  for (const chars of SIZES) {
    const p = newsPage(real, chars);
    const label = sizeLabel(chars);
    pages.set(`/news-${chars}.html`, p.html);
    // What the extension finds there (the scan command's code over jsdom; our own generated page,
    // so its inline script may run and build the deep chain): above 1,500 mentions only those near
    // the viewport are painted, so "painted" alone would hide how many were found.
    const found = scanDocument(new JSDOM(p.html, { runScripts: 'dangerously' }).window.document, matcher).mentions
      .length;
    log(`${kind} ${label}: ${found} mentions found by the scan command`);
    sizes.push({
      label,
      nominal: chars,
      chars: p.textChars,
      textNodes: p.textNodes,
      htmlBytes: Buffer.byteLength(p.html),
      found,
      baselines: {},
      ours: [],
      oursBig: [],
    });
  }
  const live = appendingPage(real, APPEND.count, APPEND.everyMs);
  pages.set('/live.html', live.html);
  const expected = live.texts.map(
    (t) => findHits(matcher, t).filter((h) => matcher.records[h.record]!.kind === RecordKind.Mention).length,
  );
  const server = await serve(resolve(ROOT, 'bench'), { pages });
  const url = (chars: number): string => `${server.url}/news-${chars}.html`;

  const aliases = aliasTexts(real);
  const regex = { source: `\\b(?:${aliases.map(escapeRegExp).join('|')})\\b`, flags: 'g' };
  const result: BrowserResult = {
    kind,
    version: '',
    date: new Date().toISOString(),
    command,
    machine: machine(),
    runs: RUNS,
    aliases: { real: aliasCount(real), big: big.aliases, regex: aliases.length },
    sizes,
    targets: [],
    notes: [],
  };

  // Node micro-benchmark first, while no browser competes for the CPU.
  log('Node micro-benchmark…');
  const bigDataset = fakeDataset(real, BIG_ALIASES);
  result.micro = runMicro(
    [
      { label: `real (${aliasCount(real)})`, dataset: real },
      { label: `generated (${aliasCount(bigDataset)})`, dataset: bigDataset },
    ],
    quick ? 1_000_000 : 3_000_000,
    quick ? 3 : 5,
    log,
  );
  log('search micro-benchmark…');
  result.micro.search = runSearchBench(
    [
      { label: `real (${aliasCount(real)})`, dataset: real },
      { label: `generated (${aliasCount(bigDataset)})`, dataset: bigDataset },
    ],
    quick ? 3 : 10,
  );

  const chromiumArgs = kind === 'chromium' ? ['--js-flags=--expose-gc'] : [];
  // Firefox rounds performance.now() (privacy.reduceTimerPrecision); full precision for the timings.
  const firefoxPrefs = kind === 'firefox' ? { 'privacy.reduceTimerPrecision': false } : undefined;
  const ctxOf = (b: Launched): Ctx => ({
    kind,
    browser: b.browser,
    markJs: readFileSync(resolve(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8'),
    regex,
    keywords: aliases,
    timeout: 180_000,
  });

  try {
    // Baselines: a browser without the extension.
    await withBrowser({ headless: true, extension: false, args: chromiumArgs, firefoxPrefs }, async (b) => {
      result.version = await b.browser.version();
      const ctx = ctxOf(b);
      for (const s of sizes) {
        const chars = s.nominal;
        const methods: BaselineMethod[] =
          kind === 'chromium'
            ? ['floor', 'floorIsolated', 'floorElements', 'markRegExp', 'regexHighlight', 'regexWrap']
            : ['floor', 'markRegExp', 'regexHighlight', 'regexWrap'];
        for (const m of methods) {
          log(`${kind} ${s.label}: ${m} × ${RUNS}`);
          s.baselines[m] = await repeat(m, RUNS, () => runBaseline(ctx, m, url(chars)));
        }
        if (chars <= KEYWORD_MAX) {
          log(`${kind} ${s.label}: markKeywords × 1 (${aliases.length} keywords)`);
          s.baselines.markKeywords = await repeat('markKeywords', 1, () =>
            runBaseline(ctx, 'markKeywords', url(chars)),
          );
        }
      }
    });

    // The extension with the real dataset, then with 5,000 aliases.
    await withBrowser({ headless: true, args: chromiumArgs, firefoxPrefs, distRoot: DIST }, async (b) => {
      const ctx = ctxOf(b);
      for (const s of sizes) {
        log(`${kind} ${s.label}: ours × ${RUNS}`);
        s.ours = await repeat('ours', RUNS, () => runOurs(ctx, url(s.nominal)));
      }
      log(`${kind} appending page: ${APPEND.count} paragraphs every ${APPEND.everyMs} ms × ${RUNS}`);
      const samples = await repeat('appending', RUNS, () => runAppending(ctx, `${server.url}/live.html`, APPEND.count));
      result.appending = { ...APPEND, expected, samples };
    });
    await withBrowser({ headless: true, args: chromiumArgs, firefoxPrefs, distRoot: big.distRoot }, async (b) => {
      const ctx = ctxOf(b);
      for (const s of sizes) {
        log(`${kind} ${s.label}: ours with ${big.aliases} aliases × ${RUNS}`);
        s.oursBig = await repeat('ours-big', RUNS, () => runOurs(ctx, url(s.nominal)));
      }
    });
    await attribute(sizes, url, chromiumArgs, firefoxPrefs, ctxOf);
  } finally {
    await server.close();
  }

  result.load = { start: loadStart, end: loadavg() };
  result.targets = evaluateTargets(result);
  if (stale) result.notes.push(`Warning: ${stale}`);
  addNotes(result);
  const text = renderText(result);
  process.stdout.write(`${text}\n`);
  writeOutputs(result);
  if (SAVE) {
    saveFigures(SAVE, result);
    log(`saved this run's figures to ${SAVE.startsWith(ROOT) ? SAVE.slice(ROOT.length + 1) : SAVE}`);
  }
  log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (COMPARE) {
    const c = compareFigures(COMPARE, result);
    process.stdout.write(`${renderComparison(c, COMPARE)}\n`);
    if (c.rows.some((x) => x.verdict === 'worse')) process.exitCode = 1;
  }
}

/**
 * Whose the long frames are, on the pages of 1 MB or more: Chromium, loads under a DevTools trace
 * with the extension, then as many with its site switched off (the control, over the same window);
 * Firefox, loads each in a browser started with the Gecko profiler.
 */
async function attribute(
  sizes: SizeResult[],
  url: (chars: number) => string,
  chromiumArgs: string[],
  firefoxPrefs: Record<string, unknown> | undefined,
  ctxOf: (b: Launched) => Ctx,
): Promise<void> {
  if (ATTRIBUTED <= 0) return;
  const big = sizes.filter((s) => s.nominal >= 1e6);
  if (kind === 'firefox') {
    for (const s of big) {
      log(`${kind} ${s.label}: profiled loads (Gecko profiler) × ${ATTRIBUTED}`);
      s.attributed = await repeat('profiled', ATTRIBUTED, () =>
        runProfiledFirefox(url(s.nominal), { firefoxPrefs, timeout: 180_000, distRoot: DIST }),
      );
    }
    return;
  }
  await withBrowser({ headless: true, args: chromiumArgs, distRoot: DIST }, async (b) => {
    const ctx = ctxOf(b);
    const id = b.extensionId!;
    for (const s of big) {
      log(`${kind} ${s.label}: traced loads × ${ATTRIBUTED}`);
      s.attributed = await repeat('traced', ATTRIBUTED, () => runTraced(ctx, url(s.nominal), id, 'ours'));
    }
    await setSiteEnabled(b.browser, id, false);
    for (const s of big) {
      const windowMs = median((s.attributed ?? []).map((x) => x.window));
      if (!Number.isFinite(windowMs)) continue;
      log(`${kind} ${s.label}: traced loads with the site switched off × ${ATTRIBUTED}`);
      s.control = await repeat('control', ATTRIBUTED, () => runTraced(ctx, url(s.nominal), id, 'site off', windowMs));
    }
    await setSiteEnabled(b.browser, id, true);
  });
}

function addNotes(r: BrowserResult): void {
  r.notes.push(
    r.kind === 'chromium'
      ? 'Longest task: PerformanceObserver long-task entries (buffered, registered at document start); "<50" means no task of 50 ms or more.'
      : 'Longest task: the largest gap between ticks of a 5 ms setInterval running during the work (Firefox has no long-task entries); it includes up to 5 ms of timer slack.',
  );
  if (r.kind === 'chromium') {
    r.notes.push(
      "Page timer gap: the largest gap of a 5 ms setInterval in the page between the content script start and the frame after ready (a gap that began before the script started counts from its start): how long the page's own timers had to wait. scheduler.yield() continuations run before timers, so a sliced scan can starve them without any long task.",
      'Heap: Runtime.getHeapUsage (CDP) after gc() ×2 (--js-flags=--expose-gc) and HeapProfiler.collectGarbage. Baselines: heap after the work minus before it, same page. Ours: median usedSize of pages loaded with the extension (after ready) minus pages loaded without it (the floor runs, before their work); "added Blink heap" is the same for embedderHeapUsedSize (Oilpan: Ranges, Highlights).',
    );
  }
  for (const s of r.sizes) {
    const realPainted = s.ours.map((x) => x.painted);
    const bigPainted = s.oursBig.map((x) => x.painted);
    if (realPainted.length && bigPainted.length && Math.max(...realPainted) !== Math.max(...bigPainted)) {
      r.notes.push(
        `${s.label}: the ${r.aliases.big}-alias build painted ${Math.max(...bigPainted)} ranges, the real one ${Math.max(...realPainted)}.`,
      );
    }
    for (const [label, xs] of [
      ['ours', s.ours],
      ['ours-big', s.oursBig],
    ] as const) {
      const tasks = xs.flatMap((x) => x.tasks);
      if (tasks.length > 0) {
        const list = tasks
          .slice(0, 12)
          .map(([at, d]) => `${d.toFixed(0)} ms at ${at < 0 ? '−' : '+'}${Math.abs(at).toFixed(0)} ms`)
          .join(', ');
        r.notes.push(
          `${s.label} ${label}: tasks ≥ 50 ms in the scan window (all runs): ${list}${tasks.length > 12 ? ', …' : ''}.`,
        );
      }
    }
  }
}

function section(name: string, body: string): string {
  return `<!-- bench:${name} -->\n${body.trim()}\n<!-- /bench:${name} -->`;
}

function writeOutputs(r: BrowserResult): void {
  mkdirSync(resolve(ROOT, '.bench'), { recursive: true });
  writeFileSync(resolve(ROOT, `.bench/results-${r.kind}.json`), `${JSON.stringify(r, null, 1)}\n`);
  const docFile = resolve(ROOT, 'docs/benchmark.md');
  const old = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '';
  const keep = (name: string): string | null => {
    const m = new RegExp(`<!-- bench:${name} -->\\n([\\s\\S]*?)\\n<!-- /bench:${name} -->`).exec(old);
    return m ? m[1]! : null;
  };
  const parts: Record<string, string | null> = {
    notes: keep('notes'),
    chromium: keep('chromium'),
    firefox: keep('firefox'),
    micro: keep('micro'),
  };
  parts[r.kind] = renderMarkdown(r);
  if (r.micro) parts.micro = renderMicroMarkdown(r.micro, r.date, r.command);
  const body = [
    "# Benchmark results\n\nWritten by `npm run bench` (each run replaces its browser's section). How the figures are measured and what each column means: [bench/README.md](../bench/README.md).",
  ];
  for (const name of ['notes', 'chromium', 'firefox', 'micro']) {
    const text = parts[name];
    if (text) body.push(section(name, text));
  }
  mkdirSync(resolve(ROOT, 'docs'), { recursive: true });
  writeFileSync(docFile, `${body.join('\n\n')}\n`);
  log(`wrote docs/benchmark.md and .bench/results-${r.kind}.json`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
