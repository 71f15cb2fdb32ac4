/**
 * Medians, tables (plain text for the terminal, Markdown for docs/benchmark.md) and the targets,
 * each printed PASS or FAIL. A missed target never changes the exit code.
 */
import type { BrowserKind } from '../scripts/lib/browsers';
import { OWNERS, longestOf, oursOf, type AttributedFrame, type AttributedRun, type Owner } from './attribution';
import type { AppendSample, BaselineMethod, BaselineSample, OursSample } from './measure';
import type { MicroResult } from './micro';
import { SEARCH_QUERIES, type SearchRow } from './search';

export interface SizeResult {
  label: string;
  /** The size asked for (characters of text). */
  nominal: number;
  chars: number;
  textNodes: number;
  htmlBytes: number;
  /** Mentions the scan command finds on the page (real dataset). */
  found?: number;
  baselines: Partial<Record<BaselineMethod, BaselineSample[]>>;
  ours: OursSample[];
  oursBig: OursSample[];
  /** Traced (Chromium) or profiled (Firefox) loads with the extension: whose the long frames are. */
  attributed?: AttributedRun[];
  /** Chromium: the same, traced, with the extension's site switched off (the control). */
  control?: AttributedRun[];
}

export interface AppendingResult {
  count: number;
  everyMs: number;
  /** Expected painted mentions per appended paragraph (the core matcher on its text). */
  expected: number[];
  samples: AppendSample[];
}

export interface BrowserResult {
  kind: BrowserKind;
  version: string;
  date: string;
  command: string;
  machine: { nproc: number; model: string; memGb: number; node: string; os: string };
  /** The machine's load averages (1, 5, 15 min) when the run started and when it ended. */
  load?: { start: number[]; end: number[] };
  runs: number;
  aliases: { real: number; big: number; regex: number };
  sizes: SizeResult[];
  appending?: AppendingResult;
  micro?: MicroResult;
  targets: Target[];
  notes: string[];
}

