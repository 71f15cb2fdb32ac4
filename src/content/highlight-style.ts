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

/** A highlight's look: background or underline only, each tuned for light or dark pages. */
export interface Variant {
  mode: HighlightMode;
  dark: boolean;
}

export const VARIANTS: readonly Variant[] = [
  { mode: 'background', dark: false },
  { mode: 'background', dark: true },
  { mode: 'underline', dark: false },
  { mode: 'underline', dark: true },
];

/**
 * The registered name of a type's highlight in one variant. Every variant has its own fixed name
 * and rules, so the stylesheet is static (shipped in the manifest, removed by the browser with the
 * extension) and switching variants only renames a Highlight.
 */
export function highlightName(type: EntityType, variant: Variant = VARIANTS[0]!): string {
  const suffix = `${variant.mode === 'underline' ? '-underline' : ''}${variant.dark ? '-on-dark' : ''}`;
  return `${HIGHLIGHT_PREFIX}-${type}${suffix}`;
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

/**
 * Parses the computed form of a colour; null if (mostly) transparent. "rgb()"/"rgba()" directly;
 * other forms browsers now report (oklch(), lab(), color()) by painting one pixel with it.
 */
export function parseColor(value: string): Rgb | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!m) return value === 'transparent' ? null : paintedColor(value);
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

let pixel: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;

/** The colour a CSS colour value paints as (via a 1×1 canvas, never added to the page). */
function paintedColor(value: string): Rgb | null {
  try {
    if (pixel === undefined) {
      pixel = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    }
    if (!pixel) return null;
    pixel.clearRect(0, 0, 1, 1);
    pixel.fillStyle = '#000';
    pixel.fillStyle = value;
    pixel.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
    return a! < 128 ? null : [r!, g!, b!];
  } catch {
    return null;
  }
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

const DARK_SAMPLE: Rgb = [18, 18, 18];
const LIGHT_SAMPLE: Rgb = [255, 255, 255];

/** Rules for every type in every variant, the focus highlight, forced colours and print. */
export function highlightCss(types: readonly EntityType[]): string {
  const rules: string[] = [];
  for (const variant of VARIANTS) {
    for (const type of types) {
      const c = typeColors(type, variant.dark ? DARK_SAMPLE : LIGHT_SAMPLE);
      // The background look sets no text-decoration: in Chromium a decoration marks every
      // highlighted text node as overflowing, which makes each repaint markedly slower.
      const look =
        variant.mode === 'background'
          ? `background-color: ${css(c.background)}; color: ${css(c.text)};`
          : `text-decoration: underline 2px ${css(c.underline)}; text-underline-offset: 0.18em;`;
      rules.push(`::highlight(${highlightName(type, variant)}) { ${look} }`);
    }
  }
  const focus = `::highlight(${FOCUS_NAME}) { background-color: rgb(255 200 40); color: rgb(20 23 28); }`;
  const all = VARIANTS.flatMap((v) => types.map((t) => `::highlight(${highlightName(t, v)})`)).join(',\n');
  return [
    '/* Generated by src/content/highlight-style.ts (npm run build). */',
    // Screen only: printing the page shows no highlights.
    `@media screen {\n${rules.join('\n')}\n${focus}\n}`,
    `@media screen and (forced-colors: active) {\n${all} { background-color: Mark; color: MarkText; }\n::highlight(${FOCUS_NAME}) { background-color: Highlight; color: HighlightText; }\n}`,
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
