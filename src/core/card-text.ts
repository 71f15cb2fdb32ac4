/**
 * How card text is worded from the dataset's fields: dates in words, one-line summaries.
 */
import { splitSentences } from './sentences';

/** "2014-05" -> "May 2014" */
export function formatMonth(date: string): string {
  const [y, m] = date.split('-');
  if (!m) return y ?? date;
  const month = new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${month} ${y}`;
}

/** The first sentence of a summary (the card's one-line summary). */
export function firstSentence(text: string): string {
  return splitSentences(text)[0] ?? text.trim();
}
