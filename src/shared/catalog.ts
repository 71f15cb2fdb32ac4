/**
 * Catalogs of interface text: each part of the extension has one, with English (the source) and
 * German, typed to have exactly the keys English has; a message may take substitutions `$1`…`$9`.
 * The build writes them all into `_locales/<locale>/messages.json` for the browser's i18n API.
 * Pure data and functions: the build imports it in Node.
 */

/**
 * One part's messages: English, the same keys in German, and in French and Russian where the part
 * has them (a key missing in a locale falls back to English: the browsers take the default
 * locale's message; tests/unit/i18n.test.ts says which catalogs must be complete).
 */
export interface Catalog<K extends string> {
  en: Record<K, string>;
  de: Record<K, string>;
  fr?: Record<K, string>;
  ru?: Record<K, string>;
}

/** A catalog whose other locales have exactly the keys of its English (the compiler checks both ways). */
export function catalog<K extends string>(messages: {
  en: Record<K, string>;
  de: Record<NoInfer<K>, string>;
  fr?: Record<NoInfer<K>, string>;
  ru?: Record<NoInfer<K>, string>;
}): Catalog<K> {
  return messages;
}

export const LOCALES = ['en', 'de', 'fr', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** `_locales/<locale>/messages.json` for a locale, from every catalog (the build writes these). */
export function messagesJson(
  locale: Locale,
  catalogs: readonly Catalog<string>[],
): Record<string, { message: string }> {
  const out: Record<string, { message: string }> = {};
  for (const catalog of catalogs) {
    for (const [key, message] of Object.entries(catalog[locale] ?? {})) {
      if (key in out) throw new Error(`message "${key}" is defined twice`);
      out[key] = { message };
    }
  }
  return out;
}
