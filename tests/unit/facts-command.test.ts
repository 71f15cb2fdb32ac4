/**
 * `npm run facts`: the listing a fact-checker reads, and `--check`, which finds statements resting
 * on an encyclopaedia alone, sources older than the fact they support and the same statement on
 * two entities (docs/dataset.md, "Checking the facts").
 */
import { describe, expect, it, vi } from 'vitest';
import type { Dataset, Entity } from '../../src/core/dataset-types';
import { main } from '../../scripts/facts';
import { checkStatements, statementsOf, type ReviewedPair } from '../../scripts/lib/facts';
import { tinyDataset } from './fixtures/tiny-dataset';

const WIKIPEDIA = { publisher: 'Wikipedia', title: 'Gazprom', date: '2026-11' };
const REUTERS = { publisher: 'Reuters', title: 'Gas flows to China', date: '2019-12-02' };

/** The small dataset with its since-then sources dated after their items (the fixture's are older). */
function dataset(mutate: (d: Dataset, gazprom: Entity, cnpc: Entity) => void = () => {}): Dataset {
  const d = tinyDataset();
  for (const item of d.entities[0]!.sinceThen!.items) item.sources = [{ ...REUTERS, date: item.date }];
  d.entities[0]!.facts[0]!.sources[0]!.date = '2001-05-30';
  d.entities[1]!.facts[0]!.sources[0]!.date = '2013';
  mutate(d, d.entities[0]!, d.entities[1]!);
  return d;
}

const problems = (d: Dataset, reviewed: ReviewedPair[] = []): string[] =>
  checkStatements(statementsOf(d), reviewed)
    .filter((f) => f.stands === undefined)
    .map((f) => `${f.kind} ${f.statement.entity} ${f.statement.field}: ${f.reason}`);

describe('the statements of a dataset', () => {
  it('are every text of every entity, with its date, period and sources', () => {
    const statements = statementsOf(tinyDataset());
    const gazprom = statements.filter((st) => st.entity === 'gazprom');
    expect(gazprom.map((st) => st.field)).toEqual([
      'what',
      'why',
      'summary',
      'inArticle',
      'facts[0]',
      'facts[1]',
      'facts[2]',
      'sinceThen.items[0]',
      'sinceThen.items[1]',
      'related[0]',
    ]);
    expect(gazprom[0]).toMatchObject({
      date: '2014-05-19',
      period: 'article',
      sources: tinyDataset().entities[0]!.sources,
    });
    expect(gazprom[6]).toMatchObject({ date: '2014-05-21', period: 'after' });
    expect(gazprom[8]).toMatchObject({ date: '2025-09', period: 'since' });
    expect(gazprom[9]).toMatchObject({
      date: null,
      period: null,
      text: 'Gazprom — signed the 30-year gas supply contract with — CNPC',
      sources: [],
    });
  });
});

describe('--check', () => {
  it('finds nothing in a dataset without such problems', () => {
    expect(problems(dataset())).toEqual([]);
  });

  it('finds a statement resting on an encyclopaedia alone, not one with a primary source beside it', () => {
    expect(problems(dataset((_, g) => (g.facts[2]!.sources = [WIKIPEDIA, REUTERS])))).toEqual([]);
    expect(problems(dataset((_, g) => (g.facts[2]!.sources = [WIKIPEDIA])))).toEqual([
      'encyclopaedia-only gazprom facts[2]: rests on an encyclopaedia alone (Wikipedia (2026-11)): add a primary source',
    ]);
  });

  it('finds a source older than the dated fact it supports, compared at the precision both have', () => {
    expect(problems(dataset((_, g) => (g.sinceThen!.items[0]!.sources[0]!.date = '2019-12')))).toEqual([]);
    expect(problems(dataset((_, g) => (g.sinceThen!.items[0]!.sources[0]!.date = '2019-11-30')))).toEqual([
      'source-before-fact gazprom sinceThen.items[0]: source Reuters (2019-11-30) is older than the fact it supports (2019-12-02): "Gas flows to China"',
    ]);
  });

  it('finds the same statement on two entities, not the same sentence about two different things', () => {
    const same = 'Gas began to flow through the new pipeline to China.';
    const flows = (d: Dataset, text: string): void => {
      d.entities[1]!.sinceThen = { to: '2025-10', items: [{ date: '2019-12-02', text, sources: [REUTERS] }] };
      d.entities[0]!.sinceThen!.items[0]!.text = same;
    };
    expect(problems(dataset((d) => flows(d, same.replace('to China', 'into China'))))).toEqual([
      `duplicate cnpc sinceThen.items[0]: is nearly the same as gazprom sinceThen.items[0]: "${same}"`,
    ]);
    // Other numbers, or each naming what the other does not, make another statement.
    expect(problems(dataset((d) => flows(d, same.replace('flow', 'flow, at 38 bcm,'))))).toEqual([]);
    expect(
      problems(
        dataset((d, g) => {
          g.facts[2]!.text = 'Signed a contract with CNPC to unite as Novorossiya.';
          d.entities[1]!.facts[2]!.text = 'Signed a contract with Gazprom to unite as Novorossiya.';
        }),
      ),
    ).toEqual([]);
  });

  it('leaves a reviewed pair standing, and says when a reviewed pair is no longer found', () => {
    const d = dataset((_, g, c) => (c.facts[2]!.text = g.facts[2]!.text));
    const pair: ReviewedPair = { pair: ['gazprom facts[2]', 'cnpc facts[2]'], why: 'the same event' };
    expect(problems(d, [pair])).toEqual([]);
    const stale: ReviewedPair[] = [];
    checkStatements(statementsOf(dataset()), [pair], stale);
    expect(stale).toEqual([pair]);
  });
});

describe('npm run facts', () => {
  const run = (argv: string[]): { code: number; out: string } => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      return { code: main(argv), out: lines.join('\n') };
    } finally {
      log.mockRestore();
    }
  };

  it('lists every statement of an entity with its date, period and sources', () => {
    const { code, out } = run(['cnpc']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Dataset \d+\.\d+\.\d+, checked 7 December 2026: \d+ statements of 1 entity/);
    expect(out).toContain('== cnpc: CNPC (organization), since then to 2025-10');
    expect(out).toMatch(/\nfacts\[2\]: 2014-05-21 · after · Signed/);
    expect(out).toMatch(/\nsinceThen\.items\[0\]: 2015-05-04 · since · /);
    expect(out).toMatch(/\n {8}- OSW Centre for Eastern Studies: “The eastern 'partnership' of gas/);
    expect(out).toContain(
      'related[0]: CNPC — is the buyer in — Sino-Russian gas deal; Sino-Russian gas deal — has as its buyer — CNPC',
    );
  });

  it('checks the bundled dataset and finds no problem (the duplicates that stand are listed)', () => {
    const { code, out } = run(['--check']);
    expect(out).toMatch(/^Checked \d+ sourced statements: 0 problems, \d+ reviewed duplicates that stand\./);
    expect(out).toContain('Statements resting on an encyclopaedia alone: none');
    expect(out).toContain('Sources older than the fact they support: none');
    expect(out).toContain('The same statement on two entities: none');
    expect(out).not.toContain('no longer found');
    expect(code).toBe(0);
  });

  it('refuses an entity it does not have', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(run(['atlantis']).code).toBe(2);
      expect(error).toHaveBeenCalledWith('no such entity: atlantis');
    } finally {
      error.mockRestore();
    }
  });
});
