/**
 * What is scanned and painted: open shadow roots (attached while loading, on load and later),
 * same-origin and srcdoc frames, text hidden with CSS (counted), and never the contents of
 * editable regions, form fields, scripts, styles, noscript, templates or titles.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from 'puppeteer-core';
import {
  BROWSERS,
  paintedCount,
  paintedRanges,
  runCommand,
  sortedTexts,
  useSuite,
  waitForPainted,
  waitReady,
} from './harness';

describe.each(BROWSERS)('what is painted in %s', (kind) => {
  const suite = useSuite(kind);
  const open = suite.open;

  it('paints inside open shadow roots attached while loading, on load and later', async () => {
    const { page, errors } = await open('shadow.html');
    const inHost = (host: string) => (rs: Awaited<ReturnType<typeof paintedRanges>>) =>
      rs
        .filter((r) => r.shadowHost === host)
        .map((r) => r.text)
        .sort();
    let ranges = await waitForPainted(
      page,
      (rs) => rs.some((r) => r.shadowHost === 'host-onload'),
      'the shadow root added on load',
    );
    expect(ranges.filter((r) => r.shadowHost === null).map((r) => r.text)).toEqual(['Moscow']);
    expect(inHost('host-early')(ranges)).toEqual(['Vladimir Putin']);
    expect(inHost('host-onload')(ranges)).toEqual(['Xi Jinping']);

    // A component added after the first scan.
    await page.evaluate(() =>
      (window as unknown as { addCard(id: string, text: string): void }).addCard(
        'host-late',
        'Angela Merkel met Gazprom in Kyiv.',
      ),
    );
    ranges = await waitForPainted(page, (rs) => inHost('host-late')(rs).length === 3, 'the late shadow root');
    expect(inHost('host-late')(ranges)).toEqual(['Angela Merkel', 'Gazprom', 'Kyiv']);

    // New text inside a shadow root that was already scanned.
    await page.evaluate(() =>
      (window as unknown as { addInsideEarly(text: string): void }).addInsideEarly('The Kremlin answered.'),
    );
    ranges = await waitForPainted(
      page,
      (rs) => inHost('host-early')(rs).length === 2,
      'text added inside the early shadow root',
    );
    expect(inHost('host-early')(ranges)).toEqual(['Kremlin', 'Vladimir Putin']);
    expect(ranges.every((r) => r.connected)).toBe(true);
    // ::highlight() rules are scoped to their tree: each shadow root carries the extension's sheet.
    const sheets = await page.evaluate(() =>
      ['host-early', 'host-onload', 'host-late'].map(
        (id) => document.getElementById(id)!.shadowRoot!.adoptedStyleSheets.length,
      ),
    );
    expect(sheets).toEqual([1, 1, 1]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('paints inside the open shadow root of a component upgraded after the first scan', async () => {
    const { page, errors } = await open('shadow.html');
    expect(await page.evaluate(() => document.getElementById('host-upgraded')!.shadowRoot)).toBeNull();
    await page.evaluate(() => (window as unknown as { defineWidget(): void }).defineWidget());
    expect(await page.evaluate(() => document.getElementById('host-upgraded')!.shadowRoot !== null)).toBe(true);
    const ranges = await waitForPainted(
      page,
      (rs) => rs.some((r) => r.shadowHost === 'host-upgraded'),
      'the upgraded component’s shadow root',
      5000,
    );
    expect(ranges.filter((r) => r.shadowHost === 'host-upgraded').map((r) => r.text)).toEqual(['Dmitry Rogozin']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('paints inside a same-origin frame and a srcdoc frame', async () => {
    const { page, errors } = await open('frames.html');
    expect(await sortedTexts(page)).toEqual(['Moscow']);
    const child = (await (await page.$('#same'))!.contentFrame()) as Frame;
    const inline = (await (await page.$('#inline'))!.contentFrame()) as Frame;
    expect(child.url()).toBe(suite.url('frame-child.html'));

    await waitReady(child);
    const inChild = await paintedRanges(child);
    expect(inChild.map((r) => r.text).sort()).toEqual(['Gazprom', 'Vladimir Putin']);
    expect(inChild.every((r) => r.ids[0] === 'child-p')).toBe(true);

    await waitReady(inline);
    const inSrcdoc = await paintedRanges(inline);
    expect(inSrcdoc.map((r) => r.text).sort()).toEqual(['Angela Merkel', 'Shanghai', 'Xi Jinping']);
    expect(inSrcdoc.every((r) => r.ids[0] === 'srcdoc-p')).toBe(true);

    // The toggle command hides the highlights of the whole page, its frames too, and shows them again.
    const counts = (): Promise<number[]> => Promise.all([page, child, inline].map((t) => paintedCount(t)));
    expect(await runCommand(suite.b, page, 'toggle-highlights')).toBe(true);
    await expect.poll(counts, { timeout: 5000 }).toEqual([0, 0, 0]);
    expect(await runCommand(suite.b, page, 'toggle-highlights')).toBe(true);
    await expect.poll(counts, { timeout: 10_000 }).toEqual([1, 2, 3]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts text hidden with CSS without breaking', async () => {
    const { page, errors } = await open('excluded.html');
    const ranges = await paintedRanges(page);
    const hidden = ranges.filter((r) => r.ids.includes('hidden-css') || r.ids.includes('hidden-attr'));
    expect(hidden.map((r) => r.text).sort()).toEqual(['CNPC', 'Gazprom', 'Kremlin']);
    // They really are hidden: no boxes.
    const boxes = await page.evaluate(() =>
      ['hidden-css', 'hidden-attr'].map((id) => document.getElementById(id)!.getClientRects().length),
    );
    expect(boxes).toEqual([0, 0]);
    // Showing the hidden text keeps its highlights valid.
    await page.evaluate(() => {
      document.getElementById('hidden-css')!.style.display = 'block';
      document.getElementById('hidden-attr')!.hidden = false;
    });
    const shown = await waitForPainted(
      page,
      (rs) => rs.filter((r) => r.ids.includes('hidden-css') || r.ids.includes('hidden-attr')).length === 3,
      'the formerly hidden mentions',
    );
    expect(shown.every((r) => r.connected)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('never paints form fields, scripts, styles, noscript, templates or titles', async () => {
    const { page } = await open('excluded.html');
    const ranges = await paintedRanges(page);
    const excluded = [
      'textarea',
      'script',
      'style',
      'noscript',
      'template',
      'title',
      'select',
      'option',
      'input',
      'head',
    ];
    expect(ranges.filter((r) => r.ancestors.some((a) => excluded.includes(a)))).toEqual([]);
    const outsideEditable = ranges.filter((r) => !r.ids.some((id) => id.startsWith('ce')));
    expect(outsideEditable.map((r) => `${r.ids[0]}:${r.text}`).sort()).toEqual([
      'control:Beijing',
      'control:Vladimir Putin',
      'hidden-attr:Kremlin',
      'hidden-css:CNPC',
      'hidden-css:Gazprom',
      'tail:Izvestia',
      'tail:Moscow',
    ]);
    await page.close();
  });

  it('never paints inside contenteditable regions', async () => {
    const { page } = await open('excluded.html');
    const ranges = await paintedRanges(page);
    expect(
      ranges
        .filter((r) => r.ids.some((id) => id.startsWith('ce')))
        .map((r) => `${r.ids.find((id) => id.startsWith('ce'))}:${r.text}`),
    ).toEqual([]);
    await page.close();
  });
});
