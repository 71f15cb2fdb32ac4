/**
 * Looking entities up by any of their names: the popup's search box and the context menu's look-up
 * where no content script can answer. The build compiles the index (display names in every UI
 * language and alias texts, nothing of the matching rules; and what the story says of each) into
 * the background; searching forgives case, diacritics, punctuation and declined endings ("kiev",
 * "Kiew", "Lugansk", "Путина", "普京"), then typos ("Puttin": about one edit per four letters),
 * then looks in the descriptions ("navy drills" finds Joint Sea 2014).
 */
import type { Dataset, EntityType } from './dataset-types';
import { foldText } from './normalize';

export interface SearchEntry {
  id: string;
  type: EntityType;
  /** The English display name. */
  name: string;
  /** Every other way the dataset writes the name: its names in the other UI languages, alias texts (without their rules). */
  aliases: string[];
  /** What the story says of it: what and why, summary, the article's words, facts, later events, relations. */
  texts: string[];
}

export type SearchIndex = SearchEntry[];

export interface SearchHit {
  id: string;
  type: EntityType;
  name: string;
  /** The alias the query matched, when it is not the name ("Kiev" for Kyiv). */
  matched: string | null;
  /** Found by a name the query nearly spells ("Puttin"): the popup asks "Did you mean …?". */
  fuzzy?: boolean;
  /** Found in what the story says of it: the passage, and where the query's words are in it. */
  snippet?: { text: string; marks: [number, number][] };
}

export function compileSearchIndex(dataset: Dataset): SearchIndex {
  const names = new Map(dataset.entities.map((e) => [e.id, e.names.en]));
  // Relations read both ways: "signed the 30-year gas supply contract with CNPC".
  const relations = new Map<string, string[]>(dataset.entities.map((e) => [e.id, []]));
  for (const e of dataset.entities) {
    for (const r of e.related) {
      relations.get(e.id)?.push(`${r.label} ${names.get(r.id) ?? ''}`.trim());
      relations.get(r.id)?.push(`${r.inverse ?? r.label} ${e.names.en}`);
    }
  }
  return dataset.entities.map((e) => {
    // Its names in every UI language ("Kiew", "Пекин"), then the alias texts.
    const all = [...Object.values(e.names), ...e.aliases.map((a) => (typeof a === 'string' ? a : a.text))];
    const name = e.names.en;
    const texts = [
      e.what,
      e.why,
      e.summary,
      e.inArticle,
      ...e.facts.map((f) => f.text),
      ...(e.sinceThen?.items ?? []).map((i) => i.text),
      ...(relations.get(e.id) ?? []),
    ].filter((t) => t.trim() !== '');
    return { id: e.id, type: e.type, name, aliases: [...new Set(all)].filter((t) => t !== name), texts };
  });
}

