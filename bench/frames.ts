/**
 * Many frames: the JS heap a page of N same-origin `srcdoc` iframes, each naming Putin, costs with
 * the extension and without it (Chromium; security review finding 9). The heap is the renderer's
 * (Runtime.getHeapUsage after full GCs: the page's world and our isolated worlds together).
 *
 *   npx tsx bench/frames.ts [--frames 1000] [--runs 3]
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from '../scripts/lib/browsers';
import { ROOT } from '../scripts/lib/dataset';
import { requireMeasurementBuild } from './measurement-build';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const FRAMES = arg('frames', 1000);
const RUNS = arg('runs', 3);

function page(frames: number): string {
  const frame = '<iframe srcdoc="<p>Vladimir Putin</p>" width=40 height=20></iframe>';
  return `<!doctype html><meta charset=utf-8><title>frames</title><body><p>Putin met Xi Jinping.</p>${frame.repeat(frames)}</body>`;
}

async function serve(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function heap(page: Page): Promise<number> {
  const session = await page.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usage.usedSize;
}

/** Frames whose content script has finished its first scan (its `ready` mark). */
function readyFrames(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const f of Array.from(document.querySelectorAll('iframe'))) {
      const w = f.contentWindow as (Window & typeof globalThis) | null;
      if (w?.performance.getEntriesByName('contextual-highlights:ready').length) n++;
    }
    return n;
  });
}

async function measure(
  url: string,
  extension: boolean,
  distRoot?: string,
): Promise<{ heap: number; loadMs: number; ready: number }> {
  const b = await launch('chromium', { headless: true, extension, ...(distRoot ? { distRoot } : {}) });
  try {
    const p = await b.browser.newPage();
    const t0 = Date.now();
    await p.goto(url, { waitUntil: 'load', timeout: 300_000 });
    const loadMs = Date.now() - t0;
    let ready = 0;
    if (extension && !distRoot) {
      const until = Date.now() + 120_000;
      while ((ready = await readyFrames(p)) < FRAMES && Date.now() < until)
        await new Promise((ok) => setTimeout(ok, 500));
    }
    await new Promise((ok) => setTimeout(ok, 1000));
    return { heap: await heap(p), loadMs, ready };
  } finally {
    await b.close();
  }
}

/**
 * The floor: our extension with content scripts that do nothing (but mark themselves ready). What it
 * adds is what any content script in every frame costs (the isolated world's own context).
 */
function floorBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'ch-frames-floor-'));
  cpSync(resolve(ROOT, 'dist/chrome'), join(root, 'chrome'), { recursive: true });
  writeFileSync(join(root, 'chrome/content.js'), "performance.mark('contextual-highlights:ready');\n");
  writeFileSync(join(root, 'chrome/early.js'), '\n');
  return root;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

requireMeasurementBuild();
const { server, url } = await serve(page(FRAMES));
const floorRoot = floorBuild();
try {
  const runs: { off: number[]; floor: number[]; on: number[]; loadOff: number[]; loadOn: number[] } = {
    off: [],
    floor: [],
    on: [],
    loadOff: [],
    loadOn: [],
  };
  let ready = 0;
  for (let r = 0; r < RUNS; r++) {
    const a = await measure(url, false);
    const f = await measure(url, true, floorRoot);
    const b = await measure(url, true);
    runs.off.push(a.heap);
    runs.floor.push(f.heap);
    runs.on.push(b.heap);
    runs.loadOff.push(a.loadMs);
    runs.loadOn.push(b.loadMs);
    ready = b.ready;
    console.error(
      `run ${r + 1}: without ${mb(a.heap)}, empty content script ${mb(f.heap)}, ours ${mb(b.heap)} (${b.ready}/${FRAMES} frames ready)`,
    );
  }
  const off = median(runs.off);
  const added = median(runs.on) - off;
  const floor = median(runs.floor) - off;
  const perFrame = (n: number): string => `${(n / FRAMES / 1e3).toFixed(0)} KB`;
  console.log(
    '| frames | JS heap without extension | added by an empty content script | added by ours | ours per frame (floor) | load without | with ours | frames scanned |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${FRAMES} | ${mb(off)} | ${mb(floor)} | ${mb(added)} | ${perFrame(added)} (${perFrame(floor)}) | ${median(runs.loadOff)} ms | ${median(runs.loadOn)} ms | ${ready} |`,
  );
} finally {
  server.close();
  rmSync(floorRoot, { recursive: true, force: true });
}
