/**
 * The card in real browsers: hover intent, touch, the keyboard commands, focus, Escape; a page
 * whose CSS targets everything (and a strict CSP); a dark page; a page that tries to reach into the
 * card or drive it with events of its own. The card's shadow root is closed, so the tests see what
 * the page sees: the focus highlight on the mention whose card is open, and where the card's host
 * is on top (cardOnScreen). Chromium's tests also read the card's text through DevTools.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  attachScreenshot,
  cardControl,
  cardFrame,
  cardGuardDown,
  cardOnScreen,
  cardText,
  focusedText,
  paintedRanges,
  pixelAt,
  pointOf,
  pollUntil,
  runCommand,
  setCardExpanded,
  sleep,
  useSuite,
  waitReady,
  watchErrors,
  type CardOnScreen,
} from './harness';

async function waitFocused(page: Page, text: string | null, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const now = await focusedText(page);
    if (now === text) return;
    if (Date.now() > deadline) throw new Error(`card for "${text}" expected; focus is on "${now}"`);
    await sleep(50);
  }
}

async function waitCard(page: Page): Promise<CardOnScreen> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const box = await cardOnScreen(page);
    if (box && box.right - box.left > 100) return box;
    if (Date.now() > deadline) throw new Error('no card on screen');
    await sleep(50);
  }
}

/** The card sits beside its mention: inside the viewport, over none of the mention's text. */
async function expectBeside(page: Page, card: CardOnScreen, mention: { x: number; y: number }): Promise<void> {
  const view = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
  expect(card.left).toBeGreaterThanOrEqual(0);
  expect(card.top).toBeGreaterThanOrEqual(0);
  expect(card.right).toBeLessThanOrEqual(view.w);
  expect(card.bottom).toBeLessThanOrEqual(view.h);
  const covered =
    mention.x >= card.left && mention.x <= card.right && mention.y >= card.top && mention.y <= card.bottom;
  expect(covered, 'the card covers its own mention').toBe(false);
}

