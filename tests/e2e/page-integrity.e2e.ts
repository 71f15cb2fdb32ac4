/**
 * The page stays the page: scanning and painting never mutate the DOM, typing into editable
 * fields is untouched (text, caret, no highlights inside), selecting and copying gives the page's
 * own text, and find-in-page finds what it finds without the extension.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launch } from '../../scripts/lib/browsers';
import {
  BROWSERS,
  paintedCount,
  paintedRanges,
  sleep,
  sortedTexts,
  useSuite,
  waitReady,
  watchErrors,
  waitUntil,
} from './harness';

const ORIGINAL = 'Putin met Xi Jinping in Beijing';
/** The paragraph #copy-me of news.html as a reader sees (and copies) it. */
const COPY_ME =
  'Putin told reporters that Russia and China “stand together”, while Xi Jinping praised the Kremlin’s patience; officials in Kyiv and Donetsk watched closely.';

/** Occurrences window.find() reports, searching forwards from the top without wrapping. */
function findAll(page: Page, word: string): Promise<number> {
  return page.evaluate((w) => {
    const find = (
      window as unknown as { find(s: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }
    ).find;
    getSelection()!.removeAllRanges();
    let n = 0;
    while (n < 1000 && find.call(window, w, true, false, false)) n++;
    getSelection()!.removeAllRanges();
    return n;
  }, word);
}

/** Text from the start of `selector`'s content to the caret, and whether the selection is collapsed. */
function caretInEditable(
  page: Page,
  selector: string,
): Promise<{ before: number; collapsed: boolean; inside: boolean }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const s = getSelection()!;
    const r = document.createRange();
    r.setStart(el, 0);
    r.setEnd(s.focusNode!, s.focusOffset);
    return { before: r.toString().length, collapsed: s.isCollapsed, inside: el.contains(s.focusNode) };
  }, selector);
}

/** Puts the caret in the editable `selector` after its first `offset` characters. */
async function placeCaret(page: Page, selector: string, offset: number): Promise<void> {
  await page.focus(selector);
  await page.evaluate(
    (sel, at) => {
      const el = document.querySelector(sel)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let left = at;
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        if (left <= t.data.length) {
          getSelection()!.collapse(t, left);
          return;
        }
        left -= t.data.length;
      }
      throw new Error(`offset ${at} is past the end of ${sel}`);
    },
    selector,
    offset,
  );
}

