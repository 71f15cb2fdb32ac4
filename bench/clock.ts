/**
 * A page that never stops changing: 300 KB of text inline in <body> (<br>-separated) with a clock
 * in it updated every 100 ms (security review finding 5). How busy the page's main thread is over
 * 7 s with the extension, with its site switched off, and with no extension (Chromium; DevTools
 * Performance.getMetrics TaskDuration).
 *
 *   npm run bench:clock [-- --runs 3]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { launch } from '../scripts/lib/browsers';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const WINDOW_MS = 7000;

function page(): string {
  const line = 'Putin met Xi Jinping in Shanghai as Gazprom and CNPC signed a gas deal. ';
  const lines: string[] = [];
  for (let n = 0; lines.join('').length < 300_000; n++) lines.push(`${line}Line ${n}.<br>`);
  const half = lines.length >> 1;
  return `<!doctype html><meta charset=utf-8><title>clock</title><body>${lines.slice(0, half).join('')}<span id=clock>0</span><br>${lines.slice(half).join('')}<script>
let n = 0; setInterval(() => { document.getElementById('clock').textContent = String(++n); }, 100);
</script></body>`;
}

async function busyMs(p: Page): Promise<number> {
  const session = await p.createCDPSession();
  await session.send('Performance.enable');
  const task = async (): Promise<number> => {
    const { metrics } = (await session.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
  };
  const before = await task();
  await new Promise((ok) => setTimeout(ok, WINDOW_MS));
  const busy = (await task()) - before;
  await session.detach();
  return busy;
}

type Mode = 'no extension' | 'site switched off' | 'ours';

async function measure(url: string, mode: Mode): Promise<number> {
  const b = await launch('chromium', { headless: true, extension: mode !== 'no extension' });
  try {
    if (mode === 'site switched off') {
      // Through the extension's own storage, as the popup's switch would.
      const worker = await b.browser.waitForTarget((t) => t.type() === 'service_worker');
      const w = await worker.worker();
      await w!.evaluate(() => {
        type Local = { storage: { local: { set(items: object): Promise<void> } } };
        return (globalThis as unknown as { chrome: Local }).chrome.storage.local.set({
          settings: { version: 2, disabledSites: ['127.0.0.1'] },
        });
      });
    }
    const p = await b.browser.newPage();
    await p.goto(url, { waitUntil: 'load' });
    // Past the first scan: what is measured is the steady state of a page that keeps changing.
    await new Promise((ok) => setTimeout(ok, 3000));
    return await busyMs(p);
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
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
try {
  const results = new Map<Mode, number[]>();
  for (let r = 0; r < RUNS; r++) {
    for (const mode of ['no extension', 'site switched off', 'ours'] as Mode[]) {
      const ms = await measure(url, mode);
      results.set(mode, [...(results.get(mode) ?? []), ms]);
      console.error(`run ${r + 1}: ${mode}: ${ms.toFixed(0)} ms busy of ${WINDOW_MS}`);
    }
  }
  const off = median(results.get('site switched off')!);
  console.log(
    `| main thread busy over ${WINDOW_MS / 1000} s (median of ${RUNS}) | ms | share | vs site switched off |`,
  );
  console.log('|---|---:|---:|---:|');
  for (const [mode, xs] of results) {
    const m = median(xs);
    console.log(
      `| ${mode} | ${m.toFixed(0)} | ${((m / WINDOW_MS) * 100).toFixed(1)} % | ${((m / off - 1) * 100).toFixed(1)} % |`,
    );
  }
} finally {
  server.close();
}
