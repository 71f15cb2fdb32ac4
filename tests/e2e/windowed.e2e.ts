/**
 * Pages with more mentions than PAINT_ALL_LIMIT: every mention is found and counted, but only those
 * near the viewport are registered for painting (registering tens of thousands makes every frame
 * slow in Chromium), and the painted set follows the reader's scrolling: on a page that has them at
 * load, and on pages that pass the limit only after the first scan (security review F5): a feed
 * that grows as the reader scrolls, and a feed of 500 shadow roots, read after the first scan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PAINT_ALL_LIMIT } from '../../src/content/paint/paint-window';
import type { TabState } from '../../src/shared/messages';
import {
  BROWSERS,
  openPopup,
  paintedCount,
  pollUntil,
  popupEntities,
  sendFromExtension,
  tabIdOfPage,
  useSuite,
  waitForPainted,
  waitReady,
  waitUntil,
} from './harness';

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

/** The names the feeds below use, as the extension finds them there. */
const NAMES = /Vladimir Putin|Xi Jinping|Gazprom|CNPC|Moscow/g;

/**
 * What is on screen, measured as hostile.e2e.ts's centreCoverage does: the mentions a regular
 * expression finds in the text nodes on screen (in open shadow roots too), against the painted
 * ranges that start in those nodes; with the number of ranges registered and of names on the page.
 */
function screenCoverage(page: Page): Promise<{ expected: number; painted: number; registered: number; all: number }> {
  return page.evaluate((source) => {
    const re = new RegExp(source, 'g');
    const onScreen = new Set<Node>();
    let expected = 0;
    let all = 0;
    const read = (root: Node): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('script')) continue;
        const found = ((n as Text).data.match(re) ?? []).length;
        all += found;
        const box = el.getBoundingClientRect();
        if (box.height === 0 || box.bottom <= 0 || box.top >= innerHeight) continue;
        onScreen.add(n);
        expected += found;
      }
    };
    read(document.body);
    for (const el of document.body.querySelectorAll('*')) if (el.shadowRoot) read(el.shadowRoot);
    let painted = 0;
    let registered = 0;
    CSS.highlights.forEach((h, name) => {
      if (!/^contextual-highlights-[a-z0-9]{8,16}-/.test(name) || name.endsWith('-focus')) return;
      h.forEach((r) => {
        registered++;
        if (onScreen.has(r.startContainer)) painted++;
      });
    });
    return { expected, painted, registered, all };
  }, NAMES.source);
}

/**
 * Waits until every mention on screen is painted and, on a page past the limit, fewer than half of
 * all are registered (windowed); returns the last measure.
 */
function expectScreenPainted(page: Page, where: string): ReturnType<typeof screenCoverage> {
  return pollUntil(
    () => screenCoverage(page),
    (c) => c.expected > 0 && c.painted === c.expected && (c.all <= PAINT_ALL_LIMIT || c.registered < c.all / 2),
    (c) => `${c.painted} of ${c.expected} mentions on screen painted ${where}, ${c.registered} registered of ${c.all}`,
    20_000,
  );
}

/** Modelled on the review's t-infinite.ts: a light-DOM feed that grows by 400 mentions a batch. */
const GROWING_FEED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Feed</title></head>
<body><h1>Live: Moscow</h1><div id="feed">${'<p>Early item: Vladimir Putin met Xi Jinping.</p>'.repeat(20)}</div><script>
  let next = 0;
  window.more = (n) => {
    const f = document.createDocumentFragment();
    for (let i = 0; i < n; i++) {
      const p = document.createElement('p');
      p.textContent = 'Item ' + next++ + ': Vladimir Putin met Xi Jinping; Gazprom and CNPC.';
      f.append(p);
    }
    document.getElementById('feed').append(f);
  };
</script></body></html>`;

/** Modelled on the review's t-shadowcount2.ts: 500 open shadow roots of 4 mentions each, at load. */
const SHADOW_FEED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Feed</title></head>
<body><p>Top: Moscow.</p><div id="feed"></div><script>
  class FeedItem extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML =
        '<p>Item ' + this.getAttribute('n') + ': Vladimir Putin met Xi Jinping; Gazprom and CNPC.</p>';
    }
  }
  customElements.define('feed-item', FeedItem);
  const f = document.createDocumentFragment();
  for (let i = 0; i < 500; i++) {
    const e = document.createElement('feed-item');
    e.setAttribute('n', i);
    f.append(e);
  }
  document.getElementById('feed').append(f);
</script></body></html>`;

describe.each(BROWSERS)('a page that passes the limit after its first scan in %s', (kind) => {
  const suite = useSuite(kind, {
    pages: new Map([
      ['/growing.html', GROWING_FEED],
      ['/shadow-feed.html', SHADOW_FEED],
    ]),
  });

  it('a feed growing by 400 mentions a batch past the limit: what the reader scrolls to is painted', async () => {
    const { page } = await suite.open('growing.html', { width: 1280, height: 900 });
    await expectScreenPainted(page, 'at load');
    for (let batch = 1; batch <= 6; batch++) {
      await page.evaluate(() => (window as unknown as { more(n: number): void }).more(100));
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      const end = await expectScreenPainted(page, `at the end after batch ${batch}`);
      expect(end.all).toBe(41 + 400 * batch);
      if (end.all <= PAINT_ALL_LIMIT) {
        // Every mention is painted on such a page, once the rescan has read the batch.
        await pollUntil(
          () => screenCoverage(page),
          (c) => c.registered === c.all,
          (c) => `${c.registered} of ${c.all} registered after batch ${batch}`,
        );
      }
      // Scrolled back to the middle of the feed: painted there too.
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight / 2));
      await expectScreenPainted(page, `in the middle after batch ${batch}`);
    }
    await page.close();
  });

  it('500 shadow roots of 4 mentions each, read after the first scan: what comes on screen is painted', async () => {
    const { page } = await suite.open('shadow-feed.html', { width: 1280, height: 900 });
    await waitReady(page);
    // Every root is read (the search after the first scan has found them all) before measuring.
    const tabId = await tabIdOfPage(suite.b, page);
    await pollUntil(
      async () => ((await sendFromExtension(suite.b, 'getTabState', { tabId })) as TabState).total,
      (total) => total === 2001,
      (total) => `${total} of 2001 mentions found`,
      20_000,
    );
    for (const at of [0, 4000, 0.5, 0.99]) {
      await page.evaluate((f) => scrollTo(0, f < 1 ? document.documentElement.scrollHeight * f : f), at);
      const c = await expectScreenPainted(page, `at ${at}`);
      expect(c.all).toBe(2001);
    }
    await page.close();
  });
});
