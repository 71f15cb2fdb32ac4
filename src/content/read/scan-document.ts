/**
 * One synchronous scan of a whole document, as the scan command and the evaluation do it: the
 * same units, matcher and page-wide rules as the content script, without slicing or painting.
 */
import { findHits } from '../../core/find-mentions';
import { RecordKind, type Matcher } from '../../core/matcher-data';
import { PageEvidence } from '../../core/page-evidence';
import { pageOptions } from './page-language';
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

export function scanDocument(doc: Document, m: Matcher): DocumentScan {
  const body = doc.body;
  if (!body) return { text: '', mentions: [], counts: {} };
  const page = pageOptions(doc);
  const evidence = new PageEvidence(m);
  const found: { record: number; start: number; end: number }[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const unit of readUnits(body)) {
    // The parts of a huge text node join up again: each adds the text it owns, without a separator.
    const [from, to] = unit.part?.own ?? [0, unit.text.length];
    if (parts.length > 0 && !(unit.part && unit.part.index > 0)) offset += 1;
    for (const hit of findHits(m, unit.text, { ...page, soft: unit.starts })) {
      if (hit.start < from || hit.start >= to) continue;
      evidence.update(hit.record, 1);
      found.push({ record: hit.record, start: offset + hit.start - from, end: offset + hit.end - from });
    }
    parts.push(`${parts.length > 0 && !(unit.part && unit.part.index > 0) ? '\n' : ''}${unit.text.slice(from, to)}`);
    offset += to - from;
  }
  const text = parts.join('');
  const mentions: ScannedMention[] = [];
  const counts: Record<string, number> = {};
  for (const f of found) {
    const rec = m.records[f.record]!;
    if (rec.kind !== RecordKind.Mention || !evidence.shows(f.record)) continue;
    const entity = m.entities[rec.entity]!.id;
    mentions.push({ entity, text: text.slice(f.start, f.end), start: f.start, end: f.end });
    counts[entity] = (counts[entity] ?? 0) + 1;
  }
  return { text, mentions, counts };
}
