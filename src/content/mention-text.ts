/**
 * The text a mention was read as, for the card's "Written here as …". It is taken from the text
 * nodes the walker joined, never from `Range.toString()`, which would also take the text of
 * whatever lies between them; and it is quoted only while it is still the text that was matched
 * (the page may have changed it since), made fit to show (core/quotable.ts).
 */
import { quotable } from '../core/quotable';
import type { Mention } from './mention-store';

/**
 * A hash (32-bit FNV-1a, kept to 30 bits so that it stays a small integer in the mention) of
 * `text` from `from` to `to`: what the store keeps of a mention's text instead of the text itself.
 */
export function hashText(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

/** The text of the mention's own text nodes now (null if it no longer fits them). */
function readText(m: Mention): string | null {
  try {
    if (m.start === m.end) return m.start.substringData(m.startOffset, m.endOffset - m.startOffset);
    if (m.startOffset > m.start.length || m.endOffset > m.end.length) return null;
    const parts = [m.start.substringData(m.startOffset, m.start.length - m.startOffset)];
    for (const node of m.between ?? []) parts.push(node.data);
    parts.push(m.end.substringData(0, m.endOffset));
    return parts.join('');
  } catch {
    // An offset past the end of its node: the text changed under the mention.
    return null;
  }
}

/**
 * What a card may quote of the mention: its text as read, while the page still shows exactly that
 * (else null), without invisible or bidi characters and at most about 60 characters long.
 */
export function writtenText(m: Mention): string | null {
  if (!m.start.isConnected || !m.end.isConnected) return null;
  const text = readText(m);
  if (text === null || hashText(text, 0, text.length) !== m.hash) return null;
  return quotable(text) || null;
}