describe.each(BROWSERS)('cards in %s', (kind) => {
  const suite = useSuite(kind);
  let page: Page | null = null;

  async function open(path: string): Promise<Page> {
    ({ page } = await suite.open(path));
    return page;
  }

  afterEach(async () => {
    await page?.close();
    page = null;
  });

  it('opens on hover for the mention under the pointer, and closes once the pointer has left', async (context) => {
    const p = await open('cards.html');
    const errors = watchErrors(p);
    const at = await pointOf(p, 'CNPC');
    await p.mouse.move(at.x, at.y);
    await waitFocused(p, 'CNPC');
    const card = await waitCard(p);
    await expectBeside(p, card, at);
    const text = await cardText(p);
    expect(text).toMatch(/CNPC.*China National Petroleum/);
    // Not The Hindu's page: the card names whose report it quotes.
    expect(text).toContain('From The Hindu, 19 May 2014');
    expect(text).toContain('In The Hindu’s report');
    expect(text).toMatch(/Mention 1 of 1 on this page/);
    await attachScreenshot(context, p, `card-${kind}-light`);
    await p.mouse.move(5, 5);
    await waitFocused(p, null);
    expect(await cardOnScreen(p)).toBeNull();
    expect(errors).toEqual([]);
  });

  it('stays open while the pointer travels into the card, and closes on Escape', async () => {
    const p = await open('cards.html');
    const at = await pointOf(p, 'Gazprom');
    await p.mouse.move(at.x, at.y);
    await waitFocused(p, 'Gazprom');
    const card = await waitCard(p);
    const inside = { x: (card.left + card.right) / 2, y: (card.top + card.bottom) / 2 };
    await p.mouse.move(inside.x, inside.y, { steps: 12 });
    await sleep(1200);
    expect(await focusedText(p)).toBe('Gazprom');
    expect(await cardOnScreen(p)).not.toBeNull();
    await p.keyboard.press('Escape');
    await waitFocused(p, null);
  });

  it('walks the visible mentions with next and previous, opening cards without taking focus', async () => {
    const p = await open('cards.html');
    const focusBefore = await p.evaluate(() => document.activeElement?.localName);
    expect(await runCommand(suite.b, p, 'next-mention')).toBe(true);
    await waitFocused(p, 'Putin'); // the headline's, first on screen
    await runCommand(suite.b, p, 'next-mention');
    await waitFocused(p, 'Shanghai');
    await runCommand(suite.b, p, 'previous-mention');
    await waitFocused(p, 'Putin');
    expect(await p.evaluate(() => document.activeElement?.localName)).toBe(focusBefore);
    await waitCard(p);

    // On to the far paragraph: the hidden one is skipped, and the page scrolls to what is shown.
    const seen: string[] = [];
    for (let i = 0; i < 20 && seen.at(-1) !== 'Crimea'; i++) {
      await runCommand(suite.b, p, 'next-mention');
      await sleep(150);
      seen.push((await focusedText(p)) ?? '');
    }
    expect(seen).toContain('Angela Merkel');
    expect(seen).not.toContain('Dmitry Rogozin');
    expect(seen.at(-1)).toBe('Crimea');
    const where = await p.evaluate(() => {
      const r = document.getElementById('far')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, h: innerHeight, y: scrollY };
    });
    expect(where.y).toBeGreaterThan(200);
    expect(where.top).toBeGreaterThanOrEqual(0);
    expect(where.bottom).toBeLessThanOrEqual(where.h);
    // Past the last one there is nothing further.
    expect(await runCommand(suite.b, p, 'next-mention')).toBe(false);
  });

  it('moves the keyboard into the card, keeps Tab inside it, and gives focus back on Escape', async () => {
    const p = await open('cards.html');
    await p.focus('#notes');
    await runCommand(suite.b, p, 'next-mention');
    await waitFocused(p, 'Putin');
    expect(await runCommand(suite.b, p, 'focus-card')).toBe(true);
    // Focus is in the card (once it is on screen): from the page's side, on the card's host.
    const host = (): Promise<boolean> =>
      p.evaluate(() => {
        const active = document.activeElement;
        return active !== null && active.parentElement === document.documentElement && active.localName === 'div';
      });
    await expect.poll(host, { timeout: 5000 }).toBe(true);
    // In the card's frame, on its first control (the frame is told to focus it by a message, so a
    // moment after the page sees its host focused: a clean-clone run met that moment).
    const frame = (await cardFrame(p))!;
    await expect.poll(() => frame.evaluate(() => document.activeElement?.className), { timeout: 5000 }).toBe('pin');
    for (let i = 0; i < 30; i++) await p.keyboard.press('Tab');
    expect(await host()).toBe(true);
    await p.keyboard.press('Escape');
    await waitFocused(p, null);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('notes');
  });

  it('stops highlighting an entity from its card at once, and undoes it', async () => {
    const p = await open('cards.html');
    const putins = (): Promise<number> =>
      paintedRanges(p).then((rs) => rs.filter((r) => r.text.includes('Putin')).length);
    expect(await putins()).toBeGreaterThanOrEqual(3);
    await runCommand(suite.b, p, 'next-mention');
    await waitFocused(p, 'Putin');
    await waitCard(p);
    await setCardExpanded(p, false);
    await runCommand(suite.b, p, 'focus-card');
    const frame = await pollUntil(
      () => cardFrame(p),
      (f) => f !== null,
      () => 'no card frame',
    );
    const focused = (): Promise<string | undefined> => frame!.evaluate(() => document.activeElement?.className);
    await expect.poll(focused, { timeout: 5000 }).toBe('pin');
    // The glance's last control is More (Tab goes round, so Shift+Tab reaches it): Enter expands the card.
    await p.keyboard.down('Shift');
    await p.keyboard.press('Tab');
    await p.keyboard.up('Shift');
    expect(await focused()).toBe('expand');
    await p.keyboard.press('Enter');
    await expect
      .poll(() => frame!.evaluate(() => document.querySelector('.expand')?.getAttribute('aria-expanded')))
      .toBe('true');
    // Now the last control is "Don't highlight this".
    await p.keyboard.press('Tab');
    expect(await focused()).not.toBe('expand');
    await runCommand(suite.b, p, 'focus-card');
    await expect.poll(focused, { timeout: 5000 }).toBe('pin');
    await p.keyboard.down('Shift');
    await p.keyboard.press('Tab');
    await p.keyboard.up('Shift');
    await p.keyboard.press('Enter');
    await expect.poll(putins, { timeout: 5000 }).toBe(0);
    // The card stays, offering to undo (the same, last, control).
    await p.keyboard.press('Enter');
    await expect.poll(putins, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
  });

  it('steps to the next mention with › and shows a related entity’s card, from the card’s own controls', async () => {
    const p = await open('cards.html');
    const at = await pointOf(p, 'President Vladimir Putin');
    await p.mouse.move(at.x, at.y);
    await waitFocused(p, 'President Vladimir Putin');
    await waitCard(p);
    await setCardExpanded(p, true);
    expect(await cardText(p)).toMatch(/Mention 2 of 3 on this page/);
    const next = (await cardControl(p, 'Next mention'))!;
    await p.mouse.move(next.x, next.y, { steps: 4 });
    await p.mouse.click(next.x, next.y);
    // The card goes to Putin's next mention in reading order (the second paragraph's), and says so.
    await waitFocused(p, 'Putin');
    await expect.poll(() => cardText(p), { timeout: 5000 }).toMatch(/Mention 3 of 3 on this page/);
    await cardGuardDown(p); // the card moved with its mention
    const related = (await cardControl(p, 'Show the card of Xi Jinping'))!;
    await p.mouse.move(related.x, related.y, { steps: 4 });
    await p.mouse.click(related.x, related.y);
    // Xi Jinping's card, on the same mention of Putin.
    await expect
      .poll(() => cardFrame(p).then((f) => f?.evaluate(() => document.querySelector('h2')?.textContent)))
      .toBe('Xi Jinping');
    expect(await focusedText(p)).toBe('Putin');
    // And back to the card it came from.
    await cardGuardDown(p);
    const back = (await cardControl(p, 'Back to Vladimir Putin'))!;
    await p.mouse.move(back.x, back.y, { steps: 4 });
    await p.mouse.click(back.x, back.y);
    await expect
      .poll(() => cardFrame(p).then((f) => f?.evaluate(() => document.querySelector('h2')?.textContent)))
      .toBe('Vladimir Putin');
  });

  it('opens on a tap, and a tap on a name inside a link follows the link', async () => {
    const p = await open('cards.html');
    // Touch emulation may reload the page: wait for the extension again.
    await p.setViewport({ width: 800, height: 900, hasTouch: true, isMobile: false });
    await waitReady(p);
    const at = await pointOf(p, 'Shanghai');
    await p.touchscreen.tap(at.x, at.y);
    await waitFocused(p, 'Shanghai');
    await waitCard(p);
    // Tapped once the card has settled where it stays, on a link that is not under it: in one loaded
    // run of four the tap did not follow the link (cause not seen); a card over the link now fails
    // here, by name, rather than as a navigation that never came.
    await cardGuardDown(p);
    const link = await pointOf(p, 'Moscow');
    expect(await p.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('a')?.hash, link)).toBe(
      '#moscow-story',
    );
    await p.touchscreen.tap(link.x, link.y);
    await expect.poll(() => p.evaluate(() => location.hash), { timeout: 5000 }).toBe('#moscow-story');
    expect(await focusedText(p)).not.toBe('Moscow');
  });

  it('does not open while text is selected', async () => {
    const p = await open('cards.html');
    await p.evaluate(() => getSelection()!.selectAllChildren(document.getElementById('first')!));
    const at = await pointOf(p, 'Gazprom');
    await p.mouse.move(at.x, at.y);
    await sleep(900);
    expect(await focusedText(p)).toBeNull();
  });

  it('ignores events a page makes up, and a page cannot reach into the card', async () => {
    const p = await open('card-attacks.html');
    const at = await pointOf(p, 'Vladimir Putin');
    await p.evaluate(({ x, y }) => (window as unknown as { fake(x: number, y: number): void }).fake(x, y), at);
    await sleep(900);
    expect(await focusedText(p)).toBeNull();
    // A real hover opens the card; a made-up Escape does not close it.
    await p.mouse.move(at.x, at.y);
    await waitFocused(p, 'Vladimir Putin');
    await p.evaluate(() => (window as unknown as { fakeEscape(): void }).fakeEscape());
    await sleep(300);
    expect(await focusedText(p)).toBe('Vladimir Putin');
    await waitCard(p);
    await sleep(400);
    expect(await p.evaluate(() => (window as unknown as { spoofed: boolean }).spoofed)).toBe(false);
    expect(await cardText(p)).toContain('Vladimir Putin');
  });

  it('mirrors on a right-to-left page: the card lines up with the mention’s right edge', async (context) => {
    const p = await open('rtl.html');
    const at = await pointOf(p, 'Gazprom');
    const right = await p.evaluate(() => {
      let edge = 0;
      CSS.highlights.forEach((h) =>
        h.forEach((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() === 'Gazprom') edge = range.getBoundingClientRect().right;
        }),
      );
      return edge;
    });
    await p.mouse.move(at.x, at.y);
    await waitFocused(p, 'Gazprom');
    const card = await waitCard(p);
    expect(Math.abs(card.right - right)).toBeLessThan(12);
    await attachScreenshot(context, p, `card-${kind}-rtl`);
  });

  it('follows a dark page', async (context) => {
    const p = await open('dark.html');
    const at = await pointOf(p, 'Xi Jinping');
    await p.mouse.move(at.x, at.y);
    await waitFocused(p, 'Xi Jinping');
    const card = await waitCard(p);
    await sleep(300);
    // In the card's own left padding: a long card scrolls, so its bottom edge may be text.
    const [r, g, b] = await pixelAt(p, Math.round(card.left + 6), Math.round((card.top + card.bottom) / 2));
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(80);
    await attachScreenshot(context, p, `card-${kind}-dark`);
  });
});

describe.each(BROWSERS)('cards on a page that targets every element, under a strict CSP, in %s', (kind) => {
  const suite = useSuite(kind, {
    headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
  });

  it('still shows a readable card beside its mention, above the page’s own layers', async (context) => {
    const { page, errors } = await suite.open('hostile-card.html');
    const at = await pointOf(page, 'Vladimir Putin');
    await page.mouse.move(at.x, at.y);
    await waitFocused(page, 'Vladimir Putin');
    const card = await waitCard(page);
    expect(card.right - card.left).toBeGreaterThan(250);
    expect(card.bottom - card.top).toBeGreaterThan(120);
    await expectBeside(page, card, at);
    // The card is light on this light page: its own colours, not the page's `all: unset`.
    await sleep(300);
    // In the card's own left padding: a long card scrolls, so its bottom edge may be text.
    const [r, g, b] = await pixelAt(page, Math.round(card.left + 6), Math.round((card.top + card.bottom) / 2));
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeGreaterThan(200);
    const text = await cardText(page);
    expect(text).toContain('Vladimir Putin');
    expect(text).toContain('From The Hindu');
    await attachScreenshot(context, page, `card-${kind}-hostile`);
    expect(errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
    await page.close();
  });
});
