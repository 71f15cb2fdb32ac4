/**
 * What a page can learn of the extension, from the security review of 2026-12-07
 * (its t-privacy.ts and t-hostile3.ts repros):
 * - F1: every name we give a page carries a token of that document alone: two sites, a reload and
 *   a restart of the browser on the same profile never see the same one (one token per install
 *   was a cross-site tracking identifier);
 * - F4: the reader's own colours are written into our rules, never set as custom properties a
 *   page's script could read on its root;
 * - F10: the plain build (what the stores get) makes no timing marks;
 * - F17: ranges a page slips into our highlights are taken out again;
 * and, from the reader's review (#8): highlights follow a page that switches to dark after load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/build';
import { serve, type Served } from '../../scripts/lib/server';
import {
  BROWSERS,
  FIXTURES,
  helperPage,
  openBrowser,
  paintedCount,
  pollUntil,
  registeredName,
  sleep,
  useSuite,
  waitReady,
  type TestBrowser,
} from './harness';

/** The tokens of the names registered in a page (the part after our prefix), as its scripts read them. */
function tokensOf(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...new Set([...CSS.highlights.keys()].flatMap((k) => /^contextual-highlights-([a-z0-9]+)-/.exec(k)?.[1] ?? [])),
  ]);
}

/** Custom properties of ours on the page's root, as a page's script can list them. */
function rootProperties(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...getComputedStyle(document.documentElement)].filter((p) => p.startsWith('--contextual')),
  );
}

async function setStored(b: TestBrowser, settings: Record<string, unknown>): Promise<void> {
  const helper = await helperPage(b);
  await helper.evaluate(async (s) => {
    type Local = { set(v: object): Promise<void> };
    const api = globalThis as unknown as {
      browser?: { storage: { local: Local } };
      chrome?: { storage: { local: Local } };
    };
    await (api.browser ?? api.chrome)!.storage.local.set({ settings: { version: 2, ...s } });
  }, settings);
}

describe.each(BROWSERS)('what a page can learn, in %s', (kind) => {
  const suite = useSuite(kind);

  it('sees a different token on every document: two sites, a reload, and after a restart (F1)', async () => {
    const profile = mkdtempSync(join(tmpdir(), `ch-profile-${kind}-`));
    const seen: string[] = [];
    try {
      for (const session of [1, 2]) {
        const b = await openBrowser(kind, { profile });
        try {
          for (const host of ['127.0.0.1', 'localhost']) {
            const page = await b.browser.newPage();
            await page.goto(suite.url('news.html').replace('127.0.0.1', host));
            await waitReady(page);
            for (const load of [1, 2]) {
              if (load === 2) {
                await page.reload();
                await waitReady(page);
              }
              const tokens = await tokensOf(page);
              expect(tokens, `session ${session}, ${host}, load ${load}`).toHaveLength(1);
              seen.push(tokens[0]!);
            }
            await page.close();
          }
        } finally {
          await b.close();
        }
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  }, 120_000);

  it('cannot read the reader’s own colours from custom properties, while they paint (F4)', async () => {
    const { page } = await suite.open('news.html');
    await setStored(suite.b, { typeColors: { place: '#ffd700' } });
    const place = (await registeredName(page, 'place'))!;
    await pollUntil(
      () => page.evaluate((n) => getComputedStyle(document.body, `::highlight(${n})`).backgroundColor, place),
      (c) => c === 'rgb(255, 215, 0)',
      (c) => `places painted ${c}`,
    );
    expect(await rootProperties(page)).toEqual([]);
    await setStored(suite.b, {});
    await pollUntil(
      () => page.evaluate((n) => getComputedStyle(document.body, `::highlight(${n})`).backgroundColor, place),
      (c) => c !== 'rgb(255, 215, 0)',
      (c) => `places back to the automatic colour, ${c}`,
    );
    await page.close();
  });

  it('has its own ranges taken out of our highlights again (F17)', async () => {
    const { page } = await suite.open('news.html');
    const painted = await paintedCount(page);
    const person = (await registeredName(page, 'person'))!;
    await page.evaluate((n) => {
      const p = document.createElement('p');
      p.id = 'impostor';
      p.textContent = 'VIRUS DETECTED: call this number';
      document.body.prepend(p);
      const r = new Range();
      r.selectNodeContents(p);
      CSS.highlights.get(n)!.add(r);
    }, person);
    // Healed at the next periodic look (every 2 s while the page is visible).
    await pollUntil(
      () => paintedCount(page),
      (n) => n === painted,
      (n) => `${n} ranges painted (ours: ${painted})`,
      8000,
    );
    expect(
      await page.evaluate(
        (n) => [...CSS.highlights.get(n)!].some((r) => r.startContainer.parentElement?.id === 'impostor'),
        person,
      ),
    ).toBe(false);
    await page.close();
  });

  it('follows a page that switches itself to dark after it loaded, and back (the reader’s review, #8)', async () => {
    const { page } = await suite.open('theme-switch.html');
    expect(await registeredName(page, 'person')).toMatch(/-person$/);
    await page.evaluate(() => (window as unknown as { night(on: boolean): void }).night(true));
    await pollUntil(
      () => registeredName(page, 'person-on-dark'),
      (n) => n !== null,
      () => 'the dark look after the page turned dark',
      5000,
    );
    await page.evaluate(() => (window as unknown as { night(on: boolean): void }).night(false));
    await pollUntil(
      () => registeredName(page, 'person'),
      (n) => n !== null,
      () => 'the light look after the page turned light again',
      5000,
    );
    await page.close();
  });
});

describe.each(BROWSERS)('the plain build, in %s', (kind) => {
  let dist: string;
  let server: Served;
  let b: TestBrowser;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'ch-plain-'));
    const before = process.env.OUT_DIR;
    process.env.OUT_DIR = join(dist, 'out');
    try {
      await buildAll({ quiet: true, marks: false });
    } finally {
      if (before === undefined) delete process.env.OUT_DIR;
      else process.env.OUT_DIR = before;
    }
    server = await serve(FIXTURES);
    b = await openBrowser(kind, { distRoot: join(dist, 'out') });
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('paints without a single timing mark a page could read (F10)', async () => {
    const page = await b.browser.newPage();
    await page.goto(`${server.url}/news.html`);
    await pollUntil(
      () => paintedCount(page),
      (n) => n > 0,
      (n) => `${n} painted`,
    );
    // Longer than the first scan of this page takes: its marks would be there by now.
    await sleep(1500);
    expect(
      await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('contextual-highlights'))),
    ).toEqual([]);
    await page.close();
  });
});
