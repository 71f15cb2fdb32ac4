/**
 * Hover → card: how long after the pointer arrives on a highlighted name its card is on screen, in
 * Chromium and Firefox (median of the runs). Measured as a page sees it, whatever draws the card:
 * from the page's first trusted `pointermove` over the name to the animation frame after the card's
 * host opened in the top layer (its `toggle` event), every time from the page's own clock. The first
 * card of a fresh page (cold) and a second card on the same page (warm) are measured apart. With a
 * card drawn in an extension frame, the frame's own `contextual-highlights:card-painted` mark (made
 * in the frame, in a measurement build, at the animation frame after it drew the card) is read too,
 * and the later of the two times counts: the card is on screen only once both have happened.
 *
 *   npx tsx bench/card-latency.ts [--runs 10] [--browser chromium|firefox] [--delay 300] [--dist DIR]
 *
 * `--delay` sets the reader's hover delay first (300 ms by default: the preloaded frame loads while
 * the pointer rests; at 0 it has no time to); `--dist` measures another measurement build (one of
 * an earlier commit, for a before/after comparison).
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launch, type BrowserKind } from '../scripts/lib/browsers';
import { ROOT } from '../scripts/lib/dataset';
import { serve } from '../scripts/lib/server';
import { requireMeasurementBuild } from './measurement-build';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const RUNS = Number(arg('runs') ?? 10);
const KINDS: BrowserKind[] = arg('browser') ? [arg('browser') as BrowserKind] : ['chromium', 'firefox'];
/** The hover delay set for the run (the reader's default is 300 ms). */
const DELAY = Number(arg('delay') ?? 300);
const DIST = arg('dist') ? resolve(arg('dist')!) : resolve(ROOT, 'dist');
/** Firefox's extension address, fixed as the e2e harness fixes it, to open an extension page there. */
const FIREFOX_UUID = '6f6b2a3e-4c1d-4a5e-9b7f-2c8d0e1f3a45';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Sample {
  /** From the pointer's arrival to the frame after the host opened. */
  shown: number;
  /** From the pointer's arrival to the frame after the card frame drew it (null without a frame). */
  painted: number | null;
}

/** Listens, in the page, for the pointer over `text`'s mention and for the card's host opening. */
async function arm(page: Page, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate((wanted) => {
    let rect: DOMRect | null = null;
    CSS.highlights.forEach((h, name) => {
      if (rect || !name.startsWith('contextual-highlights') || name.endsWith('-focus')) return;
      h.forEach((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (!rect && range.toString() === wanted) rect = range.getClientRects()[0] ?? null;
      });
    });
    if (!rect) throw new Error(`no painted "${wanted}"`);
    const box = rect as DOMRect;
    const w = window as unknown as { arrived: number | null; opened: number | null; shownFrame: number | null };
    w.arrived = null;
    w.opened = null;
    w.shownFrame = null;
    // Listeners written inline: a named function would be wrapped in the bundler's __name(), which
    // the page does not have.
    document.addEventListener(
      'pointermove',
      (e) => {
        if (w.arrived !== null || !e.isTrusted) return;
        if (e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom) {
          w.arrived = performance.timeOrigin + e.timeStamp;
        }
      },
      true,
    );
    document.addEventListener(
      'toggle',
      (e) => {
        const t = e as ToggleEvent;
        const target = t.target as Element;
        if (w.opened !== null || t.newState !== 'open' || target.parentElement !== document.documentElement) return;
        w.opened = performance.timeOrigin + performance.now();
        requestAnimationFrame(() => (w.shownFrame = performance.timeOrigin + performance.now()));
      },
      true,
    );
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, text);
}

/** The card frame's last painted mark (epoch ms), if the card is drawn in one. */
async function framePainted(page: Page): Promise<number | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const t = await frame
      .evaluate(() => {
        const marks = performance.getEntriesByName('contextual-highlights:card-painted');
        const last = marks.at(-1);
        return last ? performance.timeOrigin + last.startTime : null;
      })
      .catch(() => null);
    if (t !== null) return t;
  }
  return null;
}