export interface Target {
  label: string;
  pass: boolean;
  detail: string;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const max = (xs: number[]): number => xs.reduce((m, x) => Math.max(m, x), -Infinity);
const med = <T>(xs: T[], f: (x: T) => number | undefined): number => median(xs.map((x) => f(x) ?? NaN));

function ms(x: number): string {
  if (!Number.isFinite(x)) return x === Infinity ? '∞' : '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(x: number, floor: number): string {
  if (!Number.isFinite(x) || !Number.isFinite(floor) || floor <= 0) return '—';
  const r = x / floor;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

function mb(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const m = bytes / 1048576;
  return `${m >= 0 ? '+' : ''}${m.toFixed(2)} MB`;
}

function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

export function sizeLabel(chars: number): string {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(chars % 1e6 === 0 ? 0 : 1)} MB` : `${Math.round(chars / 1000)} KB`;
}

/** Longest task: median of runs, and the worst run. Chromium reports only tasks ≥ 50 ms. */
function longest(kind: BrowserKind, xs: number[]): string {
  const show = (x: number): string => (kind === 'chromium' && x < 50 ? '<50' : ms(x));
  if (xs.length === 0) return '—';
  const m = median(xs);
  const w = max(xs);
  return xs.length === 1 || m === w || (kind === 'chromium' && w < 50) ? show(m) : `${show(m)} (max ${show(w)})`;
}

const METHOD_LABEL: Record<BaselineMethod, string> = {
  floor: '(a) floor: TreeWalker reading text',
  floorIsolated: "(a′) the same floor from an isolated world (a content script's)",
  floorElements: '(a″) elements and text from an isolated world, excluded subtrees skipped',
  markRegExp: '(b) mark.js markRegExp',
  markKeywords: '(b) mark.js keyword array (1 run)',
  regexHighlight: '(c) regex + CSS Highlight',
  regexWrap: '(c) regex + <mark> wrapping',
};

type Table = { head: string[]; rows: string[][]; align: ('l' | 'r')[] };

/** The side-by-side table of one page size. */
export function sizeTable(r: BrowserResult, s: SizeResult): Table {
  const floor = s.baselines.floor ?? [];
  const fWork = med(floor, (x) => x.work);
  const fFrame = med(floor, (x) => x.toFrame);
  const pageHeap = med(floor, (x) => x.heapBefore);
  const pageEmb = med(floor, (x) => x.embedderBefore);
  const rows: string[][] = [];
  for (const method of [
    'floor',
    'floorIsolated',
    'floorElements',
    'markRegExp',
    'markKeywords',
    'regexHighlight',
    'regexWrap',
  ] as BaselineMethod[]) {
    const xs = s.baselines[method];
    if (!xs || xs.length === 0) continue;
    const work = med(xs, (x) => x.work);
    const frame = med(xs, (x) => x.toFrame);
    rows.push([
      METHOD_LABEL[method],
      ms(work),
      ratio(work, fWork),
      ms(frame),
      ratio(frame, fFrame),
      longest(
        r.kind,
        xs.map((x) => x.longest),
      ),
      method === 'floor' || method === 'floorIsolated' || method === 'floorElements'
        ? `(${int(med(xs, (x) => x.matches))} nodes)`
        : int(med(xs, (x) => x.matches)),
      int(max(xs.map((x) => x.mutations))),
      r.kind === 'chromium' ? `${mb(med(xs, (x) => x.heapAdded))} / ${mb(med(xs, (x) => x.embedderAdded))}` : 'n/a',
    ]);
  }
  const oursRow = (label: string, xs: OursSample[], found?: number): void => {
    if (xs.length === 0) return;
    const busy = med(xs, (x) => x.busy);
    const frame = med(xs, (x) => x.toFrame);
    rows.push([
      label,
      ms(busy),
      ratio(busy, fWork),
      ms(frame),
      ratio(frame, fFrame),
      longest(
        r.kind,
        xs.map((x) => x.longest),
      ),
      found === undefined
        ? int(med(xs, (x) => x.painted))
        : `${int(med(xs, (x) => x.painted))} painted of ${int(found)} found`,
      int(max(xs.map((x) => x.mutations))),
      r.kind === 'chromium'
        ? `${mb(med(xs, (x) => x.heap) - pageHeap)} / ${mb(med(xs, (x) => x.embedder) - pageEmb)}`
        : 'n/a',
    ]);
  };
  oursRow(`(d) ours, ${r.aliases.real} aliases (scan-busy)`, s.ours, s.found);
  oursRow(`(d) ours, ${r.aliases.big} aliases (scan-busy)`, s.oursBig);
  return {
    head: [
      'method',
      'work ms',
      'work ×floor',
      'to frame ms',
      'frame ×floor',
      'longest task ms',
      'matches',
      'DOM mutations',
      'added heap: JS / Blink',
    ],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/**
 * The page's own largest 5 ms-timer gap with no extension, from DOMContentLoaded over `windowMs`
 * (the time ours takes from its start to its painted frame): median of the Firefox floor runs.
 */
function quietGap(s: SizeResult, windowMs: number): number {
  const gaps = (s.baselines.floor ?? []).flatMap((x) => {
    const t = x.quietTicks?.filter((v) => v <= windowMs);
    if (!t || t.length < 2) return [];
    let g = 0;
    for (let i = 1; i < t.length; i++) g = Math.max(g, t[i]! - t[i - 1]!);
    return [g];
  });
  return gaps.length ? median(gaps) : NaN;
}

/** The extension's own figures of one page size. */
export function oursTable(r: BrowserResult, s: SizeResult): Table {
  const rows: string[][] = [];
  const pageHeap = med(s.baselines.floor ?? [], (x) => x.heapBefore);
  const pageEmb = med(s.baselines.floor ?? [], (x) => x.embedderBefore);
  for (const [label, xs] of [
    [`${r.aliases.real} aliases`, s.ours],
    [`${r.aliases.big} aliases`, s.oursBig],
  ] as const) {
    if (xs.length === 0) continue;
    rows.push([
      label,
      ms(med(xs, (x) => x.busy)),
      ms(med(xs, (x) => x.wall)),
      ms(med(xs, (x) => x.firstPaint)),
      ms(med(xs, (x) => x.ready)),
      ms(med(xs, (x) => x.toFrame)),
      longest(
        r.kind,
        xs.map((x) => x.longest),
      ),
      r.kind === 'chromium' ? longest('chromium', xs.map(longestFrame)) : 'n/a',
      longest(
        'firefox',
        xs.map((x) => x.timerGap),
      ),
      r.kind === 'firefox'
        ? ms(
            quietGap(
              s,
              med(xs, (x) => x.toFrame),
            ),
          )
        : 'n/a',
      int(med(xs, (x) => x.painted)),
      r.kind === 'chromium' ? mb(med(xs, (x) => x.heap) - pageHeap) : 'n/a',
      r.kind === 'chromium' ? mb(med(xs, (x) => x.embedder) - pageEmb) : 'n/a',
    ]);
  }
  return {
    head: [
      'dataset',
      'scan-busy',
      'scan (wall)',
      'first-paint',
      'ready',
      'frame after ready',
      'longest task',
      'longest frame',
      'page timer gap',
      'same window, no extension',
      'painted',
      'added JS heap',
      'added Blink heap',
    ],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/** The longest animation frame overlapping a run's scan window (Chromium, LoAF); 0 if none was long. */
export function longestFrame(x: OursSample): number {
  return (x.frames ?? []).reduce((m, f) => Math.max(m, f.duration), 0);
}

/**
 * Chromium, against the content script's floors: the text-only walk (a′) and the walk over elements
 * and text that skips excluded subtrees (a″), both from an isolated world, beside ours, with
 * scan-busy ÷ each and markRegExp's painted frame ÷ our whole scan, per page size.
 */
export function floorTable(r: BrowserResult): Table | null {
  if (r.kind !== 'chromium') return null;
  const rows: string[][] = [];
  for (const s of r.sizes) {
    const isolated = s.baselines.floorIsolated ?? [];
    if (isolated.length === 0 || s.ours.length === 0) continue;
    const a = med(isolated, (x) => x.work);
    const a2 = med(s.baselines.floorElements ?? [], (x) => x.work);
    const busy = med(s.ours, (x) => x.busy);
    const wall = med(s.ours, (x) => x.wall);
    const mark = med(s.baselines.markRegExp ?? [], (x) => x.toFrame);
    rows.push([
      s.label,
      ms(a),
      ms(a2),
      ms(busy),
      ratio(busy, a),
      ratio(busy, a2),
      ms(med(s.ours, (x) => x.firstPaint)),
      ms(wall),
      ms(mark),
      `${(mark / wall).toFixed(2)}×`,
    ]);
  }
  return {
    head: [
      'page',
      '(a′) text-only floor ms',
      '(a″) element-walking floor ms',
      'ours scan-busy ms',
      'busy ÷ a′',
      'busy ÷ a″',
      'ours first paint ms',
      'ours whole scan (wall) ms',
      'markRegExp painted frame ms',
      'markRegExp ÷ ours',
    ],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/** "wall / cpu" of a share, or "·" for nothing. */
function share(x: { wall: number; cpu: number }): string {
  return x.wall < 0.5 && x.cpu < 0.5 ? '·' : `${x.wall.toFixed(0)} / ${x.cpu.toFixed(0)}`;
}

const SHORT: Record<Owner, string> = {
  'ours-script': 'ours: script',
  'ours-forced': 'ours: forced style/layout',
  'ours-style': 'ours: rendering we caused',
  'page-script': 'page: script',
  'page-parser': 'page: parser',
  'page-rendering': 'page: rendering',
  gc: 'GC task',
  harness: 'bench harness',
  other: 'other browser work',
};

/** The run of a list whose longest long frame is the median of theirs (none long: the first). */
export function representative(runs: AttributedRun[]): AttributedRun | undefined {
  const sorted = [...runs].sort((a, b) => (longestOf(a)?.duration ?? 0) - (longestOf(b)?.duration ?? 0));
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * Whose the longest frame in the scan window is, per page size: the traced (Chromium) or profiled
 * (Firefox) load whose longest frame is the median of those loads, split by owner, wall / CPU ms;
 * then ours in the longest frame of every load, and the control (Chromium: site switched off).
 */
export function attributionTable(r: BrowserResult): Table | null {
  const rows: string[][] = [];
  const frameRow = (label: string, f: AttributedFrame | null, n: number): string[] => {
    if (!f) return [label, `none ≥ 50 ms (${n} loads)`, ...OWNERS.map(() => '·'), '·', '·'];
    const on = OWNERS.reduce((sum, o) => sum + f.parts[o].wall, 0);
    return [
      label,
      `${f.duration.toFixed(0)} at ${f.start < 0 ? '−' : '+'}${Math.abs(f.start).toFixed(0)}`,
      ...OWNERS.map((o) => share(f.parts[o])),
      Math.max(0, f.duration - on).toFixed(0),
      share(oursOf(f.parts)),
    ];
  };
  for (const s of r.sizes) {
    const runs = s.attributed ?? [];
    if (runs.length === 0) continue;
    rows.push(frameRow(`${s.label}: ours (median of ${runs.length})`, longestOf(representative(runs)!), runs.length));
    const ours = runs.map((x) => longestOf(x)).map((f) => (f ? oursOf(f.parts) : { wall: 0, cpu: 0 }));
    const all = runs
      .map((x) => longestOf(x))
      .map((f) => (f ? `${f.duration.toFixed(0)}: ${share(oursOf(f.parts))}` : 'none'));
    rows.push([
      `${s.label}: ours in each load's longest`,
      all.join('; '),
      ...OWNERS.map(() => ''),
      '',
      `${median(ours.map((x) => x.wall)).toFixed(0)} / ${median(ours.map((x) => x.cpu)).toFixed(0)}`,
    ]);
    const control = s.control ?? [];
    if (control.length) {
      rows.push(
        frameRow(
          `${s.label}: site switched off (median of ${control.length})`,
          longestOf(representative(control)!),
          control.length,
        ),
      );
    }
  }
  if (rows.length === 0) return null;
  return {
    head: ['page', 'longest frame ms', ...OWNERS.map((o) => SHORT[o]), 'not running', 'ours in it'],
    rows,
    align: ['l', 'r', ...OWNERS.map((): 'r' => 'r'), 'r', 'r'],
  };
}

