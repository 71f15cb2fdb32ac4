/**
 * Page text made fit to quote inside our own interface (the card's "Written here as …"). The page
 * chooses that text, so it must not be able to reorder what is around the quote (bidi controls),
 * hide words in it (zero-width and other invisible characters) or fill the card with it.
 */

/**
 * The longest quote, in characters (code points); a longer text is cut and ends with "…". Above
 * the longest name of the dataset (66 characters, "Conference on Interaction and Confidence
 * Building Measures in Asia"; a unit test keeps every alias within it), so only padding is cut.
 */
export const QUOTE_MAX = 80;

/**
 * Control characters other than whitespace, format characters (bidi embeddings, overrides and
 * isolates, marks, zero-width characters, the soft hyphen), lone surrogates, and every other
 * default-ignorable code point (fillers, variation selectors, tags): drawn as nothing, or as
 * something other than text.
 */
const INVISIBLE = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * The text as it can be quoted: invisible characters removed, each run of whitespace one space,
 * trimmed, and at most `max` characters (code points, so a surrogate pair is never split).
 */
export function quotable(text: string, max = QUOTE_MAX): string {
  const clean = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  // Code points are counted only when the UTF-16 length could exceed the cap (names are short).
  if (clean.length <= max) return clean;
  const points = Array.from(clean);
  if (points.length <= max) return clean;
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
