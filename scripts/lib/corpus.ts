/**
 * The labelled corpus (tests/fixtures/corpus) and its scoring rules (SCORING.md there):
 * per page and entity, TP = min(found, required), FN = required − TP,
 * FP = max(0, found − required − optional); precision and recall summed over everything, and
 * per page language. The 26 ids below are scored on every page; a page's labels may list more
 * (the pages written for this project list every entity of the dataset), and those are scored there.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Matcher } from '../../src/core/matcher-data';
import type { DocumentScan } from '../../src/content/read/scan-document';
import { primaryLanguage } from '../../src/core/language';
import { scanHtml } from './scan-html';
import { ROOT } from './dataset';

export const CORPUS = resolve(ROOT, 'tests/fixtures/corpus');

/** The entity ids the corpus is labelled for (its README): only these are scored. */
export const SCORED_IDS = [
  'vladimir-putin',
  'xi-jinping',
  'angela-merkel',
  'dmitry-rogozin',
  'sergei-luzyanin',
  'russia',
  'china',
  'ukraine',
  'crimea',
  'japan',
  'east-china-sea',
  'shanghai',
  'beijing',
  'moscow',
  'kyiv',
  'donetsk',
  'luhansk',
  'germany',
  'izvestia',
  'kremlin',
  'gazprom',
  'cnpc',
  'power-of-siberia',
  'mgimo',
  // Added with dataset 1.2, after reading every mention on the pages (traps.md).
  'european-union',
  'donbas',
];

type Counts = Record<string, Record<string, number>>;

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** An entity on a page found fewer times than labelled (missed) or more (extra). */
export interface Miss {
  entity: string;
  found: number;
  required: number;
  optional: number;
}

export interface Evaluation {
  pages: {
    name: string;
    /** The page's declared language (primary subtag of <html lang>), or "none". */
    lang: string;
    found: Record<string, number>;
    tally: Tally;
    scan: DocumentScan;
    misses: Miss[];
  }[];
  byEntity: Map<string, Tally>;
  /** Per page language, in alphabetical order. */
  byLanguage: Map<string, Tally>;
  overall: Tally;
  /** Mentions of entities the corpus has no labels for (reported, not scored). */
  unscored: Record<string, number>;
}

export function precision(t: Tally): number {
  return t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
}

export function recall(t: Tally): number {
  return t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
}

export function corpusPages(): string[] {
  return readdirSync(resolve(CORPUS, 'pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The primary subtag of a page's <html lang>, or "none" when it declares none. */
export function pageLanguage(html: string): string {
  const tag = /<html\b[^>]*\blang\s*=\s*["']?([^"'\s>]+)/i.exec(html)?.[1] ?? '';
  return primaryLanguage(tag) || 'none';
}

/** Labels of the pages a story pack is about (beside the corpus: its own entities, scored with the pack on). */
export const PACK_LABELS = resolve(ROOT, 'tests/fixtures/packs/labels.json');

/** Per pack id, per page: the pack's entities' counts on the pages it is about. */
export function packLabels(): Record<string, Counts> {
  return JSON.parse(readFileSync(PACK_LABELS, 'utf8')) as Record<string, Counts>;
}

/**
 * Scores the matcher on the corpus. `pages` limits it to those pages; `extra` adds labels (a
 * pack's, on the pages it is about) to the corpus's.
 */
export function evaluateCorpus(m: Matcher, options: { pages?: readonly string[]; extra?: Counts } = {}): Evaluation {
  const labels = JSON.parse(readFileSync(resolve(CORPUS, 'labels.json'), 'utf8')) as Counts;
  for (const [page, counts] of Object.entries(options.extra ?? {})) labels[page] = { ...labels[page], ...counts };
  const optional = JSON.parse(readFileSync(resolve(CORPUS, 'optional.json'), 'utf8')) as Counts;
  const byEntity = new Map<string, Tally>(SCORED_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const byLanguage = new Map<string, Tally>();
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const unscored: Record<string, number> = {};
  const pages: Evaluation['pages'] = [];
  for (const name of corpusPages()) {
    if (options.pages && !options.pages.includes(name)) continue;
    const html = readFileSync(resolve(CORPUS, 'pages', `${name}.html`), 'utf8');
    const lang = pageLanguage(html);
    const scan = scanHtml(html, m, name);
    const found = scan.counts;
    const tally: Tally = { tp: 0, fp: 0, fn: 0 };
    const misses: Miss[] = [];
    const scored = [
      ...new Set([...SCORED_IDS, ...Object.keys(labels[name] ?? {}), ...Object.keys(optional[name] ?? {})]),
    ];
    if (!byLanguage.has(lang)) byLanguage.set(lang, { tp: 0, fp: 0, fn: 0 });
    for (const id of scored) {
      const f = found[id] ?? 0;
      const required = labels[name]?.[id] ?? 0;
      const opt = optional[name]?.[id] ?? 0;
      const tp = Math.min(f, required);
      const t = { tp, fn: required - tp, fp: Math.max(0, f - required - opt) };
      if (t.fn > 0 || t.fp > 0) misses.push({ entity: id, found: f, required, optional: opt });
      if (!byEntity.has(id)) byEntity.set(id, { tp: 0, fp: 0, fn: 0 });
      for (const acc of [tally, overall, byEntity.get(id)!, byLanguage.get(lang)!]) {
        acc.tp += t.tp;
        acc.fn += t.fn;
        acc.fp += t.fp;
      }
    }
    for (const [id, n] of Object.entries(found)) if (!scored.includes(id)) unscored[id] = (unscored[id] ?? 0) + n;
    pages.push({ name, lang, found, tally, scan, misses });
  }
  const languages = new Map([...byLanguage].sort(([a], [b]) => a.localeCompare(b)));
  return { pages, byEntity, byLanguage: languages, overall, unscored };
}

/**
 * Where an entity's aliases occur in a page's scanned text without being found as its mentions
 * (case-insensitive, as whole words): the places to look at when the evaluation reports a miss. Each is the text
 * around the occurrence with the occurrence in [brackets].
 */
export function unfoundOccurrences(scan: DocumentScan, entity: string, aliases: string[], limit = 6): string[] {
  const lower = scan.text.toLowerCase();
  const found = scan.mentions.filter((x) => x.entity === entity);
  const seen = new Set<number>();
  const out: string[] = [];
  for (const alias of [...aliases].sort((a, b) => b.length - a.length)) {
    const needle = alias.toLowerCase();
    if (needle.length < 2 || needle.length !== alias.length) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      const inWord = /\p{L}/u.test(scan.text[at - 1] ?? '') || /\p{L}/u.test(scan.text[end] ?? '');
      if (inWord || seen.has(at) || found.some((x) => x.start < end && at < x.end)) continue;
      seen.add(at);
      const before = scan.text.slice(Math.max(0, at - 40), at).replace(/\s+/g, ' ');
      const after = scan.text.slice(end, end + 40).replace(/\s+/g, ' ');
      out.push(`…${before}[${scan.text.slice(at, end)}]${after}…`);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
