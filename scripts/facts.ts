/**
 * The dataset as a fact-checker reads it (docs/dataset.md, "Checking the facts").
 *
 *   npm run facts                      every statement of every entity, with its date, period and sources
 *   npm run facts -- gazprom cnpc      the same for some entities
 *   npm run facts -- --check           only what needs a look: statements resting on an encyclopaedia
 *                                      alone, sources older than the fact they support, the same
 *                                      statement on two entities; exit code 1 if there is any
 *
 * DATASET=file.json checks another dataset (it must be valid: the validator runs first).
 */
import { pathToFileURL } from 'node:url';
import { formatDate } from '../src/core/card-text';
import type { Dataset, Source } from '../src/core/dataset-types';
import { formatError } from '../src/core/dataset-validate';
import { DatasetError, readDataset } from './lib/dataset';
import {
  checkStatements,
  findingAsError,
  statementsOf,
  type FindingKind,
  type ReviewedPair,
  type Statement,
} from './lib/facts';
import { REVIEWED_DUPLICATES } from './lib/facts-reviewed';

const INDENT = '      ';

/** One source on one line: publisher, title, date, address. */
function sourceLine(s: Source): string {
  return `${s.publisher}: ${s.title.startsWith('[') ? s.title : `“${s.title}”`}, ${s.date}${s.url ? ` <${s.url}>` : ''}`;
}

/** An entity's statements as a readable block. */
function listing(dataset: Dataset, statements: readonly Statement[]): string {
  const lines: string[] = [];
  let current = '';
  for (const st of statements) {
    if (st.entity !== current) {
      current = st.entity;
      const e = dataset.entities[st.index]!;
      lines.push('', `== ${e.id}: ${e.names.en} (${e.type})${e.sinceThen ? `, since then to ${e.sinceThen.to}` : ''}`);
    }
    const when = st.date === null ? '' : `${st.date} · ${st.period} · `;
    lines.push(`${st.field}: ${when}${st.text}`);
    // The texts that describe the article's day share the entity's sources: listed once, after inArticle.
    const shared = st.kind === 'what' || st.kind === 'why' || st.kind === 'summary';
    if (st.kind === 'relation' || shared) continue;
    const label = st.kind === 'inArticle' ? 'sources (what, why, summary, inArticle)' : 'sources';
    lines.push(`${INDENT}${label}:`, ...st.sources.map((s) => `${INDENT}  - ${sourceLine(s)}`));
  }
  return lines.join('\n').trimStart();
}

const HEADINGS: Record<FindingKind, string> = {
  'encyclopaedia-only': 'Statements resting on an encyclopaedia alone',
  'source-before-fact': 'Sources older than the fact they support',
  duplicate: 'The same statement on two entities',
};

export function main(argv: string[]): number {
  // `npm run facts | head` closes the pipe early: not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const check = argv.includes('--check');
  const ids = argv.filter((a) => !a.startsWith('--'));
  let read: ReturnType<typeof readDataset>;
  try {
    read = readDataset();
  } catch (e) {
    console.error(e instanceof DatasetError ? e.message : e);
    return 2;
  }
  const { dataset, positions } = read;
  const unknown = ids.filter((id) => !dataset.entities.some((e) => e.id === id));
  if (unknown.length > 0) {
    console.error(`no such entity: ${unknown.join(', ')}`);
    return 2;
  }
  const all = statementsOf(dataset);
  const chosen = ids.length > 0 ? all.filter((st) => ids.includes(st.entity)) : all;
  if (!check) {
    const n = new Set(chosen.map((st) => st.entity)).size;
    console.log(
      `Dataset ${dataset.version}, checked ${formatDate(dataset.date)}: ${chosen.length} statements of ${n} entit${n === 1 ? 'y' : 'ies'}, ` +
        `as of the article's day (${dataset.article.date}) unless dated.\n`,
    );
    console.log(listing(dataset, chosen));
    return 0;
  }
  // Duplicates are looked for across the whole dataset, then shown for the entities asked about.
  const stale: ReviewedPair[] = [];
  const findings = checkStatements(all, REVIEWED_DUPLICATES, stale).filter(
    (f) => ids.length === 0 || ids.includes(f.statement.entity),
  );
  const problems = findings.filter((f) => f.stands === undefined);
  const standing = findings.filter((f) => f.stands !== undefined);
  const statements = chosen.filter((st) => st.kind !== 'relation').length;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  console.log(
    `Checked ${statements} sourced statements: ${count(problems.length, 'problem')}, ` +
      `${count(standing.length, 'reviewed duplicate')} that stand.`,
  );
  for (const kind of Object.keys(HEADINGS) as FindingKind[]) {
    const some = problems.filter((f) => f.kind === kind);
    console.log(`\n${HEADINGS[kind]}: ${some.length === 0 ? 'none' : some.length}`);
    for (const f of some) console.log(`  ${formatError(findingAsError(f, positions))}`);
  }
  if (ids.length === 0 && stale.length > 0) {
    console.log(`\nReviewed pairs no longer found (remove them from scripts/lib/facts-reviewed.ts): ${stale.length}`);
    for (const r of stale) console.log(`  ${r.pair.join(' = ')}`);
  }
  if (standing.length > 0) {
    console.log(`\nReviewed, and standing (scripts/lib/facts-reviewed.ts): ${standing.length}`);
    for (const f of standing) {
      const other = /as (\S+ \S+):/.exec(f.reason)?.[1] ?? '';
      console.log(`  ${f.statement.entity} ${f.statement.field} = ${other}: ${f.stands}`);
    }
  }
  return problems.length > 0 || (ids.length === 0 && stale.length > 0) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) process.exitCode = main(process.argv.slice(2));
