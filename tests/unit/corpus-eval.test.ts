/**
 * Detection quality on real pages: precision and recall on the labelled corpus must stay at or
 * above 0.98 overall, scored as tests/fixtures/corpus/SCORING.md says (`npm run eval` prints the
 * per-entity table). The traps must stay clean.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/core/matcher-data';
import { corpusPages, evaluateCorpus, precision, recall } from '../../scripts/lib/corpus';
import { loadDataset } from '../../scripts/lib/dataset';

const evaluation = evaluateCorpus(createMatcher(loadDataset()));

describe('corpus evaluation', () => {
  it('covers all twelve pages', () => {
    expect(corpusPages()).toHaveLength(12);
    expect(evaluation.pages).toHaveLength(12);
  });

  it('keeps overall precision and recall at or above 0.98', () => {
    const { overall } = evaluation;
    expect(overall.tp).toBeGreaterThan(200);
    expect(precision(overall)).toBeGreaterThanOrEqual(0.98);
    expect(recall(overall)).toBeGreaterThanOrEqual(0.98);
  });

  it.each(['trap-bhg-china-plate', 'trap-mirror-football-xi', 'trap-zulang-r-merkel-de'])(
    'finds nothing the labels do not list on %s',
    (name) => {
      const page = evaluation.pages.find((p) => p.name === name)!;
      expect(page.tally.fp).toBe(0);
    },
  );
});
