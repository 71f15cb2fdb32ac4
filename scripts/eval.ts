/**
 * `npm run eval`: precision and recall of the detector on the labelled corpus, per entity, per
 * page and overall. Exits non-zero below the 0.98 target (the unit suite checks the same).
 */
import { pathToFileURL } from 'node:url';
import { createMatcher } from '../src/core/matcher-data';
import { evaluateCorpus, precision, recall, type Tally } from './lib/corpus';
import { loadDataset } from './lib/dataset';

export const TARGET = 0.98;

const pct = (x: number): string => x.toFixed(3);
const row = (name: string, t: Tally, width: number): string =>
  `${name.padEnd(width)}  ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}   ${pct(precision(t))}  ${pct(recall(t))}`;

function main(): number {
  const ev = evaluateCorpus(createMatcher(loadDataset()));
  const width = 30;
  const head = `${''.padEnd(width)}    TP   FP   FN   precision recall`;
  console.log(`By entity\n${head}`);
  for (const [id, t] of ev.byEntity) if (t.tp + t.fp + t.fn > 0) console.log(row(id, t, width));
  console.log(`\nBy page\n${head}`);
  for (const p of ev.pages) console.log(row(p.name, p.tally, width));
  console.log(`\n${row('OVERALL', ev.overall, width)}`);
  const extra = Object.entries(ev.unscored);
  if (extra.length)
    console.log(`\nNot scored (no labels in the corpus): ${extra.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  const ok = precision(ev.overall) >= TARGET && recall(ev.overall) >= TARGET;
  console.log(ok ? `\nTarget ${TARGET} met.` : `\nBelow the ${TARGET} target.`);
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
