/**
 * The authoring commands: pack:draft on a corpus page lists its main people and places with their
 * mentions and forms, takes the story line from the page's metadata and marks every statement to
 * be written; pack:check passes both bundled packs, gives the recall of a pack's names on its page,
 * and refuses a draft until every TODO is written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPack } from '../../src/core/pack';
import { cleanName, draftPack } from '../../scripts/lib/pack-draft';

const ROOT = resolve(import.meta.dirname, '../..');
const CBS = resolve(ROOT, 'tests/fixtures/corpus/pages/cbs-impeachment-volker.html');
const tsx = resolve(ROOT, 'node_modules/.bin/tsx');

function run(script: string, args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(tsx, [resolve(ROOT, 'scripts', script), ...args], { encoding: 'utf8' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

describe('pack:draft', () => {
  const { pack, candidates } = draftPack(readFileSync(CBS, 'utf8'), { today: '2026-12-07' });

  it('lists the article’s main people and places, most mentioned first, with the forms seen', () => {
    const top = candidates.slice(0, 8).map((c) => c.name);
    for (const name of ['Tim Morrison', 'Kurt Volker', 'Alexander Vindman', 'Ukraine']) expect(top).toContain(name);
    const volker = candidates.find((c) => c.name === 'Kurt Volker')!;
    expect(volker).toMatchObject({ type: 'person', aliases: ['Kurt Volker', 'Volker'] });
    expect(volker.mentions).toBeGreaterThan(10);
    expect(candidates.find((c) => c.name === 'Ukraine')!.type).toBe('country');
    const counts = candidates.map((c) => c.mentions);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('takes the story line from the page’s metadata and leaves every statement to be written', () => {
    expect(pack.story).toMatchObject({
      title: "Key moments from Kurt Volker's and Tim Morrison's impeachment hearing testimony",
      date: '2019-11-20',
      url: 'https://www.cbsnews.com/news/impeachment-hearings-key-moments-from-kurt-volkers-and-tim-morrisons-testimony-2019-11-19/',
      language: 'en',
    });
    const volker = pack.entities.find((e) => e.names.en === 'Kurt Volker')!;
    expect(volker.aliases).toEqual(['Kurt Volker', { text: 'Volker', nameRule: 'surname' }]);
    expect(volker.summary).toMatch(/^TODO/);
    expect(volker.sources[0]!.publisher).toMatch(/^TODO/);
  });

  it('cleans names of titles, quotes and possessives', () => {
    expect(cleanName('President Trump’s')).toBe('Trump');
    expect(cleanName('Vice President Biden,"')).toBe('Biden');
    expect(cleanName("Adviser John Bolton — Morrison's")).toBe('John Bolton');
  });
});

// Each test starts tsx (and jsdom): seconds alone, many more on a loaded machine, as the scan command's tests allow.
describe('pack:check', { timeout: 90_000 }, () => {
  it('passes both bundled packs, their statements checked as npm run facts checks the dataset', () => {
    const { code, out } = run('pack-check.ts', ['--bundled']);
    expect(code).toBe(0);
    expect(out).toMatch(/^sino-russia-2014: ok: .*42 entities/m);
    expect(out).toMatch(/^impeachment-inquiry-2019: ok: .*27 entities; CBS News, 2019-11-19/m);
  });

  it('gives the recall of a pack’s names on its page', () => {
    const { code, out } = run('pack-check.ts', [
      resolve(ROOT, 'assets/packs/impeachment-inquiry-2019.json'),
      '--page',
      CBS,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}kurt-volker +26$/m);
    expect(out).toMatch(/recall of the names the article is said to name: 1\.000/);
  });

  it('refuses a draft until every TODO is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ch-draft-'));
    try {
      const file = join(dir, 'draft.json');
      const draft = run('pack-draft.ts', [CBS, '-o', file]);
      expect(draft.code).toBe(0);
      const reading = readPack(readFileSync(file, 'utf8'));
      expect(reading.ok).toBe(false);
      const { code, out } = run('pack-check.ts', [file]);
      expect(code).toBe(1);
      expect(out).toMatch(/refused/);
      expect(out).toMatch(/tim-morrison: summary \(line \d+, column \d+\): is still to be written \(TODO\)/);
      writeFileSync(file, '{');
      expect(run('pack-check.ts', [file]).out).toMatch(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
