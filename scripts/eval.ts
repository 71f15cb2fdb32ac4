/**
 * `npm run eval`: precision and recall of the detector on the labelled corpus, per entity, per
 * page, per page language and overall. Exits non-zero below the 0.98 target (the unit suite checks
 * the same).
 */
import { pathToFileURL } from 'node:url';
import type { Dataset } from '../src/core/dataset-types';
import { aliasSpec, createMatcher } from '../src/core/matcher-data';
import { mergePacks } from '../src/core/pack-merge';
import {
  evaluateCorpus,
  packLabels,
  precision,
  recall,
  unfoundOccurrences,
  type Evaluation,
  type Tally,
} from './lib/corpus';
import { loadDataset } from './lib/dataset';
import { bundledPacks } from './lib/packs';

export const TARGET = 0.98;

const pct = (x: number): string => x.toFixed(3);
const row = (name: string, t: Tally, width: number): string =>
  `${name.padEnd(width)}  ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}   ${pct(precision(t))}  ${pct(recall(t))}`;

function main(): number {
  const dataset = loadDataset();
  const ev = evaluateCorpus(createMatcher(dataset));
  const width = 38;
  const head = `${''.padEnd(width)}    TP   FP   FN   precision recall`;
  console.log(`By entity\n${head}`);
  for (const [id, t] of ev.byEntity) if (t.tp + t.fp + t.fn > 0) console.log(row(id, t, width));
  console.log(`\nBy page\n${head}`);
  for (const p of ev.pages) console.log(row(`${p.name} (${p.lang})`, p.tally, width));
  console.log(`\nBy page language (<html lang>; "none": the page declares none)\n${head}`);
  for (const [lang, t] of ev.byLanguage) {
    const n = ev.pages.filter((p) => p.lang === lang).length;
    console.log(row(`${lang} (${n} page${n === 1 ? '' : 's'})`, t, width));
  }
  console.log(`\n${row('OVERALL', ev.overall, width)}`);
  printMisses(ev, dataset);
  const extra = Object.entries(ev.unscored);
  if (extra.length)
    console.log(`\nNot scored (no labels in the corpus): ${extra.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  let ok = precision(ev.overall) >= TARGET && recall(ev.overall) >= TARGET;
  console.log(ok ? `\nTarget ${TARGET} met.` : `\nBelow the ${TARGET} target.`);
  // The other bundled packs, each enabled beside the first, on the pages they are about.
  const packs = bundledPacks();
  for (const [packId, labels] of Object.entries(packLabels())) {
    const pack = packs.find((p) => p.id === packId);
    if (!pack) throw new Error(`tests/fixtures/packs/labels.json: no bundled pack ${packId}`);
    const merged = mergePacks([packs[0]!, pack]).dataset;
    const pev = evaluateCorpus(createMatcher(merged), { pages: Object.keys(labels), extra: labels });
    console.log(`\nWith the story pack ${packId} enabled (beside the first), on its pages\n${head}`);
    for (const [id, t] of pev.byEntity) if (t.tp + t.fp + t.fn > 0) console.log(row(id, t, width));
    for (const p of pev.pages) console.log(row(`${p.name} (${p.lang})`, p.tally, width));
    printMisses(pev, merged);
    const met = precision(pev.overall) >= TARGET && recall(pev.overall) >= TARGET;
    console.log(met ? `Target ${TARGET} met with ${packId}.` : `Below the ${TARGET} target with ${packId}.`);
    ok &&= met;
  }
  return ok ? 0 : 1;
}

/** Where the counts differ from the labels, with the places to look at. */
function printMisses(ev: Evaluation, dataset: Dataset): void {
  const aliases = new Map(dataset.entities.map((e) => [e.id, e.aliases.map((a) => aliasSpec(a).text)]));
  const misses = ev.pages.flatMap((p) => p.misses.map((miss) => ({ page: p, miss })));
  if (misses.length > 0) {
    console.log('\nWhere the counts differ from the labels (tests/fixtures/corpus/traps.md explains the labels):');
    for (const { page, miss } of misses) {
      const what =
        miss.found < miss.required
          ? `missed ${miss.required - miss.found} (found ${miss.found} of ${miss.required})`
          : `${miss.found - miss.required - miss.optional} extra (found ${miss.found}, labelled ${miss.required}${miss.optional ? ` + ${miss.optional} optional` : ''})`;
      console.log(`  ${page.name}: ${miss.entity}: ${what}`);
      if (miss.found < miss.required) {
        const places = unfoundOccurrences(page.scan, miss.entity, aliases.get(miss.entity) ?? []);
        for (const p of places) console.log(`      not found: ${p}`);
        if (places.length === 0)
          console.log('      (no alias of it occurs elsewhere in the text: a form the dataset lacks?)');
      } else {
        for (const x of page.scan.mentions.filter((x) => x.entity === miss.entity).slice(0, 6)) {
          const t = page.scan.text;
          console.log(
            `      found: …${t.slice(Math.max(0, x.start - 40), x.start).replace(/\s+/g, ' ')}[${x.text}]${t.slice(x.end, x.end + 40).replace(/\s+/g, ' ')}…`,
          );
        }
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
