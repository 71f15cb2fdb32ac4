/**
 * The card data compiled from the dataset: what the card shows of each entity, with its facts in
 * their periods, its since-then items, every relation read from both of its entities, and the
 * date the summary is as of.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCards, factsByPeriod } from '../../src/core/card-data';
import { formatMonth } from '../../src/core/card-text';
import type { Dataset } from '../../src/core/dataset-types';

const SHIPPED = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../assets/data/entities.json'), 'utf8'),
) as Dataset;

describe('compileCards', () => {
  const bundle = compileCards(SHIPPED);

  it('dates every card as of the article’s day, which the card shows as its month', () => {
    for (const card of Object.values(bundle.cards)) expect(card.asOf).toBe(SHIPPED.article.date);
    expect(formatMonth(bundle.cards['gazprom']!.asOf)).toBe('May 2014');
    expect(bundle.article.daysAfterEnd).toBe('2014-05-31');
  });

  it('groups each entity’s facts by period, keeping their order, and keeps its sources and later items', () => {
    for (const e of SHIPPED.entities) {
      const card = bundle.cards[e.id]!;
      expect(card.facts).toEqual(e.facts);
      const periods = factsByPeriod(card.facts);
      expect([...periods.article, ...periods.after].length).toBe(e.facts.length);
      for (const [period, facts] of Object.entries(periods)) {
        expect(facts).toEqual(e.facts.filter((f) => f.period === period));
      }
      expect(card.sinceThen).toEqual(e.sinceThen);
      expect(card.sources).toEqual(e.sources);
      expect(card.names).toEqual(e.names);
      expect([card.what, card.why]).toEqual([e.what, e.why]);
    }
  });

  it('groups an empty list into two empty periods', () => {
    expect(factsByPeriod([])).toEqual({ article: [], after: [] });
  });

  it('reads every relation from both of its entities: the label from one, the inverse from the other', () => {
    const gazprom = bundle.cards['gazprom']!.related;
    expect(gazprom).toContainEqual({ id: 'gas-deal-2014', name: 'Sino-Russian gas deal', label: 'is the seller in' });
    expect(bundle.cards['gas-deal-2014']!.related).toContainEqual({
      id: 'gazprom',
      name: 'Gazprom',
      label: 'has as its seller',
    });
    // A symmetric relation reads the same from both sides.
    expect(gazprom).toContainEqual({ id: 'cnpc', name: 'CNPC', label: 'signed the 30-year gas supply contract with' });
    expect(bundle.cards['cnpc']!.related).toContainEqual({
      id: 'gazprom',
      name: 'Gazprom',
      label: 'signed the 30-year gas supply contract with',
    });
    // Every relation is on both cards, once.
    let written = 0;
    for (const e of SHIPPED.entities) written += e.related.length;
    const read = Object.values(bundle.cards).reduce((n, c) => n + c.related.length, 0);
    expect(read).toBe(2 * written);
    for (const card of Object.values(bundle.cards)) {
      const ids = card.related.map((r) => r.id);
      expect(new Set(ids).size, card.id).toBe(ids.length);
    }
  });

  it('carries the bridge lines of phrase aliases, and nothing else of the matching rules', () => {
    expect(bundle.cards['putin-china-visit-2014']!.glosses).toContainEqual({
      text: 'fantastic package',
      gloss: "the 40-plus Russia–China agreements due during Putin's May 2014 visit",
    });
    expect(bundle.cards['ukraine-crisis']!.glosses).toEqual([
      { text: 'the rebels', gloss: 'the separatists in the Ukraine crisis' },
    ]);
    expect(JSON.stringify(bundle)).not.toMatch(/precededBy|homograph|inflect|"when"|"aliases"/);
  });
});
