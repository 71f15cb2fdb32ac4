/**
 * The regression guard: `npm run bench -- --save` keeps a run's figures in docs/benchmark.json (one
 * section per browser); `npm run bench -- --compare docs/benchmark.json` compares a run with the
 * saved one and prints every figure that got worse beyond the noise both runs measured.
 *
 * Noise, per figure, from the runs themselves: the standard error of a median of n samples,
 * 1.2533 × 1.4826 × MAD / √n (the MAD scaled to a standard deviation), never under 2 % of the figure
 * (rounding and timer resolution); for a ratio, the two relative errors in quadrature. A figure got
 * worse if it moved the wrong way by more than 3 combined standard errors and by more than 5 %.
 * Whole runs on a shared machine are slower or faster together, so figures in milliseconds are also
 * compared after dividing by the machine factor: how much slower the floors (work the extension
 * takes no part in: the TreeWalker floors and markRegExp in a browser without the extension) were
 * in this run than in the saved one; a figure is flagged only if it got worse both ways, and a
 * figure worse only before the adjustment is listed as "the machine's".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { longestOf, oursOf } from './attribution';
import { longestFrame, median, type BrowserResult, type SizeResult } from './report';

export interface Figure {
  key: string;
  unit: 'ms' | '×' | 'MB' | 'count';
  better: 'lower' | 'higher';
  value: number;
  /** Standard error of `value` (same unit). */
  noise: number;
  n: number;
  /** Milliseconds that scale with the machine's speed. */
  scales?: boolean;
  /** Work the extension takes no part in: it measures the machine's speed in this run. */
  calibration?: boolean;
}

export interface SavedRun {
  kind: string;
  version: string;
  date: string;
  command: string;
  commit: string;
  load?: { start: number[]; end: number[] };
  figures: Figure[];
}

const Z = 3;
const MIN_CHANGE = 0.05;
const MIN_NOISE = 0.02;

