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

/**
 * The rules every host of ours starts from (inside its closed shadow root, as `:host` rules): all
 * !important, which beats any page rule aimed at it; a page cannot hide it, fade it, move it, let it
 * take the pointer, or print it. Each host adds its place, size, layer and containment.
 */
export function hostCss(own: string): string {
  return `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  pointer-events: none !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  content-visibility: visible !important;
  user-select: none !important;
  ${own}
}
@media print { :host { display: none !important; } }
`;
}