/**
 * All main-thread time in the scan window (from the content script's start to the frame after
 * ready) by owner, CPU ms, median of the attributed loads; beside it our scan-busy in those loads.
 */
export function windowTable(r: BrowserResult): Table | null {
  const rows: string[][] = [];
  for (const s of r.sizes) {
    for (const [label, runs] of [
      ['ours', s.attributed ?? []],
      ['site switched off', s.control ?? []],
    ] as const) {
      if (runs.length === 0) continue;
      rows.push([
        `${s.label}: ${label}`,
        ms(median(runs.map((x) => x.window))),
        ...OWNERS.map((o) => ms(median(runs.map((x) => x.totals[o].cpu)))),
        ms(median(runs.map((x) => oursOf(x.totals).cpu))),
        label === 'ours' ? ms(median(runs.map((x) => x.busy ?? NaN))) : '',
        label === 'ours' ? ms(median(runs.map((x) => x.firstPaint ?? NaN))) : '',
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    head: [
      'page',
      'window ms',
      ...OWNERS.map((o) => SHORT[o]),
      'ours (CPU)',
      'scan-busy (wall) in these loads',
      'first paint in these loads',
    ],
    rows,
    align: ['l', 'r', ...OWNERS.map((): 'r' => 'r'), 'r', 'r', 'r'],
  };
}

export function appendTable(r: BrowserResult): Table | null {
  const a = r.appending;
  if (!a || a.samples.length === 0) return null;
  const toRescan = a.samples.flatMap((s) => s.toRescan);
  const toFrame = a.samples.flatMap((s) => s.toFrame);
  const { ok, total } = appendPainted(a);
  return {
    head: [
      'appended paragraphs',
      'insert → rescan done (median / max)',
      'insert → next frame (median / max)',
      'longest task',
      'all mentions painted',
      'our DOM mutations',
    ],
    rows: [
      [
        `${a.count} × ${a.samples.length} runs, every ${a.everyMs} ms`,
        `${ms(median(toRescan))} / ${ms(max(toRescan))} ms`,
        `${ms(median(toFrame))} / ${ms(max(toFrame))} ms`,
        longest(
          r.kind,
          a.samples.map((s) => s.longest),
        ),
        `${ok === total ? 'yes' : 'NO'} (${ok}/${total} paragraphs)`,
        int(max(a.samples.map((s) => s.mutations))),
      ],
    ],
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
  };
}

function appendPainted(a: AppendingResult): { ok: number; total: number } {
  let ok = 0;
  let total = 0;
  for (const s of a.samples) {
    a.expected.forEach((want, n) => {
      total++;
      if ((s.painted[String(n)] ?? 0) >= want) ok++;
    });
  }
  return { ok, total };
}

export function microTable(m: MicroResult): Table {
  return {
    head: ['matcher', 'aliases', 'MB/s (median)', 'matches per MB', 'text per pass', 'setup ms'],
    rows: m.rows.map((x) => [
      x.label,
      int(x.aliases),
      x.mbps >= 10 ? x.mbps.toFixed(1) : x.mbps.toPrecision(2),
      int(x.perMb),
      `${(x.share * 100).toFixed(x.share < 0.1 ? 1 : 0)}%`,
      ms(x.setupMs),
    ]),
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
  };
}

// ---------------------------------------------------------------------------------------------
// Targets

/** Ours in a frame counts from 1 ms (wall): less is the rounding of a task that straddles its edge. */
const OURS_IN_FRAME_MS = 1;

/**
 * No long frame (Chromium) or long task (Firefox) over 50 ms with our script or rendering we caused
 * in it, over every attributed load of the page; null when none was attributed.
 */
function framesTarget(kind: BrowserKind, s: SizeResult): Target | null {
  const runs = s.attributed ?? [];
  if (runs.length === 0) return null;
  const all = runs.flatMap((x) => x.long).filter((f) => f.duration > 50);
  const withOurs = all.filter((f) => oursOf(f.parts).wall >= OURS_IN_FRAME_MS);
  const worst = withOurs.reduce<AttributedFrame | null>((m, f) => (!m || f.duration > m.duration ? f : m), null);
  const what = kind === 'chromium' ? 'long animation frame' : 'long task (Gecko profiler)';
  return {
    label: `${s.label}: no ${what} over 50 ms with our script or our style changes in it`,
    pass: withOurs.length === 0,
    detail: worst
      ? `${withOurs.length} of ${all.length} over 50 ms in ${runs.length} ${kind === 'chromium' ? 'traced' : 'profiled'} loads; the longest ${ms(worst.duration)} ms at ${worst.start < 0 ? '−' : '+'}${ms(Math.abs(worst.start))}, ours in it ${share(oursOf(worst.parts))} ms wall / CPU (script ${share(worst.parts['ours-script'])}, rendering we caused ${share(worst.parts['ours-style'])})`
      : `${all.length} over 50 ms in ${runs.length} loads, none with ours in it`,
  };
}

export function evaluateTargets(r: BrowserResult): Target[] {
  const out: Target[] = [];
  const big = r.sizes.filter((s) => s.nominal >= 1e6);
  for (const s of big) {
    const floor = s.baselines.floor ?? [];
    const fWork = med(floor, (x) => x.work);
    const busy = med(s.ours, (x) => x.busy);
    const oursFrame = med(s.ours, (x) => x.toFrame);
    const markFrame = med(s.baselines.markRegExp ?? [], (x) => x.toFrame);
    const wrapFrame = med(s.baselines.regexWrap ?? [], (x) => x.toFrame);
    const mutations = max(s.ours.map((x) => x.mutations));
    const p = s.label;
    const fp = med(s.ours, (x) => x.firstPaint);
    const firstPaint = (limit: number): Target => ({
      label: `${p}: first viewport painted ≤ ${limit} ms after the content script starts`,
      pass: fp <= limit,
      detail: `first-paint median ${ms(fp)} ms (max ${ms(max(s.ours.map((x) => x.firstPaint)))} ms)`,
    });
    const frames = framesTarget(r.kind, s);
    if (r.kind === 'chromium') {
      const elements = med(s.baselines.floorElements ?? [], (x) => x.work);
      const isolated = med(s.baselines.floorIsolated ?? [], (x) => x.work);
      const wall = med(s.ours, (x) => x.wall);
      const sooner = s.nominal >= 5e6 ? 3.5 : 2.5;
      out.push(firstPaint(35));
      if (frames) out.push(frames);
      out.push({
        label: `${p}: scan-busy ≤ 3× the element-walking floor (a″)`,
        pass: busy <= 3 * elements,
        detail: `${ms(busy)} ms vs (a″) ${ms(elements)} ms = ${ratio(busy, elements)} (the text-only floor a′ ${ms(isolated)} ms: ${ratio(busy, isolated)}; the page's own floor ${ms(fWork)} ms: ${ratio(busy, fWork)})`,
      });
      out.push({
        label: `${p}: the whole scan done ≥ ${sooner}× sooner than markRegExp's painted frame`,
        pass: wall * sooner <= markFrame,
        detail: `ours done at ${ms(wall)} ms (wall, from the script's start) vs markRegExp's frame at ${ms(markFrame)} ms: ${(markFrame / wall).toFixed(2)}× sooner`,
      });
    } else {
      const gap = max(s.ours.map((x) => x.timerGap));
      const quiet = quietGap(
        s,
        med(s.ours, (x) => x.toFrame),
      );
      out.push(firstPaint(100));
      if (frames) out.push(frames);
      out.push({
        label: `${p}: the page's 5 ms timer never waits over 50 ms while we scan`,
        pass: gap <= 50,
        detail: `largest gap ${ms(gap)} ms (worst of ${s.ours.length} runs; median ${ms(med(s.ours, (x) => x.timerGap))} ms); the same page with no extension, same window: ${ms(quiet)} ms`,
      });
      out.push({
        label: `${p}: painted frame after the whole scan sooner than markRegExp and regex + wrapping`,
        pass: oursFrame < markFrame && oursFrame < wrapFrame,
        detail: `ours ${ms(oursFrame)} ms vs markRegExp ${ms(markFrame)} ms, regex + <mark> ${ms(wrapFrame)} ms`,
      });
    }
    out.push({
      label: `${p}: zero page mutations`,
      pass: mutations === 0,
      detail: `${int(mutations)} records (worst run)`,
    });
  }
  if (r.kind === 'chromium' && r.appending) {
    const toFrame = r.appending.samples.flatMap((s) => s.toFrame);
    const { ok, total } = appendPainted(r.appending);
    out.push({
      label: 'appending page: new paragraphs painted within 100 ms of insertion',
      pass: max(toFrame) <= 100 && ok === total,
      detail: `insert → frame median ${ms(median(toFrame))} ms, max ${ms(max(toFrame))} ms; ${ok}/${total} paragraphs fully painted`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function textTable(t: Table): string {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (t.align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(t.head), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}

function mdTable(t: Table): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
  return [
    `| ${t.head.map(esc).join(' | ')} |`,
    `|${t.align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

function pageLine(s: SizeResult): string {
  return `${s.label} page: ${int(s.chars)} characters of text in ${int(s.textNodes)} text nodes (${(s.htmlBytes / 1048576).toFixed(2)} MB of HTML)`;
}

const ATTRIBUTION_TITLE = 'Whose the longest frame in the scan window is (wall / CPU ms)';
const WINDOW_TITLE = 'All main-thread CPU in the scan window, by owner (ms, median of the attributed loads)';
const ATTRIBUTION_NOTE =
  'Chromium: Long Animation Frames of DevTools-traced loads (separate from the timed runs above), each frame split by the tasks in it; Firefox: the Gecko profiler’s long-task markers of profiled loads, split by samples. “Rendering we caused”: rendering after only our work since the previous frame, or style after the browser injected our style sheet (Firefox: style flushes and reflows whose recorded cause runs through our code or the extension’s addSheet). “Not running”: the frame’s time the main thread was not on a CPU (the machine’s load) or idle. The method: bench/README.md.';

function loadLine(l: { start: number[]; end: number[] }): string {
  const f = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
  return `machine load (load average 1, 5, 15 min): ${f(l.start)} at the start, ${f(l.end)} at the end`;
}

export function renderText(r: BrowserResult): string {
  const out: string[] = [];
  out.push(`\n=== ${r.kind} ${r.version} — medians of ${r.runs} runs ===`);
  for (const s of r.sizes) {
    out.push(
      `\n${pageLine(s)}`,
      textTable(sizeTable(r, s)),
      '',
      'ours in detail (ms from the content script start):',
      textTable(oursTable(r, s)),
    );
  }
  const a = appendTable(r);
  if (a) out.push('\nappending page:', textTable(a));
  const f = floorTable(r);
  if (f) out.push('\nagainst the content script’s floors:', textTable(f));
  const at = attributionTable(r);
  if (at) out.push(`\n${ATTRIBUTION_TITLE}:`, textTable(at));
  const w = windowTable(r);
  if (w) out.push(`\n${WINDOW_TITLE}:`, textTable(w));
  if (r.load) out.push(`\n${loadLine(r.load)}`);
  if (r.micro)
    out.push(
      `\nNode micro-benchmark (${(r.micro.textChars / 1e6).toFixed(1)} MB of text, ${r.micro.paragraphs} paragraphs):`,
      textTable(microTable(r.micro)),
    );
  out.push('\ntargets:');
  for (const t of r.targets) out.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.label} — ${t.detail}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

export function renderMarkdown(r: BrowserResult): string {
  const out: string[] = [];
  const name = r.kind === 'chromium' ? 'Chromium' : 'Firefox';
  out.push(`## ${name}`, '');
  out.push(`- command: \`${r.command}\``);
  out.push(`- date: ${r.date}`);
  out.push(`- browser: ${r.version} (headless)`);
  out.push(
    `- machine: ${r.machine.nproc} CPUs, ${r.machine.model}, ${r.machine.memGb} GB RAM; ${r.machine.os}; Node ${r.machine.node}`,
  );
  out.push(
    `- medians of ${r.runs} runs, a fresh page load per run; aliases: ${r.aliases.real} (real dataset), ${r.aliases.big} (generated), ${r.aliases.regex} in the baselines' regex`,
  );
  if (r.load) out.push(`- ${loadLine(r.load)}`);
  out.push('');
  for (const s of r.sizes) {
    out.push(
      `### ${pageLine(s)}`,
      '',
      mdTable(sizeTable(r, s)),
      '',
      'Ours in detail (ms from the content script start):',
      '',
      mdTable(oursTable(r, s)),
      '',
    );
  }
  const a = appendTable(r);
  if (a) out.push('### Appending page', '', mdTable(a), '');
  const f = floorTable(r);
  if (f) out.push('### Against the content script’s floors', '', mdTable(f), '');
  const at = attributionTable(r);
  if (at) out.push(`### ${ATTRIBUTION_TITLE}`, '', ATTRIBUTION_NOTE, '', mdTable(at), '');
  const w = windowTable(r);
  if (w) out.push(`### ${WINDOW_TITLE}`, '', mdTable(w), '');
  out.push('### Targets', '');
  for (const t of r.targets) out.push(`- **${t.pass ? 'PASS' : 'FAIL'}** ${t.label} — ${t.detail}`);
  out.push('');
  for (const n of r.notes) out.push(`> ${n}`, '');
  return out.join('\n');
}

/** The popup's search, per keystroke (bench/search.ts). */
export function searchTable(rows: readonly SearchRow[]): Table {
  return {
    head: ['index', 'aliases', 'keystrokes', 'median ms', 'p95 ms', 'worst ms', 'setup ms'],
    rows: rows.map((r) => [
      r.label,
      int(r.aliases),
      int(r.keystrokes),
      r.medianMs.toFixed(2),
      r.p95Ms.toFixed(2),
      r.worstMs.toFixed(1),
      ms(r.setupMs),
    ]),
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

export function renderMicroMarkdown(m: MicroResult, date: string, command: string): string {
  const search = m.search
    ? [
        '### The popup’s search, per keystroke',
        '',
        `Each of ${SEARCH_QUERIES.map((q) => `“${q}”`).join(', ')} typed letter by letter, every prefix one search (target: under 10 ms at 5,000 aliases).`,
        '',
        mdTable(searchTable(m.search)),
        '',
      ]
    : [];
  return [
    '## Node micro-benchmark of the core matcher',
    '',
    `- command: \`${command}\` (runs with every bench), date: ${date}`,
    `- ${(m.textChars / 1e6).toFixed(2)} MB of generated prose in ${int(m.paragraphs)} paragraphs, each matched on its own; median of ${m.passes} passes after a warm-up`,
    '',
    mdTable(microTable(m)),
    '',
    ...search,
  ].join('\n');
}
