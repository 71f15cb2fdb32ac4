/**
 * The scan command, for dataset authors and for checking the detector: reads HTML files with
 * jsdom and runs the content script's own scanner over them.
 *
 *   npm run --silent scan -- --json FILE.html [FILE.html …]   one JSON object per file per line
 *   npm run scan -- FILE.html                                 a readable table
 *
 * Bytes are decoded as a browser decodes a local file (a BOM, the page's charset, else UTF-8).
 * A file that cannot be scanned (missing, a directory or device, binary, over 32 MB, nested deeper
 * than the parser's stack) is reported on stderr by name and makes the exit code non-zero; the
 * other files are still scanned. Undecodable bytes are read as U+FFFD, as a browser shows them, and
 * only warned about: the page could be read.
 */
import { pathToFileURL } from 'node:url';
import { readFileSync, statSync } from 'node:fs';
import { createMatcher, type Matcher } from '../src/core/matcher-data';
import type { DocumentScan } from '../src/content/read/scan-document';
import { DatasetError, loadDataset } from './lib/dataset';
import { scanHtml } from './lib/scan-html';

/** Files larger than this are not read (a page of tens of megabytes makes jsdom run out of memory). */
const MAX_BYTES = 32 * 1024 * 1024;

/** The bytes of a page to scan, or why they cannot be scanned. */
function readPage(file: string): Uint8Array | string {
  let stats;
  try {
    stats = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : `cannot be read: ${(e as Error).message}`;
  }
  if (stats.isDirectory()) return 'is a directory';
  if (!stats.isFile()) return 'is not a regular file (a device, a pipe or a socket)';
  if (stats.size > MAX_BYTES) {
    return `is too large to scan (${(stats.size / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_BYTES / 2 ** 20} MB)`;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return `cannot be read: ${(e as Error).message}`;
  }
  // Text has no NUL bytes; binary files nearly always do, near the start.
  if (bytes.subarray(0, 8192).includes(0)) return 'looks binary (it has NUL bytes), not like an HTML page';
  return bytes;
}

/** A readable table: one row per entity (name, id, count, the forms found), most mentioned first. */
function table(file: string, scan: DocumentScan, m: Matcher): string {
  const names = new Map(m.entities.map((e) => [e.id, e.name]));
  const rows = Object.entries(scan.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const n = scan.mentions.length;
  const lines = [
    `${file}: ${n} mention${n === 1 ? '' : 's'} of ${rows.length} entit${rows.length === 1 ? 'y' : 'ies'}`,
  ];
  if (rows.length === 0) return lines.join('\n');
  const cells = rows.map(([id, count]) => {
    const forms = [...new Set(scan.mentions.filter((x) => x.entity === id).map((x) => x.text.replace(/\s+/g, ' ')))];
    return [names.get(id) ?? id, id, String(count), `${forms.slice(0, 6).join(' · ')}${forms.length > 6 ? ' …' : ''}`];
  });
  const head = ['entity', 'id', 'count', 'as written'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string =>
    `  ${c[0]!.padEnd(width[0]!)}  ${c[1]!.padEnd(width[1]!)}  ${c[2]!.padStart(width[2]!)}  ${c[3]}`;
  lines.push(line(head), ...cells.map(line));
  return lines.join('\n');
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json' && a !== '--');
  if (files.length === 0) {
    console.error('usage: npm run --silent scan -- [--json] FILE.html [FILE.html …]');
    return 2;
  }
  let m: Matcher;
  try {
    m = createMatcher(loadDataset());
  } catch (e) {
    console.error(e instanceof DatasetError ? e.message : e);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    const read = readPage(file);
    if (typeof read === 'string') {
      console.error(`scan: ${file}: ${read}`);
      failed++;
      continue;
    }
    let scan: DocumentScan;
    try {
      scan = scanHtml(read, m, file);
    } catch (e) {
      const deep = e instanceof RangeError && /call stack/i.test(e.message);
      console.error(
        `scan: ${file}: ${deep ? 'nested too deeply to read (the HTML parser ran out of stack)' : `cannot be read: ${(e as Error).message}`}`,
      );
      failed++;
      continue;
    }
    const broken = (scan.text.match(/\uFFFD/g) ?? []).length;
    if (broken > 0) {
      console.error(
        `scan: ${file}: warning: ${broken} character${broken === 1 ? '' : 's'} could not be decoded (not valid in the page's encoding); read as \uFFFD, as a browser shows them`,
      );
    }
    if (json) process.stdout.write(`${JSON.stringify({ file, counts: scan.counts, mentions: scan.mentions })}\n`);
    else console.log(table(file, scan, m));
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
