/**
 * Page-level matching options read from the document.
 */
import type { PageOptions } from '../../core/find-mentions';

/** The matching options of a page, from its lang attribute (German pages take the genitive -s: "Putins"). */
export function pageOptions(doc: Document): PageOptions {
  const lang = (doc.documentElement.getAttribute('lang') || doc.body?.getAttribute('lang') || '').toLowerCase();
  return { genitive: lang === 'de' || lang.startsWith('de-') };
}
