/**
 * Node micro-benchmark of the popup's search (core/search-index.ts): the time of one search as the
 * reader types, keystroke by keystroke, over the real index and one grown to 5,000 aliases, for
 * queries that hit a name, a misspelt name ("Puttin") and only the descriptions ("navy drills"),
 * and one that matches nothing (the slowest: every pass runs). The target is under 10 ms per
 * keystroke at 5,000 aliases. `npx tsx bench/search.ts` runs this line alone.
 */
import { pathToFileURL } from 'node:url';
import type { Dataset } from '../src/core/dataset-types';
import { compileSearchIndex, searchEntities } from '../src/core/search-index';
import { loadDataset } from '../scripts/lib/dataset';
import { aliasCount, fakeDataset } from './fake-dataset';

export interface SearchRow {
  label: string;
  aliases: number;
  /** Keystrokes timed (each query typed letter by letter, every pass). */
  keystrokes: number;
  /** The first search: folding the index once, kept for the background's lifetime. */
  setupMs: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
}

/** What the reader types: a name, typos, words of a description, nothing of the story. */
export const SEARCH_QUERIES = ['Vladimir Putin', 'Puttin', 'Shangai', 'Rogozhin', 'navy drills', 'qwertyuiop'];

export function runSearchBench(datasets: { label: string; dataset: Dataset }[], passes: number): SearchRow[] {
  return datasets.map(({ label, dataset }) => {
    const index = compileSearchIndex(dataset);
    // The first search folds the index once (kept for the background's lifetime): not a keystroke's cost.
    const start = performance.now();
    searchEntities(index, 'warm up');
    const setupMs = performance.now() - start;
    const times: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (const query of SEARCH_QUERIES) {
        for (let n = 1; n <= query.length; n++) {
          const t = performance.now();
          searchEntities(index, query.slice(0, n));
          times.push(performance.now() - t);
        }
      }
    }
    times.sort((a, b) => a - b);
    const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return {
      label,
      aliases: aliasCount(dataset),
      keystrokes: times.length,
      setupMs,
      medianMs: at(0.5),
      p95Ms: at(0.95),
      worstMs: times.at(-1)!,
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const real = loadDataset();
  const rows = runSearchBench(
    [
      { label: 'real', dataset: real },
      { label: 'generated', dataset: fakeDataset(real, 5000) },
    ],
    5,
  );
  for (const r of rows) {
    console.log(
      `${r.label} (${r.aliases} aliases): setup ${r.setupMs.toFixed(0)} ms; ${r.keystrokes} keystrokes, median ${r.medianMs.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms, worst ${r.worstMs.toFixed(2)} ms`,
    );
  }
}
