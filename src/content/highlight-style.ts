/**
 * Highlight colours per entity type, chosen against the page's background so that highlighted
 * text keeps a contrast of at least 4.5:1 on light and dark pages. Both the text colour and the
 * background are set, so the guarantee holds whatever colour the page gives its text.
 */
import type { EntityType } from '../core/dataset-types';

export type Rgb = [number, number, number];
export type HighlightMode = 'background' | 'underline';

export const HIGHLIGHT_PREFIX = 'contextual-highlights';
export const FOCUS_NAME = `${HIGHLIGHT_PREFIX}-focus`;

/** Hue and saturation per type (concepts are neutral grey). */
const HUES: Record<EntityType, [number, number]> = {
  person: [215, 85],
  country: [145, 60],
  place: [175, 65],
  organization: [280, 60],
  event: [28, 90],
  concept: [220, 10],
};

export function highlightName(type: EntityType): string {
  return `${HIGHLIGHT_PREFIX}-${type}`;
}

export function hslToRgb(h: number, s: number, l: number): Rgb {
  const sat = s / 100;
  const light = l / 100;
  const k = (n: number): number => (n + h / 30) % 12;
  const a = sat * Math.min(light, 1 - light);
  const f = (n: number): number => light - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

function channel(c: number): number {
  const v = c / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two colours (1..21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Parses the computed form of a colour ("rgb(1, 2, 3)" / "rgba(1, 2, 3, 0.5)"); null if transparent. */
export function parseColor(value: string): Rgb | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(value);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isDark(background: Rgb): boolean {
  return luminance(background) < 0.25;
}

export interface TypeColors {
  background: Rgb;
  text: Rgb;
  underline: Rgb;
}

const INK: Rgb = [20, 23, 28];
const PAPER: Rgb = [244, 246, 248];

/** Colours for one type on a page with this background. */
export function typeColors(type: EntityType, pageBackground: Rgb): TypeColors {
  const [h, s] = HUES[type];
  if (isDark(pageBackground)) {
    return { background: hslToRgb(h, Math.min(s, 45), 26), text: PAPER, underline: hslToRgb(h, s, 70) };
  }
  return { background: hslToRgb(h, s, 90), text: INK, underline: hslToRgb(h, s, 36) };
}

const css = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/** The stylesheet for every type's highlight, the focus highlight, forced colours and print. */
export function highlightCss(pageBackground: Rgb, mode: HighlightMode, types: readonly EntityType[]): string {
  const rules = types.map((type) => {
    const c = typeColors(type, pageBackground);
    const fill = mode === 'background' ? `background-color: ${css(c.background)}; color: ${css(c.text)}; ` : '';
    return `::highlight(${highlightName(type)}) { ${fill}text-decoration: underline 2px ${css(c.underline)}; text-underline-offset: 0.18em; }`;
  });
  const dark = isDark(pageBackground);
  const focus = `::highlight(${FOCUS_NAME}) { background-color: ${dark ? 'rgb(255 214 102)' : 'rgb(255 200 40)'}; color: rgb(20 23 28); text-decoration: underline 3px rgb(20 23 28); }`;
  const names = [...types.map(highlightName), FOCUS_NAME].map((n) => `::highlight(${n})`).join(', ');
  return [
    // Screen only: printing the page shows no highlights.
    `@media screen {\n${rules.join('\n')}\n${focus}\n}`,
    `@media screen and (forced-colors: active) {\n${names} { background-color: Mark; color: MarkText; text-decoration: underline 2px MarkText; }\n::highlight(${FOCUS_NAME}) { background-color: Highlight; color: HighlightText; }\n}`,
  ].join('\n');
}

/** The colour the page's text sits on: the first opaque background of body or html, else the canvas. */
export function pageBackground(doc: Document): Rgb {
  const view = doc.defaultView;
  if (!view) return [255, 255, 255];
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const c = parseColor(view.getComputedStyle(el).backgroundColor);
    if (c) return c;
  }
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  const prefersDark = view.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return scheme.includes('dark') && (prefersDark || !scheme.includes('light')) ? [18, 18, 18] : [255, 255, 255];
}
