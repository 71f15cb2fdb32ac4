/**
 * Text a page hides inside a name (security review of 2026-12-07, F3): "Vladimir
 * <script type="text/plain">[SECURITY NOTICE…]</script>Putin", a hidden <textarea> between "Xi" and
 * "Jinping". A name ends at such an element, so no painted or focused range holds the hidden text,
 * and the card's "Written here as …" quotes only the text that was read, without bidi controls.
 * The card's text is read in its frame, painting and focus from the page, in both browsers.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, cardText, focusedText, pollUntil, useSuite, waitForPainted, type PaintedRange } from './harness';

/** The painted texts per paragraph id. */
function byParagraph(ranges: PaintedRange[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of ranges) (out[r.ids.at(-1) ?? ''] ??= []).push(r.text);
  return out;
}

/** Every painted or focused range (ours) that holds an element whose text is never scanned. */
function rangesAroundExcluded(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const excluded = [...document.body.querySelectorAll('script, textarea, input, select, style, template, noscript')];
    const found: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (!name.startsWith('contextual-highlights-')) return;
      h.forEach((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        for (const el of excluded) if (range.intersectsNode(el)) found.push(`${range.toString()} ⊃ <${el.localName}>`);
      });
    });
    return found;
  });
}

/** The middle of the first two characters of `text` inside #id's text, scrolled into view. */
function pointOn(page: Page, id: string, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    (id, text) => {
      const p = document.getElementById(id)!;
      p.scrollIntoView({ block: 'center' });
      for (const node of p.childNodes) {
        const at = node.nodeType === 3 ? (node as Text).data.indexOf(text) : -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 2);
        const box = range.getClientRects()[0]!;
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      throw new Error(`no "${text}" in #${id}`);
    },
    id,
    text,
  );
}

describe.each(BROWSERS)('text hidden inside names in %s', (kind) => {
  const suite = useSuite(kind);
  let page: Page;

  beforeAll(async () => {
    ({ page } = await suite.open('hidden-in-names.html'));
  });

  /** Hovers the mention at `text` in #id until its card opens; returns the focused mention's text. */
  async function hover(id: string, text: string): Promise<string> {
    await page.mouse.move(5, 5);
    await pollUntil(
      () => focusedText(page),
      (t) => t === null,
      (t) => `the card for "${t}" did not close`,
    );
    const at = await pointOn(page, id, text);
    await page.mouse.move(at.x - 2, at.y);
    await page.mouse.move(at.x, at.y, { steps: 2 });
    const focused = await pollUntil(
      () => focusedText(page),
      (t) => t !== null,
      () => `no card opened over "${text}" in #${id}`,
    );
    return focused!;
  }

  it('paints a name up to the hidden element, never across it', async () => {
    const ranges = await waitForPainted(page, (rs) => rs.some((r) => r.ids.includes('p6')), 'the mention in #p6');
    expect(ranges.filter((r) => /NOTICE|INJECTED/.test(r.text)).map((r) => r.text)).toEqual([]);
    expect(byParagraph(ranges)).toEqual({
      p1: ['Vladimir Putin', 'Xi Jinping', 'Shanghai'],
      p4: ['Putin'],
      p5: ['Xi'],
      p6: ['Ki\u202eev'],
    });
    expect(await rangesAroundExcluded(page)).toEqual([]);
  });

  it('focuses and quotes only what was read', async () => {
    expect(await hover('p4', 'Putin')).toBe('Putin');
    expect(await rangesAroundExcluded(page)).toEqual([]);
    let card = await cardText(page);
    expect(card).toContain('Vladimir Putin');
    expect(card).not.toMatch(/NOTICE|555-0100/);

    expect(await hover('p6', 'Ki')).toBe('Ki\u202eev');
    card = await cardText(page);
    expect(card).toContain('Written here as “Kiev”');
    expect(card).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
