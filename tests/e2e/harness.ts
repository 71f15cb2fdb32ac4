/**
 * Everything the end-to-end suites share: a suite's browser (with the built extension) and its page
 * server, waiting for the content script, reading what it painted (one walk over CSS.highlights),
 * polling, collecting page errors, and opening the popup (for real in Chromium; as a tab told which
 * tab to describe in Firefox, whose automation cannot open toolbar popups).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, type TestContext } from 'vitest';
import { FIREFOX_TEMPLATE_ENV, launch, type BrowserKind, type Launched } from '../../scripts/lib/browsers';
import { ROOT } from '../../scripts/lib/dataset';
import { serve, type ServeOptions, type Served } from '../../scripts/lib/server';
import { TAB_STATE_PREFIX } from '../../src/shared/storage-keys';

/** The browsers this worker tests: the one its project names (vitest.e2e.config.ts), else both. */
export const BROWSERS: BrowserKind[] =
  process.env.E2E_BROWSER === 'chromium' || process.env.E2E_BROWSER === 'firefox'
    ? [process.env.E2E_BROWSER]
    : ['chromium', 'firefox'];
/** The e2e suites' own pages. */
export const FIXTURES = resolve(ROOT, 'tests/e2e/pages');
export const DEMO = resolve(ROOT, 'assets/demo');
export const CORPUS = resolve(ROOT, 'tests/fixtures/corpus/pages');

/** Fixed moz-extension UUID so tests can open extension pages in Firefox. */
const FIREFOX_UUID = '6f6b2a3e-4c1d-4a5e-9b7f-2c8d0e1f3a45';
const GECKO_ID = 'contextual-highlights@example.org';

export interface TestBrowser extends Launched {
  /** chrome-extension://ID or moz-extension://UUID */
  origin: string;
}

/**
 * Launches a browser with the built extension. `dark`: Firefox with a dark system theme (its
 * WebDriver BiDi cannot emulate prefers-color-scheme per page; Chromium's tests emulate it).
 */
