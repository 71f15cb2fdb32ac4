/**
 * Page-level matching options read from the document.
 */

/** German pages take the genitive -s on names ("Putins", "Chinas"); decided by the page's lang attribute. */
export function pageTakesGenitive(doc: Document): boolean {
  const lang = (doc.documentElement.getAttribute('lang') || doc.body?.getAttribute('lang') || '').toLowerCase();
  return lang === 'de' || lang.startsWith('de-');
}
