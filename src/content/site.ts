/**
 * Where the content scripts run: the site a frame belongs to and whether its document is a page of
 * text. Shared by early.js (at document start, before the document has a root) and content.js.
 */

/**
 * The site this frame belongs to: the top page's host (for same-origin and about:blank frames too),
 * "local files" for file: pages, else null (a cross-origin frame, or a top-level about:blank).
 */
export function siteHost(): string | null {
  try {
    const top = window.top!.location;
    if (top.hostname) return top.hostname;
    return top.protocol === 'file:' ? 'local files' : null;
  } catch {
    // A cross-origin frame: not scanned (the top page and same-origin frames are read; docs/architecture.md).
    return null;
  }
}

/** Not XML shown by the browser's viewer (its pretty-printed tree would be read twice over). */
export function isTextDocument(doc: Document): boolean {
  const type = doc.contentType || 'text/html';
  return !/xml/i.test(type) || /xhtml/i.test(type);
}

/** A document whose root is HTML (not an SVG image or another XML root). */
export function isReadable(doc: Document): boolean {
  return doc.documentElement instanceof HTMLElement;
}
