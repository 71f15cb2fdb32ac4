/**
 * The dataset as a fact-checker reads it: every statement of every entity with the day it
 * describes, its period and its sources (`npm run facts`), and the checks a reviewer would
 * otherwise do by hand (`npm run facts -- --check`): statements resting on an encyclopaedia alone,
 * sources older than the dated fact they support, and the same statement on two entities.
 */
import { isBefore } from '../../src/core/dataset-dates';
import type { Dataset, Source } from '../../src/core/dataset-types';
import type { DatasetError } from '../../src/core/dataset-validate';
import type { JsonPositions } from '../../src/core/json-positions';
import { foldText } from '../../src/core/normalize';

export type StatementKind = 'what' | 'why' | 'summary' | 'inArticle' | 'fact' | 'since' | 'relation';

/** One thing the dataset says, as a fact-checker checks it. */
export interface Statement {
  entity: string;
  /** Its index in `entities`, for its place in the file. */
  index: number;
  /** The field it is in: `why`, `facts[2]`, `sinceThen.items[0]`, `related[1]`. */
  field: string;
  kind: StatementKind;
  /** The day or month it describes: the article's day for the texts that describe it; none for a relation. */
  date: string | null;
  /** "article", "after" or "since"; none for a relation. */
  period: 'article' | 'after' | 'since' | null;
  text: string;
  /** What it rests on; a relation has none of its own (it restates what the statements source). */
  sources: Source[];
}

/** Every statement of every entity, in file order. */
export function statementsOf(dataset: Dataset): Statement[] {
  const out: Statement[] = [];
  const names = new Map(dataset.entities.map((e) => [e.id, e.names.en]));
  const day = dataset.article.date;
  dataset.entities.forEach((e, index) => {
    const at = { entity: e.id, index };
    for (const kind of ['what', 'why', 'summary', 'inArticle'] as const) {
      out.push({ ...at, field: kind, kind, date: day, period: 'article', text: e[kind], sources: e.sources });
    }
    e.facts.forEach((f, i) =>
      out.push({
        ...at,
        field: `facts[${i}]`,
        kind: 'fact',
        date: f.date,
        period: f.period,
        text: f.text,
        sources: f.sources,
      }),
    );
    e.sinceThen?.items.forEach((it, i) =>
      out.push({
        ...at,
        field: `sinceThen.items[${i}]`,
        kind: 'since',
        date: it.date,
        period: 'since',
        text: it.text,
        sources: it.sources,
      }),
    );
    e.related.forEach((r, i) => {
      const other = names.get(r.id) ?? r.id;
      const inverse = r.inverse ? `; ${other} — ${r.inverse} — ${e.names.en}` : '';
      out.push({
        ...at,
        field: `related[${i}]`,
        kind: 'relation',
        date: null,
        period: null,
        text: `${e.names.en} — ${r.label} — ${other}${inverse}`,
        sources: [],
      });
    });
  });
  return out;
}

/** Publishers that are encyclopaedias: acceptable beside a primary source, never alone. */
export const ENCYCLOPAEDIA = /wiki|britannica|encyclop|factmonster/i;

export type FindingKind = 'encyclopaedia-only' | 'source-before-fact' | 'duplicate';

export interface Finding {
  kind: FindingKind;
  statement: Statement;
  reason: string;
  /** For a duplicate a fact-checker has read and left (facts-reviewed.ts): why it stands. Not a problem. */
  stands?: string;
}

/** A reviewed pair: two "entity field" keys, and why they stand. */
export interface ReviewedPair {
  pair: readonly [string, string];
  why: string;
}

/** What two statements are compared by: their words, numbers and names. */
interface Shape {
  /** Folded words of three letters or more, and every number. */
  words: Set<string>;
  numbers: Set<string>;
  /** Capitalised words after the first: who or what the statement is about. */
  names: Set<string>;
}

