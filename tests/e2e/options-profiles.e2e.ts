/**
 * The options page in browsers started for the purpose: axe-core finds no violations in the light
 * and the dark scheme (Chromium emulates it; Firefox is started with its colour-scheme preference,
 * which its automation cannot change), the page speaks German in a German Chromium, and settings
 * survive a browser restart on the same profile. Firefox removes a temporary add-on at shutdown
 * and with it its storage, unless extensions.webextensions.keepStorageOnUninstall and
 * keepUuidOnUninstall are set: they are, as a reader's installed add-on would keep its storage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserKind } from '../../scripts/lib/browsers';
import { serve, type Served } from '../../scripts/lib/server';
import { optionsText } from '../../src/options/text';
import {
  BROWSERS,
  FIXTURES,
  attachScreenshot,
  axeViolations,
  extensionPage,
  paintedRanges,
  pollUntil,
  waitReady,
  type TestBrowser,
  waitUntil,
} from './harness';

const GECKO_ID = 'contextual-highlights@example.org';
/** This file's own fixed moz-extension UUID, so its pages can be opened in Firefox. */
const FIREFOX_UUID = '3c1f7a52-8e0b-4d6a-a1f4-5b9e2d7c6a18';

interface Start {
  profile?: string;
  firefoxPrefs?: Record<string, unknown>;
  args?: string[];
}

/** A browser with the extension, started with what a test needs (a kept profile, preferences, flags). */
async function start(kind: BrowserKind, options: Start = {}): Promise<TestBrowser> {
  const launched = await launch(kind, {
    headless: true,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(kind === 'firefox'
      ? {
          firefoxPrefs: {
            'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
            ...options.firefoxPrefs,
          },
          // Firefox lets WebDriver open moz-extension:// pages only with system access.
          args: ['--remote-allow-system-access', ...(options.args ?? [])],
        }
      : { args: options.args ?? [] }),
  });
  const origin = kind === 'chromium' ? `chrome-extension://${launched.extensionId}` : `moz-extension://${FIREFOX_UUID}`;
  return { ...launched, origin };
}

async function openOptions(b: TestBrowser): Promise<Page> {
  const page = await extensionPage(b, 'options/options.html');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  await page.setViewport({ width: 1000, height: 900 });
  return page;
}

/** Stores settings directly from an extension page (set-up: the page follows a stored change, whoever made it). */
async function store(page: Page, settings: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (s) => {
    type Local = { set(i: object): Promise<void> };
    const api = globalThis as unknown as {
      browser?: { storage: { local: Local } };
      chrome?: { storage: { local: Local } };
    };
    await (api.browser ?? api.chrome)!.storage.local.set({ settings: s });
  }, settings);
}

/** Settings that fill every part of the page: lists, a colour of one's own. */
const FILLED = {
  version: 3,
  disabledSites: ['news.example', 'local files'],
  mutedEntities: ['gazprom', 'retired-entity'],
  typeColors: { event: '#ffd700' },
  highlightStyle: 'underline',
};

/** Turns sync on as the page's switch does (its status fills the sync section too). */
async function syncOn(page: Page): Promise<void> {
  const made = await page.evaluate(async () => {
    type Runtime = { sendMessage(m: unknown): Promise<unknown> };
    const api = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
    return (api.browser ?? api.chrome)!.runtime.sendMessage({
      type: 'changeSettings',
      data: { kind: 'sync', choice: { sync: true, sites: false } },
    });
  });
  if (made !== true) throw new Error('sync was not turned on');
}

describe.each(BROWSERS)('the options page’s accessibility in %s', (kind) => {
  it.for(['light', 'dark'] as const)('has no axe violations (%s)', async (theme, context) => {
    const b = await start(
      kind,
      // 0 dark, 1 light (Firefox's override of the colour scheme pages see).
      kind === 'firefox'
        ? { firefoxPrefs: { 'layout.css.prefers-color-scheme.content-override': theme === 'dark' ? 0 : 1 } }
        : {},
    );
    try {
      const page = await openOptions(b);
      if (kind === 'chromium') await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
      // The page follows stored changes as they happen.
      await store(page, FILLED);
      await syncOn(page);
      await pollUntil(
        () =>
          page
            .evaluate(
              () =>
                document.body?.dataset.ready === 'true' &&
                document.querySelectorAll('#muted li').length === 2 &&
                document.getElementById('sync-status')!.textContent !== '',
            )
            .catch(() => false),
        (ready) => ready,
        () => 'the options page did not show the stored lists',
      );
      const scheme = await page.evaluate(() => ({
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        background: getComputedStyle(document.body).backgroundColor,
      }));
      expect(scheme).toEqual({
        dark: theme === 'dark',
        background: theme === 'dark' ? 'rgb(27, 30, 36)' : 'rgb(255, 255, 255)',
      });
      // The muted names have their names from the card data (one is no longer in it).
      await waitUntil(page, () => /Gazprom/.test(document.getElementById('muted')!.textContent!));
      expect(await page.$eval('#muted', (e) => e.textContent)).toContain(
        'retired-entity (no longer in the extension’s data)',
      );
      expect(await axeViolations(page)).toEqual([]);
      await attachScreenshot(context, page, `options-${kind}-${theme}`, { fullPage: true });
    } finally {
      await b.close();
    }
  });
});

