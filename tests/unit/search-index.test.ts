/**
 * The search over the whole dataset (the popup's box, and the context menu's look-up where no page
 * can answer): display names in every UI language and aliases, forgiving case, diacritics,
 * punctuation, declined endings and typos; then what the story says of each entity. Never an empty
 * answer for a name of the story misspelt by one letter.
 */
import { describe, expect, it } from 'vitest';
import {
  allowedEdits,
  compileSearchIndex,
  editDistance,
  entityNamedIn,
  searchEntities,
  searchKey,
  snippet,
} from '../../src/core/search-index';
import { loadDataset } from '../../scripts/lib/dataset';

const dataset = loadDataset();
const index = compileSearchIndex(dataset);
const ids = (query: string): string[] => searchEntities(index, query).map((h) => h.id);

describe('the search index', () => {
  it('holds every entity’s name and alias texts, and nothing of the matching rules', () => {
    expect(index).toHaveLength(dataset.entities.length);
    const kyiv = index.find((e) => e.id === 'kyiv')!;
    expect(kyiv).toMatchObject({ name: 'Kyiv', type: 'place' });
    expect(kyiv.aliases).toContain('Kiev');
    expect(kyiv.aliases).not.toContain('Kyiv');
    expect(Object.keys(kyiv).sort()).toEqual(['aliases', 'id', 'name', 'texts', 'type']);
    expect(kyiv.texts).toContain(dataset.entities.find((e) => e.id === 'kyiv')!.what);
    expect(JSON.stringify(index)).not.toMatch(/precededBy|homograph|inflect|"when"/);
  });

  it('folds case, diacritics and punctuation', () => {
    expect(searchKey('  Kyïv ')).toBe('kyiv');
    expect(searchKey('Sino-Russian  GAS deal')).toBe('sino russian gas deal');
    expect(searchKey('People’s Republic')).toBe('people s republic');
    expect(searchKey('Ёлка')).toBe('елка');
  });

  it('finds an entity by its display name in every UI language', () => {
    expect(index.find((e) => e.id === 'kyiv')!.aliases).toEqual(expect.arrayContaining(['Kiew', 'Київ', '基辅']));
    expect(ids('Moscou')[0]).toBe('moscow');
    expect(ids('Pekín')[0]).toBe('beijing');
    expect(ids('Europäische Union')[0]).toBe('european-union');
    expect(searchEntities(index, 'Moscou')[0]!.matched).toBe('Moscou');
  });

  it('finds Kyiv, Luhansk and Putin by other spellings and scripts', () => {
    expect(ids('kiev')[0]).toBe('kyiv');
    expect(ids('KIEV')[0]).toBe('kyiv');
    expect(ids('Lugansk')[0]).toBe('luhansk');
    expect(ids('普京')[0]).toBe('vladimir-putin');
    expect(searchEntities(index, 'kiev')[0]!.matched).toBe('Kiev');
    expect(searchEntities(index, 'Kyiv')[0]!.matched).toBeNull();
  });

  it('ranks the whole name first, then starts of names and words, then anywhere', () => {
    expect(ids('putin')[0]).toBe('vladimir-putin');
    expect(ids('Donetsk')[0]).toBe('donetsk');
    expect(ids('Donetsk')).toContain('donetsk-peoples-republic');
    expect(ids('siberia')).toContain('power-of-siberia');
    expect(ids('gas deal')[0]).toBe('gas-deal-2014');
    // A declined form of a name (Путина) finds the name.
    expect(ids('Путина')[0]).toBe('vladimir-putin');
    expect(ids('')).toEqual([]);
    expect(ids('zzzz')).toEqual([]);
    expect(searchEntities(index, 'a', 3)).toHaveLength(3);
  });

  it('finds the entity a selected text names, as whole words, the longest name winning', () => {
    expect(entityNamedIn(index, 'the Kiev government')).toBe('kyiv');
    expect(entityNamedIn(index, 'Donetsk People’s Republic')).toBe('donetsk-peoples-republic');
    expect(entityNamedIn(index, '普京表示')).toBe('vladimir-putin');
    expect(entityNamedIn(index, 'Kievan')).toBeNull();
    expect(entityNamedIn(index, 'fine porcelain')).toBeNull();
    expect(entityNamedIn(index, '   ')).toBeNull();
  });

  it('forgives typos, about one edit per four letters, and says it guessed', () => {
    for (const [query, id] of [
      ['Puttin', 'vladimir-putin'],
      ['putn', 'vladimir-putin'],
      ['Shangai', 'shanghai'],
      ['Merkle', 'angela-merkel'],
      ['Rogozhin', 'dmitry-rogozin'],
      ['Luzhanin', 'sergei-luzyanin'],
      ['Vladmir Putin', 'vladimir-putin'],
      ['Gazprm', 'gazprom'],
    ] as const) {
      const hits = searchEntities(index, query);
      expect(hits[0]?.id, query).toBe(id);
      expect(hits[0]?.fuzzy, query).toBe(true);
    }
    // A name spelt right is no guess, and wins over a near one.
    expect(searchEntities(index, 'Putin')[0]!.fuzzy).toBeUndefined();
    expect(ids('Kyiv')[0]).toBe('kyiv');
    // Short queries are not guessed at: "Xo" is not "Xi".
    expect(ids('Xo')).toEqual([]);
    expect(allowedEdits(3)).toBe(0);
    expect(allowedEdits(8)).toBe(2);
  });

  it('counts edits with adjacent swaps, and stops beyond the allowed', () => {
    expect(editDistance('merkle', 'merkel', 1)).toBe(1);
    expect(editDistance('shangai', 'shanghai', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('searches what the story says when no name matches, with the query’s words marked', () => {
    const [hit] = searchEntities(index, 'navy drills');
    expect(hit?.id).toBe('joint-sea-2014');
    expect(hit?.fuzzy).toBeUndefined();
    const marked = hit!.snippet!.marks.map(([a, b]) => hit!.snippet!.text.slice(a, b).toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    for (const m of marked) expect(m).toMatch(/^(navy|drills)/);
    // Relation labels count: "signed the 30-year gas supply contract with".
    expect(ids('30-year contract')).toEqual(expect.arrayContaining(['gazprom', 'cnpc']));
    // What it is comes before what it did: the pipeline first.
    expect(ids('pipeline')[0]).toBe('power-of-siberia');
  });

  it('cuts a passage to about two lines around the first word found, at word boundaries', () => {
    const text = `${'word '.repeat(40)}the navy sailed ${'more '.repeat(40)}`.trim();
    const s = snippet(text, ['navy']);
    expect(s.text.length).toBeLessThanOrEqual(112);
    expect(s.text.startsWith('…word')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.marks).toHaveLength(1);
    expect(s.text.slice(...s.marks[0]!)).toBe('navy');
    expect(snippet('Short text.', ['short']).marks).toEqual([[0, 5]]);
  });

  it('never answers nothing for a name of the story with one letter wrong', () => {
    let tried = 0;
    for (const entry of index) {
      for (const term of [entry.name, ...entry.aliases]) {
        const key = searchKey(term);
        // Letters enough for a typo to be forgiven, in a script with words.
        if (key.length < 5 || !/^[\p{Script=Latin}\p{Script=Cyrillic} ]+$/u.test(key)) continue;
        // One letter dropped, and two swapped, in the middle.
        const i = Math.floor(key.length / 2);
        for (const typo of [
          key.slice(0, i) + key.slice(i + 1),
          key.slice(0, i - 1) + key[i] + key[i - 1] + key.slice(i + 1),
        ]) {
          if (typo.includes('  ') || typo.trim() !== typo) continue;
          tried++;
          const found = searchEntities(index, typo, 50).map((h) => h.id);
          expect(found, `${typo} (for ${term})`).toContain(entry.id);
        }
      }
    }
    expect(tried).toBeGreaterThan(400);
  });
});
