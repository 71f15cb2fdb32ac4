/**
 * The labelled corpus (tests/fixtures/corpus) and its scoring rules (SCORING.md there):
 * per page and entity, TP = min(found, required), FN = required − TP,
 * FP = max(0, found − required − optional); precision and recall summed over everything.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Matcher } from '../../src/core/matcher-data';
import { scanHtml } from '../scan';
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
];

type Counts = Record<string, Record<string, number>>;

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface Evaluation {
  pages: { name: string; found: Record<string, number>; tally: Tally }[];
  byEntity: Map<string, Tally>;
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

export function evaluateCorpus(m: Matcher): Evaluation {
  const labels = JSON.parse(readFileSync(resolve(CORPUS, 'labels.json'), 'utf8')) as Counts;
  const optional = JSON.parse(readFileSync(resolve(CORPUS, 'optional.json'), 'utf8')) as Counts;
  const byEntity = new Map<string, Tally>(SCORED_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const unscored: Record<string, number> = {};
  const pages: Evaluation['pages'] = [];
  for (const name of corpusPages()) {
    const html = readFileSync(resolve(CORPUS, 'pages', `${name}.html`), 'utf8');
    const found = scanHtml(html, m).counts;
    const tally: Tally = { tp: 0, fp: 0, fn: 0 };
    for (const id of SCORED_IDS) {
      const f = found[id] ?? 0;
      const required = labels[name]?.[id] ?? 0;
      const opt = optional[name]?.[id] ?? 0;
      const tp = Math.min(f, required);
      const t = { tp, fn: required - tp, fp: Math.max(0, f - required - opt) };
      for (const acc of [tally, overall, byEntity.get(id)!]) {
        acc.tp += t.tp;
        acc.fn += t.fn;
        acc.fp += t.fp;
      }
    }
    for (const [id, n] of Object.entries(found)) if (!SCORED_IDS.includes(id)) unscored[id] = (unscored[id] ?? 0) + n;
    pages.push({ name, found, tally });
  }
  return { pages, byEntity, overall, unscored };
}
