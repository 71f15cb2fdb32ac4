/**
 * The elements the extension adds to a page (the card's host, the page markers' host), so that
 * "is this element ours?" cannot be answered wrongly by a page: never read, never watched.
 */
const ours = new WeakSet<Element>();

export function markOwn(el: Element): void {
  ours.add(el);
}

export function isOwnElement(el: Element): boolean {
  return ours.has(el);
}
