/**
 * Page-level matching options read from the document.
 */
import type { PageOptions } from '../../core/find-mentions';
import { primaryLanguage } from '../../core/language';

/**
 * The matching options of a page: its language, the primary subtag of `<html lang>` (else
 * `<body lang>`), '' when neither says. Language-bound aliases ("Krim", "Kreml") match only on
 * pages in their language, and German pages take the genitive -s ("Putins").
 */
export function pageOptions(doc: Document): PageOptions {
  const tag = doc.documentElement.getAttribute('lang') || doc.body?.getAttribute('lang') || '';
  return { lang: primaryLanguage(tag) };
}