function mad(xs: number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** A figure from its samples: their median and that median's standard error. */
export function fromSamples(
  key: string,
  samples: number[],
  opts: Omit<Figure, 'key' | 'value' | 'noise' | 'n'>,
): Figure | null {
  const xs = samples.filter((x) => Number.isFinite(x));
  if (xs.length === 0) return null;
  const value = median(xs);
  const exact = opts.unit === 'count';
  const se = xs.length > 1 ? (1.2533 * 1.4826 * mad(xs)) / Math.sqrt(xs.length) : Math.abs(value) * 0.25;
  return { key, value, noise: exact ? 0 : Math.max(se, Math.abs(value) * MIN_NOISE), n: xs.length, ...opts };
}

/** a ÷ b with the two relative errors in quadrature. */
function ratioOf(key: string, a: Figure | null, b: Figure | null, better: Figure['better']): Figure | null {
  if (!a || !b || b.value === 0) return null;
  const value = a.value / b.value;
  const rel = Math.hypot(a.noise / a.value, b.noise / b.value);
  return { key, unit: '×', better, value, noise: Math.abs(value) * rel, n: Math.min(a.n, b.n) };
}

/** Every figure the guard watches, from one run. */
export function figuresOf(r: BrowserResult): Figure[] {
  const out: (Figure | null)[] = [];
  const msLower = { unit: 'ms', better: 'lower', scales: true } as const;
  const cal = { unit: 'ms', better: 'lower', scales: true, calibration: true } as const;
  const cpuLower = { unit: 'ms', better: 'lower' } as const;
  for (const s of r.sizes.filter((x) => x.nominal >= 1e6)) {
    const L = s.label;
    const base = (m: keyof SizeResult['baselines'], f: 'work' | 'toFrame', key: string): Figure | null =>
      fromSamples(
        `${L}: ${key}`,
        (s.baselines[m] ?? []).map((x) => x[f]),
        cal,
      );
    const a = base('floor', 'work', '(a) floor, text walk in the page');
    const a1 = base('floorIsolated', 'work', '(a′) floor, text walk from an isolated world');
    const a2 = base('floorElements', 'work', '(a″) floor, element walk from an isolated world');
    const mark = base('markRegExp', 'toFrame', 'markRegExp painted frame');
    out.push(a, a1, a2, mark, base('regexWrap', 'toFrame', 'regex + <mark> painted frame'));
    const o = (key: string, f: (x: SizeResult['ours'][number]) => number, big = false): Figure | null =>
      fromSamples(
        `${L}: ours${big ? ` (${r.aliases.big} aliases)` : ''} ${key}`,
        (big ? s.oursBig : s.ours).map(f),
        msLower,
      );
    const busy = o('scan-busy', (x) => x.busy);
    const wall = o('whole scan (wall)', (x) => x.wall);
    const toFrame = o('frame after ready', (x) => x.toFrame);
    out.push(
      busy,
      wall,
      o('first paint', (x) => x.firstPaint),
      toFrame,
      o('page timer gap', (x) => x.timerGap),
    );
    out.push(o('scan-busy', (x) => x.busy, true));
    if (r.kind === 'chromium') {
      out.push(o('longest animation frame in the scan window', longestFrame));
      out.push(
        ratioOf(`${L}: scan-busy ÷ (a′)`, busy, a1, 'lower'),
        ratioOf(`${L}: scan-busy ÷ (a″)`, busy, a2, 'lower'),
      );
      out.push(ratioOf(`${L}: markRegExp's frame ÷ our whole scan`, mark, wall, 'higher'));
      const heap = (key: string, f: (x: SizeResult['ours'][number]) => number | undefined): Figure | null =>
        fromSamples(
          `${L}: ours ${key}`,
          s.ours.map((x) => (f(x) ?? NaN) / 1048576),
          { unit: 'MB', better: 'lower' },
        );
      out.push(
        heap('JS heap after the scan', (x) => x.heap),
        heap('Blink heap after the scan', (x) => x.embedder),
      );
    } else {
      out.push(ratioOf(`${L}: scan-busy ÷ (a)`, busy, a, 'lower'));
      out.push(ratioOf(`${L}: markRegExp's frame ÷ our painted frame`, mark, toFrame, 'higher'));
    }
    out.push(
      fromSamples(`${L}: page mutations (worst run)`, [Math.max(0, ...s.ours.map((x) => x.mutations))], {
        unit: 'count',
        better: 'lower',
      }),
    );
    const runs = s.attributed ?? [];
    if (runs.length) {
      out.push(
        // CPU time: on a shared machine it moves far less with the load than wall time does.
        fromSamples(
          `${L}: ours in the longest frame, CPU (attributed loads)`,
          runs.map((x) => {
            const f = longestOf(x);
            return f ? oursOf(f.parts).cpu : 0;
          }),
          cpuLower,
        ),
        fromSamples(
          `${L}: our CPU in the scan window (attributed loads)`,
          runs.map((x) => oursOf(x.totals).cpu),
          cpuLower,
        ),
      );
    }
  }
  if (r.appending?.samples.length) {
    out.push(
      fromSamples(
        'appending page: insert → next frame',
        r.appending.samples.flatMap((x) => x.toFrame),
        msLower,
      ),
    );
  }
  return out.filter((x): x is Figure => x !== null);
}

/** The commit measured, and whether the extension's sources differed from it. */
function commit(): string {
  try {
    const git = (...a: string[]): string => execFileSync('git', a, { encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'assets', 'scripts/build.ts') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes to src/' : ''}`;
  } catch {
    return 'unknown';
  }
}

/** Writes this run's figures into `file` (replacing its browser's section, keeping the other). */
export function saveFigures(file: string, r: BrowserResult, gitCommit = commit()): void {
  const old = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, SavedRun>) : {};
  old[r.kind] = {
    kind: r.kind,
    version: r.version,
    date: r.date,
    command: r.command,
    commit: gitCommit,
    load: r.load,
    figures: figuresOf(r),
  };
  writeFileSync(file, `${JSON.stringify(old, null, 1)}\n`);
}

export interface Comparison {
  machineFactor: number;
  rows: {
    key: string;
    unit: Figure['unit'];
    saved: number;
    now: number;
    /** Change in the bad direction, relative (positive = worse). */
    worse: number;
    /** The same after the machine factor (figures in ms that scale with it). */
    worseAdjusted: number;
    /** Three combined standard errors, relative to the saved value. */
    noise: number;
    verdict: 'worse' | 'better' | 'within noise' | "the machine's" | 'calibration';
  }[];
  missing: string[];
  saved: SavedRun;
}

export function compareFigures(file: string, r: BrowserResult): Comparison {
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SavedRun>;
  const saved = all[r.kind];
  if (!saved) throw new Error(`${file} holds no ${r.kind} run (save one with --save)`);
  const now = new Map(figuresOf(r).map((f) => [f.key, f]));
  // The machine factor: geometric mean of now ÷ saved over the calibration figures both runs have.
  const logs = saved.figures
    .filter((f) => f.calibration && now.get(f.key) && f.value > 0)
    .map((f) => Math.log(now.get(f.key)!.value / f.value));
  const machineFactor = logs.length ? Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) : 1;
  const rows: Comparison['rows'] = [];
  const missing: string[] = [];
  for (const old of saved.figures) {
    const cur = now.get(old.key);
    if (!cur) {
      missing.push(old.key);
      continue;
    }
    const sign = old.better === 'lower' ? 1 : -1;
    const base = Math.abs(old.value) || 1;
    const worse = (sign * (cur.value - old.value)) / base;
    const adjusted = old.scales ? cur.value / machineFactor : cur.value;
    const worseAdjusted = (sign * (adjusted - old.value)) / base;
    const noise = (Z * Math.hypot(old.noise, cur.noise)) / base;
    const beyond = (w: number): boolean => w > noise && w > (old.unit === 'count' ? 0 : MIN_CHANGE);
    let verdict: Comparison['rows'][number]['verdict'];
    if (old.calibration) verdict = 'calibration';
    else if (beyond(worse) && beyond(worseAdjusted)) verdict = 'worse';
    else if (beyond(worse)) verdict = "the machine's";
    else if (beyond(-worse) && beyond(-worseAdjusted)) verdict = 'better';
    else verdict = 'within noise';
    rows.push({ key: old.key, unit: old.unit, saved: old.value, now: cur.value, worse, worseAdjusted, noise, verdict });
  }
  return { machineFactor, rows, missing, saved };
}