describe.each(BROWSERS)('page integrity in %s', (kind) => {
  const suite = useSuite(kind);

  async function open(path: string, before?: (page: Page) => Promise<unknown>): Promise<Page> {
    const page = await suite.b.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await before?.(page);
    await page.goto(suite.url(path));
    await waitReady(page);
    return page;
  }

  it('never mutates the DOM while scanning and painting', async () => {
    const page = await open('news.html', (p) =>
      p.evaluateOnNewDocument(() => {
        const w = window as unknown as { __mutations: string[]; __observer: MutationObserver };
        w.__mutations = [];
        let parsed = false;
        const describe = (r: MutationRecord): string => {
          const target = r.target.nodeType === 1 ? (r.target as Element).localName : r.target.nodeName;
          const added = [...r.addedNodes].map((n) => n.nodeName).join(',');
          const removed = [...r.removedNodes].map((n) => n.nodeName).join(',');
          return `${r.type} on ${target}${r.attributeName ? ` [${r.attributeName}]` : ''}${added ? ` +${added}` : ''}${removed ? ` -${removed}` : ''}`;
        };
        const observer = new MutationObserver((records) => {
          if (parsed) for (const r of records) w.__mutations.push(describe(r));
        });
        observer.observe(document, {
          subtree: true,
          childList: true,
          characterData: true,
          characterDataOldValue: true,
          attributes: true,
          attributeOldValue: true,
        });
        w.__observer = observer;
        // The parser's own insertions are not ours to judge: count from the end of parsing, which
        // is before any content script (document_idle) runs.
        document.addEventListener(
          'DOMContentLoaded',
          () => {
            observer.takeRecords();
            parsed = true;
          },
          { once: true },
        );
      }),
    );
    const errors = watchErrors(page);
    expect(await paintedCount(page)).toBeGreaterThanOrEqual(40);
    // Scroll through the page (the visible part is painted first) and give it a second more.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await sleep(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(500);
    const mutations = await page.evaluate(() => {
      const w = window as unknown as { __mutations: string[]; __observer: MutationObserver };
      return [...w.__mutations, ...w.__observer.takeRecords().map((r) => `${r.type} (pending)`)];
    });
    expect(mutations).toEqual([]);
    // The observer works: a change made by the page is seen.
    await page.evaluate(() => document.body.setAttribute('data-probe', '1'));
    await waitUntil(page, () => (window as unknown as { __mutations: string[] }).__mutations.length === 1, {
      timeout: 2000,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves typing in a textarea alone: text, caret, and no highlights inside', async () => {
    const page = await open('editors.html');
    const outside = async (): Promise<string[]> =>
      (await paintedRanges(page))
        .filter((r) => r.ids.includes('control') || r.ids.includes('after'))
        .map((r) => r.text)
        .sort();
    // The paragraphs around it are painted; the textarea is not.
    expect(await outside()).toEqual(['Beijing', 'CNPC', 'Gazprom', 'Shanghai', 'Vladimir Putin', 'Xi Jinping']);
    expect((await paintedRanges(page)).filter((r) => r.ids.includes('ta') || r.ancestors.includes('textarea'))).toEqual(
      [],
    );

    await page.focus('#ta');
    await page.evaluate(() => {
      const ta = document.querySelector<HTMLTextAreaElement>('#ta')!;
      ta.setSelectionRange(ta.value.length, ta.value.length);
    });
    await page.keyboard.type(' and Vladimir Putin visited Moscow');
    await page.evaluate(() => document.querySelector<HTMLTextAreaElement>('#ta')!.setSelectionRange(5, 5));
    await page.keyboard.type(' and Rogozin');
    await sleep(500);
    const ta = await page.evaluate(() => {
      const el = document.querySelector<HTMLTextAreaElement>('#ta')!;
      return {
        value: el.value,
        start: el.selectionStart,
        end: el.selectionEnd,
        focused: document.activeElement === el,
      };
    });
    expect(ta.value).toBe('Putin and Rogozin met Xi Jinping in Beijing and Vladimir Putin visited Moscow');
    expect(ta).toMatchObject({ start: 5 + ' and Rogozin'.length, end: 5 + ' and Rogozin'.length, focused: true });
    const ranges = await paintedRanges(page);
    expect(ranges.filter((r) => r.ids.includes('ta') || r.ancestors.includes('textarea'))).toEqual([]);
    expect(await outside()).toEqual(['Beijing', 'CNPC', 'Gazprom', 'Shanghai', 'Vladimir Putin', 'Xi Jinping']);
    await page.close();
  });

  it('leaves typing in contenteditable regions alone, even when new names are typed', async () => {
    const page = await open('editors.html');
    const errors = watchErrors(page);
    const control = ['Beijing', 'CNPC', 'Gazprom', 'Shanghai', 'Vladimir Putin', 'Xi Jinping'];
    // Soft: a failure here still lets the typing checks below run and report.
    expect.soft(await sortedTexts(page)).toEqual(control);

    // At the end of a plain editable region.
    await placeCaret(page, '#ce', ORIGINAL.length);
    const atEnd = ' and Vladimir Putin visited Moscow';
    await page.keyboard.type(atEnd);
    expect(await caretInEditable(page, '#ce')).toEqual({
      before: (ORIGINAL + atEnd).length,
      collapsed: true,
      inside: true,
    });
    // In the middle, right after "Putin".
    await placeCaret(page, '#ce', 5);
    const inMiddle = ' and Angela Merkel';
    await page.keyboard.type(inMiddle);
    expect(await caretInEditable(page, '#ce')).toEqual({ before: 5 + inMiddle.length, collapsed: true, inside: true });
    // Inside the bold name of the rich region, then at its end.
    await placeCaret(page, '#ce-rich', 'Putin met Xi'.length);
    await page.keyboard.type(' Jinping, Kremlin,');
    expect(await caretInEditable(page, '#ce-rich')).toEqual({
      before: 'Putin met Xi Jinping, Kremlin,'.length,
      collapsed: true,
      inside: true,
    });

    await sleep(600);
    const texts = await page.evaluate(() => ({
      ce: document.querySelector('#ce')!.textContent,
      rich: document.querySelector('#ce-rich')!.textContent,
      richHtml: document.querySelector('#ce-rich')!.innerHTML,
    }));
    expect(texts.ce).toBe('Putin and Angela Merkel met Xi Jinping in Beijing and Vladimir Putin visited Moscow');
    expect(texts.rich).toBe('Putin met Xi Jinping, Kremlin, Jinping in Beijing');
    expect(texts.richHtml).toBe('<p>Putin met <b>Xi Jinping, Kremlin, Jinping</b> in Beijing</p>');
    // The caret is still where the last keystroke left it.
    expect(await caretInEditable(page, '#ce-rich')).toEqual({
      before: 'Putin met Xi Jinping, Kremlin,'.length,
      collapsed: true,
      inside: true,
    });
    const ranges = await paintedRanges(page);
    expect(ranges.filter((r) => r.ids.includes('ce') || r.ids.includes('ce-rich'))).toEqual([]);
    expect(ranges.map((r) => r.text).sort()).toEqual(control);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selecting a highlighted paragraph gives exactly its text, and the DOM is the served HTML', async () => {
    const page = await open('news.html');
    const inParagraph = (await paintedRanges(page)).filter((r) => r.ids.includes('copy-me')).map((r) => r.text);
    expect(inParagraph.sort()).toEqual(['China', 'Donetsk', 'Kremlin', 'Kyiv', 'Putin', 'Russia', 'Xi Jinping']);
    const selected = await page.evaluate(() => {
      const p = document.getElementById('copy-me')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      const s = getSelection()!;
      s.removeAllRanges();
      s.addRange(range);
      return { selection: s.toString(), text: p.textContent };
    });
    expect(selected.selection).toBe(COPY_ME);
    expect(selected.text).toBe(COPY_ME);

    if (kind === 'chromium') {
      // A real copy, read back from the clipboard.
      await suite.b.browser
        .defaultBrowserContext()
        .overridePermissions(suite.server.url, ['clipboard-read', 'clipboard-write']);
      await page.bringToFront();
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyC', { commands: ['copy'] });
      await page.keyboard.up('Control');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(COPY_ME);
    }

    // Nothing in the document differs from the HTML the server sent.
    const same = await page.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      const served = new DOMParser().parseFromString(html, 'text/html');
      return {
        head: served.head.innerHTML === document.head.innerHTML,
        body: served.body.innerHTML === document.body.innerHTML,
        text: served.body.textContent === document.body.textContent,
      };
    });
    expect(same).toEqual({ head: true, body: true, text: true });
    await page.close();
  });

  it('find-in-page finds as many occurrences as without the extension', async () => {
    const page = await open('news.html');
    const names = ['Putin', 'Xi Jinping', 'Moscow'];
    const withExtension = [];
    for (const name of names) withExtension.push(await findAll(page, name));
    await page.close();
    // The visible text of news.html holds 8 "Putin" (the title's is not on the page).
    expect(withExtension[0]).toBe(8);

    const plain = await launch(kind, { headless: true, extension: false });
    try {
      const other = await plain.browser.newPage();
      await other.setViewport({ width: 1280, height: 900 });
      await other.goto(suite.url('news.html'));
      const without = [];
      for (const name of names) without.push(await findAll(other, name));
      expect(withExtension).toEqual(without);
    } finally {
      await plain.close();
    }
  });
});
