/**
 * The card as a reader meets it (issue 23), in both browsers, at 1280×800 with a mouse and under
 * phone emulation (375×667, touch): a glance that fits without scrolling (measured for ten
 * entities at both sizes, the figures written to test-results/), the panel it expands into and
 * back, a bottom sheet that taps and swipes inside keep open and a swipe down or a tap outside
 * close, the full Tab cycle through the card and Escape, the two commands without default keys,
 * a page dated 2019 that the card speaks from, and axe at both sizes. Screenshots of the glance,
 * the panel and the sheet go to test-results/screenshots (the README's pictures come from them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { describe, expect, it, type TestContext } from 'vitest';
import {
  BROWSERS,
  CORPUS,
  DEMO,
  attachScreenshot,
  axeViolations,
  cardFrame,
  cardGuardDown,
  cardOnScreen,
  cardRect,
  cardText,
  focusedText,
  paintedCount,
  pointOf,
  pollUntil,
  runCommand,
  sendFromExtension,
  setCardExpanded,
  sleep,
  tabIdOfPage,
  useSuite,
  waitReady,
  type Viewport,
} from './harness';

const DESKTOP: Viewport = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

/** Ten entities of the demo article, of every kind. */
const TEN = [
  'vladimir-putin',
  'xi-jinping',
  'russia',
  'china',
  'ukraine',
  'gazprom',
  'cnpc',
  'shanghai',
  'kyiv',
  'crimea',
];

const OUT = resolve(import.meta.dirname, '../../test-results');

async function frameOf(page: Page): Promise<Frame> {
  return (await pollUntil(
    () => cardFrame(page),
    (f) => f !== null,
    () => 'no card frame',
  ))!;
}

/** A screenshot of the card and what is around it (the README's pictures come from these), attached to the test. */
async function shotOfCard(context: TestContext, page: Page, name: string): Promise<void> {
  const card = (await cardRect(page))!;
  const view = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
  const x = Math.max(0, card.left - 60);
  const y = Math.max(0, card.top - 60);
  const clip = { x, y, width: Math.min(view.w, card.right + 60) - x, height: Math.min(view.h, card.bottom + 40) - y };
  mkdirSync(resolve(OUT, 'screenshots'), { recursive: true });
  const path = resolve(OUT, 'screenshots', `${name}.png`) as `${string}.png`;
  await page.screenshot({ path, clip, captureBeyondViewport: false });
  await context.annotate(name, { path, contentType: 'image/png' });
}

/** One finger from `from` to `to` in steps (its own touch, ended: none is left down for the next). */
async function swipe(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const touch = await page.touchscreen.touchStart(from.x, from.y);
  for (let i = 1; i <= 5; i++) {
    await touch.move(from.x + ((to.x - from.x) * i) / 5, from.y + ((to.y - from.y) * i) / 5);
  }
  await touch.end();
}

/** The card's own box in its frame: how tall it is, how tall its content is, whether anything scrolls. */
function cardBox(frame: Frame): Promise<{ width: number; height: number; scroll: number; sheet: boolean; id: string }> {
  return frame.evaluate(() => {
    const card = document.querySelector<HTMLElement>('.card')!;
    return {
      width: card.offsetWidth,
      height: card.clientHeight,
      scroll: card.scrollHeight,
      sheet: card.classList.contains('sheet'),
      id: document.querySelector('h2')?.textContent ?? '',
    };
  });
}

async function reveal(kindOf: { b: Parameters<typeof tabIdOfPage>[0] }, page: Page, entity: string): Promise<void> {
  const tabId = await tabIdOfPage(kindOf.b, page);
  expect(await sendFromExtension(kindOf.b, 'revealEntity', { tabId, entity }, page)).toBe(true);
}

/** Waits until the card's frame shows `title` and has settled at its size on screen. */
async function settled(page: Page, title: RegExp): Promise<Frame> {
  const frame = await frameOf(page);
  await expect.poll(() => cardBox(frame).then((b) => b.id), { timeout: 5000 }).toMatch(title);
  await pollUntil(
    () => cardOnScreen(page),
    (c) => c !== null,
    () => 'no card on screen',
  );
  await sleep(250);
  return frame;
}

