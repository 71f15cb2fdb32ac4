/**
 * Medians, tables (plain text for the terminal, Markdown for docs/benchmark.md) and the targets,
 * each printed PASS or FAIL. A missed target never changes the exit code.
 */
import type { BrowserKind } from '../scripts/lib/browsers';
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
      method === 'floor' || method === 'floorIsolated'
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
      'page timer gap',
      'same window, no extension',
      'painted',
      'added JS heap',
      'added Blink heap',
    ],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/**
 * Chromium, against the content script's true floor: the isolated-world walk (a′) and ours side by
 * side, with scan-busy ÷ a′ and markRegExp's painted frame ÷ our whole scan, per page size.
 */
export function floorTable(r: BrowserResult): Table | null {
  if (r.kind !== 'chromium') return null;
  const rows: string[][] = [];
  for (const s of r.sizes) {
    const isolated = s.baselines.floorIsolated ?? [];
    if (isolated.length === 0 || s.ours.length === 0) continue;
    const a = med(isolated, (x) => x.work);
    const busy = med(s.ours, (x) => x.busy);
    const wall = med(s.ours, (x) => x.wall);
    const mark = med(s.baselines.markRegExp ?? [], (x) => x.toFrame);
    rows.push([
      s.label,
      ms(a),
      ms(busy),
      ratio(busy, a),
      ms(med(s.ours, (x) => x.firstPaint)),
      ms(wall),
      ms(mark),
      `${(mark / wall).toFixed(2)}×`,
    ]);
  }
  return {
    head: [
      'page',
      '(a′) isolated-world floor ms',
      'ours scan-busy ms',
      'busy ÷ a′',
      'ours first paint ms',
      'ours whole scan (wall) ms',
      'markRegExp painted frame ms',
      'markRegExp ÷ ours',
    ],
    rows,
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
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
    const worstTask = max(s.ours.map((x) => x.longest));
    const mutations = max(s.ours.map((x) => x.mutations));
    const p = s.label;
    const task = (): Target => ({
      label: `${p}: no task of ours over 50 ms`,
      pass: worstTask <= 50,
      detail:
        r.kind === 'chromium'
          ? worstTask < 50
            ? 'no long task in any run'
            : `longest ${ms(worstTask)} ms (worst of ${s.ours.length} runs)`
          : `largest 5 ms-timer gap ${ms(worstTask)} ms (worst of ${s.ours.length} runs)`,
    });
    const fp = med(s.ours, (x) => x.firstPaint);
    const firstPaint = (limit: number): Target => ({
      label: `${p}: first viewport painted ≤ ${limit} ms after the content script starts`,
      pass: fp <= limit,
      detail: `first-paint median ${ms(fp)} ms (max ${ms(max(s.ours.map((x) => x.firstPaint)))} ms)`,
    });
    if (r.kind === 'chromium') {
      const isolated = med(s.baselines.floorIsolated ?? [], (x) => x.work);
      const wall = med(s.ours, (x) => x.wall);
      out.push({
        label: `${p}: scan-busy ≤ 2.5× the isolated-world floor (a′)`,
        pass: busy <= 2.5 * isolated,
        detail: `${ms(busy)} ms vs (a′) ${ms(isolated)} ms = ${ratio(busy, isolated)} (the page's own floor ${ms(fWork)} ms: ${ratio(busy, fWork)})`,
      });
      out.push({
        label: `${p}: the whole scan done ≥ 4× sooner than markRegExp's painted frame`,
        pass: wall * 4 <= markFrame,
        detail: `ours done at ${ms(wall)} ms (wall, from the script's start) vs markRegExp's frame at ${ms(markFrame)} ms: ${(markFrame / wall).toFixed(2)}× sooner`,
      });
      out.push(task());
      out.push(firstPaint(50));
    } else {
      const gap = max(s.ours.map((x) => x.timerGap));
      const quiet = quietGap(
        s,
        med(s.ours, (x) => x.toFrame),
      );
      out.push(firstPaint(100));
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
  if (f) out.push('### Against the content script’s floor', '', mdTable(f), '');
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