async function measure(page: Page, text: string): Promise<Sample> {
  const before = await framePainted(page);
  const at = await arm(page, text);
  await page.mouse.move(at.x, at.y);
  const deadline = Date.now() + 10_000;
  let times: { arrived: number | null; shownFrame: number | null } = { arrived: null, shownFrame: null };
  while (Date.now() < deadline) {
    times = await page.evaluate(() => {
      const w = window as unknown as { arrived: number | null; shownFrame: number | null };
      return { arrived: w.arrived, shownFrame: w.shownFrame };
    });
    if (times.arrived !== null && times.shownFrame !== null) break;
    await sleep(20);
  }
  if (times.arrived === null || times.shownFrame === null) throw new Error(`no card for "${text}"`);
  let painted: number | null = null;
  for (let i = 0; i < 50; i++) {
    const p = await framePainted(page);
    if (p !== null && p !== before) {
      painted = p;
      break;
    }
    if (before === null && i > 5 && page.frames().length === 1) break;
    await sleep(20);
  }
  return {
    shown: times.shownFrame - times.arrived,
    painted: painted === null ? null : Math.max(painted, times.shownFrame) - times.arrived,
  };
}

async function close(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await sleep(400);
}

/** Stores the reader's hover delay from one of our extension pages, as the options page would. */
async function setHoverDelay(browser: Browser, url: string, ms: number): Promise<void> {
  const page = await browser.newPage();
  // Firefox's automation never sees a moz-extension:// load finish: poll for the page instead.
  void page.goto(url, { timeout: 0 }).catch(() => {});
  for (let i = 0; i < 100; i++) {
    const ready = await page.evaluate(() => location.protocol.endsWith('extension:')).catch(() => false);
    if (ready) break;
    await sleep(100);
  }
  await page.evaluate(async (delay) => {
    type Local = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
    const api = globalThis as unknown as {
      browser?: { storage: { local: Local } };
      chrome?: { storage: { local: Local } };
    };
    const local = (api.browser ?? api.chrome)!.storage.local;
    const settings = ((await local.get('settings')).settings ?? {}) as object;
    await local.set({ settings: { ...settings, hoverDelayMs: delay } });
  }, ms);
  await page.close();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
  requireMeasurementBuild(DIST);
  const server = await serve(resolve(ROOT, 'tests/e2e/pages'));
  try {
    for (const kind of KINDS) {
      const b = await launch(kind, {
        headless: true,
        distRoot: DIST,
        ...(kind === 'firefox'
          ? {
              args: ['--remote-allow-system-access'],
              firefoxPrefs: {
                'extensions.webextensions.uuids': JSON.stringify({ 'contextual-highlights@example.org': FIREFOX_UUID }),
              },
            }
          : {}),
      });
      const cold: Sample[] = [];
      const warm: Sample[] = [];
      try {
        if (DELAY !== 300) {
          const origin =
            kind === 'chromium' ? `chrome-extension://${b.extensionId}` : `moz-extension://${FIREFOX_UUID}`;
          await setHoverDelay(b.browser, `${origin}/popup/popup.html?tab=0`, DELAY);
        }
        const page = await b.browser.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        for (let run = 0; run < RUNS; run++) {
          await page.goto(`${server.url}/cards.html?run=${run}`);
          const deadline = Date.now() + 20_000;
          while (
            !(await page.evaluate(() => performance.getEntriesByName('contextual-highlights:ready').length > 0)) &&
            Date.now() < deadline
          ) {
            await sleep(50);
          }
          await page.mouse.move(2, 2);
          await sleep(300);
          cold.push(await measure(page, 'CNPC'));
          await close(page);
          warm.push(await measure(page, 'Gazprom'));
          await close(page);
        }
      } finally {
        await b.close();
      }
      const row = (name: string, xs: Sample[]): string => {
        const shown = median(xs.map((s) => s.shown)).toFixed(0);
        const painted = xs.every((s) => s.painted !== null) ? median(xs.map((s) => s.painted!)).toFixed(0) : '–';
        const all = xs.map((s) => Math.round(s.painted ?? s.shown)).join(' ');
        return `${kind.padEnd(9)} ${name.padEnd(5)} shown ${shown.padStart(4)} ms  painted ${painted.padStart(4)} ms  (each: ${all})`;
      };
      console.log(row('cold', cold));
      console.log(row('warm', warm));
    }
  } finally {
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
