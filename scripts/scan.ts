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
import { JSDOM } from 'jsdom';
import { createMatcher, type Matcher } from '../src/core/matcher-data';
import { scanDocument, type DocumentScan } from '../src/content/read/scan-document';
import { DatasetError, loadDataset } from './lib/dataset';

/** Parses HTML the way a browser would for scanning: no scripts, no subresources. */
export function scanHtml(html: string, m: Matcher): DocumentScan {
  const dom = new JSDOM(html);
  try {
    return scanDocument(dom.window.document, m);
  } finally {
    dom.window.close();
  }
}

function table(file: string, scan: DocumentScan): string {
  const rows = Object.entries(scan.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(6, ...rows.map(([id]) => id.length));
  const lines = [`${file}: ${scan.mentions.length} mention${scan.mentions.length === 1 ? '' : 's'}`];
  for (const [id, n] of rows) {
    const forms = [...new Set(scan.mentions.filter((x) => x.entity === id).map((x) => x.text.replace(/\s+/g, ' ')))];
    lines.push(
      `  ${id.padEnd(width)}  ${String(n).padStart(4)}  ${forms.slice(0, 6).join(' · ')}${forms.length > 6 ? ' …' : ''}`,
    );
  }
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
    const scan = scanHtml(html, m);
    if (json) process.stdout.write(`${JSON.stringify({ file, counts: scan.counts, mentions: scan.mentions })}\n`);
    else console.log(table(file, scan));
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
