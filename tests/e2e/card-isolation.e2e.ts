/**
 * The card against a page that wants it: the security review's repros (2026-12-07: F2 selection,
 * F7 cover and click-jacking, F8 hiding and inerting, F9 reading its text, F11 spoofed links), the
 * UX review's hit test at another pixel ratio (#21), and the privacy of the card's frame. The pages
 * are the review's own (tests/e2e/pages/card-selection.html, card-hostile.html). Each test checks
 * what the page can do or see, from the page's side, in both browsers.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  attachScreenshot,
  cardControl,
  cardFrame,
  cardGuardDown,
  cardLinks,
  cardOnScreen,
  cardRect,
  focusedText,
  pixelAt,
  pointOf,
  runCommand,
  sleep,
  useSuite,
  waitReady,
  type CardOnScreen,
} from './harness';

type PageWindow = Window & {
  readGrab(): { grabbed: boolean; log: string[]; title?: string; links?: string[] };
  attack: Record<string, (arg?: unknown) => unknown>;
  cancelToggle: boolean;
  __host: HTMLElement | null;
};

/** Rests the pointer on a name until its card is open (the focus highlight on it), and on screen. */
async function openCard(page: Page, text: string): Promise<CardOnScreen> {
  const at = await pointOf(page, text);
  await page.mouse.move(at.x - 3, at.y);
  await page.mouse.move(at.x, at.y, { steps: 3 });
  await waitFor(
    () => focusedText(page),
    (t) => t === text,
    `a card for "${text}"`,
  );
  return waitFor(
    () => cardRect(page),
    (box): box is CardOnScreen => box !== null && box.right - box.left > 100,
    `the card for "${text}" on screen`,
  ) as Promise<CardOnScreen>;
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeout = 5000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await sleep(50);
  }
}

async function closeCard(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await waitFor(
    () => focusedText(page),
    (t) => t === null,
    'the card to close',
  );
  await page.evaluate(() => getSelection()?.removeAllRanges());
}

/** What our state says (the focus highlight is on the card's mention) against what the page shows. */
async function cardState(page: Page): Promise<{ open: boolean; reachable: boolean }> {
  return { open: (await focusedText(page)) !== null, reachable: (await cardOnScreen(page)) !== null };
}

