/**
 * Building the popup's DOM from data: text goes in as text nodes, never as HTML, so nothing from the
 * dataset or a page can become markup. Styles come from the stylesheets (the extension's CSP allows
 * no inline style attributes).
 */

type Child = Node | string | null | undefined | false;

export interface Attributes {
  class?: string;
  [name: string]: string | number | boolean | undefined;
}

/** An HTML element with attributes (false or undefined ones left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttributes(el, attributes);
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element, likewise. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  setAttributes(el, attributes);
  append(el, children);
  return el;
}

function setAttributes(el: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c);
  }
}

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the popup has no #${id}`);
  return el as T;
}

/**
 * `text` cut to `max` characters (whole code points) with an ellipsis: what the reader typed, shown
 * in a heading, never runs on for lines.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
