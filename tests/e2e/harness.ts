/**
 * Shared pieces of the end-to-end tests: launching each browser with the built extension, serving
 * pages on 127.0.0.1, waiting for the content script, reading what it painted, and opening the
 * popup (for real in Chromium; as a tab told which tab to describe in Firefox, whose automation
 * cannot open toolbar popups).
 */
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launch, type BrowserKind, type Launched } from '../../scripts/lib/browsers';
import { ROOT } from '../../scripts/lib/dataset';

export const BROWSERS: BrowserKind[] = ['chromium', 'firefox'];
export const FIXTURES = resolve(ROOT, 'tests/e2e/pages');
export const DEMO = resolve(ROOT, 'assets/demo');

/** Fixed moz-extension UUID so tests can open extension pages in Firefox. */
const FIREFOX_UUID = '6f6b2a3e-4c1d-4a5e-9b7f-2c8d0e1f3a45';
const GECKO_ID = 'contextual-highlights@example.org';

export interface TestBrowser extends Launched {
  /** chrome-extension://ID or moz-extension://UUID */
  origin: string;
}

export async function openBrowser(kind: BrowserKind): Promise<TestBrowser> {
  const launched = await launch(kind, {
    headless: true,
    ...(kind === 'firefox'
      ? {
          firefoxPrefs: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) },
          // Firefox 153 lets WebDriver navigate to moz-extension:// pages only with system access.
          args: ['--remote-allow-system-access'],
        }
      : {}),
  });
  const origin = kind === 'chromium' ? `chrome-extension://${launched.extensionId}` : `moz-extension://${FIREFOX_UUID}`;
  return { ...launched, origin };
}

/** Resolves once the content script finished its first full scan (the `ready` mark). */
export async function waitReady(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('contextual-highlights:ready').length > 0, {
    timeout,
    polling: 50,
  });
}

/** Ranges painted per highlight name (only our `contextual-highlights…` names). */
export function paintedByName(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('contextual-highlights')) out[name] = h.size;
    });
    return out;
  });
}

export async function paintedCount(page: Page): Promise<number> {
  const by = await paintedByName(page);
  return Object.entries(by)
    .filter(([name]) => name !== 'contextual-highlights-focus')
    .reduce((n, [, size]) => n + size, 0);
}

/**
 * Polls `read` from Node until `done` accepts what it returns; on timeout fails with `describe` of
 * the last value. Polled by hand rather than with waitForFunction: while a tab is between
 * documents Firefox's WebDriver BiDi may answer an evaluation with a protocol error, which would end
 * waitForFunction at once (a `read` that may meet one catches it and returns a placeholder).
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  describe: (last: T) => string,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${describe(value)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Waits until exactly `n` ranges are painted (focus excluded). */
export async function waitPaintedCount(page: Page, n: number, timeout = 10_000): Promise<void> {
  await pollUntil(
    () => paintedCount(page),
    (count) => count === n,
    (count) => `${count} ranges painted, expected ${n}`,
    timeout,
  );
}

/** The painted texts, in no particular order (what a reader sees highlighted). */
export function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (!name.startsWith('contextual-highlights') || name.endsWith('-focus')) return;
      h.forEach((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push(range.toString());
      });
    });
    return out;
  });
}

/** Centre of the first painted range whose text is `text` (viewport coordinates), scrolled into view. */
export async function pointOf(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((wanted) => {
    let found: Range | null = null;
    CSS.highlights.forEach((h, name) => {
      if (found || !name.startsWith('contextual-highlights') || name.endsWith('-focus')) return;
      h.forEach((r) => {
        if (found) return;
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() === wanted) found = range;
      });
    });
    if (!found) return null;
    const range = found as Range;
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0]!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, text);
  if (!point) throw new Error(`no painted mention "${text}"`);
  return point;
}

/** Reads the open card's text. The card's shadow root is closed, so tests read it as a reader would:
 * through the accessibility tree (Chromium) or by the card host's presence and the focus highlight. */
export async function cardHostCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('contextual-highlights-card').length);
}

/**
 * Opens the popup describing the page's tab: in Chromium with chrome.action.openPopup() from the
 * service worker (the real popup); in Firefox as a tab with ?tab=ID.
 */
export async function openPopup(b: TestBrowser, contentPage: Page): Promise<Page> {
  if (b.kind === 'chromium') {
    const sw = await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(b.origin), {
      timeout: 10_000,
    });
    const worker = await sw.worker();
    await contentPage.bringToFront();
    await worker!.evaluate(() =>
      (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup(),
    );
    const target = await b.browser.waitForTarget((t) => t.url().startsWith(`${b.origin}/popup/popup.html`), {
      timeout: 10_000,
    });
    const popup = await target.asPage();
    await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    return popup;
  }
  const tabId = await firefoxTabId(b, new URL(contentPage.url()).hostname);
  const popup = await b.browser.newPage();
  await openExtensionPage(popup, `${b.origin}/popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  return popup;
}

/**
 * Firefox loads moz-extension:// pages but puppeteer's goto never sees them finish, so the
 * navigation is started without waiting and callers wait for the page's own ready signal.
 */
async function openExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url, { timeout: 0 }).catch(() => {});
  await pollUntil(
    () => page.evaluate(() => location.href).catch(() => null),
    (href) => href === url,
    (href) => `${url} did not open (the tab is at ${href ?? 'no document'})`,
  );
}

/** The id of the one tab whose page (on `host`) has reported, read from the background's session storage. */
async function firefoxTabId(b: TestBrowser, host: string): Promise<number> {
  const probe = await b.browser.newPage();
  try {
    await openExtensionPage(probe, `${b.origin}/popup/popup.html?tab=0`);
    const ids = await probe.evaluate(async (wanted) => {
      type Stored = { frames: Record<string, { host: string }> };
      const ext = globalThis as unknown as {
        browser: { storage: { session: { get(k: null): Promise<Record<string, Stored>> } } };
      };
      const all = await ext.browser.storage.session.get(null);
      return Object.entries(all)
        .filter(([k, v]) => k.startsWith('tab:') && v.frames['0']?.host === wanted)
        .map(([k]) => Number(k.slice(4)));
    }, host);
    if (ids.length !== 1) throw new Error(`expected one reporting tab, found ${ids.length}`);
    return ids[0]!;
  } finally {
    await probe.close();
  }
}

/** Entities listed in the popup: [id, count]. */
export function popupEntities(popup: Page): Promise<[string, number][]> {
  return popup.$$eval('#entities li', (items) =>
    items.map(
      (li) =>
        [(li as HTMLElement).dataset.entity ?? '', Number(li.querySelector('.count')?.textContent ?? 0)] as [
          string,
          number,
        ],
    ),
  );
}
