/**
 * The browser paints exactly what the scan command finds: every corpus page, served with its
 * scripts blocked by a CSP (so the DOM is the parsed HTML, as the scan command reads it), gets as
 * many painted ranges as `scan --json` counts for that file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ROOT } from '../../scripts/lib/dataset';
import { BROWSERS, CORPUS, paintedCount, useSuite, waitReady } from './harness';

const PAGES = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.html'))
  .sort();

/** Mentions per file according to the scan command, run once for all pages. */
let expectedCounts: Map<string, number> | null = null;
function scanCounts(): Map<string, number> {
  if (expectedCounts) return expectedCounts;
  const out = execFileSync('npx', ['tsx', 'scripts/scan.ts', '--json', ...PAGES.map((p) => resolve(CORPUS, p))], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const counts = new Map<string, number>();
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { file: string; counts: Record<string, number> };
    const name = row.file.slice(row.file.lastIndexOf('/') + 1);
    counts.set(
      name,
      Object.values(row.counts).reduce((a, n) => a + n, 0),
    );
  }
  expectedCounts = counts;
  return counts;
}

describe.each(BROWSERS)('corpus pages in %s paint what the scan command finds', (kind) => {
  // Scripts blocked, so the DOM is the parsed HTML, as the scan command reads it.
  const suite = useSuite(kind, { root: CORPUS, headers: { 'Content-Security-Policy': "script-src 'none'" } });
  let page: Page;

  beforeAll(async () => {
    const counts = scanCounts();
    expect([...counts.keys()].sort()).toEqual(PAGES);
    page = await suite.b.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    // The network is closed anyway; refusing everything but the test server at once keeps pages
    // from waiting on their ads, fonts and images.
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith(`${suite.server.url}/`) || url.startsWith('data:') || url.startsWith('blob:'))
        void req.continue();
      else void req.abort();
    });
  }, 120_000);

  it.each(PAGES)('%s', async (file) => {
    await page.goto(suite.url(file), { waitUntil: 'domcontentloaded', timeout: 30_000 });
    await waitReady(page, 30_000);
    const expected = scanCounts().get(file)!;
    expect(await paintedCount(page)).toBe(expected);
  });
});
