/**
 * The context rules (page-evidence.ts) on a page given as plain text: a list of blocks, each a
 * paragraph of its own (the validator's article, one paragraph a line; the matcher's table tests).
 * The mention store reads the same neighbourhood from the DOM (src/content/nearby.ts); both count
 * words with `countWords`.
 */
import type { Hit } from './find-mentions';
import { LOCAL_WORDS, NEAR_WORDS, PageEvidence } from './page-evidence';
import type { Matcher } from './matcher-data';
import { Kind, kindOf } from './normalize';

/**
 * Words that start in text[from, to): runs of letters and digits (invisible characters inside a
 * word do not split it), and every Han or kana character, which stand without spaces. A word cut
 * at `from` counts as starting there.
 */
export function countWords(text: string, from: number, to: number, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to && n <= limit; i++) {
    const k = kindOf(text.charCodeAt(i));
    if (k === Kind.Deleted) continue;
    if (k === Kind.Word) {
      if (!inWord) n++;
      inWord = true;
    } else {
      if (k === Kind.Cjk) n++;
      inWord = false;
    }
  }
  return n;
}

export interface TextBlock {
  text: string;
  hits: readonly Hit[];
}

/**
 * Which record each hit is shown as, per block (-1: not shown): its record decided with the
 * page-wide evidence and, where that is not enough, with what is named near it; if that fails, its
 * alternative (Hit.alt) decided the same way. Blocks are separate paragraphs (a hit's block is
 * local to it); words are counted across blocks for what is near.
 */
export function decideTextPage(m: Matcher, blocks: readonly TextBlock[]): number[][] {
  const evidence = new PageEvidence(m);
  for (const b of blocks) for (const h of b.hits) evidence.update(h.record, 1);
  // The position of each hit's start and end as a word index on the whole page.
  let before = 0;
  const placed = blocks.map((b) => {
    const at = (offset: number): number => before + countWords(b.text, 0, offset);
    const out = b.hits.map((h) => ({ hit: h, from: at(h.start), to: at(h.end) }));
    before += countWords(b.text, 0, b.text.length);
    return out;
  });
  const local = new Set<number>();
  const near = new Set<number>();
  return placed.map((hits, bi) =>
    hits.map(({ hit, from, to }) => {
      let read = false;
      const shows = (record: number): boolean => {
        const answer = evidence.onPage(record);
        if (answer !== undefined) return answer;
        if (!read) {
          read = true;
          local.clear();
          near.clear();
          placed.forEach((other, oi) => {
            for (const o of other) {
              if (o.hit === hit || !evidence.isEvidence(o.hit.record)) continue;
              const words = o.from >= to ? o.from - to : from >= o.to ? from - o.to : 0;
              const entity = m.records[o.hit.record]!.entity;
              if (oi === bi && words <= LOCAL_WORDS) local.add(entity);
              if (words <= NEAR_WORDS) near.add(entity);
            }
          });
        }
        return evidence.decide(record, { local, near });
      };
      if (shows(hit.record)) return hit.record;
      return hit.alt >= 0 && shows(hit.alt) ? hit.alt : -1;
    }),
  );
}
