/**
 * One synchronous scan of a whole document, as the scan command and the evaluation do it: the
 * same units, matcher, mention store and context rules as the content script (what is named near
 * a mention is read from the same DOM), without slicing or painting.
 */
import { findHits } from '../../core/find-mentions';
import { RecordKind, type Matcher } from '../../core/matcher-data';
import { MentionStore, type Mention, type NodeSpan } from '../mention-store';
import { pageOptions } from './page-language';
import { spanOfHit } from './scanner';
import { readUnits } from './text-walker';

export interface ScannedMention {
  entity: string;
  text: string;
  /** UTF-16 offsets into the scanned text (units joined in order, separated by "\n"). */
  start: number;
  end: number;
}

export interface DocumentScan {
  /** The scanned text: every unit, in document order, separated by newlines. */
  text: string;
  mentions: ScannedMention[];
  counts: Record<string, number>;
}

/** Nothing is painted here: only whether a mention is shown matters. */
const NO_PAINT = { show: (): void => {}, hide: (): void => {} };

export function scanDocument(doc: Document, m: Matcher): DocumentScan {
  const body = doc.body;
  if (!body) return { text: '', mentions: [], counts: {} };
  const page = pageOptions(doc);
  const store = new MentionStore(m, NO_PAINT);
  const found: { mention: Mention; start: number; end: number }[] = [];
  const parts: string[] = [];
  const span: NodeSpan = { first: 0, last: 0, startOffset: 0, endOffset: 0, hash: 0 };
  let offset = 0;
  for (const unit of readUnits(body)) {
    // The parts of a huge text node join up again: each adds the text it owns, without a separator.
    const [from, to] = unit.part?.own ?? [0, unit.text.length];
    if (parts.length > 0 && !(unit.part && unit.part.index > 0)) offset += 1;
    span.first = 0;
    for (const hit of findHits(m, unit.text, { ...page, soft: unit.starts })) {
      if (hit.start < from || hit.start >= to) continue;
      // The text nodes the hit starts and ends in, as the content script's scanner maps them.
      const mention = store.add(hit.record, unit.nodes, unit.block, spanOfHit(unit, hit, span, span.first), hit.alt);
      if (m.records[hit.record]!.kind === RecordKind.Mention) {
        found.push({ mention, start: offset + hit.start - from, end: offset + hit.end - from });
      }
    }
    parts.push(`${parts.length > 0 && !(unit.part && unit.part.index > 0) ? '\n' : ''}${unit.text.slice(from, to)}`);
    offset += to - from;
  }
  store.settle();
  const text = parts.join('');
  const mentions: ScannedMention[] = [];
  const counts: Record<string, number> = {};
  for (const f of found) {
    if (!f.mention.shown) continue;
    const entity = m.entities[f.mention.entity]!.id;
    mentions.push({ entity, text: text.slice(f.start, f.end), start: f.start, end: f.end });
    counts[entity] = (counts[entity] ?? 0) + 1;
  }
  return { text, mentions, counts };
}
