/**
 * Firefox, builds side by side on a busy machine: each build in a browser of its own, loads of one
 * generated page alternating between them round after round; medians of first paint, scan-busy,
 * the whole scan and the page's 5 ms timer's largest gap while we scan.
 *
 *   npx tsx bench/ab-firefox.ts --size 1000000 --rounds 3 .bench/dist-before dist
 */
import { resolve } from 'node:path';
import { abArgs } from './ab-args';
import { launch, type Launched } from '../scripts/lib/browsers';
import { ROOT, loadDataset } from '../scripts/lib/dataset';
import { serve } from '../scripts/lib/server';
import { runOurs, oursOnly } from './measure';
import { newsPage } from './pages';
import { median } from './report';

const { size, rounds, builds } = abArgs(process.argv.slice(2), 3);
const page = newsPage(loadDataset(), size);
const server = await serve(resolve(ROOT, 'bench'), { pages: new Map([['/page.html', page.html]]) });
const browsers = new Map<string, Launched>();
const rows = new Map(builds.map((b) => [b, [] as { fp: number; busy: number; wall: number; gap: number }[]]));
try {
  for (const build of builds) {
    browsers.set(
      build,
      await launch('firefox', {
        headless: true,
        distRoot: resolve(build),
        firefoxPrefs: { 'privacy.reduceTimerPrecision': false },
      }),
    );
  }
  for (let r = 0; r < rounds; r++) {
    for (const build of builds) {
      const b = browsers.get(build)!;
      const ctx = oursOnly('firefox', b.browser);
      try {
        const s = await runOurs(ctx, `${server.url}/page.html`);
        rows.get(build)!.push({ fp: s.firstPaint, busy: s.busy, wall: s.wall, gap: s.timerGap ?? NaN });
        process.stderr.write(
          `round ${r + 1} ${build}: first paint ${s.firstPaint.toFixed(0)} ms, busy ${s.busy.toFixed(0)} ms, timer gap ${s.timerGap?.toFixed(0)} ms\n`,
        );
      } catch (e) {
        process.stderr.write(`round ${r + 1} ${build} failed: ${(e as Error).message.split('\n')[0]}\n`);
      }
    }
  }
} finally {
  for (const b of browsers.values()) await b.close();
  await server.close();
}
const cell = (xs: number[]): string => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? `${median(s).toFixed(0)} (${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)})` : '—';
};
console.log(
  `| build (Firefox, ${(size / 1e6).toFixed(1)} MB page, ${rounds} rounds) | first paint ms | scan-busy ms | whole scan ms | page timer's largest gap ms |`,
);
console.log('|:---|---:|---:|---:|---:|');
for (const [build, xs] of rows) {
  console.log(
    `| ${build} | ${cell(xs.map((x) => x.fp))} | ${cell(xs.map((x) => x.busy))} | ${cell(xs.map((x) => x.wall))} | ${cell(xs.map((x) => x.gap))} |`,
  );
}
