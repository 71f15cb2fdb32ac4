/**
 * Gathers what a page says of its own publication date (core/page-date.ts chooses): meta tags,
 * JSON-LD, microdata and the `<time>` of the article's header. Read once, when a card first needs
 * it; never throws on a page's malformed data.
 */
import { choosePageDate, type PageDateCandidate } from '../../core/page-date';

const OG = ['article:published_time', 'og:article:published_time'];
const META = [
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'dc.date.issued',
  'dc.date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'datepublished',
];
/** JSON-LD types whose datePublished is the page's. */
const ARTICLE_TYPES = /(Article|BlogPosting|Report|WebPage|LiveBlogPosting)$/;
/** More JSON-LD than this is not read (a page can put anything in a script). */
const MAX_JSON = 500_000;

function metaContent(doc: Document, names: string[]): string[] {
  const out: string[] = [];
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const key = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('itemprop') ??
      ''
    ).toLowerCase();
    if (names.includes(key)) out.push(meta.getAttribute('content') ?? '');
  }
  return out;
}

/** datePublished of the article objects in a JSON-LD value (a graph, a list or one object). */
function jsonLdDates(value: unknown, out: string[], depth = 0): void {
  if (depth > 4 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) jsonLdDates(v, out, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
  if (type.some((t) => ARTICLE_TYPES.test(t)) && typeof o.datePublished === 'string') out.push(o.datePublished);
  if (o['@graph'] !== undefined) jsonLdDates(o['@graph'], out, depth + 1);
}

/** Everything the page says of its publication date, with where it said it. */
export function pageDateCandidates(doc: Document): PageDateCandidate[] {
  const found: PageDateCandidate[] = [];
  for (const value of metaContent(doc, OG)) found.push({ source: 'og', value });
  let jsonBytes = 0;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    jsonBytes += text.length;
    if (jsonBytes > MAX_JSON) break;
    try {
      const dates: string[] = [];
      jsonLdDates(JSON.parse(text), dates);
      for (const value of dates) found.push({ source: 'json-ld', value });
    } catch {
      // Malformed data of the page's: not a date.
    }
  }
  for (const el of doc.querySelectorAll('[itemprop="datePublished"]')) {
    const value = el.getAttribute('content') ?? el.getAttribute('datetime');
    if (value) found.push({ source: 'microdata', value });
  }
  for (const time of doc.querySelectorAll('article time[datetime], header time[datetime], time[pubdate][datetime]')) {
    const marked =
      time.hasAttribute('pubdate') || /publish/i.test(`${time.className} ${time.getAttribute('itemprop') ?? ''}`);
    // In an article's header, the first <time> is its date; elsewhere only one marked as the publication.
    const inHeader =
      time.closest('header') !== null && time.closest('header')!.querySelector('time[datetime]') === time;
    if (marked || inHeader) found.push({ source: 'time', value: time.getAttribute('datetime')! });
  }
  for (const value of metaContent(doc, META)) found.push({ source: 'meta', value });
  return found;
}

/** The page's publication date (YYYY-MM-DD or YYYY-MM), or null when it does not say. */
export function readPageDate(doc: Document, today = new Date().toISOString().slice(0, 10)): string | null {
  try {
    return choosePageDate(pageDateCandidates(doc), today);
  } catch {
    return null;
  }
}
