/**
 * The two links a card may offer, checked where they are shown (defence in depth: the Wikipedia
 * address is also checked when the dataset is built): an article of a Wikipedia language edition,
 * and the page's own link, named by its host alone (its text is the page's, and may say anything).
 */

import { quotable } from './quotable';

/** Any language edition of Wikipedia (English where an article exists; another where only it does). */
export const WIKIPEDIA_HOST = /^[a-z]{2,3}(?:-[a-z]+)?\.wikipedia\.org$/;

function parse(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

/** Whether `href` is an https article of a Wikipedia language edition (…wikipedia.org/wiki/…). */
export function isWikipediaArticle(href: string): boolean {
  const url = parse(href);
  return (
    url !== null &&
    !/\s/.test(href) &&
    url.protocol === 'https:' &&
    WIKIPEDIA_HOST.test(url.hostname) &&
    url.pathname.startsWith('/wiki/') &&
    url.pathname.length > '/wiki/'.length
  );
}

/**
 * The host a web address (http or https) leads to, as the card names it (IDNs in their ASCII form,
 * so that one name cannot pass for another; as any page text we quote, without bidi or invisible
 * characters and of a bounded length), or null for any other address.
 */
export function webHost(href: string): string | null {
  const url = parse(href);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  const host = quotable(url.hostname);
  return host.length > 0 ? host : null;
}

/**
 * Whether two addresses are the same article: the same host (a leading "www." aside), the same
 * path (a trailing slash aside); scheme, query and fragment do not count. The card says "In this
 * article" on the story's own page only, and names the report everywhere else.
 */
export function sameArticle(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y || !/^https?:$/.test(x.protocol) || !/^https?:$/.test(y.protocol)) return false;
  const host = (u: URL): string => u.hostname.replace(/^www\./, '');
  const path = (u: URL): string => u.pathname.replace(/\/+$/, '');
  return host(x) === host(y) && path(x) === path(y);
}
