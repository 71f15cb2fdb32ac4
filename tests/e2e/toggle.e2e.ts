/**
 * The popup's site switch: off removes every highlight at once and stays off across a reload; on
 * restores them; and nothing is logged as an error meanwhile. Our ::highlight rules are in the page
 * only while we paint (inserted by the background, never adopted by the document): switched off,
 * the page's styles say nothing of the extension (security review 8).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  openPopup,
  paintedCount,
  registeredName,
  sleep,
  useSuite,
  waitPaintedCount,
  waitReady,
  waitUntil,
} from './harness';

/** What a ::highlight(name) rule gives the body's text, as the page can ask. */
function styleOf(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    const s = getComputedStyle(document.body, `::highlight(${n})`);
    return `${s.backgroundColor} ${s.color} ${s.textDecorationLine}`;
  }, name);
}

/** Highlight names of ours still registered, and style sheets adopted by the document. */
function leftovers(page: Page): Promise<{ names: string[]; sheets: number }> {
  return page.evaluate(() => ({
    names: [...CSS.highlights.keys()].filter((k) => k.startsWith('contextual-highlights')),
    sheets: document.adoptedStyleSheets.length,
  }));
}

describe.each(BROWSERS)('site switch in %s', (kind) => {
  const suite = useSuite(kind);
  let page: Page;
  let errors: string[];
  let painted = 0;

  beforeAll(async () => {
    ({ page, errors } = await suite.open('news.html'));
    painted = await paintedCount(page);
  });

  /** Flips the popup's switch for the page's site and returns what the switch then shows. */
  async function flip(): Promise<boolean> {
    const popup = await openPopup(suite.b, page);
    const before = await popup.$eval('#site-switch', (el) => (el as HTMLInputElement).checked);
    await popup.click('#site-switch');
    await waitUntil(
      popup,
      (was) => (document.querySelector('#site-switch') as HTMLInputElement).checked !== was,
      { timeout: 5000 },
      before,
    );
    const after = await popup.$eval('#site-switch', (el) => (el as HTMLInputElement).checked);
    // Best effort: the popup may have closed itself already.
    await popup.close().catch(() => {});
    // In Firefox the popup was a tab in front of the page; the page must be visible again.
    await page.bringToFront();
    return after;
  }

  let person = '';
  let unstyled = '';

  it('starts with the page painted, by rules the page cannot name in advance', async () => {
    expect(painted).toBeGreaterThanOrEqual(40);
    expect(await leftovers(page)).toMatchObject({ sheets: 0 });
    person = (await registeredName(page, 'person'))!;
    expect(person).toMatch(/^contextual-highlights-[a-z0-9]{8,16}-person$/);
    unstyled = await styleOf(page, 'not-a-highlight-of-anyone');
    expect(await styleOf(page, person)).not.toBe(unstyled);
    expect(await styleOf(page, 'contextual-highlights-person')).toBe(unstyled);
  });

  it('off removes every highlight', async () => {
    expect(await flip()).toBe(false);
    await waitUntil(page, () => [...CSS.highlights.keys()].every((k) => !k.startsWith('contextual-highlights')), {
      timeout: 5000,
    });
    expect(await paintedCount(page)).toBe(0);
    expect(await leftovers(page)).toEqual({ names: [], sheets: 0 });
    // Nothing in the page's styles says the extension is there.
    await waitUntil(
      page,
      (n, u) => {
        const s = getComputedStyle(document.body, `::highlight(${n})`);
        return `${s.backgroundColor} ${s.color} ${s.textDecorationLine}` === u;
      },
      { timeout: 5000 },
      person,
      unstyled,
    );
    // And it stays so while the page is visible and used.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await sleep(400);
    expect(await leftovers(page)).toEqual({ names: [], sheets: 0 });
  });

  it('stays off after a reload', async () => {
    await page.reload();
    await waitUntil(page, () => document.readyState === 'complete');
    await sleep(1000);
    expect(await leftovers(page)).toEqual({ names: [], sheets: 0 });
    expect(await styleOf(page, person)).toBe(unstyled);
  });

  it('on restores them all without a reload', async () => {
    const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    expect(await flip()).toBe(true);
    await waitPaintedCount(page, painted);
    // The same document (no reload happened).
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigations);
    expect(await leftovers(page)).toMatchObject({ sheets: 0 });
  });

  it('comes back after a reload', async () => {
    await page.reload();
    await waitReady(page);
    expect(await paintedCount(page)).toBe(painted);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
