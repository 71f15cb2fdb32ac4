/**
 * Looking entities up by any of their names: the popup's search box and the context menu's look-up
 * where no content script can answer. The build compiles the index (display names in every UI
 * language and alias texts, nothing of the matching rules) into the background; searching forgives
 * case, diacritics, punctuation and declined endings ("kiev", "Kiew", "Lugansk", "Путина", "普京").
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
}

export type SearchIndex = SearchEntry[];

export interface SearchHit {
  id: string;
  type: EntityType;
  name: string;
  /** The alias the query matched, when it is not the name ("Kiev" for Kyiv). */
  matched: string | null;
}

export function compileSearchIndex(dataset: Dataset): SearchIndex {
  return dataset.entities.map((e) => {
    // Its names in every UI language ("Kiew", "Пекин"), then the alias texts.
    const texts = [...Object.values(e.names), ...e.aliases.map((a) => (typeof a === 'string' ? a : a.text))];
    const name = e.names.en;
    return { id: e.id, type: e.type, name, aliases: [...new Set(texts)].filter((t) => t !== name) };
  });
}

/** Folds text for searching: case, diacritics and punctuation do not count; spaces are single. */
export function searchKey(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

/** How well a folded term matches a folded query: lower is better, null is no match. */
function rank(term: string, query: string): number | null {
  if (term === query) return 0;
  if (term.startsWith(query)) return 1;
  if (term.includes(` ${query}`)) return 2;
  // A declined whole name ("путина" for "Путин") is as good as its start: it must not lose to a
  // longer name that holds the declined word ("Государственный визит Путина в Китай").
  if (term.length >= 4 && query.startsWith(term) && query.length - term.length <= 2) return 1;
  if (term.includes(query)) return 3;
  const words = query.split(' ');
  if (words.length > 1 && words.every((w) => term.includes(w))) return 4;
  // A declined or derived form of a name: "путина", "russian".
  if (term.length >= 4 && query.startsWith(term)) return 5;
  return null;
}

interface Folded {
  entry: SearchEntry;
  /** [folded, original] for the name, then for each alias. */
  terms: [string, string][];
}

const folded = new WeakMap<SearchIndex, Folded[]>();

function foldedIndex(index: SearchIndex): Folded[] {
  let out = folded.get(index);
  if (!out) {
    out = index.map((entry) => ({
      entry,
      terms: [entry.name, ...entry.aliases].map((t) => [searchKey(t), t] as [string, string]),
    }));
    folded.set(index, out);
  }
  return out;
}

/**
 * The entities whose name or an alias matches `query`, best first: the whole term, then its start,
 * a word's start, anywhere in it; a match on the name before one on an alias; then dataset order.
 */
export function searchEntities(index: SearchIndex, query: string, limit = 8): SearchHit[] {
  const q = searchKey(query);
  if (!q) return [];
  const scored: { hit: SearchHit; score: number; order: number }[] = [];
  foldedIndex(index).forEach(({ entry, terms }, order) => {
    let best: { score: number; text: string; isName: boolean } | null = null;
    for (let i = 0; i < terms.length; i++) {
      const [term, text] = terms[i]!;
      const r = rank(term, q);
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
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.hit);
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