/** Folds text for searching: case, diacritics and punctuation do not count; spaces are single. */
export function searchKey(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

/** How well a folded term matches a folded query (split into `words`): lower is better, null is no match. */
function rank(term: string, query: string, words: readonly string[]): number | null {
  if (term === query) return 0;
  if (term.startsWith(query)) return 1;
  if (term.includes(` ${query}`)) return 2;
  // A declined whole name ("путина" for "Путин") is as good as its start: it must not lose to a
  // longer name that holds the declined word ("Государственный визит Путина в Китай").
  if (term.length >= 4 && query.startsWith(term) && query.length - term.length <= 2) return 1;
  if (term.includes(query)) return 3;
  if (words.length > 1 && words.every((w) => term.includes(w))) return 4;
  // A declined or derived form of a name: "путина", "russian".
  if (term.length >= 4 && query.startsWith(term)) return 5;
  return null;
}

interface Folded {
  entry: SearchEntry;
  /** [folded, original] for the name, then for each alias. */
  terms: [string, string][];
  /** The texts folded, each after a space (a word's start is " word"), joined by newlines. */
  texts: string[];
  joined: string;
}

/** A string a misspelt query may be near: a run of words of a term (or all of it), and whose it is. */
interface Candidate {
  text: string;
  /** [entry's place in the index, term's place in the entry] for each term that has it. */
  owners: [number, number][];
}

interface Prepared {
  entries: Folded[];
  /** Candidates for queries of n words, by n (made when first asked for). */
  runs: Map<number, Candidate[]>;
}

const folded = new WeakMap<SearchIndex, Prepared>();

function prepared(index: SearchIndex): Prepared {
  let out = folded.get(index);
  if (!out) {
    const entries = index.map((entry) => {
      const terms = [entry.name, ...entry.aliases].map((t) => [searchKey(t), t] as [string, string]);
      const texts = (entry.texts ?? []).map((t) => ` ${searchKey(t)}`);
      return { entry, terms, texts, joined: texts.join('\n') };
    });
    out = { entries, runs: new Map() };
    folded.set(index, out);
    // Runs of one to three words at once: a keystroke should not pay for making them.
    for (let n = 1; n <= 3; n++) runsOf(index, n);
  }
  return out;
}

function foldedIndex(index: SearchIndex): Folded[] {
  return prepared(index).entries;
}

/** Every run of `n` words of every term, and every whole term, each string once with its owners. */
function runsOf(index: SearchIndex, n: number): Candidate[] {
  const prep = prepared(index);
  let out = prep.runs.get(n);
  if (!out) {
    const byText = new Map<string, [number, number][]>();
    const add = (text: string, owner: [number, number]): void => {
      const list = byText.get(text);
      if (list) list.push(owner);
      else byText.set(text, [owner]);
    };
    prep.entries.forEach(({ terms }, e) => {
      terms.forEach(([term], t) => {
        if (!term) return;
        add(term, [e, t]);
        const words = term.split(' ');
        for (let i = 0; i + n <= words.length; i++) add(words.slice(i, i + n).join(' '), [e, t]);
      });
    });
    out = [...byText].map(([text, owners]) => ({ text, owners }));
    prep.runs.set(n, out);
  }
  return out;
}

/** The edits a typo may make in a query of this length: about one per four letters, none under four. */
export function allowedEdits(length: number): number {
  return Math.floor(length / 4);
}

/**
 * Edit distance between `a` and `b` with adjacent swaps ("Merkle"), or max + 1 once it exceeds
 * `max` (the rows stop early: most words are rejected by their length or first rows).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [prev2, prev, row] = rows;
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length]!;
}

/** The three rows editDistance works in, kept between calls (a keystroke compares thousands of words). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Scores, lower better: a name's match (0–11), a misspelt name (12–), the descriptions (40–44). */
const FUZZY = 12;
const DESCRIBED = 40;

/**
 * The entities whose name or an alias matches `query`, best first: the whole term, then its start,
 * a word's start, anywhere in it; a match on the name before one on an alias; then dataset order.
 * Then names the query misspells (fewest edits first), then entities whose descriptions hold every
 * word of the query (at a word's start).
 */
export function searchEntities(index: SearchIndex, query: string, limit = 8): SearchHit[] {
  const q = searchKey(query);
  if (!q) return [];
  const queryWords = q.split(' ');
  const all = foldedIndex(index);
  const scored: { hit: SearchHit; score: number; order: number }[] = [];
  all.forEach(({ entry, terms }, order) => {
    let best: { score: number; text: string; isName: boolean } | null = null;
    for (let i = 0; i < terms.length; i++) {
      const [term, text] = terms[i]!;
      const r = rank(term, q, queryWords);
      if (r === null) continue;
      // The name wins a tie with an alias; among aliases, the shorter (closer) one.
      const score = r * 2 + (i === 0 ? 0 : 1);
      if (!best || score < best.score || (score === best.score && text.length < best.text.length)) {
        best = { score, text, isName: i === 0 };
      }
    }
    if (!best) return;
    scored.push({
      hit: { id: entry.id, type: entry.type, name: entry.name, matched: best.isName ? null : best.text },
      score: best.score,
      order,
    });
  });
  const found = new Set(scored.map((s) => s.hit.id));
  const max = allowedEdits(q.replace(/ /g, '').length);
  if (scored.length < limit && max > 0) {
    // The nearest term of each entity not found yet: [edits, term's place].
    const near = new Map<number, [number, number]>();
    for (const { text, owners } of runsOf(index, queryWords.length)) {
      if (Math.abs(text.length - q.length) > max) continue;
      const edits = editDistance(text, q, max);
      if (edits > max) continue;
      for (const [e, t] of owners) {
        if (found.has(all[e]!.entry.id)) continue;
        const best = near.get(e);
        if (!best || edits < best[0] || (edits === best[0] && t < best[1])) near.set(e, [edits, t]);
      }
    }
    for (const [order, [edits, t]] of near) {
      const { entry, terms } = all[order]!;
      found.add(entry.id);
      scored.push({
        hit: { id: entry.id, type: entry.type, name: entry.name, matched: t === 0 ? null : terms[t]![1], fuzzy: true },
        score: FUZZY + edits * 2 + (t === 0 ? 0 : 1),
        order,
      });
    }
  }
  if (scored.length < limit) {
    const needles = queryWords.map((w) => ` ${w}`);
    all.forEach(({ entry, texts, joined }, order) => {
      if (found.has(entry.id)) return;
      if (!needles.every((w) => joined.includes(w))) return;
      // The passage that holds most of the query's words, the first of equals.
      let at = 0;
      let most = -1;
      texts.forEach((t, i) => {
        const n = needles.filter((w) => t.includes(w)).length;
        if (n > most) [at, most] = [i, n];
      });
      scored.push({
        hit: {
          id: entry.id,
          type: entry.type,
          name: entry.name,
          matched: null,
          snippet: snippet(entry.texts[at]!, queryWords),
        },
        // Said in what it is (or why it matters) before in a fact of it: "pipeline" finds the pipeline first.
        score: DESCRIBED + Math.min(at, 4),
        order,
      });
    });
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.hit);
}

/** The longest passage shown, in characters (about two lines of the popup). */
const SNIPPET_CHARS = 110;

/**
 * The part of `text` around the query's first word found, with each word of the query that begins a
 * word there marked (case-insensitively; [start, end) offsets into the snippet's text).
 */
export function snippet(text: string, queryWords: readonly string[]): { text: string; marks: [number, number][] } {
  const finders = queryWords
    .filter((w) => w !== '')
    .map(
      (w) => new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\p{L}\\p{N}\\p{M}]*`, 'giu'),
    );
  const first = Math.min(
    ...finders.map((re) => {
      re.lastIndex = 0;
      return re.exec(text)?.index ?? Infinity;
    }),
  );
  let start = 0;
  let shown = text;
  if (text.length > SNIPPET_CHARS) {
    start = Number.isFinite(first) ? Math.max(0, Math.min(first - 30, text.length - SNIPPET_CHARS)) : 0;
    // Start and end at word boundaries, with an ellipsis where the text goes on.
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    let end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
    shown = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  }
  const marks: [number, number][] = [];
  for (const re of finders) {
    re.lastIndex = 0;
    for (const m of shown.matchAll(re)) marks.push([m.index, m.index + m[0].length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  return { text: shown, marks: marks.filter((m, i) => i === 0 || m[0] >= marks[i - 1]![1]) };
}

/**
 * The entity a selected text names, for a look-up where no content script can answer: the text is a
 * name or alias, or one appears in it as whole words (the longest wins). Null when none does.
 */
export function entityNamedIn(index: SearchIndex, text: string): string | null {
  const t = ` ${searchKey(text)} `;
  if (t.trim() === '') return null;
  let best: { id: string; length: number } | null = null;
  for (const { entry, terms } of foldedIndex(index)) {
    for (const [term] of terms) {
      if (!term) continue;
      // Han and kana have no spaces between words: a term in those scripts may sit anywhere.
      const found = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(term)
        ? t.includes(term)
        : t.includes(` ${term} `);
      if (found && (!best || term.length > best.length)) best = { id: entry.id, length: term.length };
    }
  }
  return best?.id ?? null;
}
