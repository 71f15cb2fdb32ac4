/**
 * Language tags: what a page's `lang` attribute says, reduced to what matching compares.
 */

/** The primary language subtag of a `lang` attribute, lower case ("en-GB" -> "en"); '' if there is none. */
export function primaryLanguage(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : '';
}
