/**
 * When the extension goes away (removed, disabled, updated), nothing of it stays on open pages:
 * Chromium's orphaned script removes its highlights and listeners; Firefox destroys the script,
 * and the highlight styles (inserted by the background) leave with the extension, so nothing stays
 * painted.
 * A newer copy of the script (Firefox injects one on install) replaces the old highlights instead
 * of doubling them. No errors reach the page's console.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { extensionDir } from '../../scripts/lib/browsers';
import { BROWSERS, paintedCount, pointOf, registeredName, sleep, useSuite, waitReady, waitUntil } from './harness';

/** Colour of the screen pixel at a point, read by decoding a screenshot in the browser itself. */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({
    encoding: 'base64',
    clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 },
  });
  const decoder = await page.browser().newPage();
  try {
    return await decoder.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!] as [number, number, number];
    }, png);
  } finally {
    await decoder.close();
  }
}

/** What a ::highlight(name) rule gives the body's text, as the page can ask. */
function styleOf(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    const s = getComputedStyle(document.body, `::highlight(${n})`);
    return `${s.backgroundColor} ${s.color}`;
  }, name);
}

/** A point on the highlight's background next to the glyphs of a painted mention (its top edge). */
async function backgroundPoint(page: Page, text: string): Promise<{ x: number; y: number }> {
  const centre = await pointOf(page, text);
  return page.evaluate(({ x, y }) => {
    const pos = document.caretPositionFromPoint(x, y)!;
    const range = document.createRange();
    range.setStart(pos.offsetNode, pos.offset);
    range.setEnd(pos.offsetNode, Math.min(pos.offset + 1, (pos.offsetNode as Text).length));
    const rect = range.getClientRects()[0]!;
    return { x: rect.left + rect.width / 2, y: rect.top + 2 };
  }, centre);
}

describe.each(BROWSERS)('removing the extension in %s', (kind) => {
  const suite = useSuite(kind);
  let page: Page;
  let errors: string[];
  let painted = 0;

  let oldPerson = '';

  beforeAll(async () => {
    ({ page, errors } = await suite.open('news.html'));
    painted = await paintedCount(page);
    oldPerson = (await registeredName(page, 'person'))!;
  });

  it('leaves nothing painted', async () => {
    expect(painted).toBeGreaterThan(10);
    const point = await backgroundPoint(page, 'Moscow');
    const highlighted = await pixelAt(page, point.x, point.y);
    await suite.b.browser.uninstallExtension(suite.b.extensionId!);
    if (kind === 'chromium') {
      // The orphaned script notices within a few seconds and removes its highlights itself.
      await waitUntil(page, () => [...CSS.highlights.keys()].every((k) => !k.startsWith('contextual-highlights')), {
        timeout: 10_000,
      });
    } else {
      await sleep(1500);
    }
    const after = await pixelAt(page, point.x, point.y);
    const page_ = await pixelAt(page, 2, 2);
    expect(after, 'the highlight background is gone').toEqual(page_);
    expect(highlighted, 'it was painted before').not.toEqual(page_);
  });

  it('a newer copy replaces the old highlights instead of doubling them', async () => {
    await suite.b.browser.installExtension(extensionDir(kind));
    if (kind === 'firefox') {
      // Firefox runs the new copy's content script in the open tab at once. A new install has a new
      // token: the dead copy's highlights (its sandbox is gone, so nothing can unregister them) stay
      // registered under the old one until the page reloads, but unstyled, so nothing shows twice.
      await waitUntil(page, () => performance.getEntriesByName('contextual-highlights:ready').length >= 2, {
        timeout: 15_000,
      });
      const byToken = await page.evaluate(() => {
        const out: Record<string, number> = {};
        CSS.highlights.forEach((h, name) => {
          const m = /^contextual-highlights-([a-z0-9]{8,16})-(?!focus)/.exec(name);
          if (m) out[m[1]!] = (out[m[1]!] ?? 0) + h.size;
        });
        return out;
      });
      const oldToken = /^contextual-highlights-([a-z0-9]+)-person$/.exec(oldPerson)![1]!;
      const fresh = Object.entries(byToken).filter(([t]) => t !== oldToken);
      expect(fresh.map(([, n]) => n)).toEqual([painted]);
      const unstyled = await styleOf(page, 'not-a-highlight-of-anyone');
      expect(await styleOf(page, oldPerson)).toBe(unstyled);
      expect(await styleOf(page, oldPerson.replace(oldToken, fresh[0]![0]))).not.toBe(unstyled);
    } else {
      // Chromium injects nothing into open tabs; a reload brings the highlights back, once.
      await page.reload();
      await waitReady(page);
      expect(await paintedCount(page)).toBe(painted);
    }
  });

  it('logged no errors in the page', async () => {
    await page.mouse.move(10, 10);
    await sleep(200);
    expect(errors).toEqual([]);
  });
});
