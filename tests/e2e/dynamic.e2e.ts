/**
 * Pages that change after load: an infinite feed, text rewritten in place, a name whose meaning
 * depends on text that arrives later, and a client-side navigation. The pages run their own
 * scripts (served without a CSP).
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, paintedCount, rescanCount, sortedTexts, useSuite, waitForPainted, waitUntil } from './harness';

const FEED_ITEMS = 30;
const CITIES = ['Moscow', 'Beijing', 'Kyiv', 'Shanghai'];

describe.each(BROWSERS)('changing pages in %s', (kind) => {
  const suite = useSuite(kind);
  const open = suite.open;

  it('paints every item an infinite feed appends, and forgets an item the page removes', async () => {
    const { page, errors } = await open('infinite.html');
    await waitUntil(
      page,
      (n) => (window as unknown as { appended: number }).appended === n,
      { timeout: 15_000 },
      FEED_ITEMS,
    );
    // The heading's Moscow, then a person and a city per item.
    const ranges = await waitForPainted(
      page,
      (rs) => rs.length === 1 + 2 * FEED_ITEMS,
      `${1 + 2 * FEED_ITEMS} painted mentions`,
    );
    for (let i = 1; i <= FEED_ITEMS; i++) {
      const inItem = ranges
        .filter((r) => r.ids[0] === `item-${i}`)
        .map((r) => r.text)
        .sort();
      expect(inItem, `item ${i}`).toEqual([CITIES[i % CITIES.length], 'Vladimir Putin'].sort());
    }
    expect(await rescanCount(page)).toBeGreaterThan(0);

    await page.evaluate(() => (window as unknown as { removeItem(i: number): void }).removeItem(7));
    const after = await waitForPainted(
      page,
      (rs) => rs.length === 2 * FEED_ITEMS - 1,
      'the removed item’s mentions to go',
    );
    expect(after.filter((r) => r.ids.includes('item-7'))).toEqual([]);
    expect(after.every((r) => r.connected)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('repaints a text node whose text changes from Moscow to Beijing', async () => {
    const { page, errors } = await open('mutate.html');
    expect(await sortedTexts(page)).toEqual(['Moscow', 'Vladimir Putin']);
    const rescans = await rescanCount(page);
    const changedAt = await page.evaluate(() => {
      const at = performance.now();
      (window as unknown as { changeCity(): void }).changeCity();
      return at;
    });
    const ranges = await waitForPainted(
      page,
      (rs) => rs.some((r) => r.text === 'Beijing') && !rs.some((r) => r.text === 'Moscow'),
      'Beijing instead of Moscow',
    );
    expect(ranges.map((r) => r.text).sort()).toEqual(['Beijing', 'Vladimir Putin']);
    const beijing = ranges.find((r) => r.text === 'Beijing')!;
    expect(beijing.ids[0]).toBe('city');
    expect(beijing.name).toBe('contextual-highlights-place');
    // The incremental rescan is measured.
    await waitUntil(
      page,
      (n) => performance.getEntriesByName('contextual-highlights:rescan').length > n,
      { timeout: 5000 },
      rescans,
    );
    const measure = await page.evaluate(() => {
      const m = performance.getEntriesByName('contextual-highlights:rescan').at(-1);
      return m ? { type: m.entryType, start: m.startTime, end: m.startTime + m.duration } : null;
    });
    // The latest rescan is the one this change caused: it starts after the change, within the
    // batching delay and a frame or two, and takes a few milliseconds for one paragraph.
    expect(measure?.type).toBe('measure');
    expect(measure!.start).toBeGreaterThanOrEqual(changedAt);
    expect(measure!.start - changedAt).toBeLessThan(1000);
    expect(measure!.end - measure!.start).toBeLessThan(500);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('paints an earlier bare "Xi" once "President Xi Jinping" appears later', async () => {
    const { page, errors } = await open('context.html');
    // Alone, "Xi" is not enough to name anyone.
    expect(await paintedCount(page)).toBe(0);
    await page.evaluate(() => (window as unknown as { addLater(): void }).addLater());
    const ranges = await waitForPainted(page, (rs) => rs.length === 2, 'both mentions of Xi');
    expect(ranges.map((r) => [r.text, r.ids[0]]).sort()).toEqual([
      ['President Xi Jinping', 'second'],
      ['Xi', 'first'],
    ]);
    expect(ranges.every((r) => r.name === 'contextual-highlights-person')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('after a client-side navigation, paints the new content only', async () => {
    const { page, errors } = await open('spa.html');
    expect(await sortedTexts(page)).toEqual(['Crimea', 'Kremlin', 'Moscow', 'Putin', 'Russia', 'Vladimir Putin']);
    await page.evaluate(() => (window as unknown as { go(): void }).go());
    expect(await page.evaluate(() => location.pathname)).toBe('/spa/second');
    // The site's header stays; the article is the new one's.
    const expected = ['Angela Merkel', 'Kyiv', 'Kyiv', 'Merkel', 'Russia'];
    const ranges = await waitForPainted(
      page,
      (rs) => JSON.stringify(rs.map((r) => r.text).sort()) === JSON.stringify(expected),
      'the second page’s mentions only',
    );
    expect(ranges.every((r) => r.connected && (r.ids.includes('app') || r.ids.includes('site')))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
