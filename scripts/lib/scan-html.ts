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

/**
 * Bytes with neither a BOM nor a charset declared in their first 1024 bytes are read as UTF-8, as
 * browsers read local files, rather than as windows-1252, the web's default for undeclared pages.
 */
function contentType(html: string | Uint8Array): string {
  if (typeof html === 'string') return 'text/html';
  const bom =
    (html[0] === 0xef && html[1] === 0xbb && html[2] === 0xbf) ||
    (html[0] === 0xfe && html[1] === 0xff) ||
    (html[0] === 0xff && html[1] === 0xfe);
  const head = Buffer.from(html.subarray(0, 1024)).toString('latin1');
  return bom || /<meta[^>]+charset/i.test(head) ? 'text/html' : 'text/html; charset=utf-8';
}

/**
 * Parses HTML the way a browser would for scanning (no scripts, no subresources) and scans it.
 * Bytes are decoded as a browser would (a BOM, then the page's declared charset, else UTF-8).
 */
export function scanHtml(html: string | Uint8Array, m: Matcher, file = '(page)'): DocumentScan {
  const dom = new JSDOM(html, { virtualConsole: quietConsole(file), contentType: contentType(html) });
  const scan = scanDocument(dom.window.document, m);
  try {
    dom.window.close();
  } catch {
    // jsdom detaches a tree recursively and overflows the stack on very deep pages; the scan is done.
  }
  return scan;
}
