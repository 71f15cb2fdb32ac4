// @vitest-environment jsdom
/**
 * The reading page's own date (core/page-date.ts chooses, content/read/page-date.ts gathers): on
 * the corpus pages whose dates are known, and on pages with conflicting, modified, future, partial
 * or missing dates.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { calendarDate, choosePageDate } from '../../src/core/page-date';
import { readPageDate } from '../../src/content/read/page-date';

const CORPUS = resolve(import.meta.dirname, '../fixtures/corpus/pages');
const TODAY = '2026-12-07';

function dateOf(html: string): string | null {
  return readPageDate(new JSDOM(html).window.document, TODAY);
}

describe('the page’s own date', () => {
  it.each([
    // JSON-LD datePublished 2019-11-20T06:07Z and the header's <time> 2019-11-20T01:07-05:00.
    ['cbs-impeachment-volker.html', '2019-11-20'],
    ['infobae-muratov-es.html', '2022-05-03'],
    ['pamela-yellow-vests.html', '2018-12-04'],
    // itemprop="datePublished" 2012; the related-article cards' <time>s of 2022 are not the page's.
    ['telegraph-plumber.html', '2012-04-17'],
    // article:published_time; its modified time and the comments' pubdate times are not it.
    ['trap-zulang-r-merkel-de.html', '2015-12-12'],
    ['trap-mirror-football-xi.html', '2020-05-09'],
    // No machine-readable date (the Times of India prints "Updated: Oct 9, 2019" as text only).
    ['toi-china-kashmir.html', null],
    ['cnn-intl-home-2014.html', null],
    ['jungle-world-imperialismus-de.html', null],
  ])('of %s is %s', (file, expected) => {
    expect(dateOf(readFileSync(resolve(CORPUS, file), 'utf8'))).toBe(expected);
  });

  it('prefers article:published_time, then JSON-LD, microdata, the header’s <time>, then other meta', () => {
    const page = (head: string, body = ''): string =>
      `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
    const og = '<meta property="article:published_time" content="2019-11-19T10:00:00Z">';
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-18"}</script>';
    const micro = '<meta itemprop="datePublished" content="2019-11-17">';
    const time = '<article><header><time datetime="2019-11-16">16 Nov</time></header></article>';
    const meta = '<meta name="date" content="2019-11-15">';
    expect(dateOf(page(meta + micro + ld + og, time))).toBe('2019-11-19');
    expect(dateOf(page(meta + micro + ld, time))).toBe('2019-11-18');
    expect(dateOf(page(meta + micro, time))).toBe('2019-11-17');
    expect(dateOf(page(meta, time))).toBe('2019-11-16');
    expect(dateOf(page(meta))).toBe('2019-11-15');
  });

  it('never takes a modified date, a date in the future, or a <time> that is not the article’s', () => {
    const page = `<!doctype html><html><head>
      <meta property="article:modified_time" content="2020-01-02">
      <script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2020-01-02","datePublished":"2031-01-01"}</script>
      </head><body><p>Posted <time datetime="2019-03-03">3 March</time></p><footer><time datetime="2019-04-04"></time></footer></body></html>`;
    expect(dateOf(page)).toBeNull();
  });

  it('takes the day over a month, the publisher’s calendar day over the reader’s zone, and survives bad data', () => {
    expect(
      dateOf(
        '<meta property="article:published_time" content="2019-11"><meta name="pubdate" content="2019-11-20T23:30:00-0500">',
      ),
    ).toBe('2019-11-20');
    expect(dateOf('<meta property="article:published_time" content="2019-11">')).toBe('2019-11');
    expect(dateOf('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>')).toBeNull();
    expect(
      dateOf(
        '<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":["NewsArticle"],"datePublished":"2014-05-19T00:00"}]}</script>',
      ),
    ).toBe('2014-05-19');
  });

  it('reads the date forms publishers write', () => {
    expect(calendarDate('2019-11-20T01:07:00-0500')).toBe('2019-11-20');
    expect(calendarDate('2019-02-30')).toBeNull();
    expect(calendarDate('2019-13')).toBeNull();
    expect(calendarDate('Tue, 19 Nov 2019 22:05:00 GMT')).toBe('2019-11-19');
    expect(calendarDate('November 19, 2019')).toBe('2019-11-19');
    expect(calendarDate('yesterday')).toBeNull();
    expect(choosePageDate([], TODAY)).toBeNull();
  });
});
