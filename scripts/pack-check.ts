/**
 * `npm run pack:check -- FILE [--page PAGE.html]`: validates a story pack as the extension does when
 * it is imported (every problem with its entity, field, line and column; a draft's TODOs refused),
 * then checks its statements as `npm run facts -- --check` does the dataset's,
 * and, given the article page, prints the recall of the pack's names on it: how many of the
 * entities it says the article names are found there by the extension's own scanner.
 * `npm run pack:check -- --bundled` checks every pack that comes with the extension.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMatcher } from '../src/core/matcher-data';
import { formatError, packAsDataset, readPack, type Pack } from '../src/core/pack';
import { DatasetError } from './lib/dataset';
import { checkStatements, statementsOf } from './lib/facts';
import { REVIEWED_DUPLICATES } from './lib/facts-reviewed';
import { bundledPacks } from './lib/packs';
import { scanHtml } from './lib/scan-html';

/** The pack's names on the page: each entity's count, and the recall of those it says the article names. */
function pageRecall(pack: Pack, page: string): { lines: string[]; recall: number } {
  const scan = scanHtml(readFileSync(page), createMatcher(packAsDataset(pack)), page);
  const named = pack.entities.filter((e) => e.namedInArticle);
  const found = named.filter((e) => (scan.counts[e.id] ?? 0) > 0);
  const lines = pack.entities.map(
    (e) =>
      `  ${e.id.padEnd(32)} ${String(scan.counts[e.id] ?? 0).padStart(4)}${e.namedInArticle && !scan.counts[e.id] ? '  not found, but namedInArticle' : ''}`,
  );
  return { lines, recall: named.length === 0 ? 1 : found.length / named.length };
}

function check(label: string, text: string, page: string | undefined): boolean {
  const reading = readPack(text);
  if (!reading.ok) {
    const n = reading.errors.length;
    console.log(`${label}: refused, ${n} problem${n === 1 ? '' : 's'}:`);
    for (const e of reading.errors) console.log(`  ${formatError(e)}`);
    return false;
  }
  const { pack } = reading;
  // As npm run facts -- --check reads the dataset: no statement on an encyclopaedia alone, no
  // source older than its fact, no statement twice.
  const findings = checkStatements(statementsOf(packAsDataset(pack)), REVIEWED_DUPLICATES).filter(
    (f) => f.stands === undefined,
  );
  if (findings.length > 0) {
    console.log(`${label}: refused, ${findings.length} statement${findings.length === 1 ? '' : 's'} to look at:`);
    for (const f of findings) console.log(`  ${f.statement.entity}: ${f.statement.field}: ${f.reason}`);
    return false;
  }
  const s = pack.story;
  console.log(
    `${label}: ok: ${pack.id} ${pack.version}, ${pack.entities.length} entities; ${s.publisher}, ${s.date}: ${s.title}`,
  );
  if (page) {
    const { lines, recall } = pageRecall(pack, page);
    console.log(`on ${page}:`);
    for (const line of lines) console.log(line);
    console.log(`recall of the names the article is said to name: ${recall.toFixed(3)}`);
  }
  return true;
}

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  const p = args.indexOf('--page');
  const page = p >= 0 ? args.splice(p, 2)[1] : undefined;
  if (args[0] === '--bundled') {
    let packs: Pack[];
    try {
      packs = bundledPacks();
    } catch (e) {
      console.log(e instanceof DatasetError ? e.message : String(e));
      return 1;
    }
    // Each as the file a reader would export and import again.
    return packs.every((pack) => check(pack.id, `${JSON.stringify(pack, null, 2)}\n`, undefined)) ? 0 : 1;
  }
  if (args.length !== 1) {
    console.error('usage: npm run pack:check -- FILE [--page PAGE.html]   or   npm run pack:check -- --bundled');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args[0]!, 'utf8');
  } catch (e) {
    console.error(`pack:check: ${args[0]}: ${(e as Error).message}`);
    return 1;
  }
  return check(args[0]!, text, page) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
