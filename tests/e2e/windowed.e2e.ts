/**
 * Pages with more mentions than PAINT_ALL_LIMIT: every mention is found and counted, but only those
 * near the viewport are registered for painting (registering tens of thousands makes every frame
 * slow in Chromium), and the painted set follows the reader's scrolling.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PAINT_ALL_LIMIT } from '../../src/content/paint/paint-window';
import { BROWSERS, openPopup, paintedCount, popupEntities, useSuite, waitForPainted, waitUntil } from './harness';

const PARAGRAPHS = 3000;

function bigPage(): string {
  const items = Array.from(
    { length: PARAGRAPHS },
    (_, i) => `<p id="p${i}">Item ${i}: Vladimir Putin spoke about trade on day ${i}.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Many mentions</title></head><body>${items}</body></html>`;
}

describe.each(BROWSERS)('a page with thousands of mentions in %s', (kind) => {
  const suite = useSuite(kind, { pages: new Map([['/big.html', bigPage()]]) });
  let page: Page;

  beforeAll(async () => {
    ({ page } = await suite.open('big.html', { width: 1000, height: 800 }));
  });

  /** Paragraphs on screen now, and those more than two screens away (beyond the painted margin). */
  function whereParagraphsAre(): Promise<{ onScreen: string[]; farAway: string[] }> {
    return page.evaluate(() => {
      const height = innerHeight;
      const onScreen: string[] = [];
      const farAway: string[] = [];
      for (const p of document.querySelectorAll('p')) {
        const r = p.getBoundingClientRect();
        if (r.bottom > 0 && r.top < height) onScreen.push(p.id);
        else if (r.bottom < -2 * height || r.top > 3 * height) farAway.push(p.id);
      }
      return { onScreen, farAway };
    });
  }

  /** Every paragraph on screen gets painted, and none far from it is. */
  async function expectWindowAroundViewport(): Promise<void> {
    const { onScreen, farAway } = await whereParagraphsAre();
    expect(onScreen.length).toBeGreaterThan(3);
    const ranges = await waitForPainted(
      page,
      (rs) => onScreen.every((id) => rs.some((r) => r.ids[0] === id)),
      `every paragraph on screen (${onScreen[0]}…${onScreen.at(-1)})`,
    );
    const far = new Set(farAway);
    expect(ranges.filter((r) => far.has(r.ids[0]!)).map((r) => r.ids[0])).toEqual([]);
    expect(ranges.every((r) => r.text === 'Vladimir Putin')).toBe(true);
  }

  it('paints what is on screen, but not every one of the mentions', async () => {
    expect(PARAGRAPHS).toBeGreaterThan(PAINT_ALL_LIMIT);
    await expectWindowAroundViewport();
    expect(await paintedCount(page)).toBeLessThan(PARAGRAPHS / 2);
  });

  it('paints further mentions as the reader scrolls to them', async () => {
    await page.evaluate(() => document.getElementById(`p${2990}`)!.scrollIntoView());
    await expectWindowAroundViewport();
    expect(await paintedCount(page)).toBeLessThan(PARAGRAPHS / 2);
  });

  it('counts every mention for the popup and the badge', async () => {
    const popup = await openPopup(suite.b, page);
    // The page reports as it goes (throttled); the popup follows the reports while open.
    await waitUntil(
      popup,
      (n) => document.querySelector('#entities li[data-entity="vladimir-putin"] .count')?.textContent === String(n),
      { timeout: 10_000 },
      PARAGRAPHS,
    );
    expect(new Map(await popupEntities(popup)).get('vladimir-putin')).toBe(PARAGRAPHS);
  });
});