export async function openBrowser(
  kind: BrowserKind,
  options: {
    dark?: boolean;
    args?: string[];
    firefoxPrefs?: Record<string, unknown>;
    env?: Record<string, string>;
    /** A profile folder to keep between launches (a restart of the browser). */
    profile?: string;
    /** Another build than dist/ (a folder holding chrome/ and firefox/). */
    distRoot?: string;
  } = {},
): Promise<TestBrowser> {
  const dark = options.dark
    ? { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 }
    : {};
  const launched = await launch(kind, {
    headless: true,
    ...(options.env ? { env: options.env } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(process.env[FIREFOX_TEMPLATE_ENV] ? { profileTemplate: process.env[FIREFOX_TEMPLATE_ENV] } : {}),
    ...(options.distRoot ? { distRoot: options.distRoot } : {}),
    ...(kind === 'firefox'
      ? {
          firefoxPrefs: {
            'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
            ...dark,
            ...options.firefoxPrefs,
          },
          // Firefox 153 lets WebDriver navigate to moz-extension:// pages only with system access.
          args: ['--remote-allow-system-access', ...(options.args ?? [])],
        }
      : { args: options.args ?? [] }),
  });
  const origin = kind === 'chromium' ? `chrome-extension://${launched.extensionId}` : `moz-extension://${FIREFOX_UUID}`;
  return { ...launched, origin };
}

/** A page or one of its frames. */
export type Target = Page | Frame;

function frameOf(t: Target): Frame {
  return 'mainFrame' in t ? t.mainFrame() : t;
}

/**
 * Resolves once `predicate`, evaluated in the page or frame with `args`, returns something truthy;
 * fails after `timeout` ms with the predicate's text. Polled with evaluate rather than puppeteer's
 * waitForFunction, which compiles the predicate with `Function()` inside the page: Firefox 140
 * refuses that on pages whose CSP forbids eval (our extension pages, the corpus served with
 * `script-src 'none'`). An evaluation that fails (the page between documents) counts as false.
 */
export async function waitUntil<Args extends unknown[]>(
  t: Target,
  predicate: (...args: Args) => unknown,
  options: { timeout?: number } = {},
  ...args: Args
): Promise<void> {
  let error = '';
  await pollUntil(
    () =>
      frameOf(t)
        .evaluate(predicate as (...a: unknown[]) => unknown, ...args)
        .catch((e: unknown) => {
          error = ` (last error: ${e instanceof Error ? e.message : String(e)})`;
          return false;
        }),
    Boolean,
    () => `waiting until ${predicate.toString().replace(/\s+/g, ' ').slice(0, 160)}${error}`,
    options.timeout ?? 10_000,
  );
}

/** Resolves once the content script finished its first full scan in the page or frame (the `ready` mark). */
export async function waitReady(t: Target, timeout = 20_000): Promise<void> {
  await waitUntil(t, () => performance.getEntriesByName('contextual-highlights:ready').length > 0, { timeout });
}

/** One painted range, as the page sees it. */
export interface PaintedRange {
  /** The highlight's name without the install's token (contextual-highlights-person, …). */
  name: string;
  text: string;
  /** Both containers are still in the document (or in a shadow tree attached to it). */
  connected: boolean;
  /** The range lies in an open shadow root; the id of its host (or '' if it has none). */
  shadowHost: string | null;
  /** Ids of the elements around the range's start, innermost first (inside its own tree). */
  ids: string[];
  /** Local names of the elements around the range's start, innermost first, up to the tree's root. */
  ancestors: string[];
}

interface Painted {
  ranges: PaintedRange[];
  /** With `scrollTo`: the centre of the first range with that text, after scrolling it into view. */
  point: { x: number; y: number } | null;
}

/** The one walk over CSS.highlights: every painted range (the focus highlight only if asked for). */
function readPainted(t: Target, options: { focus?: boolean; scrollTo?: string } = {}): Promise<Painted> {
  return frameOf(t).evaluate((opts) => {
    // Types are erased before the function is sent to the page, so the interfaces serve here too.
    const ranges: PaintedRange[] = [];
    let point: Painted['point'] = null;
    CSS.highlights.forEach((h, registered) => {
      // Ours carry the install's token (contextual-highlights-<token>-person); a page's own
      // highlights under the same prefix are not ours. Reported without the token.
      const ours = /^contextual-highlights-[a-z0-9]{8,16}-(.+)$/.exec(registered);
      if (!ours) return;
      const name = `contextual-highlights-${ours[1]}`;
      if (name.endsWith('-focus') && !opts.focus) return;
      h.forEach((r) => {
        let text = '';
        const range = document.createRange();
        try {
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          text = range.toString();
        } catch {
          text = '<invalid range>';
        }
        if (opts.scrollTo !== undefined && point === null && text === opts.scrollTo) {
          range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          const rect = range.getClientRects()[0];
          if (rect) point = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        const root = r.startContainer.getRootNode();
        const ids: string[] = [];
        const ancestors: string[] = [];
        for (let el = r.startContainer.parentElement; el; el = el.parentElement) {
          if (el.id) ids.push(el.id);
          ancestors.push(el.localName);
        }
        ranges.push({
          name,
          text,
          connected: r.startContainer.isConnected && r.endContainer.isConnected,
          shadowHost: root instanceof ShadowRoot ? root.host.id : null,
          ids,
          ancestors,
        });
      });
    });
    return { ranges, point };
  }, options);
}

/** Every painted range (focus excluded) in the page's main frame or in the given frame. */
export async function paintedRanges(t: Target): Promise<PaintedRange[]> {
  return (await readPainted(t)).ranges;
}

export async function paintedCount(t: Target): Promise<number> {
  return (await paintedRanges(t)).length;
}

/** Painted ranges per highlight name. */
export async function paintedByName(t: Target): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await paintedRanges(t)) out[r.name] = (out[r.name] ?? 0) + 1;
  return out;
}

/**
 * The name a type's highlight is registered under in the page (with the install's token), e.g. for
 * getComputedStyle(el, '::highlight(…)'); null while none of that type is registered.
 */
export function registeredName(t: Target, type: string): Promise<string | null> {
  return frameOf(t).evaluate(
    (type) =>
      [...CSS.highlights.keys()].find((k) => new RegExp(`^contextual-highlights-[a-z0-9]{8,16}-${type}$`).test(k)) ??
      null,
    type,
  );
}

/** The painted texts, sorted (a stable order to compare with). */
export async function sortedTexts(t: Target): Promise<string[]> {
  return (await paintedRanges(t)).map((r) => r.text).sort();
}

