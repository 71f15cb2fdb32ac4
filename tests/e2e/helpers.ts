/**
 * Helpers for the end-to-end suites beyond the demo: reading what was painted in any frame (with
 * where each range sits), polling until the painting matches, and collecting page errors.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserKind } from '../../scripts/lib/browsers';
import { serve, type Served } from '../../scripts/lib/server';
import { FIXTURES, openBrowser, pollUntil, waitReady, type TestBrowser } from './harness';

export type Target = Page | Frame;

function frameOf(t: Target): Frame {
  return 'mainFrame' in t ? t.mainFrame() : t;
}

/** One painted range, as the page sees it. */
export interface PaintedRange {
  /** The highlight name (contextual-highlights-person, …). */
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

/** Every painted range (focus excluded) in the page's main frame or in the given frame. */
export function paintedRanges(t: Target): Promise<PaintedRange[]> {
  return frameOf(t).evaluate(() => {
    // Types are erased before the function is sent to the page, so the interface serves here too.
    const out: PaintedRange[] = [];
    CSS.highlights.forEach((h, name) => {
      if (!name.startsWith('contextual-highlights') || name.endsWith('-focus')) return;
      h.forEach((r) => {
        let text = '';
        try {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          text = range.toString();
        } catch {
          text = '<invalid range>';
        }
        const root = r.startContainer.getRootNode();
        const ids: string[] = [];
        const ancestors: string[] = [];
        for (let el = r.startContainer.parentElement; el; el = el.parentElement) {
          if (el.id) ids.push(el.id);
          ancestors.push(el.localName);
        }
        out.push({
          name,
          text,
          connected: r.startContainer.isConnected && r.endContainer.isConnected,
          shadowHost: root instanceof ShadowRoot ? root.host.id : null,
          ids,
          ancestors,
        });
      });
    });
    return out;
  });
}

/** The painted texts, sorted (a stable order to compare with). */
export async function sortedTexts(t: Target): Promise<string[]> {
  return (await paintedRanges(t)).map((r) => r.text).sort();
}

/** Polls (node side) until `check` accepts the painted ranges; fails with the last ranges seen. */
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

/** Waits for the content script's first full scan in a frame. */
export async function waitFrameReady(frame: Frame, timeout = 20_000): Promise<void> {
  await frame.waitForFunction(() => performance.getEntriesByName('contextual-highlights:ready').length > 0, {
    timeout,
    polling: 50,
  });
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

/** Opens `url` in a new 1280×900 page of `b`, collecting its errors, and waits for the first scan. */
export async function openPage(b: TestBrowser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await b.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = watchErrors(page);
  await page.goto(url);
  await waitReady(page);
  return { page, errors };
}

/** A suite's browser (with the extension) and fixture server, open from beforeAll to afterAll. */
export interface Suite {
  readonly b: TestBrowser;
  readonly server: Served;
  /** The URL of a fixture page. */
  url(path: string): string;
  /** Opens a fixture page in a new tab and waits until the extension is ready on it. */
  open(path: string): Promise<{ page: Page; errors: string[] }>;
}

/** Call inside a describe block: registers the hooks that open and close the suite's browser. */
export function useSuite(kind: BrowserKind): Suite {
  let b: TestBrowser | undefined;
  let server: Served | undefined;
  beforeAll(async () => {
    server = await serve(FIXTURES);
    b = await openBrowser(kind);
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
    open: (path) => openPage(suite.b, suite.url(path)),
  };
  return suite;
}
