/**
 * Story packs in real browsers, beside an open news page (the CBS page of the impeachment hearing,
 * tests/fixtures/corpus): a pack imported on the options page highlights its names in the open tab
 * without a reload, an entity both packs have stays one highlight and its card data carries a part
 * per story; a bad file is refused with its line and column and nothing changes; switched off, its
 * names go; removed and undone, they come back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  CORPUS,
  cardFrame,
  extensionPage,
  focusedText,
  paintedRanges,
  pointOf,
  pollUntil,
  sendFromExtension,
  setCardExpanded,
  sleep,
  useSuite,
  waitForPainted,
  waitUntil,
  type PaintedRange,
} from './harness';
import type { CardSource } from '../../src/core/card-view';

const ROOT = resolve(import.meta.dirname, '../..');
const SECOND = readFileSync(resolve(ROOT, 'assets/packs/impeachment-inquiry-2019.json'), 'utf8');
/** The second bundled pack as a file of the reader's own (a bundled pack's id is not imported). */
const OWN = SECOND.replace('"id": "impeachment-inquiry-2019"', '"id": "my-impeachment"');

const count = (ranges: PaintedRange[], text: RegExp): number => ranges.filter((r) => text.test(r.text)).length;

describe.each(BROWSERS)('story packs in %s', (kind) => {
  const files = mkdtempSync(join(tmpdir(), `ch-packs-${kind}-`));
  const suite = useSuite(kind, { root: CORPUS });
  let news: Page;
  let options: Page;
  let before: PaintedRange[];
  let errors: string[];

  beforeAll(async () => {
    ({ page: news, errors } = await suite.open('cbs-impeachment-volker.html'));
    await news.evaluate(() => ((window as unknown as { marker: string }).marker = 'same document'));
    before = await paintedRanges(news);
    options = await extensionPage(suite.b, 'options/options.html');
    await options.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    writeFileSync(join(files, 'my-impeachment.json'), OWN);
    writeFileSync(join(files, 'broken.json'), OWN.replace('"formatVersion": 1,', '"formatVersion": 1,,'));
  });
  afterAll(() => rmSync(files, { recursive: true, force: true }));

  const listed = (): Promise<string[]> =>
    options.$$eval('#packs li', (lis) => lis.map((li) => (li as HTMLElement).dataset.pack ?? ''));

  /** Clicks a control of the options page as it is now (the list is drawn again after every change). */
  async function press(selector: string): Promise<void> {
    await options.bringToFront();
    await waitUntil(options, (sel) => document.querySelector(sel) !== null, { timeout: 10_000 }, selector);
    await options.evaluate((sel) => (document.querySelector(sel) as HTMLElement).click(), selector);
  }

  async function upload(file: string, message: string): Promise<void> {
    await options.bringToFront();
    await (await options.$('input#pack-file[type="file"]'))!.uploadFile(join(files, file));
    await waitUntil(
      options,
      (m) => document.getElementById('pack-message')!.textContent!.startsWith(m),
      { timeout: 10_000 },
      message,
    );
  }

  it('lists the bundled packs, the 2014 story alone on', async () => {
    expect(before.length).toBeGreaterThan(20);
    expect(count(before, /Volker/)).toBe(0);
    expect(await listed()).toEqual(['sino-russia-2014', 'impeachment-inquiry-2019']);
    const on = await options.$$eval('#packs input[type=checkbox]', (b) =>
      b.map((x) => (x as HTMLInputElement).checked),
    );
    expect(on).toEqual([true, false]);
  });

  it('refuses a bad file with its line and column, and nothing changes', async () => {
    await upload('broken.json', 'broken.json was not imported');
    const problems = await options.$$eval('#pack-errors li', (lis) => lis.map((li) => li.textContent));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not valid JSON.*\(line 3, column \d+\)$/);
    expect(await listed()).toEqual(['sino-russia-2014', 'impeachment-inquiry-2019']);
    expect((await paintedRanges(news)).length).toBe(before.length);
  });

  it('imports a pack: the open tab highlights its names without a reload, a shared entity once, its card with a part per story', async () => {
    await upload('my-impeachment.json', 'Imported my-impeachment.json');
    expect(await listed()).toEqual(['sino-russia-2014', 'impeachment-inquiry-2019', 'my-impeachment']);
    await news.bringToFront();
    const ukraines = count(before, /^Ukraine/);
    const after = await waitForPainted(
      news,
      (r) => count(r, /Volker/) >= 20 && count(r, /^Ukraine/) >= ukraines,
      'Volker and every Ukraine highlighted',
      20_000,
    );
    expect(await news.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same document');
    expect(count(after, /Morrison/)).toBeGreaterThanOrEqual(20);
    // Ukraine is in both packs (Q212): still one highlight per mention, once the reading has settled.
    await sleep(500);
    expect(count(await paintedRanges(news), /^Ukraine/)).toBe(ukraines);
    const card = (await sendFromExtension(suite.b, 'getCard', { entity: 'ukraine' })) as CardSource;
    expect(card.stories?.map((s) => [s.story.publisher, s.story.date])).toEqual([
      ['The Hindu', '2014-05-19'],
      ['CBS News', '2019-11-19'],
    ]);
    const volker = (await sendFromExtension(suite.b, 'getCard', { entity: 'kurt-volker' })) as CardSource;
    expect(volker.article.publisher).toBe('CBS News');
    // The card a reader opens on Ukraine shows the second story's part, led by its story line.
    const at = await pointOf(news, 'Ukraine');
    await news.mouse.move(at.x - 3, at.y);
    await news.mouse.move(at.x, at.y, { steps: 3 });
    await pollUntil(
      () => focusedText(news),
      (t) => t === 'Ukraine',
      (t) => `no card for Ukraine (focus on ${t})`,
    );
    await setCardExpanded(news, true);
    const headings = await pollUntil(
      async () =>
        (await (
          await cardFrame(news)
        )?.evaluate(() => [...document.querySelectorAll('.period.story h3')].map((h) => h.textContent))) ?? [],
      (h) => h.length > 0,
      () => 'no section of the second story in the card',
    );
    expect(headings).toEqual([expect.stringMatching(/^Also in CBS News, 19 November 2019 · ‘/)]);
    await setCardExpanded(news, false);
  });

  it('a page opened with the pack on is read once, with the packs’ matcher from the start', async () => {
    const { page } = await suite.open('cbs-impeachment-volker.html');
    await waitForPainted(
      page,
      (r) => count(r, /Volker/) >= 20 && count(r, /^Ukraine/) >= count(before, /^Ukraine/),
      'Volker and every Ukraine on a new page',
      20_000,
    );
    await sleep(500);
    expect(count(await paintedRanges(page), /^Ukraine/)).toBe(count(before, /^Ukraine/));
    // One first scan: early.js heard at document start that the packs are not the default.
    expect(await page.evaluate(() => performance.getEntriesByName('contextual-highlights:scan').length)).toBe(1);
    await page.close();
  });

  it('switched off, its names go; removed and undone, they come back; the bundled second pack shares Ukraine with the first', async () => {
    await press('#packs li[data-pack="my-impeachment"] input[type=checkbox]');
    await news.bringToFront();
    await waitForPainted(news, (r) => count(r, /Volker/) === 0, 'Volker gone', 20_000);
    await press('#packs li[data-pack="my-impeachment"] input[type=checkbox]');
    await news.bringToFront();
    await waitForPainted(news, (r) => count(r, /Volker/) >= 20, 'Volker back', 20_000);

    await press('#packs li[data-pack="my-impeachment"] button:last-of-type');
    await waitUntil(options, () => document.getElementById('pack-message')!.textContent!.startsWith('Removed'), {
      timeout: 10_000,
    });
    expect(await listed()).toEqual(['sino-russia-2014', 'impeachment-inquiry-2019']);
    await news.bringToFront();
    await waitForPainted(news, (r) => count(r, /Volker/) === 0, 'Volker gone after removal', 20_000);
    await press('#pack-undo');
    await waitUntil(options, () => document.querySelector('#packs li[data-pack="my-impeachment"]') !== null, {
      timeout: 10_000,
    });
    await news.bringToFront();
    await waitForPainted(news, (r) => count(r, /Volker/) >= 20, 'Volker back after undo', 20_000);
    // The bundled second pack in its place: the two bundled packs share Ukraine, one highlight a mention.
    await press('#packs li[data-pack="my-impeachment"] input[type=checkbox]');
    await news.bringToFront();
    await waitForPainted(news, (r) => count(r, /Volker/) === 0, 'Volker gone, own pack off', 20_000);
    await press('#packs li[data-pack="impeachment-inquiry-2019"] input[type=checkbox]');
    await news.bringToFront();
    const ukraines = count(before, /^Ukraine/);
    // Every Volker and every Ukraine painted again (the page is read again from the start)…
    await waitForPainted(
      news,
      (r) => count(r, /Volker/) >= 20 && count(r, /^Ukraine/) >= ukraines,
      'Volker and Ukraine, bundled pack on',
      20_000,
    );
    // …and no Ukraine twice, once the reading has settled.
    await sleep(500);
    expect(count(await paintedRanges(news), /^Ukraine/)).toBe(ukraines);
    const ukraine = (await sendFromExtension(suite.b, 'getCard', { entity: 'ukraine' })) as CardSource;
    expect(ukraine.stories?.map((p) => p.story.publisher)).toEqual(['The Hindu', 'CBS News']);
    // The saved page's own errors (its missing files, its service worker) aside, none of ours.
    expect(errors.filter((e) => /contextual-highlights|extension/i.test(e))).toEqual([]);
  });
});