describe.each(BROWSERS)('the card at a glance in %s', (kind) => {
  const suite = useSuite(kind, { root: DEMO });

  it.for([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('fits ten entities without scrolling (%s)', async ([size, viewport], context) => {
    const { page } = await suite.open('article.html', viewport);
    await waitReady(page);
    const heights: Record<string, number> = {};
    let first = true;
    for (const entity of size === 'desktop' ? [...TEN.filter((e) => e !== 'china'), 'china'] : TEN) {
      await reveal(suite, page, entity);
      const frame = await settled(page, /./);
      if (first) {
        await setCardExpanded(page, false);
        first = false;
      }
      await sleep(150);
      const box = await cardBox(frame);
      const onScreen = (await cardRect(page))!;
      heights[entity] = box.height;
      expect(box.scroll, `${entity}: nothing scrolls`).toBeLessThanOrEqual(box.height + 1);
      if (size === 'desktop') {
        expect(box.sheet).toBe(false);
        expect(onScreen.right - onScreen.left, `${entity} width`).toBeLessThanOrEqual(361);
      } else {
        expect(box.sheet).toBe(true);
        // A bottom sheet: the viewport's width, at its bottom.
        expect(onScreen.left).toBeLessThanOrEqual(1);
        const width = await page.evaluate(() => document.documentElement.clientWidth);
        expect(onScreen.right).toBeGreaterThanOrEqual(width - 2);
        expect(onScreen.bottom).toBeGreaterThanOrEqual(viewport.height - 2);
        expect(box.height, `${entity} height`).toBeLessThanOrEqual(0.85 * viewport.height);
      }
    }
    mkdirSync(OUT, { recursive: true });
    writeFileSync(resolve(OUT, `glance-heights-${kind}-${size}.json`), `${JSON.stringify(heights, null, 2)}\n`);
    console.log(`glance heights (${kind}, ${size}):`, JSON.stringify(heights));
    await attachScreenshot(context, page, `glance-${kind}-${size}`);
    // At 1280×800 every glance is at most 320 px tall (all measured first, to report them all).
    if (size === 'desktop')
      for (const [entity, h] of Object.entries(heights)) expect(h, entity).toBeLessThanOrEqual(320);
    await page.close();
  });

  it('expands in place into a panel with a sticky header, and back', async (context) => {
    const { page } = await suite.open('article.html', DESKTOP);
    await reveal(suite, page, 'gazprom');
    const frame = await settled(page, /Gazprom/);
    await setCardExpanded(page, false);
    const glance = await cardBox(frame);
    await sleep(500);
    await shotOfCard(context, page, `card-${kind}-glance`);
    await setCardExpanded(page, true);
    const panel = await cardBox(frame);
    await shotOfCard(context, page, `card-${kind}-panel`);
    expect(panel.height).toBeGreaterThan(glance.height);
    expect(panel.height).toBeLessThanOrEqual(0.7 * DESKTOP.height + 1);
    // The body scrolls under a header that stays, with the name, Pin and ×.
    expect(panel.scroll).toBeGreaterThan(panel.height);
    const text = await cardText(page);
    for (const part of ['In The Hindu’s report', 'In the days after the article', 'Since then', 'Related', 'Sources:'])
      expect(text).toContain(part);
    const head = await frame.evaluate(() => {
      const card = document.querySelector('.card')!;
      card.scrollTop = card.scrollHeight;
      const h = document.querySelector('.head')!.getBoundingClientRect();
      const top = card.getBoundingClientRect().top;
      return {
        top: h.top - top,
        pin: !!document.querySelector('.head .pin'),
        title: document.querySelector('.head h2'),
      };
    });
    expect(head.top).toBeLessThanOrEqual(1);
    expect(head.pin).toBe(true);
    expect(head.title).not.toBeNull();
    await attachScreenshot(context, page, `panel-${kind}-desktop`);
    expect(await axeViolations(frame)).toEqual([]);
    // The choice is remembered (in the card frame's own storage): the next card opens expanded, and
    // so does a card on a page opened afresh; back to the glance there, the glance it is again.
    const expandedNow = (f: Frame): Promise<string | null | undefined> =>
      f.evaluate(() => document.querySelector('.expand')?.getAttribute('aria-expanded'));
    await reveal(suite, page, 'cnpc');
    await settled(page, /CNPC/);
    expect(await expandedNow(frame)).toBe('true');
    await page.close();
    const { page: again } = await suite.open('article.html', DESKTOP);
    await reveal(suite, again, 'gazprom');
    const fresh = await settled(again, /Gazprom/);
    expect(await expandedNow(fresh)).toBe('true');
    await setCardExpanded(again, false);
    expect((await cardBox(fresh)).height).toBe(glance.height);
    expect(await axeViolations(fresh)).toEqual([]);
    await again.close();
    const { page: third } = await suite.open('article.html', DESKTOP);
    await reveal(suite, third, 'cnpc');
    expect(await expandedNow(await settled(third, /CNPC/))).toBe('false');
    await third.close();
  });
});

describe.each(BROWSERS)('the card by touch in %s', (kind) => {
  const suite = useSuite(kind, { root: DEMO });

  async function openSheet(page: Page, name: string): Promise<Frame> {
    const at = await pointOf(page, name);
    await page.touchscreen.tap(at.x, at.y);
    return settled(page, /./);
  }

  it('is a bottom sheet that taps and swipes inside keep open, and a swipe down or a tap outside close', async (context) => {
    const { page } = await suite.open('article.html', PHONE);
    await waitReady(page);
    const frame = await openSheet(page, 'Crimea');
    await setCardExpanded(page, false);
    const sheet = (await cardRect(page))!;
    expect((await cardBox(frame)).sheet).toBe(true);
    // Its mention is scrolled up above the sheet, not hidden under it.
    const mentionBottom = await page.evaluate(() => {
      let bottom = Infinity;
      CSS.highlights.forEach((h, name) => {
        if (!name.endsWith('-focus')) return;
        h.forEach((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          bottom = range.getBoundingClientRect().bottom;
        });
      });
      return bottom;
    });
    expect(mentionBottom).toBeLessThan(sheet.top);
    await attachScreenshot(context, page, `sheet-${kind}-phone`);
    expect(await axeViolations(frame)).toEqual([]);
    // Targets a thumb can hit.
    const small = await frame.evaluate(
      () =>
        [...document.querySelectorAll<HTMLElement>('button')]
          .filter((b) => !b.closest('[hidden]'))
          .map((b) => b.getBoundingClientRect())
          .filter((r) => r.height < 44 || r.width < 44).length,
    );
    expect(small).toBe(0);
    // A tap on the card's text, then a swipe up inside it: still open.
    const mid = { x: (sheet.left + sheet.right) / 2, y: sheet.top + (sheet.bottom - sheet.top) * 0.6 };
    await cardGuardDown(page);
    await page.touchscreen.tap(mid.x, mid.y);
    await sleep(800);
    expect(await cardOnScreen(page)).not.toBeNull();
    await swipe(page, mid, { x: mid.x, y: mid.y - 120 });
    await sleep(800);
    expect(await cardOnScreen(page)).not.toBeNull();
    // Expanded, it scrolls: a swipe inside moves its body, and the card stays.
    await setCardExpanded(page, true);
    const panel = (await cardRect(page))!;
    expect(panel.bottom - panel.top).toBeLessThanOrEqual(0.7 * PHONE.height + 2);
    const inside = { x: mid.x, y: panel.top + (panel.bottom - panel.top) * 0.7 };
    await swipe(page, inside, { x: inside.x, y: inside.y - 180 });
    await sleep(800);
    expect(await cardOnScreen(page)).not.toBeNull();
    const scrolled = (): Promise<number> => frame.evaluate(() => document.querySelector('.card')!.scrollTop);
    if (kind === 'chromium') expect(await scrolled()).toBeGreaterThan(0);
    else {
      // Firefox's WebDriver BiDi touch actions pan nothing (not even the page itself): its body is
      // scrolled with the wheel instead, to show that it scrolls while the header stays.
      await page.mouse.move(inside.x, inside.y);
      await page.mouse.wheel({ deltaY: 200 });
      await expect.poll(scrolled).toBeGreaterThan(0);
    }
    await attachScreenshot(context, page, `sheet-${kind}-phone-expanded`);
    await setCardExpanded(page, false);
    // A swipe down from its top closes it.
    const top = (await cardRect(page))!;
    const grip = { x: mid.x, y: top.top + 12 };
    await swipe(page, grip, { x: grip.x, y: grip.y + 125 });
    await expect.poll(() => cardOnScreen(page), { timeout: 5000, message: 'closed by a swipe down' }).toBeNull();
    // Opened again, a tap outside closes it.
    await openSheet(page, 'Crimea');
    await sleep(600);
    await page.touchscreen.tap(20, 20);
    await expect.poll(() => cardOnScreen(page), { timeout: 5000, message: 'closed by a tap outside' }).toBeNull();
    expect(await focusedText(page)).toBeNull();
    await page.close();
  });
});

describe.each(BROWSERS)('the card by keyboard in %s', (kind) => {
  const suite = useSuite(kind);

  /** The focused control in the card's frame, named by its text or label. */
  const focusedControl = (frame: Frame): Promise<string> =>
    frame.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.localName}:${el.getAttribute('aria-label') ?? el.textContent}` : '';
    });

  it('goes round every shown control with Tab and Shift+Tab, and Escape gives focus back', async () => {
    const { page } = await suite.open('cards.html', DESKTOP);
    await page.focus('#notes');
    for (const expanded of [false, true]) {
      await runCommand(suite.b, page, 'next-mention');
      await pollUntil(
        () => focusedText(page),
        (t) => t === 'Putin',
        (t) => `next-mention opened ${t}`,
      );
      const frame = await settled(page, /Putin/);
      await setCardExpanded(page, expanded);
      await page.focus('#notes');
      expect(await runCommand(suite.b, page, 'focus-card')).toBe(true);
      await expect.poll(() => focusedControl(frame), { timeout: 5000 }).toMatch(/^button:Pin/);
      // Every control shown, in document order (none of the glance's hidden panel).
      const controls = await frame.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, a[href]')]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => `${el.localName}:${el.getAttribute('aria-label') ?? el.textContent}`),
      );
      expect(controls.length).toBeGreaterThan(expanded ? 10 : 3);
      const forward: string[] = [await focusedControl(frame)];
      for (let i = 0; i < controls.length; i++) {
        await page.keyboard.press('Tab');
        forward.push(await focusedControl(frame));
      }
      // Round once, back to the first.
      expect(forward).toEqual([...controls, controls[0]]);
      const backward: string[] = [];
      for (let i = 0; i < controls.length; i++) {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
        backward.push(await focusedControl(frame));
      }
      expect(backward).toEqual([...controls].reverse());
      const footer = await cardText(page);
      if (expanded) expect(footer).toMatch(/Keys: .*Esc closes/);
      await page.keyboard.press('Escape');
      await expect.poll(() => focusedText(page), { timeout: 5000 }).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('notes');
    }
    expect(await axeViolations((await cardFrame(page))!)).toEqual([]);
    await page.close();
  });

  it('goes to the next mention of the open card’s name, and switches the page’s highlights off and on', async () => {
    const { page } = await suite.open('cards.html', DESKTOP);
    await runCommand(suite.b, page, 'next-mention');
    await pollUntil(
      () => focusedText(page),
      (t) => t === 'Putin',
      (t) => `next-mention opened ${t}`,
    );
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await runCommand(suite.b, page, 'next-same')).toBe(true);
      await sleep(300);
      seen.push((await focusedText(page)) ?? '');
    }
    // Putin's mentions only, in reading order, round to the first.
    expect(seen).toEqual(['President Vladimir Putin', 'Putin', 'Putin']);
    const painted = await paintedCount(page);
    expect(painted).toBeGreaterThan(5);
    expect(await runCommand(suite.b, page, 'toggle-highlights')).toBe(true);
    await expect.poll(() => paintedCount(page), { timeout: 5000 }).toBe(0);
    expect(await runCommand(suite.b, page, 'toggle-highlights')).toBe(true);
    await expect.poll(() => paintedCount(page), { timeout: 10_000 }).toBe(painted);
    await page.close();
  });
});

describe.each(BROWSERS)('the card on a page of its own date in %s', (kind) => {
  const suite = useSuite(kind, { root: CORPUS });

  it('speaks from a 2019 page’s date, then says what came since', async (context) => {
    const { page } = await suite.open('cbs-impeachment-volker.html', DESKTOP);
    await reveal(suite, page, 'ukraine');
    await settled(page, /Ukraine/);
    const text = await cardText(page);
    expect(text).toContain('By this page’s date (20 November 2019):');
    expect(text).toContain('Since then');
    expect(text).toContain('In The Hindu’s report');
    expect(text).not.toContain('In this article');
    await attachScreenshot(context, page, `glance-${kind}-page-date`);
    await page.close();
  });
});

// Chromium only: it takes its interface language from --lang; this machine's Firefox has no German
// language pack to switch to (the dates' language follows the card's words: card_locale, unit-tested).
describe.each(BROWSERS.filter((k) => k === 'chromium'))('the card in German (%s started with --lang=de)', (kind) => {
  const suite = useSuite(kind, { browser: { args: ['--lang=de'] } });

  it('writes its dates in the language of its words', async (context) => {
    const { page } = await suite.open('cards.html', DESKTOP);
    await runCommand(suite.b, page, 'next-mention');
    await settled(page, /Putin/);
    const text = await cardText(page);
    expect(text).toContain('Person · Stand 19. Mai 2014');
    expect(text).toContain('Wladimir Putin');
    // Its relations name the others in German too.
    expect(text).toContain('is the president of Russland');
    expect(text).toMatch(/Heute \(\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ 2025\):/);
    expect(text).toContain('Aus The Hindu, 19. Mai 2014');
    expect(text).toMatch(/Fakten bis Okt\. 2025 · geprüft Dez\. 2026/);
    // Every date the card writes (its dated lines, their sources) is German; the dataset's sentences stay English.
    const dates = await (
      await frameOf(page)
    ).evaluate(() => [...document.querySelectorAll('.date, .src')].map((e) => e.textContent ?? ''));
    expect(dates.length).toBeGreaterThan(5);
    for (const d of dates) expect(d).not.toMatch(/\b(January|February|March|May|June|July|October|December)\b/);
    await attachScreenshot(context, page, 'glance-chromium-de');
    await page.close();
  });
});