function fmt(x: number, unit: Figure['unit']): string {
  if (!Number.isFinite(x)) return '—';
  if (unit === 'count') return String(Math.round(x));
  if (unit === '×') return `${x.toFixed(2)}×`;
  if (unit === 'MB') return `${x.toFixed(2)} MB`;
  return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
}

const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)} %`;

/** The comparison for the terminal: every figure, then the ones that got worse beyond noise. */
export function renderComparison(c: Comparison, file: string): string {
  const out: string[] = [];
  out.push(
    `\n=== compared with ${file} (${c.saved.kind} ${c.saved.version}, ${c.saved.date}, ${c.saved.commit}) ===`,
    `machine factor: this run's floors took ${c.machineFactor.toFixed(2)}× the saved run's (figures in ms are also compared divided by it)`,
  );
  const head = ['figure', 'saved', 'now', 'worse by', 'after machine factor', 'noise (3 s.e.)', 'verdict'];
  const rows = c.rows.map((x) => [
    x.key,
    fmt(x.saved, x.unit),
    fmt(x.now, x.unit),
    pct(x.worse),
    x.unit === 'ms' ? pct(x.worseAdjusted) : '',
    `±${(x.noise * 100).toFixed(0)} %`,
    x.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  out.push(line(head), ...rows.map(line));
  if (c.missing.length) out.push(`not measured in this run: ${c.missing.join('; ')}`);
  const worse = c.rows.filter((x) => x.verdict === 'worse');
  out.push(
    worse.length
      ? `\nWORSE beyond noise (${worse.length}):\n${worse.map((x) => `  ${x.key}: ${fmt(x.saved, x.unit)} → ${fmt(x.now, x.unit)} (${pct(x.worse)}, noise ±${(x.noise * 100).toFixed(0)} %)`).join('\n')}`
      : '\nnothing got worse beyond the noise',
  );
  return out.join('\n');
}