function shape(text: string): Shape {
  const tokens = text
    .split(/[^\p{L}\p{N}.,%]+/u)
    .map((t) => t.replace(/[.,]+$/, ''))
    .filter(Boolean);
  const numbers = new Set(tokens.filter((t) => /^\d/.test(t)));
  const names = new Set(tokens.slice(1).filter((t) => /^\p{Lu}/u.test(t)));
  const words = new Set(
    foldText(text)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 || /^\d+$/.test(w)),
  );
  return { words, numbers, names };
}

/** Near-same: at least this share of the two statements' words in common (Jaccard). */
export const NEAR_SAME = 0.8;

function similarity(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 1 : common / union;
}

const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
const without = (a: Set<string>, b: Set<string>): string[] => [...a].filter((x) => !b.has(x));

/**
 * Whether two statements say the same: nearly the same words, the same numbers, and not the same
 * sentence about two different things ("…with the Luhansk People's Republic" on the Donetsk one's
 * card and the other way round: each names what the other does not).
 */
function sameStatement(a: Shape, b: Shape): number | null {
  if (a.words.size < 4 || b.words.size < 4) return null;
  const same = similarity(a.words, b.words);
  if (same < NEAR_SAME || !sameSet(a.numbers, b.numbers)) return null;
  if (without(a.names, b.names).length > 0 && without(b.names, a.names).length > 0) return null;
  return same;
}

const describe = (s: Source): string => `${s.publisher} (${s.date})`;

const key = (st: Statement): string => `${st.entity} ${st.field}`;

/**
 * What --check reports, in file order: the problems, and the duplicates that stand (`stands`).
 * `stale` gets the reviewed pairs that are no longer found.
 */
export function checkStatements(
  statements: readonly Statement[],
  reviewed: readonly ReviewedPair[] = [],
  stale: ReviewedPair[] = [],
): Finding[] {
  const standing = new Map(reviewed.map((r) => [r.pair.join(' = '), r]));
  const seen = new Set<ReviewedPair>();
  const findings: Finding[] = [];
  for (const st of statements) {
    if (st.sources.length > 0 && st.sources.every((s) => ENCYCLOPAEDIA.test(s.publisher))) {
      findings.push({
        kind: 'encyclopaedia-only',
        statement: st,
        reason: `rests on an encyclopaedia alone (${st.sources.map(describe).join(', ')}): add a primary source`,
      });
    }
    // Only dated statements: the texts that describe the article's day rest on older reports too.
    if (st.kind === 'fact' || st.kind === 'since') {
      for (const s of st.sources) {
        if (st.date !== null && isBefore(s.date, st.date)) {
          findings.push({
            kind: 'source-before-fact',
            statement: st,
            reason: `source ${describe(s)} is older than the fact it supports (${st.date}): "${s.title}"`,
          });
        }
      }
    }
  }
  // The same statement on two entities: said twice, it must be corrected twice.
  const compared = statements.filter((st) => st.kind !== 'relation').map((st) => ({ st, shape: shape(st.text) }));
  compared.forEach((a, i) => {
    for (const b of compared.slice(i + 1)) {
      if (a.st.entity === b.st.entity) continue;
      const same = sameStatement(a.shape, b.shape);
      if (same === null) continue;
      const review = standing.get(`${key(a.st)} = ${key(b.st)}`);
      if (review) seen.add(review);
      findings.push({
        kind: 'duplicate',
        statement: b.st,
        reason: `${same === 1 ? 'says the same as' : 'is nearly the same as'} ${a.st.entity} ${a.st.field}: "${a.st.text}"`,
        ...(review ? { stands: review.why } : {}),
      });
    }
  });
  stale.push(...reviewed.filter((r) => !seen.has(r)));
  return findings;
}

/** A finding as the validator words its messages: entity, field, line and column, reason. */
export function findingAsError(f: Finding, positions: JsonPositions | null): DatasetError {
  const at = positions?.at(`entities[${f.statement.index}].${f.statement.field}`);
  return {
    entity: f.statement.entity,
    field: f.statement.field,
    reason: f.reason,
    ...(at ? { line: at.line, column: at.column } : {}),
  };
}
