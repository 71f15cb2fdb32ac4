/**
 * The page markers (a setting, off by default; content/page-markers.ts) on the demo article, as a
 * reader meets them: nothing on the page until switched on; then a column at the window's right
 * edge with a tick per mention in its kind's colour, that takes the pointer only on a tick; a
 * click (or on a phone a tap) on a tick scrolls to that mention and opens its card; switched off,
 * nothing of it is left. The column lives in a closed shadow root, so the tests see it as the page
 * does: elementFromPoint, and the pixels on screen.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { ROOT } from '../../scripts/lib/dataset';
import { describe, expect, it } from 'vitest';
import { markerColour } from '../../src/core/highlight-css';
import type { MentionPositions } from '../../src/shared/messages';
import {
  attachScreenshot,
  BROWSERS,
  cardText,
  DEMO,
  focusedMention,
  openPage,
  pixelAt,
  pollUntil,
  sendFromExtension,
  tabIdOfPage,
  untilStill,
  useSuite,
  waitReady,
  waitUntil,
  type TestBrowser,
  type Viewport,
} from './harness';

const DESKTOP: Viewport = { width: 1280, height: 800 };
const SHOTS = resolve(ROOT, 'test-results/screenshots');

/** What the page sees at the right edge: how many elements sit on <html> besides its head and body. */
function added(page: Page): Promise<number> {
  return page.evaluate(
    () => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body).length,
  );
}

/** Stores the setting as the options page does. */
async function setMarkers(b: TestBrowser, on: boolean): Promise<void> {
  await sendFromExtension(b, 'changeSettings', { kind: 'replace', settings: { pageMarkers: on } });
}

/** Each entity's mention positions as the tab reports them (fractions of the page's height). */
async function positions(b: TestBrowser, page: Page): Promise<Map<string, number[]>> {
  const tabId = await tabIdOfPage(b, page);
  await page.bringToFront();
  const reply = (await sendFromExtension(b, 'getPositions', { tabId }, page)) as MentionPositions;
  return new Map(reply);
}

/**
 * The positions once the page's layout has stopped changing: two reads 300 ms apart agree (the
 * column redraws 150 ms after a layout change). A loaded machine lays a fresh page out late: a
 * tick chosen before that was another entity's by the time it was tapped.
 */
async function settledPositions(b: TestBrowser, page: Page): Promise<Map<string, number[]>> {
  const entries = await untilStill(async () => [...(await positions(b, page))], 'the page’s mentions', {
    interval: 300,
    stillFor: 1,
  });
  return new Map(entries);
}

/** Where a tick at `at` of the page's height is drawn: the column spans the window's height at its right edge. */
function tickPoint(page: Page, at: number): Promise<{ x: number; y: number }> {
  return page.evaluate((f) => ({ x: document.documentElement.clientWidth - 5, y: Math.round(f * innerHeight) }), at);
}

/** Whether the point is ours (the markers' host takes the pointer there) or the page's. */
function isOurs(page: Page, x: number, y: number): Promise<boolean> {
  return page.evaluate(
    (px, py) => {
      const el = document.elementFromPoint(px, py);
      return el !== null && el.parentElement === document.documentElement && el !== document.body;
    },
    x,
    y,
  );
}

/**
 * One of the entity's ticks that no other tick touches (none within 6 px at this window height),
 * from the last back: two names on one line share a place, and the later tick drawn is on top.
 */
function aloneTick(where: Map<string, number[]>, id: string, height: number): number {
  const all = [...where].flatMap(([other, list]) => list.map((at, i) => ({ other, i, y: at * height })));
  const own = where.get(id)!;
  for (let i = own.length - 1; i >= 0; i--) {
    const y = own[i]! * height;
    if (all.every((t) => (t.other === id && t.i === i) || Math.abs(t.y - y) > 6)) return i;
  }
  throw new Error(`every tick of ${id} is beside another`);
}

