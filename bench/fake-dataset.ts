/**
 * A large dataset (format 1.2) for the "cost is flat in alias count" run: the real dataset plus fake entities
 * with plausible but invented names (random capitalised syllables) until there are 5,000 aliases.
 * Fake names never occur in the article (validation checks namedInArticle) nor in the generated
 * pages' prose, so the pages' matches are the same with either dataset.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Dataset, Entity, EntityType } from '../src/core/dataset-types';
import { formatError, validateDataset } from '../src/core/dataset-validate';
import { aliasSpec } from '../src/core/matcher-data';
import { foldText } from '../src/core/normalize';
import { ARTICLE_TEXT, ROOT } from '../scripts/lib/dataset';
import { newsPage, rng } from './pages';

const ONSET = [
  'b',
  'br',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'kr',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'st',
  't',
  'tr',
  'v',
  'z',
  'j',
];
/** Every statement of a fake entity is "sourced" to the benchmark itself (format 1.2 asks for a source). */
const BENCH_SOURCE = {
  publisher: 'Contextual Highlights benchmark',
  title: '[invented for the benchmark]',
  date: '2026',
};

const NUCLEUS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou', 'ia'];
const CODA = ['', '', 'n', 'r', 'l', 's', 'k', 'm', 'v'];

export function aliasCount(d: Dataset): number {
  return d.entities.reduce((n, e) => n + e.aliases.length, 0);
}

/** The real dataset grown to `total` aliases with fake entities (4 aliases each). */
export function fakeDataset(real: Dataset, total: number, seed = 5000): Dataset {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const syllable = (): string => pick(ONSET) + pick(NUCLEUS) + pick(CODA);
  const word = (n: number): string => {
    let w = '';
    for (let i = 0; i < n; i++) w += syllable();
    return w[0]!.toUpperCase() + w.slice(1);
  };
  // Words of the real aliases and of the pages' prose: a fake name must be none of them.
  const taken = new Set<string>();
  for (const e of real.entities)
    for (const a of e.aliases) for (const w of foldText(aliasSpec(a).text).split(' ')) taken.add(w);
  const prose = newsPage(real, 200_000, 99)
    .html.replace(/<[^>]*>/g, ' ')
    .toLowerCase();
  for (const w of prose.split(/[^\p{L}\p{N}]+/u)) if (w) taken.add(foldText(w));
  const fresh = (n: number): string => {
    for (;;) {
      const w = word(n);
      const k = foldText(w);
      if (k.length >= 4 && !taken.has(k)) {
        taken.add(k);
        return w;
      }
    }
  };

  const entities: Entity[] = [...real.entities];
  const types: EntityType[] = ['person', 'person', 'place', 'organization'];
  let n = aliasCount(real);
  for (let i = 0; n < total; i++) {
    const type = types[i % types.length]!;
    const a = fresh(2);
    const b = fresh(2 + Math.floor(r() * 2));
    let aliases: string[];
    let name: string;
    if (type === 'person') {
      name = `${a} ${b}`;
      aliases = [name, b, `Mr. ${b}`, `${a} ${fresh(1)} ${b}`];
    } else if (type === 'place') {
      name = b;
      aliases = [b, `${b} region`, `${a} ${b}`, `Port ${b}`];
    } else {
      name = `${a} ${b} Group`;
      aliases = [name, `${b} Group`, `${a}${b[0]} Holdings`, `${b} Corporation`];
    }
    aliases = aliases.slice(0, Math.min(aliases.length, total - n));
    n += aliases.length;
    entities.push({
      id: `bench-fake-${i}`,
      type,
      names: { en: name },
      aliases,
      what: `An invented ${type} for the benchmark`,
      why: 'It tests how matching scales with the number of aliases.',
      summary: `${name} is an invented ${type} generated for the performance benchmark. The name does not refer to anything real.`,
      inArticle: 'Not in the article; generated only to test how matching scales with alias count.',
      namedInArticle: false,
      sources: [BENCH_SOURCE],
      facts: [
        { date: '2001', period: 'article', text: 'First fact of an invented entity.', sources: [BENCH_SOURCE] },
        { date: '2010-06', period: 'article', text: 'Second fact of an invented entity.', sources: [BENCH_SOURCE] },
        { date: '2014-05-20', period: 'after', text: 'Third fact of an invented entity.', sources: [BENCH_SOURCE] },
      ],
      related: i > 0 ? [{ id: `bench-fake-${i - 1}`, label: 'is generated after' }] : [],
      wikipedia: `https://en.wikipedia.org/wiki/${encodeURIComponent(name.replace(/ /g, '_'))}`,
    });
  }
  return { ...real, version: '0.0.1', entities };
}

/**
 * Writes the dataset to .bench/dataset-<n>.json (validated) and builds the extension with it into
 * .bench/dist-<n> through the project's own build (`DATASET=… OUT_DIR=… MARKS=1 npm run build`).
 */
export function buildFakeExtension(real: Dataset, total: number): { distRoot: string; dataset: Dataset } {
  const dataset = fakeDataset(real, total);
  const { errors } = validateDataset(dataset, { articleText: readFileSync(ARTICLE_TEXT, 'utf8') });
  if (errors.length > 0)
    throw new Error(`generated dataset is invalid:\n${errors.slice(0, 10).map(formatError).join('\n')}`);
  const dir = resolve(ROOT, '.bench');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `dataset-${total}.json`);
  writeFileSync(file, JSON.stringify(dataset, null, 1));
  const outDir = `.bench/dist-${total}`;
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    env: { ...process.env, DATASET: file, OUT_DIR: outDir, MARKS: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const distRoot = resolve(ROOT, outDir);
  if (!existsSync(resolve(distRoot, 'chrome/content.js'))) throw new Error(`build into ${distRoot} failed`);
  return { distRoot, dataset };
}
