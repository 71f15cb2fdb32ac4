/**
 * Reads a saved page with jsdom and runs the content script's own scanner over it: what the scan
 * command, the corpus evaluation and the benchmark use to know what the extension finds on a page.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Matcher } from '../../src/core/matcher-data';
import { scanDocument, type DocumentScan } from '../../src/content/read/scan-document';

/**
 * jsdom's own complaints about a page, other than the harmless ones: its CSS parser does not know
 * every modern rule, and CSS plays no part in reading text.
 */
function quietConsole(file: string): VirtualConsole {
  const console_ = new VirtualConsole();
  console_.on('jsdomError', (e: Error) => {
    if (/Could not parse CSS stylesheet/.test(e.message)) return;
    process.stderr.write(`${file}: jsdom: ${e.message.split('\n')[0]}\n`);
  });
  return console_;
}

/** Parses HTML the way a browser would for scanning (no scripts, no subresources) and scans it. */
export function scanHtml(html: string, m: Matcher, file = '(page)'): DocumentScan {
  const dom = new JSDOM(html, { virtualConsole: quietConsole(file) });
  try {
    return scanDocument(dom.window.document, m);
  } finally {
    dom.window.close();
  }
}
