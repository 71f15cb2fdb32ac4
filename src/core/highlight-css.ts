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
 * Every name we give the page (highlights, custom properties) carries a token made at install
 * (background/install-token.ts): a page cannot tell our names in advance, its own highlights under
 * our prefix are never ours to replace or delete, and our styles say nothing where we do not paint.
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

/** Hue and saturation per type (concepts are neutral grey): the one colour table of the product. */
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
  const [h, s] = HUES[type];
  if (isDark(pageBackground)) {
    return { background: hslToRgb(h, Math.min(s, 45), 26), text: PAPER, underline: hslToRgb(h, s, 70) };
  }
  return { background: hslToRgb(h, s, 90), text: INK, underline: hslToRgb(h, s, 36) };
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

/**
 * The custom properties a type's rules read before their own colours (see highlightCss): set by
 * the content script, on the page's root, only for the types the reader gave a colour of their own.
 * Only the rules of the extension's stylesheet use them, so once the extension is gone they paint
 * nothing.
 */
export function colourVariable(token: string, type: EntityType, part: keyof TypeColors): string {
  return `--${HIGHLIGHT_PREFIX}-${token}-${type}-${part}`;
}

/** The :root rule that gives the reader's colours to the highlights (empty when there are none). */
export function readerColoursCss(token: string, colours: Partial<Record<EntityType, string>>): string {
  const decls: string[] = [];
  for (const [type, colour] of Object.entries(colours) as [EntityType, string][]) {
    const look = readerColourLook(colour);
    for (const part of ['background', 'text', 'underline'] as const) {
      decls.push(`${colourVariable(token, type, part)}: ${cssRgb(look[part])};`);
    }
  }
  return decls.length > 0 ? `:root { ${decls.join(' ')} }` : '';
}

/** Rules for every type in every variant, the focus highlight, forced colours and print. */
export function highlightCss(token: string, types: readonly EntityType[]): string {
  const rules: string[] = [];
  for (const variant of VARIANTS) {
    for (const type of types) {
      const c = typeColors(type, variant.dark ? DARK_SAMPLE : LIGHT_SAMPLE);
      // The background look sets no text-decoration: in Chromium a decoration marks every
      // highlighted text node as overflowing, which makes each repaint markedly slower.
      const v = (part: keyof TypeColors): string => `var(${colourVariable(token, type, part)}, ${cssRgb(c[part])})`;
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
