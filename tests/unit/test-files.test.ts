/**
 * Guards against a glob that silently matches nothing: the suites this project relies on exist
 * and are collected under their one suffix.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TESTS = resolve(import.meta.dirname, '..');

describe('test files', () => {
  it('collects the unit suites', () => {
    const unit = readdirSync(resolve(TESTS, 'unit')).filter((f) => f.endsWith('.test.ts'));
    expect(unit.length).toBeGreaterThanOrEqual(10);
    for (const f of [
      'matcher-table.test.ts',
      'dataset-validate.test.ts',
      'corpus-eval.test.ts',
      'text-walker.test.ts',
    ]) {
      expect(unit).toContain(f);
    }
  });

  it('collects the end-to-end suites', () => {
    const e2e = readdirSync(resolve(TESTS, 'e2e')).filter((f) => f.endsWith('.e2e.ts'));
    expect(e2e.length).toBeGreaterThanOrEqual(1);
    expect(e2e).toContain('demo.e2e.ts');
  });

  it('uses one suffix per tier', () => {
    const stray = readdirSync(resolve(TESTS, 'unit')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(stray).toEqual([]);
  });
});
