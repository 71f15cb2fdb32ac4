/**
 * Builds side by side on a busy machine: one generated page loaded with each build in turn, round
 * after round (A, B, C, A, B, C…), each load traced, so that the machine's load changes hit every
 * build alike. Per build: medians (and ranges) of scan-busy, the whole scan, first paint, our CPU in
 * the scan window and ours in the longest frame (attribution.ts). Chromium.
 *
 *   npx tsx bench/ab.ts --size 1000000 --rounds 5 dist .bench/dist-old [...]
 *
 * Each argument is a build folder holding chrome/ (e.g. `npm run build` in a worktree of an older
 * commit). Builds before the measurement-build flag always made their marks; they are not checked.
 */
import { resolve } from 'node:path';
import { abArgs } from './ab-args';
import { launch } from '../scripts/lib/browsers';
import { ROOT, loadDataset } from '../scripts/lib/dataset';
import { serve } from '../scripts/lib/server';
import { longestOf, oursOf, type AttributedRun } from './attribution';
import { oursOnly, runTraced } from './measure';
import { newsPage } from './pages';
import { median } from './report';

const { size, rounds, builds } = abArgs(process.argv.slice(2), 5);

const page = newsPage(loadDataset(), size);
const server = await serve(resolve(ROOT, 'bench'), { pages: new Map([['/page.html', page.html]]) });
const runs = new Map<string, AttributedRun[]>(builds.map((b) => [b, []]));
try {
  for (let r = 0; r < rounds; r++) {
    for (const build of builds) {
      const b = await launch('chromium', { headless: true, distRoot: resolve(build) });
      try {
        const ctx = oursOnly('chromium', b.browser);
        const run = await runTraced(ctx, `${server.url}/page.html`, b.extensionId!, 'ours');
        runs.get(build)!.push(run);
        process.stderr.write(
          `round ${r + 1} ${build}: busy ${run.busy?.toFixed(0)} ms, first paint ${run.firstPaint?.toFixed(0)} ms, our CPU ${oursOf(run.totals).cpu.toFixed(0)} ms\n`,
        );
      } catch (e) {
        process.stderr.write(`round ${r + 1} ${build} failed: ${(e as Error).message.split('\n')[0]}\n`);
      } finally {
        await b.close();
      }
    }
  }
} finally {
  await server.close();
}

const cell = (xs: number[]): string => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? `${median(s).toFixed(0)} (${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)})` : '—';
};
console.log(
  `| build (${(size / 1e6).toFixed(1)} MB page, ${rounds} rounds) | scan-busy ms | whole scan ms | first paint ms | our CPU in the window ms | of which content.js's evaluation | of which rendering we caused | longest frame ms | ours in it (CPU) ms |`,
);
console.log('|:---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [build, xs] of runs) {
  console.log(
    `| ${build} | ${cell(xs.map((x) => x.busy ?? NaN))} | ${cell(xs.map((x) => x.wall ?? NaN))} | ${cell(xs.map((x) => x.firstPaint ?? NaN))} | ${cell(xs.map((x) => oursOf(x.totals).cpu))} | ${cell(xs.map((x) => x.evaluation?.cpu ?? NaN))} | ${cell(xs.map((x) => x.totals['ours-style'].cpu))} | ${cell(xs.map((x) => longestOf(x)?.duration ?? 0))} | ${cell(xs.map((x) => (longestOf(x) ? oursOf(longestOf(x)!.parts).cpu : 0)))} |`,
  );
}
