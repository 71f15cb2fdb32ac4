/**
 * Node kinds and TreeWalker filters by name, with type guards. Not read from the globals `Node` and
 * `NodeFilter`: the same code reads pages over jsdom in the scan command, where Node.js has no such
 * globals (only the jsdom window does, and the code is handed a document, not a window).
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** TreeWalker `whatToShow` flags. */
export const SHOW_ELEMENT = 0x1;
export const SHOW_TEXT = 0x4;

export function isElement(n: Node): n is Element {
  return n.nodeType === ELEMENT_NODE;
}

export function isText(n: Node): n is Text {
  return n.nodeType === TEXT_NODE;
}

export function isDocument(n: Node): n is Document {
  return n.nodeType === DOCUMENT_NODE;
}

/** A document fragment, which in a scanned tree is a shadow root (or a template's content). */
export function isFragment(n: Node): n is DocumentFragment {
  return n.nodeType === DOCUMENT_FRAGMENT_NODE;
}

/** The document a node (or a document) belongs to. */
export function documentOf(n: Node): Document {
  return isDocument(n) ? n : n.ownerDocument!;
}
