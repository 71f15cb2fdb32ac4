/**
 * The card data compiled from the dataset: what the card shows of each entity, with its facts in
 * their periods and the date the summary is as of.
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

  it('groups each entity’s facts by period, keeping their order', () => {
    for (const e of SHIPPED.entities) {
      const card = bundle.cards[e.id]!;
      expect(card.facts).toEqual(e.facts);
      const periods = factsByPeriod(card.facts);
      expect([...periods.article, ...periods.after, ...periods.since].length).toBe(e.facts.length);
      for (const [period, facts] of Object.entries(periods)) {
        expect(facts).toEqual(e.facts.filter((f) => f.period === period));
      }
      expect(card.sinceThen).toEqual(e.sinceThen);
    }
  });

  it('groups an empty list into three empty periods', () => {
    expect(factsByPeriod([])).toEqual({ article: [], after: [], since: [] });
  });
});
