/**
 * The whole path on the demo article, in both browsers: highlights painted, a card on hover,
 * the popup's counts, and its switch removing and restoring the highlights without a reload.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  DEMO,
  cardOnScreen,
  cardText,
  focusedText,
  openPopup,
  paintedByName,
  paintedCount,
  paintedRanges,
  pointOf,
  popupEntities,
  useSuite,
  waitPaintedCount,
  waitUntil,
} from './harness';

describe.each(BROWSERS)('demo article in %s', (kind) => {
  const suite = useSuite(kind, { root: DEMO });
  let page: Page;

  beforeAll(async () => {
    ({ page } = await suite.open('article.html'));
  });

  it('paints the article’s entities, by type', async () => {
    const byName = await paintedByName(page);
    expect(byName['contextual-highlights-person']).toBeGreaterThanOrEqual(10);
    expect(byName['contextual-highlights-country']).toBeGreaterThanOrEqual(20);
    const texts = (await paintedRanges(page)).map((r) => r.text);
    for (const name of ['Vladimir Putin', 'Xi Jinping', 'Russia', 'China', 'East China Sea', 'Segrei Luzyanin']) {
      expect(
        texts.some((t) => t.includes(name)),
        name,
      ).toBe(true);
    }
    // The byline's "Vladimir" is another person; "Chinese" and "Russian" are adjectives.
    expect(texts).not.toContain('Vladimir');
    expect(texts).not.toContain('Chinese');
  });

  it('has the highlight styles put in at document start, before the page was laid out', async () => {
    // Inserted later they would restyle the whole page (docs/highlighting.md).
    const early = await page.evaluate(() => performance.getEntriesByName('contextual-highlights:styles-early').length);
    expect(early).toBe(1);
  });

  it('shows a card on hover, with the entity from the background', async () => {
    expect(await cardOnScreen(page)).toBeNull();
    const { x, y } = await pointOf(page, 'Dmitry Rogozin');
    await page.mouse.move(x, y);
    await expect.poll(() => focusedText(page), { timeout: 5000 }).toBe('Dmitry Rogozin');
    await expect.poll(() => cardOnScreen(page), { timeout: 5000 }).not.toBeNull();
    expect(await cardText(page)).toContain('Deputy Prime Minister');
    // Moving away closes the card.
    await page.mouse.move(5, 5);
    await expect.poll(() => focusedText(page), { timeout: 5000 }).toBeNull();
  });

  it('lists the entities with counts in the popup, and its switch turns the site off and on', async () => {
    const painted = await paintedCount(page);
    const popup = await openPopup(suite.b, page);
    const entities = await popupEntities(popup);
    const byId = new Map(entities);
    expect(byId.get('russia')).toBeGreaterThanOrEqual(10);
    expect(byId.get('vladimir-putin')).toBeGreaterThanOrEqual(8);
    expect([...byId.values()].reduce((a, n) => a + n, 0)).toBe(painted);

    await popup.click('#site-switch');
    await waitUntil(page, () => [...CSS.highlights.keys()].every((k) => !k.startsWith('contextual-highlights')), {
      timeout: 5000,
    });
    expect(await paintedCount(page)).toBe(0);

    const again = kind === 'chromium' ? await openPopup(suite.b, page).catch(() => popup) : popup;
    await again.click('#site-switch');
    if (kind === 'firefox') {
      // Here the popup is a tab in front of the page, so the page is hidden: it does no work
      // until it is visible again.
      expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
      await new Promise((r) => setTimeout(r, 300));
      expect(await paintedCount(page)).toBe(0);
      await page.bringToFront();
    }
    await waitPaintedCount(page, painted);
  });
});