describe.each(BROWSERS)('the card against a page that wants it, in %s', (kind) => {
  const suite = useSuite(kind);
  let page: Page | null = null;

  afterEach(async () => {
    await page?.close();
    page = null;
  });

  async function open(path: string): Promise<Page> {
    ({ page } = await suite.open(path));
    return page;
  }

  it('F2: a click and a drag-select in the card leave the page’s selection outside it; the reader’s selection is the card’s', async (context) => {
    const p = await open('card-selection.html');
    for (const how of ['click', 'drag'] as const) {
      const box = await openCard(p, 'Vladimir Putin');
      await cardGuardDown(p);
      // The card's lead paragraph, under its head (the review's points).
      const x = box.left + 60;
      const y = box.top + 75;
      await p.mouse.move(x, y, { steps: 4 });
      if (how === 'click') {
        await p.mouse.click(x, y);
      } else {
        await p.mouse.down();
        await p.mouse.move(x + 200, y + 20, { steps: 6 });
        await p.mouse.up();
      }
      await sleep(300);
      const seen = await p.evaluate(() => {
        const s = getSelection()!;
        const w = window as unknown as PageWindow;
        return {
          grab: w.readGrab(),
          anchorInPage: s.anchorNode === null || s.anchorNode.getRootNode() === document,
          text: String(s),
        };
      });
      expect(seen.grab, `${how}: the page got hold of the card`).toMatchObject({ grabbed: false });
      expect(seen.anchorInPage, how).toBe(true);
      expect(seen.text, `${how}: the page's selection holds the card's text`).toBe('');
      if (how === 'drag') {
        // The reader selected text in the card, and can copy it: the selection is the card frame's.
        const frame = await cardFrame(p);
        expect(frame, 'the card is drawn in its own frame').not.toBeNull();
        const selected = await frame!.evaluate(() => String(getSelection()));
        expect(selected.length).toBeGreaterThan(5);
        await attachScreenshot(context, p, `card-isolation-${kind}-selection`);
      }
      await closeCard(p);
    }
    // A later card is still ours.
    await openCard(p, 'CNPC');
    expect(await p.evaluate(() => (window as unknown as PageWindow).readGrab().grabbed)).toBe(false);
  });

  it('F9: the page cannot find or read the card’s text', async () => {
    const p = await open('card-hostile.html');
    await openCard(p, 'Vladimir Putin');
    // Words only the card says (the review's page has "Read more on Wikipedia" in a link of its own).
    const words = ['Don’t highlight this', 'Facts to'];
    const read = await p.evaluate((wanted) => {
      const has = (text: string): boolean => wanted.some((w) => text.includes(w));
      const out: Record<string, boolean> = {};
      out.innerText = has(document.documentElement.innerText);
      out.textContent = has(document.documentElement.textContent ?? '');
      const s = getSelection()!;
      s.selectAllChildren(document.documentElement);
      out.selectAll = has(String(s));
      s.removeAllRanges();
      out.find = wanted.some((w) => (window as unknown as { find(t: string): boolean }).find(w));
      getSelection()!.removeAllRanges();
      return out;
    }, words);
    expect(read).toEqual({ innerText: false, textContent: false, selectAll: false, find: false });
    // The card does say them (so the checks above could have found them).
    const frame = await cardFrame(p);
    expect(frame, 'the card is drawn in its own frame').not.toBeNull();
    const text = await frame!.evaluate(() => document.body.textContent ?? '');
    for (const w of words) expect(text).toContain(w);
  });

  it('F7: a page’s popover opened over the card is put under it, and a click there at once does nothing', async (context) => {
    const p = await open('card-hostile.html');
    await openCard(p, 'Vladimir Putin');
    // The pointer rests on Pin (inside the card, which keeps it open), past the guard of its opening.
    const first = await cardControl(p, 'Pin');
    if (first) await p.mouse.move(first.x, first.y, { steps: 3 });
    await cardGuardDown(p);
    // Where the card stands now that it has settled (the rect openCard saw may be from before the
    // card measured its text: a pixel read there once fell outside the card, on the cover).
    const box = await cardRect(p);
    if (!box) throw new Error('the card closed before the page covered it');
    const pin = await cardControl(p, 'Pin');
    if (pin && first && (pin.x !== first.x || pin.y !== first.y)) await p.mouse.move(pin.x, pin.y, { steps: 2 });
    // The page covers the card with its own top-layer element that lets the pointer through, and
    // the reader's click comes at once.
    await p.evaluate((rect) => (window as unknown as PageWindow).attack.cover!(rect), {
      left: box.left - 8,
      top: box.top - 8,
      right: box.right + 8,
      bottom: box.bottom + 8,
    });
    // The click comes as soon as the cover is drawn (two frames: no reader clicks on what is not on
    // screen yet). The card went above the cover in the same task, but its frame learns of the guard
    // by message: a click in that same instant, before the frame has it, would still be taken (one
    // CI run on a busy machine saw that when this click came before any frame).
    await p.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    if (pin) await p.mouse.click(pin.x, pin.y);
    await sleep(150);
    // What the reader sees there is the card (its white), not the page's magenta cover.
    const [, g] = await pixelAt(p, Math.round(box.left + 6), Math.round((box.top + box.bottom) / 2));
    await attachScreenshot(context, p, `card-isolation-${kind}-cover`);
    const shown = (await cardOnScreen(p)) ? 'open' : 'closed';
    expect(g, `the page’s cover is over the card (the card is ${shown})`).toBeGreaterThan(200);
    expect(pin, 'the card’s Pin button').not.toBeNull();
    const pressed = (): Promise<string | null | undefined> =>
      cardFrame(p).then((f) => f?.evaluate(() => document.querySelector('.pin')?.getAttribute('aria-pressed')));
    expect(await pressed(), 'the click just after the cover pinned the card').toBe('false');
    await p.evaluate(() => (window as unknown as PageWindow).attack.uncover!());
    await cardGuardDown(p);
    // Later, the same click is the reader's own: it pins.
    const again = (await cardControl(p, 'Pin'))!;
    await p.mouse.click(again.x, again.y);
    await waitFor(pressed, (v) => v === 'true', 'the card pinned');
  });

  it('F7: a card moved under a waiting pointer ignores the click that was meant for the page', async () => {
    const p = await open('card-hostile.html');
    // Room to scroll both ways, the first paragraph still on screen.
    await p.evaluate(() => {
      document.body.style.padding = '500px 0 2000px';
      scrollTo(0, 300);
    });
    await openCard(p, 'Vladimir Putin');
    // Pinned, so that the card stays wherever the pointer goes.
    const pin = (await cardControl(p, 'Pin'))!;
    await p.mouse.move(pin.x, pin.y, { steps: 3 });
    await cardGuardDown(p);
    await p.mouse.click(pin.x, pin.y);
    const frame = (await cardFrame(p))!;
    const pressed = (): Promise<string | null | undefined> =>
      frame.evaluate(() => document.querySelector('.pin')?.getAttribute('aria-pressed'));
    await waitFor(pressed, (v) => v === 'true', 'the card pinned');
    // The pointer rests in the card, 40 px below Unpin; the page scrolls the card (with its mention)
    // 40 px down, Unpin under the pointer, and the click lands at once.
    await p.mouse.move(pin.x, pin.y + 40, { steps: 2 });
    await cardGuardDown(p);
    await p.evaluate(() => scrollBy(0, -40));
    await sleep(60);
    await p.mouse.click(pin.x, pin.y + 40);
    await sleep(200);
    expect(await pressed(), 'the click on the moved card unpinned it').toBe('true');
  });

  it.for(['inertHost', 'styleHost', 'unpopover', 'hideAll', 'moveHostToHolder', 'modal', 'cancelToggle'])(
    'F8: a card the page hides or inerts (%s) is put back, or closes cleanly',
    async (attack) => {
      const p = await open('card-hostile.html');
      if (attack === 'cancelToggle') {
        // The page refuses our host's opening (once it knows the host: after a first card).
        await openCard(p, 'Xi Jinping');
        await closeCard(p);
        await p.evaluate(() => ((window as unknown as PageWindow).cancelToggle = true));
        await pointOf(p, 'Vladimir Putin').then((at) => p.mouse.move(at.x, at.y, { steps: 3 }));
        await sleep(1200);
      } else {
        await openCard(p, 'Vladimir Putin');
        await p.evaluate((a) => (window as unknown as PageWindow).attack[a]!(), attack);
        await sleep(400);
      }
      const state = await cardState(p);
      // Never "open" while the reader cannot see or reach it.
      expect(state, 'our state against what the page shows').toSatisfy(
        (s: { open: boolean; reachable: boolean }) => s.open === s.reachable,
      );
      if (attack === 'inertHost' || attack === 'styleHost' || attack === 'unpopover') {
        // Attributes on our host are put back, and the card stays.
        expect(state.open).toBe(true);
        expect(
          await p.evaluate(() => {
            const host = (window as unknown as PageWindow).__host!;
            return { inert: host.inert, style: host.getAttribute('style'), popover: host.getAttribute('popover') };
          }),
        ).toEqual({ inert: false, style: null, popover: 'manual' });
      }
      // Whatever the page did, once it stops the next card opens and is ours.
      await p.evaluate(() => {
        const w = window as unknown as PageWindow;
        w.cancelToggle = false;
        (document.getElementById('dlg') as HTMLDialogElement).close();
      });
      await p.mouse.move(2, 2);
      await p.keyboard.press('Escape');
      await sleep(400);
      await openCard(p, 'Xi Jinping');
    },
  );

  it('F8: a page that swallows Escape and Tab cannot keep the keyboard in the card', async () => {
    const p = await open('cards.html');
    await p.evaluate(() => {
      for (const type of ['keydown', 'keyup'])
        window.addEventListener(
          type,
          (e) => {
            if ((e as KeyboardEvent).key === 'Escape' || (e as KeyboardEvent).key === 'Tab') {
              e.preventDefault();
              e.stopImmediatePropagation();
            }
          },
          true,
        );
    });
    await p.focus('#notes');
    await runCommand(suite.b, p, 'next-mention');
    await waitFor(
      () => focusedText(p),
      (t) => t !== null,
      'a card',
    );
    expect(await runCommand(suite.b, p, 'focus-card')).toBe(true);
    await sleep(200);
    const frame = await cardFrame(p);
    expect(frame, 'the card is drawn in its own frame').not.toBeNull();
    const focused = (): Promise<string | undefined> => frame!.evaluate(() => document.activeElement?.textContent ?? '');
    const first = await focused();
    await p.keyboard.press('Tab');
    expect(await focused()).not.toBe(first);
    await p.keyboard.press('Escape');
    await waitFor(
      () => focusedText(p),
      (t) => t === null,
      'Escape to close the card',
    );
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('notes');
  });

  it('F11: the page’s link is offered by its host name, with no text of the page’s', async () => {
    const p = await open('card-hostile.html');
    // A link whose text claims to be ours.
    await openCard(p, 'Angela Merkel');
    let links = await cardLinks(p);
    expect(links).toContainEqual({
      text: 'Open the page’s link (evil.example)',
      href: 'https://evil.example/wiki/Angela_Merkel',
    });
    expect(links.filter((l) => l.text === 'Read more on Wikipedia').map((l) => new URL(l.href).hostname)).toEqual([
      'en.wikipedia.org',
    ]);
    await closeCard(p);
    // Its text reversed with bidi controls: the label has the host only, and no control characters.
    await openCard(p, 'CNPC');
    links = await cardLinks(p);
    expect(links).toContainEqual({ text: 'Open the page’s link (evil.example)', href: 'https://evil.example/' });
    const text = await (await cardFrame(p))!.evaluate(() => document.body.textContent ?? '');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    await closeCard(p);
    // A javascript: link is not offered at all.
    await openCard(p, 'Gazprom');
    links = await cardLinks(p);
    expect(links.some((l) => l.text.startsWith('Open the page’s link'))).toBe(false);
  });

  it('#21: a hit test that names a range away from the pointer is not trusted (Chromium at a pixel ratio of 2)', async () => {
    const p = await suite.b.browser.newPage();
    page = p;
    await p.setViewport({ width: 1280, height: 900, deviceScaleFactor: 2 });
    await p.goto(suite.url('cards.html'));
    await waitReady(p);
    // Chromium's emulated ratio 2 makes highlightsFromPoint answer "President Xi Jinping" over the
    // headline's "Putin" (the UX review's #21): checked against the point, the caret finds Putin.
    await openCard(p, 'Putin');
  });

  it('keeps its frame private: no frame, address or load the page can see', async () => {
    const p = await open('cards.html');
    await openCard(p, 'CNPC');
    const frame = await cardFrame(p);
    expect(frame, 'the card is drawn in its own frame').not.toBeNull();
    const seen = await p.evaluate(() => ({
      length: window.length,
      first: typeof window.frames[0],
      resources: performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => !n.startsWith('http')),
      markup: document.documentElement.outerHTML.includes('-extension:'),
    }));
    expect(seen).toEqual({ length: 0, first: 'undefined', resources: [], markup: false });
    if (kind === 'chromium') {
      // use_dynamic_url: the page cannot load the card page by the extension's fixed address.
      const fixed = `${suite.b.origin}/card/card.html`;
      const loaded = await p.evaluate(
        (url) =>
          fetch(url).then(
            () => true,
            () => false,
          ),
        fixed,
      );
      expect(loaded).toBe(false);
    }
  });
});