describe.each(BROWSERS)('page markers in %s', (kind) => {
  const suite = useSuite(kind, { root: DEMO });

  it('are off by default, and on, mark every mention at its place in its kind’s colour, taking the pointer only there', async (context) => {
    const { page } = await openPage(suite.b, suite.url('article.html'), DESKTOP);
    expect(await added(page)).toBe(0);
    const right = await page.evaluate(() => document.documentElement.clientWidth - 5);
    expect(await isOurs(page, right, 400)).toBe(false);

    await setMarkers(suite.b, true);
    await waitUntil(page, () => document.documentElement.children.length > 2);
    expect(await added(page)).toBe(1);
    const where = await positions(suite.b, page);
    const russia = where.get('russia')!;
    expect(russia.length).toBeGreaterThanOrEqual(5);
    // A tick per position, where it says, in the colour of countries on a light page.
    const want = markerColour('country', false);
    const first = await tickPoint(page, russia[0]!);
    await pollUntil(
      () => isOurs(page, first.x, first.y),
      (ours) => ours,
      () => `no tick at ${JSON.stringify(first)} (Russia's first mention, ${russia[0]} of the page)`,
    );
    const rgb = await pixelAt(page, first.x, first.y);
    const [r, g, b] = want.match(/\d+/g)!.map(Number);
    expect(
      Math.abs(rgb[0] - r!) + Math.abs(rgb[1] - g!) + Math.abs(rgb[2] - b!),
      `${rgb} against ${want}`,
    ).toBeLessThan(30);
    // Between ticks the pointer reaches the page: a stretch of the column with no tick within 6 px.
    const all = [...where.values()].flat().map((f) => f * DESKTOP.height);
    const gap = [...Array(DESKTOP.height).keys()].find((y) => y > 20 && all.every((t) => Math.abs(t - y) > 6));
    expect(gap, 'a stretch of the column without a tick').toBeDefined();
    expect(await isOurs(page, right, gap!)).toBe(false);
    await attachScreenshot(context, page, `page-markers-${kind}`);
    // The right edge alone, for the README (docs/images/page-markers.png is Chromium's).
    mkdirSync(SHOTS, { recursive: true });
    const edge = resolve(SHOTS, `page-markers-edge-${kind}.png`) as `${string}.png`;
    await page.screenshot({ path: edge, clip: { x: DESKTOP.width - 480, y: 0, width: 480, height: 420 } });
    await context.annotate(`page-markers-edge-${kind}`, { path: edge, contentType: 'image/png' });
    // The page grows above the article (an image loading, a banner): the ticks follow, unasked.
    await page.evaluate(() => {
      const banner = document.createElement('div');
      banner.style.height = `${3 * document.documentElement.scrollHeight}px`;
      document.body.prepend(banner);
    });
    const moved = (await positions(suite.b, page)).get('russia')!;
    expect(moved[0]!).toBeGreaterThan(0.7);
    const lower = await tickPoint(page, moved[0]!);
    // Drawn again: a tick where the first mention is now, none where it was.
    await pollUntil(
      async (): Promise<[boolean, boolean]> => [
        await isOurs(page, lower.x, lower.y),
        await isOurs(page, first.x, first.y),
      ],
      ([now, before]) => now && !before,
      ([now, before]) => `after the page grew: a tick at the new place ${now}, at the old ${before}`,
    );
    await page.close();
  });

  it('a click on a tick scrolls to that mention and opens its card; switched off, nothing is left', async () => {
    await setMarkers(suite.b, true);
    const { page } = await openPage(suite.b, suite.url('article.html'), DESKTOP);
    await waitUntil(page, () => document.documentElement.children.length > 2);
    const where = await settledPositions(suite.b, page);
    const russia = where.get('russia')!;
    // The last of Russia's mentions alone on its line: far down the page, off screen at the top.
    const last = aloneTick(where, 'russia', DESKTOP.height);
    expect(russia[last]).toBeGreaterThan(0.5);
    const point = await tickPoint(page, russia[last]!);
    await pollUntil(
      () => isOurs(page, point.x, point.y),
      (ours) => ours,
      () => `no tick at ${JSON.stringify(point)}`,
    );
    await page.mouse.click(point.x, point.y);
    const at = await pollUntil(
      () => focusedMention(page),
      (m) => m !== null && m.top >= 0 && m.top < DESKTOP.height,
      (m) => `the focused mention is ${JSON.stringify(m)}`,
    );
    expect(at!.text).toMatch(/Russia|Moscow|Kremlin/);
    // Its place on the page is the tick's (as the page is laid out now: a late layout moves both).
    const fraction = at!.fraction;
    const now = (await positions(suite.b, page)).get('russia')!;
    expect(
      Math.abs(fraction - now[last]!),
      `at ${fraction}, the tick at ${now[last]} (${russia[last]} before)`,
    ).toBeLessThan(0.02);
    await pollUntil(
      () => cardText(page),
      (t) => /Russia/.test(t),
      (t) => `the card says ${JSON.stringify(t.slice(0, 80))}`,
    );

    await setMarkers(suite.b, false);
    await pollUntil(
      () => isOurs(page, point.x, point.y),
      (ours) => !ours,
      () => 'the column is still there',
    );
    // What stays is the card's host alone (the card was opened); the column's is gone.
    expect(await added(page)).toBe(1);
    await page.close();
  });

  it('on a phone, a tap on a tick goes to that mention', async () => {
    await setMarkers(suite.b, true);
    const page = await suite.b.browser.newPage();
    await page.setViewport({ width: 375, height: 667, isMobile: true, hasTouch: true });
    await page.goto(suite.url('article.html'));
    await waitReady(page);
    await waitUntil(page, () => document.documentElement.children.length > 2);
    const where = await settledPositions(suite.b, page);
    const china = where.get('china')!;
    const index = aloneTick(where, 'china', 667);
    const point = await tickPoint(page, china[index]!);
    await pollUntil(
      () => isOurs(page, point.x, point.y),
      (ours) => ours,
      () => `no tick at ${JSON.stringify(point)}`,
    );
    await page.touchscreen.tap(point.x, point.y);
    const at = await pollUntil(
      () => focusedMention(page),
      (m) => m !== null && m.top >= 0 && m.top < 667,
      (m) => `the focused mention is ${JSON.stringify(m)}`,
    );
    expect(at!.text).toMatch(/China|Beijing|Chinese/);
    await setMarkers(suite.b, false);
    await page.close();
  });
});
