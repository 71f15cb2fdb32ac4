/**
 * The scan command, for dataset authors and for checking the detector: reads HTML files with
 * jsdom and runs the content script's own scanner over them.
 *
 *   npm run --silent scan -- --json FILE.html [FILE.html …]   one JSON object per file per line
 *   npm run scan -- FILE.html                                 a readable table
 *
 * A missing or unreadable file is reported on stderr by name and makes the exit code non-zero;
 * the other files are still scanned.
 */
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { createMatcher, type Matcher } from '../src/core/matcher-data';
import type { DocumentScan } from '../src/content/read/scan-document';
import { DatasetError, loadDataset } from './lib/dataset';
import { scanHtml } from './lib/scan-html';

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
    let html: string;
    try {
      html = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      console.error(
        `scan: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`,
      );
      failed++;
      continue;
    }
    const scan = scanHtml(html, m, file);
    if (json) process.stdout.write(`${JSON.stringify({ file, counts: scan.counts, mentions: scan.mentions })}\n`);
    else console.log(table(file, scan, m));
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
