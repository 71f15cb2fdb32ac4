/**
 * The search over the whole dataset (the popup's box, and the context menu's look-up where no page
 * can answer): display names in every UI language and aliases, forgiving case, diacritics,
 * punctuation and declined endings.
 */
import { describe, expect, it } from 'vitest';
import { compileSearchIndex, entityNamedIn, searchEntities, searchKey } from '../../src/core/search-index';
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
    expect(Object.keys(kyiv).sort()).toEqual(['aliases', 'id', 'name', 'type']);
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
});
