/**
 * `npm run bench:packs [-- --runs N]`: what story packs cost a page, in one run (Chromium, the
 * measurement build in dist/). The 1 MB generated page is loaded with the bundled pack only (the
 * build's data, as today), then with 10 packs on (the bundled one and nine generated packs, about
 * 5,000 aliases in all, imported through the options page's messages), then with the bundled pack
 * only again; the two default rounds are pooled. Reports the medians of scan-busy, first paint and
 * the frame's JS heap after GC, the ratios 10 packs / 1 pack, and the background's compile time for
 * 10 packs (the import of the tenth pack, as the options page waits for it; and in Node).
 */
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Dataset, Entity } from '../src/core/dataset-types';
import { datasetAsPack, type Pack } from '../src/core/pack';
import { compilePacks } from '../src/core/pack-merge';
import { launch } from '../scripts/lib/browsers';
import { ROOT, loadDataset } from '../scripts/lib/dataset';
import { bundledPacks } from '../scripts/lib/packs';
import { serve } from '../scripts/lib/server';
import { aliasCount, fakeDataset } from './fake-dataset';
import { requireMeasurementBuild } from './measurement-build';
import { oursOnly, runOurs, type OursSample } from './measure';
import { newsPage } from './pages';
import { median } from './report';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 5;
const PACKS = 10;
const TOTAL_ALIASES = 5_000;
const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** Nine packs of generated entities (fake-dataset.ts's names), each its own story. */
export function generatedPacks(real: Dataset, count: number, total: number): Pack[] {
  const grown = fakeDataset(real, total);
  const fakes = grown.entities.slice(real.entities.length);
  const per = Math.ceil(fakes.length / count);
  return Array.from({ length: count }, (_, i) => {
    const entities: Entity[] = fakes.slice(i * per, (i + 1) * per);
    const ids = new Set(entities.map((e) => e.id));
    const own = entities.map((e) => ({ ...e, related: e.related.filter((r) => ids.has(r.id)) }));
    return {
      ...datasetAsPack({ ...real, version: '0.0.1', entities: own }, `bench-pack-${i + 1}`, 'en'),
      story: { ...real.article, title: `Generated story ${i + 1}`, language: 'en' },
    };
  });
}

async function send(page: Page, type: string, data: object): Promise<unknown> {
  return page.evaluate(
    (t, d) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: t, data: d }),
    type,
    data,
  );
}

async function main(): Promise<void> {
  requireMeasurementBuild();
  const real = loadDataset();
  const first = bundledPacks()[0]!;
  const extra = generatedPacks(real, PACKS - 1, TOTAL_ALIASES);
  const aliases = [first, ...extra].reduce((n, p) => n + aliasCount({ ...real, entities: p.entities }), 0);

  // The background's compile, in Node (the same code), for the record beside the browser's.
  const t = performance.now();
  compilePacks([first, ...extra]);
  const nodeCompile = performance.now() - t;

  const page1mb = newsPage(real, 1_000_000);
  const server = await serve(resolve(ROOT, 'bench'), { pages: new Map([['/news.html', page1mb.html]]) });
  const b = await launch('chromium', { headless: true, args: ['--js-flags=--expose-gc'] });
  try {
    const ctx = oursOnly('chromium', b.browser);
    const url = `${server.url}/news.html`;
    const options = await b.browser.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options/options.html`);
    await options.waitForSelector('body[data-ready="true"]');
    const round = async (label: string): Promise<OursSample[]> => {
      const out: OursSample[] = [];
      for (let i = 0; i < RUNS; i++) {
        out.push(await runOurs(ctx, url));
        log(
          `${label} run ${i + 1}: busy ${out.at(-1)!.busy.toFixed(0)} ms, first paint ${out.at(-1)!.firstPaint.toFixed(0)} ms`,
        );
      }
      return out;
    };
    const before = await round('1 pack');
    let lastImport = 0;
    for (const pack of extra) {
      const started = performance.now();
      const reply = (await send(options, 'packImport', { text: JSON.stringify(pack) })) as { ok: boolean };
      lastImport = performance.now() - started;
      if (!reply.ok) throw new Error(`import of ${pack.id} refused: ${JSON.stringify(reply).slice(0, 300)}`);
    }
    // How many first scans a page with the packs on makes (one: early.js fetched their matcher at document start).
    const probe = await b.browser.newPage();
    await probe.goto(url);
    await probe.waitForFunction(() => performance.getEntriesByName('contextual-highlights:ready').length > 0, {
      timeout: 120_000,
    });
    const scans = await probe.evaluate(() => performance.getEntriesByName('contextual-highlights:scan').length);
    await probe.close();
    const withPacks = await round(`${PACKS} packs`);
    for (const pack of extra) await send(options, 'packSetEnabled', { id: pack.id, enabled: false });
    const after = await round('1 pack again');
    const one = [...before, ...after];
    const m = (xs: OursSample[], k: 'busy' | 'firstPaint' | 'heap'): number => median(xs.map((x) => x[k] ?? NaN));
    const ratio = (k: 'busy' | 'firstPaint' | 'heap'): string => (m(withPacks, k) / m(one, k)).toFixed(2);
    const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
    console.log(
      [
        `Story packs, Chromium ${await b.browser.version()}, 1 MB page, ${RUNS} runs each (1 pack before and after pooled):`,
        `  aliases: 1 pack ${aliasCount(real)}, ${PACKS} packs ${aliases}`,
        `  scan-busy    1 pack ${m(one, 'busy').toFixed(0)} ms   ${PACKS} packs ${m(withPacks, 'busy').toFixed(0)} ms   ratio ${ratio('busy')}`,
        `  first paint  1 pack ${m(one, 'firstPaint').toFixed(0)} ms   ${PACKS} packs ${m(withPacks, 'firstPaint').toFixed(0)} ms   ratio ${ratio('firstPaint')}`,
        `  frame heap   1 pack ${kb(m(one, 'heap'))}   ${PACKS} packs ${kb(m(withPacks, 'heap'))}   added ${kb(m(withPacks, 'heap') - m(one, 'heap'))} per frame`,
        `  first scans of a page with ${PACKS} packs on: ${scans}`,
        `  compile of ${PACKS} packs: background ${lastImport.toFixed(0)} ms (the tenth import, validation included), Node ${nodeCompile.toFixed(0)} ms`,
      ].join('\n'),
    );
  } finally {
    await b.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
