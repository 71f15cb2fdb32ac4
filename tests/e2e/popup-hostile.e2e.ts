/**
 * The popup with what a page or the reader can make long (security review F16, its t-popup.ts): a
 * host name of 253 characters, the longest there is, and a search of 10,000 characters. The popup
 * stays 360 px wide: the site's switch wraps the name, the results' heading cuts the search.
 * The long host resolves to the test server (Chromium: a host resolver rule; Firefox: its list of
 * local domains).
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSERS, openPopup, useSuite, waitReady, waitUntil } from './harness';

/** 253 characters in labels of at most 63 (like the review's t-popup.ts host). */
const LONG = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(53)}.example`;

/** How far the popup's content reaches past its 360 px, and where the site's switch ends. */
function overflow(popup: Page): Promise<{ body: number; scroll: number; label: number; heading: number }> {
  return popup.evaluate(() => ({
    body: document.body.clientWidth,
    scroll: document.body.scrollWidth,
    label: Math.ceil(document.getElementById('site-label')!.getBoundingClientRect().right),
    heading: Math.ceil(document.getElementById('results-heading')!.getBoundingClientRect().right),
  }));
}

describe.each(BROWSERS)('the popup with long names in %s', (kind) => {
  const suite = useSuite(kind, {
    browser:
      kind === 'chromium'
        ? { args: [`--host-resolver-rules=MAP ${LONG} 127.0.0.1`] }
        : { firefoxPrefs: { 'network.dns.localDomains': LONG } },
  });

  it('keeps a 253-character host and a 10,000-character search inside its 360 px', async () => {
    expect(LONG).toHaveLength(253);
    const page = await suite.b.browser.newPage();
    await page.goto(suite.url('news.html').replace('127.0.0.1', LONG));
    await waitReady(page);
    const popup = await openPopup(suite.b, page);
    await waitUntil(popup, (host) => document.getElementById('site-label')!.textContent!.includes(host), {}, LONG);
    const site = await overflow(popup);
    expect(site.body).toBe(360);
    expect(site.scroll).toBeLessThanOrEqual(site.body);
    expect(site.label).toBeLessThanOrEqual(site.body);

    const query = 'Putin '.repeat(1700).slice(0, 10_000);
    await popup.$eval(
      '#search',
      (input, q) => {
        (input as HTMLInputElement).value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      query,
    );
    await waitUntil(popup, () => document.getElementById('results-heading')!.textContent !== '');
    const heading = await popup.$eval('#results-heading', (e) => e.textContent!);
    expect(heading.startsWith('Matches for “Putin Putin')).toBe(true);
    expect(heading.endsWith('…”')).toBe(true);
    expect([...heading].length).toBeLessThan(80);
    const searched = await overflow(popup);
    expect(searched.scroll).toBeLessThanOrEqual(searched.body);
    expect(searched.heading).toBeLessThanOrEqual(searched.body);
    // The search itself is kept whole in the box.
    expect(await popup.$eval('#search', (e) => (e as HTMLInputElement).value.length)).toBe(10_000);
  });
});
