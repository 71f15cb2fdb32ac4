/**
 * The highlights' looks: one colour table per entity type, the registered highlight names, and the
 * `::highlight()` stylesheet put into the pages we paint. Colours are chosen so that highlighted
 * text keeps a contrast of at least 4.5:1 on light and dark pages: both the text colour and the
 * background are set, so the guarantee holds whatever colour the page gives its text.
 */
import { contrastRatio, cssRgb, hslToRgb, isDark, type Rgb } from './colors';
import type { EntityType } from './dataset-types';

/** The highlight looks a reader can choose (settings) and the stylesheet provides. */
export const HIGHLIGHT_LOOKS = ['background', 'underline'] as const;
export type HighlightMode = (typeof HIGHLIGHT_LOOKS)[number];

export const HIGHLIGHT_PREFIX = 'contextual-highlights';

/**
 * Every name we give a page carries a token made for that document alone (early.js makes it when
 * the document starts): a page cannot tell our names in advance, its own highlights under our
 * prefix are never ours to replace or delete, and no two documents share a name, so the names
 * cannot tie one visit to another (security review F1: one token per install was readable on
 * every site, a tracking identifier).
 */
export const TOKEN = /^[a-z0-9]{8,16}$/;

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** A new token: 10 characters of base 36 from the platform's random source. */
export function newToken(random: (bytes: Uint8Array) => Uint8Array): string {
  return [...random(new Uint8Array(10))].map((b) => (b % 36).toString(36)).join('');
}

/** The focus highlight's registered name (the mention whose card is open). */
export function focusName(token: string): string {
  return `${HIGHLIGHT_PREFIX}-${token}-focus`;
}

/**
 * Hue, saturation and (on light pages) lightness of each type's tint: the one colour table of the
 * product. Chosen so that every two tints, and every tint and a white or cream page, differ by a
 * CIEDE2000 ΔE of at least 15 on light pages and 12 on dark ones (the reader's review measured 7.8
 * between countries and places, and ideas barely visible on a cream page): a unit test holds it.
 */
const HUES: Record<EntityType, [number, number, number]> = {
  person: [219, 87, 82],
  country: [119, 70, 83],
  place: [176, 78, 86],
  organization: [278, 51, 84],
  event: [19, 93, 85],
  concept: [52, 59, 81],
};

/** A highlight's look: background or underline only, each tuned for light or dark pages. */
export interface Variant {
  mode: HighlightMode;
  dark: boolean;
}

export const VARIANTS: readonly Variant[] = HIGHLIGHT_LOOKS.flatMap((mode) => [
  { mode, dark: false },
  { mode, dark: true },
]);

/**
 * The registered name of a type's highlight in one variant. Every variant has its own name and
 * rules, so the stylesheet is the same for every page of an install, and switching variants only
 * renames a Highlight.
 */
export function highlightName(token: string, type: EntityType, variant: Variant = VARIANTS[0]!): string {
  const suffix = `${variant.mode === 'underline' ? '-underline' : ''}${variant.dark ? '-on-dark' : ''}`;
  return `${HIGHLIGHT_PREFIX}-${token}-${type}${suffix}`;
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
  const [h, s, l] = HUES[type];
  if (isDark(pageBackground)) {
    return { background: hslToRgb(h, Math.min(s, 45), 26), text: PAPER, underline: hslToRgb(h, s, 70) };
  }
  return { background: hslToRgb(h, s, l), text: INK, underline: hslToRgb(h, s, 36) };
}

const DARK_SAMPLE: Rgb = [18, 18, 18];
const LIGHT_SAMPLE: Rgb = [255, 255, 255];

/** A stored colour (`#rrggbb`) as RGB. */
export function colourRgb(colour: string): Rgb {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * What a reader's own colour for a type paints as, on light and dark pages alike: the background
 * look tints with it and sets the text to ink or paper, whichever contrasts more; the underline look
 * draws the underline in it. (The options page previews exactly this.)
 */
export function readerColourLook(colour: string): TypeColors {
  const rgb = colourRgb(colour);
  const text = contrastRatio(rgb, INK) >= contrastRatio(rgb, PAPER) ? INK : PAPER;
  return { background: rgb, text, underline: rgb };
}

/** The page markers' column: a track of its own colour, so a tick contrasts whatever the page's colour. */
export function markerTrack(dark: boolean): string {
  return cssRgb(dark ? MARKER_TRACK_DARK : MARKER_TRACK_LIGHT);
}

const MARKER_TRACK_LIGHT: Rgb = [236, 239, 243];
const MARKER_TRACK_DARK: Rgb = [30, 33, 38];

/**
 * A page marker's colour for a type (a tick 3 px high on the column's track): the type's hue, dark
 * on the light track and light on the dark one, at 3:1 or more against it (a unit test holds it);
 * or the reader's own colour for the type, as it is.
 */
export function markerColour(type: EntityType, dark: boolean, readerColour?: string): string {
  if (readerColour) return cssRgb(colourRgb(readerColour));
  const [h, s] = HUES[type];
  return cssRgb(dark ? hslToRgb(h, s, 68) : hslToRgb(h, s, 32));
}

/** The reader's own colours per type (#rrggbb), as the settings keep them. */
export type ReaderColours = Partial<Record<EntityType, string>>;

/**
 * Rules for every type in every variant, the focus highlight, forced colours and print. The
 * reader's own colours are written into the rules themselves (as custom properties on the page's
 * root they were readable by any script of the page: security review F4); a change of colours is
 * a new sheet.
 */
export function highlightCss(token: string, types: readonly EntityType[], colours: ReaderColours = {}): string {
  const rules: string[] = [];
  for (const variant of VARIANTS) {
    for (const type of types) {
      const own = colours[type];
      const c = own ? readerColourLook(own) : typeColors(type, variant.dark ? DARK_SAMPLE : LIGHT_SAMPLE);
      // The background look sets no text-decoration: in Chromium a decoration marks every
      // highlighted text node as overflowing, which makes each repaint markedly slower.
      const v = (part: keyof TypeColors): string => cssRgb(c[part]);
      const look =
        variant.mode === 'background'
          ? `background-color: ${v('background')}; color: ${v('text')};`
          : `text-decoration: underline 2px ${v('underline')}; text-underline-offset: 0.18em;`;
      rules.push(`::highlight(${highlightName(token, type, variant)}) { ${look} }`);
    }
  }
  const focus = `::highlight(${focusName(token)}) { background-color: rgb(255 200 40); color: rgb(20 23 28); }`;
  const all = VARIANTS.flatMap((v) => types.map((t) => `::highlight(${highlightName(token, t, v)})`)).join(',\n');
  return [
    // Screen only: printing the page shows no highlights.
    `@media screen {\n${rules.join('\n')}\n${focus}\n}`,
    `@media screen and (forced-colors: active) {\n${all} { background-color: Mark; color: MarkText; }\n::highlight(${focusName(token)}) { background-color: Highlight; color: HighlightText; }\n}`,
  ].join('\n');
}

/**
 * The swatches that stand for each type in the extension's own pages (the popup's list): the
 * underline colour of the highlights, for light and dark themes, from the same table.
 */
export function swatchCss(types: readonly EntityType[]): string {
  const rules = (sample: Rgb): string =>
    types.map((t) => `.swatch.${t} { background: ${cssRgb(typeColors(t, sample).underline)}; }`).join('\n');
  return [
    '/* Generated by src/core/highlight-css.ts (npm run build). */',
    rules(LIGHT_SAMPLE),
    `@media (prefers-color-scheme: dark) {\n${rules(DARK_SAMPLE)}\n}`,
  ].join('\n');
}
