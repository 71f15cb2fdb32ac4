/**
 * A page that never stops changing: 300 KB of text inline in <body> (<br>-separated) with a clock
 * in it updated every 100 ms (security review finding 5). How busy the page's main thread is over
 * 7 s with the extension, with its site switched off, with no extension, and with no extension but
 * the page itself registering as many highlights as ours did (the browser's own cost of keeping
 * highlights on a changing page). Chromium; DevTools Performance.getMetrics TaskDuration.
 *
 *   npm run bench:clock [-- --runs 3]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { launch } from '../scripts/lib/browsers';
import { requireMeasurementBuild } from './measurement-build';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const WINDOW_MS = 7000;
/** How many ranges ours had registered (the last run's), for the page-highlights run. */
let registered = 0;

function page(): string {
  const line = 'Putin met Xi Jinping in Shanghai as Gazprom and CNPC signed a gas deal. ';
  const lines: string[] = [];
  for (let n = 0; lines.join('').length < 300_000; n++) lines.push(`${line}Line ${n}.<br>`);
  const half = lines.length >> 1;
  return `<!doctype html><meta charset=utf-8><title>clock</title><body>${lines.slice(0, half).join('')}<span id=clock>0</span><br>${lines.slice(half).join('')}<script>
let n = 0; setInterval(() => { document.getElementById('clock').textContent = String(++n); }, 100);
</script></body>`;
}

/** Our rescans' time (their measures) between two moments of the page's clock. */
function rescanMs(p: Page, from: number, to: number): Promise<number> {
  return p.evaluate(
    (a, b) =>
      performance
        .getEntriesByName('contextual-highlights:rescan')
        .filter((e) => e.startTime >= a && e.startTime < b)
        .reduce((sum, e) => sum + e.duration, 0),
    from,
    to,
  );
}

async function busyMs(p: Page): Promise<{ busy: number; rescans: number }> {
  const session = await p.createCDPSession();
  await session.send('Performance.enable');
  const task = async (): Promise<number> => {
    const { metrics } = (await session.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
  };
  const before = await task();
  const from = await p.evaluate(() => performance.now());
  await new Promise((ok) => setTimeout(ok, WINDOW_MS));
  const busy = (await task()) - before;
  const rescans = await rescanMs(p, from, await p.evaluate(() => performance.now()));
  await session.detach();
  return { busy, rescans };
}

type Mode = 'no extension' | 'site switched off' | 'ours' | 'the page registers as many highlights itself';

async function measure(url: string, mode: Mode): Promise<{ busy: number; rescans: number }> {
  const extension = mode === 'site switched off' || mode === 'ours';
  const b = await launch('chromium', { headless: true, extension });
  try {
    if (mode === 'site switched off') {
      // Through the extension's own storage, from one of its pages, as the popup's switch would.
      const own = await b.browser.newPage();
      await own.goto(`chrome-extension://${b.extensionId}/options/options.html`);
      await own.evaluate(() => {
        type Local = { storage: { local: { set(items: object): Promise<void> } } };
        return (globalThis as unknown as { chrome: Local }).chrome.storage.local.set({
          settings: { version: 2, disabledSites: ['127.0.0.1'] },
        });
      });
      await own.close();
    }
    const p = await b.browser.newPage();
    await p.goto(url, { waitUntil: 'load' });
    if (mode === 'the page registers as many highlights itself') {
      // The browser's own share: the same number of ranges as ours registered, with a style, no extension.
      await p.evaluate((n: number) => {
        const style = document.createElement('style');
        style.textContent = '::highlight(bench){background-color:#cde}';
        document.head.append(style);
        const h = new Highlight();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t && h.size < n; t = walker.nextNode()) {
          const at = (t.nodeValue ?? '').indexOf('Putin');
          if (at >= 0)
            h.add(new StaticRange({ startContainer: t, startOffset: at, endContainer: t, endOffset: at + 5 }));
        }
        CSS.highlights.set('bench', h);
      }, registered);
    }
    // Past the first scan: what is measured is the steady state of a page that keeps changing.
    await new Promise((ok) => setTimeout(ok, 3000));
    const m = await busyMs(p);
    if (mode === 'ours') {
      registered = await p.evaluate(() => {
        let n = 0;
        for (const [name, h] of CSS.highlights) if (name.startsWith('contextual-highlights')) n += h.size;
        return n;
      });
    }
    return m;
  } finally {
    await b.close();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const html = page();
const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
});
requireMeasurementBuild();
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
try {
  const results = new Map<Mode, { busy: number; rescans: number }[]>();
  for (let r = 0; r < RUNS; r++) {
    for (const mode of [
      'no extension',
      'site switched off',
      'ours',
      'the page registers as many highlights itself',
    ] as Mode[]) {
      const m = await measure(url, mode);
      results.set(mode, [...(results.get(mode) ?? []), m]);
      console.error(
        `run ${r + 1}: ${mode}: ${m.busy.toFixed(0)} ms busy of ${WINDOW_MS}, rescans ${m.rescans.toFixed(0)} ms`,
      );
    }
  }
  const off = median(results.get('site switched off')!.map((x) => x.busy));
  console.log(
    `| main thread over ${WINDOW_MS / 1000} s (median of ${RUNS}) | busy ms | share | vs site switched off | of which our rescans (their measures) |`,
  );
  console.log('|---|---:|---:|---:|---:|');
  console.error(`ours had ${registered} ranges registered`);
  for (const [mode, xs] of results) {
    const m = median(xs.map((x) => x.busy));
    const rescans = median(xs.map((x) => x.rescans));
    console.log(
      `| ${mode} | ${m.toFixed(0)} | ${((m / WINDOW_MS) * 100).toFixed(1)} % | ${((m / off - 1) * 100).toFixed(1)} % | ${rescans.toFixed(0)} ms |`,
    );
  }
} finally {
  server.close();
}
