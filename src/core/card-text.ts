/**
 * How card text is worded from the dataset's fields: dates in words, one-line summaries.
 */
import { splitSentences } from './sentences';

/**
 * "2014-05" -> "May 2014" (in `locale`; "Mai 2014" in German; "Oct 2025" `short`); a year alone
 * stays as it is.
 */
export function formatMonth(date: string, locale = 'en-GB', month: 'long' | 'short' = 'long'): string {
  const [y, m] = date.split('-');
  if (!m) return y ?? date;
  return new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleDateString(locale, {
    month,
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "2014-05-19" -> "19 May 2014" ("19. Mai 2014" in German), "2014-05" -> "May 2014", "2014" -> "2014". */
export function formatDate(date: string, locale = 'en-GB'): string {
  const [y, m, d] = date.split('-');
  if (!m || !d) return formatMonth(date, locale);
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toLocaleDateString(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The first sentence of a summary (the card's one-line summary). */
export function firstSentence(text: string): string {
  return splitSentences(text)[0] ?? text.trim();
}

/**
 * Straight quotes and hyphens as a typesetter would write them: ‘single’ and “double” quotes,
 * apostrophes (Russia’s), an en dash for spaced hyphens and year ranges (2000–2008).
 */
export function typographic(text: string): string {
  return text
    .replace(/(^|[\s([{\u2014\u2013-])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/(^|[\s([{\u2014\u2013-])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/ -{1,2} /g, ' \u2013 ')
    .replace(/\b(\d{4})-(\d{2,4})\b/g, '$1\u2013$2');
}