/** The text of the focused mention (the one whose card is open), or null. */
export async function focusedText(t: Target): Promise<string | null> {
  const { ranges } = await readPainted(t, { focus: true });
  return ranges.find((r) => r.name.endsWith('-focus'))?.text ?? null;
}

/** Centre of the first painted range whose text is `text` (viewport coordinates), scrolled into view. */
export async function pointOf(page: Page, text: string): Promise<{ x: number; y: number }> {
  const { point } = await readPainted(page, { scrollTo: text });
  if (!point) throw new Error(`no painted mention "${text}"`);
  return point;
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
    await sleep(50);
  }
}

/** Polls until `check` accepts the painted ranges; fails with the last ranges seen. */
export async function waitForPainted(
  t: Target,
  check: (ranges: PaintedRange[]) => boolean,
  what: string,
  timeout = 10_000,
): Promise<PaintedRange[]> {
  return pollUntil(
    () => paintedRanges(t),
    check,
    (last) =>
      `waiting for ${what}; painted: ${JSON.stringify(last.map((r) => [r.text, r.ids[0] ?? r.shadowHost ?? '']))}`,
    timeout,
  );
}

/** Waits until exactly `n` ranges are painted (focus excluded). */
export async function waitPaintedCount(t: Target, n: number, timeout = 10_000): Promise<void> {
  await waitForPainted(t, (ranges) => ranges.length === n, `${n} painted ranges`, timeout);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Collects console errors and uncaught exceptions of a page from now on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err instanceof Error ? err.message : String(err)}`));
  return errors;
}

/** Number of `contextual-highlights:rescan` measures so far. */
export function rescanCount(t: Target): Promise<number> {
  return frameOf(t).evaluate(() => performance.getEntriesByName('contextual-highlights:rescan').length);
}

export interface Viewport {
  width: number;
  height: number;
}

/** Opens `url` in a new page of `b` (1280×900 unless told), collecting its errors, and waits for the first scan. */
export async function openPage(
  b: TestBrowser,
  url: string,
  viewport: Viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await b.browser.newPage();
  await page.setViewport(viewport);
  const errors = watchErrors(page);
  await page.goto(url);
  await waitReady(page);
  return { page, errors };
}

/** A suite's browser (with the extension) and page server, open from beforeAll to afterAll. */
export interface Suite {
  readonly b: TestBrowser;
  readonly server: Served;
  /** The URL of a served page. */
  url(path: string): string;
  /** Opens a served page in a new tab and waits until the extension is ready on it. */
  open(path: string, viewport?: Viewport): Promise<{ page: Page; errors: string[] }>;
}

export interface SuiteOptions extends ServeOptions {
  /** The folder served (default: the e2e fixtures). */
  root?: string;
  /** How the suite's browser is launched (openBrowser's options). */
  browser?: Parameters<typeof openBrowser>[1];
}

/** Call inside a describe block: registers the hooks that open and close the suite's browser and server. */
export function useSuite(kind: BrowserKind, options: SuiteOptions = {}): Suite {
  let b: TestBrowser | undefined;
  let server: Served | undefined;
  beforeAll(async () => {
    server = await serve(options.root ?? FIXTURES, options);
    b = await openBrowser(kind, options.browser);
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
  });
  const suite: Suite = {
    get b() {
      if (!b) throw new Error('the suite browser is not open (use it inside tests or hooks)');
      return b;
    },
    get server() {
      if (!server) throw new Error('the suite server is not running (use it inside tests or hooks)');
      return server;
    },
    url: (path) => `${suite.server.url}/${path}`,
    open: (path, viewport) => openPage(suite.b, suite.url(path), viewport),
  };
  return suite;
}

/**
 * Opens the popup describing the page's tab: in Chromium with chrome.action.openPopup() from the
 * service worker (the real popup, for the active tab); in Firefox as a tab with ?tab=ID (the tab of
 * the page's host, or `tabId` for a page that does not report, such as about:blank).
 */
export async function openPopup(b: TestBrowser, contentPage: Page, options: { tabId?: number } = {}): Promise<Page> {
  if (b.kind === 'chromium') {
    const sw = await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(b.origin), {
      timeout: 10_000,
    });
    const worker = await sw.worker();
    await contentPage.bringToFront();
    await worker!.evaluate(() =>
      (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup(),
    );
    // The toolbar's popup, not the helper page (helperPage), whose address has a query.
    const target = await b.browser.waitForTarget((t) => t.url() === `${b.origin}/popup/popup.html`, {
      timeout: 10_000,
    });
    const popup = await target.asPage();
    await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    return popup;
  }
  // The page's own tab (one just opened may not have reported its host yet).
  const tabId = options.tabId ?? (await tabIdOfPage(b, contentPage));
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
  void page.goto(url, { timeout: 0 }).catch(() => {
    // Never settles for moz-extension:// pages (see above); the poll below is the real wait.
  });
  await pollUntil(
    () =>
      page
        .evaluate(() => {
          // The extension's API is there too (not only the new address).
          const api = globalThis as unknown as { browser?: { runtime?: unknown }; chrome?: { runtime?: unknown } };
          return (api.browser ?? api.chrome)?.runtime ? location.href : `${location.href} (no extension API yet)`;
        })
        .catch(() => null),
    (href) => href === url,
    (href) => `${url} did not open (the tab is at ${href ?? 'no document'})`,
  );
}

/** Opens one of our extension pages in a new tab (waiting until it is there; see openExtensionPage). */
export async function extensionPage(
  b: TestBrowser,
  path = 'popup/popup.html?tab=0',
  options: { background?: boolean } = {},
): Promise<Page> {
  const page = await b.browser.newPage({ background: options.background ?? false });
  await openExtensionPage(page, `${b.origin}/${path}`);
  return page;
}

const helpers = new WeakMap<TestBrowser, Promise<Page>>();

/**
 * The page through which tests talk to the background as our own pages do: one extension page per
 * browser (the popup's, describing no tab), opened once and kept in a background tab. Opening one
 * per call cost a second or more in Firefox.
 */
export async function helperPage(b: TestBrowser): Promise<Page> {
  const open = await helpers.get(b)?.catch(() => null);
  if (open && !open.isClosed()) return open;
  // In a background tab: the page a test works on stays in front (input reaches only that one).
  const opening = extensionPage(b, 'popup/popup.html?tab=999999', { background: true });
  helpers.set(b, opening);
  return opening;
}

/** The id of the one tab whose page (on `host`) has reported, read from the background's session storage. */
export async function tabIdOf(b: TestBrowser, host: string): Promise<number> {
  const probe = await helperPage(b);
  {
    const ids = await probe.evaluate(
      async (wanted, prefix) => {
        type Stored = { top: { host: string | null } | null };
        type Session = { get(k: null): Promise<Record<string, Stored>> };
        const api = globalThis as unknown as {
          browser?: { storage: { session: Session } };
          chrome?: { storage: { session: Session } };
        };
        const all = await (api.browser ?? api.chrome)!.storage.session.get(null);
        return Object.entries(all)
          .filter(([k, v]) => k.startsWith(prefix) && v.top?.host === wanted)
          .map(([k]) => Number(k.slice(prefix.length)));
      },
      host,
      TAB_STATE_PREFIX,
    );
    if (ids.length !== 1) throw new Error(`expected one reporting tab on ${host}, found ${ids.length}`);
    return ids[0]!;
  }
}

/**
 * Runs a keyboard command (next-mention, previous-mention, focus-card) in the tab of `page`, the way
 * its shortcut would (automation cannot press browser shortcuts): an extension page asks the
 * background, which sends it to the page's top frame. Resolves with the page's answer.
 */
export async function runCommand(b: TestBrowser, page: Page, name: string): Promise<boolean> {
  // The page's own tab, not the one that reported on its host: a page just opened may not have
  // reported yet (a full CI run found none), and two tabs may share a host.
  const tabId = await tabIdOfPage(b, page);
  const sender = await helperPage(b);
  try {
    return await sender.evaluate(
      (command, tab) => {
        type Runtime = { sendMessage(m: unknown): Promise<boolean> };
        const api = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
        return (api.browser ?? api.chrome)!.runtime.sendMessage({
          type: 'runCommand',
          data: { name: command, tabId: tab },
        });
      },
      name,
      tabId,
    );
  } finally {
    await page.bringToFront();
  }
}

/**
 * Sends a message to the background from one of our extension pages (as the popup does), and
 * resolves with the answer. With `front`, that page is the active tab meanwhile (as when the reader
 * acts on it), not the extension page.
 */
export async function sendFromExtension(b: TestBrowser, type: string, data: object, front?: Page): Promise<unknown> {
  const sender = await helperPage(b);
  await front?.bringToFront();
  return sender.evaluate(
    (t, d) => {
      type Runtime = { sendMessage(m: unknown): Promise<unknown> };
      const api = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
      return (api.browser ?? api.chrome)!.runtime.sendMessage({ type: t, data: d });
    },
    type,
    data,
  );
}

/** Tab ids already asked for: a page keeps its tab for life (asking again cost a second in Firefox). */
const tabIds = new WeakMap<Page, number>();

/** The id of the tab showing `page`, whatever it shows (asked while it is the active tab); `page` is in front after. */
export async function tabIdOfPage(b: TestBrowser, page: Page): Promise<number> {
  const known = tabIds.get(page);
  if (known !== undefined) {
    await page.bringToFront();
    return known;
  }
  // The extension page opens first, so that `page` can be the active tab while it asks.
  const probe = await helperPage(b);
  try {
    await page.bringToFront();
    const id = await probe.evaluate(async () => {
      type Tabs = { query(q: object): Promise<{ id?: number; active: boolean }[]> };
      const api = globalThis as unknown as { browser?: { tabs: Tabs }; chrome?: { tabs: Tabs } };
      const [tab] = await (api.browser ?? api.chrome)!.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
    tabIds.set(page, id);
    return id;
  } finally {
    await page.bringToFront();
  }
}

/** The toolbar badge's text for a tab. */
export async function badgeOf(b: TestBrowser, tabId: number): Promise<string> {
  const probe = await helperPage(b);
  return probe.evaluate(async (id) => {
    type Action = { getBadgeText(d: { tabId: number }): Promise<string> };
    const api = globalThis as unknown as { browser?: { action: Action }; chrome?: { action: Action } };
    return (api.browser ?? api.chrome)!.action.getBadgeText({ tabId: id });
  }, tabId);
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

/** The card on screen, found as a reader's pointer would: the points where the card's host is on top. */
/**
 * The mention under the open card's focus highlight: its text, its top in the window, its top in
 * the page and that as a fraction of the page's height (all read at once: a smooth scroll may be
 * going on). Null while no card is open.
 */
export function focusedMention(page: Page): Promise<{ text: string; top: number; y: number; fraction: number } | null> {
  return page.evaluate(() => {
    const h = [...CSS.highlights.entries()].find(([name]) => name.endsWith('-focus'))?.[1];
    const r = h ? [...h][0] : undefined;
    if (!r) return null;
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    const top = range.getBoundingClientRect().top;
    const y = top + scrollY;
    return { text: range.toString(), top, y: Math.round(y), fraction: y / document.documentElement.scrollHeight };
  });
}

export interface CardOnScreen {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where the open card is (null if none). The card lives in a closed shadow root, so tests see it as
 * the page does: the extension's one element, a `div` appended to `<html>`, is what
 * elementFromPoint finds over the card (and nowhere else, since the host lets the pointer through).
 */
export function cardOnScreen(t: Target): Promise<CardOnScreen | null> {
  return frameOf(t).evaluate(() => {
    const host = [...document.documentElement.children].filter((e) => e.localName === 'div').at(-1);
    if (!host) return null;
    type Box = { left: number; top: number; right: number; bottom: number };
    // The points of an 8 px grid in `area` where the page's hit-testing finds the host, as one box.
    const scan = (step: number, area: Box): Box | null => {
      let box: Box | null = null;
      for (let y = area.top; y <= area.bottom; y += step) {
        for (let x = area.left; x <= area.right; x += step) {
          if (document.elementFromPoint(x, y) !== host) continue;
          box = box
            ? {
                left: Math.min(box.left, x),
                top: Math.min(box.top, y),
                right: Math.max(box.right, x),
                bottom: Math.max(box.bottom, y),
              }
            : { left: x, top: y, right: x, bottom: y };
        }
      }
      return box;
    };
    const view = { left: 1, top: 1, right: innerWidth - 1, bottom: innerHeight - 1 };
    // A 32 px grid first (its points are the 8 px grid's), then the 8 px grid around what it found:
    // the same box as the whole 8 px grid for a card at least 32 px each way, in a fifth of the
    // time (16,000 hit tests were 120 ms a call); nothing found, the whole 8 px grid (a sliver).
    const coarse = scan(32, view);
    if (!coarse) return scan(8, view);
    return scan(8, {
      left: Math.max(view.left, coarse.left - 32),
      top: Math.max(view.top, coarse.top - 32),
      right: Math.min(view.right, coarse.right + 32),
      bottom: Math.min(view.bottom, coarse.bottom + 32),
    });
  });
}

/**
 * The text of the open card, read in its frame (in both browsers; the page itself cannot read it),
 * its text nodes joined by spaces; '' while there is no card frame.
 */
export async function cardText(page: Page): Promise<string> {
  const frame = await cardFrame(page);
  if (!frame) return '';
  return frame.evaluate(() => {
    const card = document.querySelector('.card');
    if (!card) return '';
    const out: string[] = [];
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.nodeValue ?? '');
    return out.join(' ').replace(/\s+/g, ' ').trim();
  });
}

/**
 * The card's frame: the extension page the card is drawn in, inside the card's host (null while
 * there is none). Both browsers' automation list it among the page's frames (Firefox under the URL
 * it started with, about:blank, so each frame is asked where it is).
 */
export async function cardFrame(page: Page): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (/^(chrome|moz)-extension:\/\/[^/]+\/card\/card\.html/.test(href)) return frame;
  }
  return null;
}

/**
 * The box of the card's host where the page's hit-testing finds it, to the pixel: the coarse grid of
 * cardOnScreen, its edges then found by bisection. Null without a card on screen.
 */
export async function cardRect(t: Target): Promise<CardOnScreen | null> {
  const coarse = await cardOnScreen(t);
  if (!coarse) return null;
  return frameOf(t).evaluate((c) => {
    const host = [...document.documentElement.children].filter((e) => e.localName === 'div').at(-1)!;
    const hit = (x: number, y: number): boolean => document.elementFromPoint(x, y) === host;
    // The last point that hits between `inside` (a hit) and `outside` (none), along one axis.
    const edge = (inside: number, outside: number, at: (v: number) => boolean): number => {
      while (Math.abs(outside - inside) > 0.5) {
        const mid = (inside + outside) / 2;
        if (at(mid)) inside = mid;
        else outside = mid;
      }
      return inside;
    };
    const my = (c.top + c.bottom) / 2;
    const mx = (c.left + c.right) / 2;
    return {
      left: Math.round(edge(c.left, c.left - 8, (x) => hit(x, my))),
      right: Math.round(edge(c.right, c.right + 8, (x) => hit(x, my))),
      top: Math.round(edge(c.top, c.top - 8, (y) => hit(mx, y))),
      bottom: Math.round(edge(c.bottom, c.bottom + 8, (y) => hit(mx, y))),
    };
  }, coarse);
}

/**
 * The centre of one of the open card's controls (a button or link whose text or accessible name
 * contains `label`), scrolled into the card's view, in the page's viewport; null if the card has
 * no such control.
 */
export async function cardControl(page: Page, label: string): Promise<{ x: number; y: number } | null> {
  const frame = await cardFrame(page);
  const box = await cardRect(page);
  if (!frame || !box) return null;
  const inFrame = await frame.evaluate((wanted) => {
    for (const el of document.querySelectorAll('button, a[href], summary')) {
      const name = `${el.textContent ?? ''} ${el.getAttribute('aria-label') ?? ''}`;
      if (!name.includes(wanted)) continue;
      // Scrolled to within the card, as a reader would.
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, label);
  return inFrame && { x: box.left + inFrame.x, y: box.top + inFrame.y };
}

/** The links of the open card, as the card's frame has them. */
export async function cardLinks(page: Page): Promise<{ text: string; href: string }[]> {
  const frame = await cardFrame(page);
  if (!frame) throw new Error('no card frame');
  return frame.evaluate(() =>
    [...document.querySelectorAll('a[href]')].map((a) => ({
      text: a.textContent ?? '',
      href: (a as HTMLAnchorElement).href,
    })),
  );
}

/** The colour of one pixel of the page as rendered (a 1×1 screenshot, decoded here: PNG, 8-bit RGB(A)). */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = Buffer.from(await page.screenshot({ clip: { x, y, width: 1, height: 1 }, type: 'png' }));
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  // One pixel, one row: every PNG filter leaves its bytes as they are (there are no neighbours).
  const row = inflateSync(Buffer.concat(data));
  return [row[1]!, row[2]!, row[3]!];
}

/**
 * axe-core's violations in the page or frame, as `id: [targets]`. axe is evaluated by the
 * automation (which no page or extension CSP stops) unless the document has loaded it itself.
 */
export async function axeViolations(t: Target): Promise<string[]> {
  const f = frameOf(t);
  const loaded = await f.evaluate(() => 'axe' in window);
  if (!loaded) await f.evaluate(readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return f.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

const SHOTS = resolve(ROOT, 'test-results/screenshots');

/**
 * Saves a screenshot to test-results/screenshots/NAME.png and attaches it to the test's output:
 * the viewport, the whole page (`fullPage`) or one element (`selector`).
 */
export async function attachScreenshot(
  context: TestContext,
  page: Page,
  name: string,
  options: { fullPage?: boolean; selector?: string } = {},
): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const path = resolve(SHOTS, `${name}.png`) as `${string}.png`;
  const element = options.selector ? await page.$(options.selector) : null;
  if (element) await element.screenshot({ path });
  else await page.screenshot({ path, fullPage: options.fullPage ?? false });
  await context.annotate(name, { path, contentType: 'image/png' });
}

/**
 * Resolves with what `read` returns once `stillFor` reads in a row, `interval` ms apart, agree (as
 * JSON): something the page lays out or places late has stopped moving.
 */
export async function untilStill<T>(
  read: () => Promise<T>,
  what: string,
  { interval = 150, stillFor = 2 }: { interval?: number; stillFor?: number } = {},
): Promise<T> {
  let last = '';
  let still = 0;
  let value: T;
  await pollUntil(
    async () => {
      await sleep(interval);
      value = await read();
      const now = JSON.stringify(value);
      still = now === last ? still + 1 : 0;
      last = now;
      return still;
    },
    (n) => n >= stillFor,
    () => `${what} keeps moving (${last.slice(0, 200)})`,
  );
  return value!;
}

/**
 * Resolves once the open card takes clicks: it has stood still for two polls (so the guard its
 * last placement raised has reached its frame) and its guard is down (the measurement build keeps
 * the guard's end on the frame's root: panel.ts). Replaces a sleep of the guard's length and a
 * margin with what the guard actually does.
 */
export async function cardGuardDown(page: Page): Promise<void> {
  await untilStill(() => cardRect(page), 'the card');
  const frame = await cardFrame(page);
  if (!frame) throw new Error('no card frame');
  await waitUntil(frame, () => performance.now() >= Number(document.documentElement.dataset.guardUntil ?? 0));
}

/**
 * Puts the open card in its glance (false) or expanded (true) layout with a real click on its
 * More/Less control (past the guard against clicks just after the card appears), unless it is in
 * that layout already. The card remembers the choice, so tests say which they need.
 */
export async function setCardExpanded(page: Page, expanded: boolean): Promise<void> {
  const state = async (): Promise<boolean | null> => {
    const frame = await cardFrame(page);
    if (!frame) return null;
    return frame.evaluate(() => {
      const b = document.querySelector('.expand');
      return b ? b.getAttribute('aria-expanded') === 'true' : null;
    });
  };
  const now = await pollUntil(
    state,
    (s) => s !== null,
    () => 'no card with a More control',
  );
  if (now !== expanded) {
    await cardGuardDown(page);
    const at = await cardControl(page, expanded ? 'Show more' : 'Show less');
    if (!at) throw new Error('no More/Less control in the card');
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await page.mouse.click(at.x, at.y);
    await pollUntil(
      state,
      (s) => s === expanded,
      (s) => `the card is ${s ? 'expanded' : 'a glance'}`,
    );
  }
  // It grew or shrank and was placed again, or it just opened so (the layout is remembered from an
  // earlier card): its guard takes no click for a moment. Without this wait, a card that opened
  // already expanded took the test's next click inside its guard.
  await cardGuardDown(page);
}
