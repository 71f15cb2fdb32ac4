/**
 * Pages with more mentions than PAINT_ALL_LIMIT: every mention is found and counted, but only those
 * near the viewport are registered for painting (registering tens of thousands makes every frame
 * slow in Chromium), and the painted set follows the reader's scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { serve, type Served } from '../../scripts/lib/server';
import { PAINT_ALL_LIMIT } from '../../src/content/paint/paint-window';
import { BROWSERS, openBrowser, openPopup, paintedCount, popupEntities, waitReady, type TestBrowser } from './harness';
import { paintedRanges, waitForPainted } from './helpers';

const PARAGRAPHS = 3000;

function bigPage(): string {
  const items = Array.from(
    { length: PARAGRAPHS },
    (_, i) => `<p id="p${i}">Item ${i}: Vladimir Putin spoke about trade on day ${i}.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Many mentions</title></head><body>${items}</body></html>`;
}

describe.each(BROWSERS)('a page with thousands of mentions in %s', (kind) => {
  let b: TestBrowser;
  let server: Served;
  let page: Page;

  beforeAll(async () => {
    server = await serve('/nonexistent', { pages: new Map([['/big.html', bigPage()]]) });
    b = await openBrowser(kind);
    page = await b.browser.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(`${server.url}/big.html`);
    await waitReady(page);
  });

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('paints what is on screen, but not every one of the mentions', async () => {
    expect(PARAGRAPHS).toBeGreaterThan(PAINT_ALL_LIMIT);
    const ranges = await waitForPainted(page, (r) => r.some((x) => x.ids[0] === 'p0'), 'the first paragraph');
    expect(ranges.length).toBeGreaterThan(0);
    expect(await paintedCount(page)).toBeLessThan(PARAGRAPHS / 2);
    expect(ranges.every((r) => r.text === 'Vladimir Putin')).toBe(true);
  });

  it('paints further mentions as the reader scrolls to them', async () => {
    await page.evaluate(() => document.getElementById(`p${2990}`)!.scrollIntoView());
    const ranges = await waitForPainted(
      page,
      (r) => r.some((x) => x.ids[0] === 'p2995'),
      'the paragraphs at the bottom',
    );
    expect(ranges.some((x) => x.ids[0] === 'p0')).toBe(false);
    expect(await paintedCount(page)).toBeLessThan(PARAGRAPHS / 2);
    expect((await paintedRanges(page)).length).toBeGreaterThan(0);
  });

  it('counts every mention for the popup and the badge', async () => {
    const popup = await openPopup(b, page);
    // The page reports as it goes (throttled); the popup follows the reports while open.
    await popup.waitForFunction(
      (n) => document.querySelector('#entities li[data-entity="vladimir-putin"] .count')?.textContent === String(n),
      { timeout: 10_000 },
      PARAGRAPHS,
    );
    expect(new Map(await popupEntities(popup)).get('vladimir-putin')).toBe(PARAGRAPHS);
  });
});