describe('the options page in German (Chromium started with --lang=de)', () => {
  it('shows every word of the page in German, with lang="de"', async () => {
    const b = await start('chromium', { args: ['--lang=de'] });
    try {
      const page = await openOptions(b);
      const shown = await page.evaluate(() => ({
        title: document.title,
        lang: document.documentElement.lang,
        words: [...document.querySelectorAll<HTMLElement>('[data-text]')].map(
          (e) => [e.dataset.text!, e.textContent!] as [string, string],
        ),
        kinds: [...document.querySelectorAll('#types .kind')].map((e) => e.textContent),
      }));
      expect(shown.title).toBe('Einstellungen von Contextual Highlights');
      expect(shown.lang).toBe('de');
      const de = optionsText.de as Record<string, string>;
      for (const [key, text] of shown.words) expect(text, key).toBe(de[key]);
      expect(shown.kinds).toEqual(['Personen', 'Länder', 'Orte', 'Organisationen', 'Ereignisse', 'Ideen']);
      // An import names a repaired setting by its German label, with German numbers (UX review #20).
      const dir = mkdtempSync(join(tmpdir(), 'ch-import-de-'));
      try {
        const file = join(dir, 'delay.json');
        writeFileSync(
          file,
          JSON.stringify({ format: 'contextual-highlights-settings', version: 3, settings: { hoverDelayMs: 5000 } }),
        );
        await (await page.$('input#import-file[type="file"]'))!.uploadFile(file);
        await waitUntil(page, () => document.getElementById('backup-message')!.textContent !== '');
        expect(await page.$eval('#backup-message', (e) => e.textContent)).toBe(
          'Einstellungen aus delay.json importiert. Einige Werte wurden passend gemacht: Wartezeit, bis eine Karte aufgeht (5.000 ms → 2.000 ms).',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await b.close();
    }
  });
});

describe.each(BROWSERS)('settings across a restart of %s', (kind) => {
  let server: Served;
  const profile = mkdtempSync(join(tmpdir(), `ch-restart-${kind}-`));
  const keep =
    kind === 'firefox'
      ? {
          firefoxPrefs: {
            'extensions.webextensions.keepStorageOnUninstall': true,
            'extensions.webextensions.keepUuidOnUninstall': true,
          },
        }
      : {};

  beforeAll(async () => {
    server = await serve(FIXTURES);
  });
  afterAll(async () => {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('keeps what was set before the browser closed, and the page follows it', async () => {
    const first = await start(kind, { profile, ...keep });
    try {
      const page = await openOptions(first);
      await page.click('input[name="look"][value="underline"]');
      await page.click('#types li[data-type="country"] input[type="checkbox"]');
      await page.type('#site-input', 'elsewhere.example');
      await page.keyboard.press('Enter');
      await waitUntil(page, () => document.querySelectorAll('#sites li').length === 1);
    } finally {
      await first.close();
    }

    const second = await start(kind, { profile, ...keep });
    try {
      const page = await openOptions(second);
      expect(
        await page.evaluate(() => ({
          look: (document.querySelector('input[name="look"]:checked') as HTMLInputElement).value,
          countries: (document.querySelector('#types li[data-type="country"] input') as HTMLInputElement).checked,
          sites: [...document.querySelectorAll('#sites li .name')].map((e) => e.textContent),
        })),
      ).toEqual({ look: 'underline', countries: false, sites: ['elsewhere.example'] });
      const news = await second.browser.newPage();
      await news.goto(`${server.url}/news.html`);
      await waitReady(news);
      const ranges = await paintedRanges(news);
      expect(ranges.length).toBeGreaterThan(20);
      expect(ranges.every((r) => r.name.endsWith('-underline') && !r.name.includes('-country'))).toBe(true);
    } finally {
      await second.close();
    }
  });
});
