/**
 * What an element is to the text walk: content never scanned (scripts, form fields, editable
 * regions, our own UI), or a block that separates units of text. Shared by the walk, the mutation
 * watcher and the viewport search, so all three agree.
 */
import { isElement, isFragment } from '../dom';

/** Elements whose content is never scanned (docs/architecture.md, "scanned text"). */
export const EXCLUDED: ReadonlySet<string> = new Set(
  `
  script style noscript template textarea input select option title iframe noembed noframes
`
    .trim()
    .split(/\s+/),
);

/** Elements that break text into separate units (HTML block-level elements, <br>, table parts). */
export const BLOCKS: ReadonlySet<string> = new Set(
  `
  address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset
  figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li listing main
  menu nav ol p plaintext pre search section summary table tbody td tfoot th thead tr ul xmp
  button img video audio canvas svg math meter progress
`
    .trim()
    .split(/\s+/),
);

/** True if the element's content is never scanned. */
export function isExcludedElement(el: Element, isOwn?: (el: Element) => boolean): boolean {
  if (EXCLUDED.has(el.localName)) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  return isOwn !== undefined && isOwn(el);
}

export function isBlockElement(el: Element): boolean {
  return BLOCKS.has(el.localName);
}

/** True if the node lies inside content that is never scanned (an excluded or editable ancestor). */
export function isInExcludedRegion(node: Node, stopAt: Node | null, isOwn?: (el: Element) => boolean): boolean {
  for (let n: Node | null = node.parentNode; n && n !== stopAt; n = n.parentNode) {
    if (isElement(n) && isExcludedElement(n, isOwn)) return true;
    if (isFragment(n)) {
      const host = (n as ShadowRoot).host;
      if (!host) return false;
      n = host;
      if (isExcludedElement(host, isOwn)) return true;
    }
  }
  return false;
}

/** Whether an element between two text nodes separates them (a block, <br>, a table cell…). */
export function isSeparator(n: Node): boolean {
  return isElement(n) && BLOCKS.has(n.localName);
}
