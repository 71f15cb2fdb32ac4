/**
 * Splitting prose into sentences without breaking at abbreviations and initials ("Mr. Putin",
 * "the U.S. and the EU", "Prof. S. Luzyanin", "Co. (CRAIC)"): for the validator's 2–4 sentence rule and for the
 * card's one-line summary.
 */

const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Jr|Sr|Co|Corp|Inc|Ltd|vs|etc|No|approx|ca|e\.g|i\.e)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$/;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let current = '';
  for (const part of text.trim().split(/(?<=[.!?]["”’)]?)\s+/)) {
    if (!part) continue;
    current += (current ? ' ' : '') + part;
    if (!ABBREVIATION.test(current)) {
      sentences.push(current);
      current = '';
    }
  }
  if (current) sentences.push(current);
  return sentences;
}
