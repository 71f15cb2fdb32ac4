/**
 * Highlight colours keep a contrast of at least 4.5:1 on light and dark pages, for every type;
 * forced-colours mode uses system colours; printing shows no highlights.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../src/core/dataset-types';
import { contrastRatio, isDark, type Rgb } from '../../src/core/colors';
import {
  VARIANTS,
  focusName,
  highlightCss,
  highlightName,
  isToken,
  newToken,
  readerColoursCss,
  typeColors,
} from '../../src/core/highlight-css';
import { parseColor } from '../../src/content/paint/page-colours';

const PAGES: [string, Rgb][] = [
  ['white', [255, 255, 255]],
  ['off-white', [251, 250, 246]],
  ['sepia', [244, 236, 216]],
  ['mid grey', [160, 160, 160]],
  ['dark grey', [40, 44, 52]],
  ['black', [0, 0, 0]],
  ['navy', [16, 24, 48]],
];

describe('highlight colours', () => {
  it.each(PAGES)('keep text at ≥ 4.5:1 on a %s page, for every type', (_, bg) => {
    for (const type of ENTITY_TYPES) {
      const c = typeColors(type, bg);
      expect(contrastRatio(c.text, c.background), `${type}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses dark tints on dark pages and light tints on light ones', () => {
    expect(isDark([0, 0, 0])).toBe(true);
    expect(isDark([255, 255, 255])).toBe(false);
    const light = typeColors('person', [255, 255, 255]);
    const dark = typeColors('person', [0, 0, 0]);
    expect(contrastRatio(light.background, [255, 255, 255])).toBeLessThan(1.5);
    expect(contrastRatio(dark.background, [0, 0, 0])).toBeLessThan(2);
  });

  it('gives each type its own colour', () => {
    const backgrounds = ENTITY_TYPES.map((t) => typeColors(t, [255, 255, 255]).background.join());
    expect(new Set(backgrounds).size).toBe(ENTITY_TYPES.length);
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 1);
  });

  it('parses computed colours and treats transparency as no colour', () => {
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('rgba(1, 2, 3, 0.9)')).toEqual([1, 2, 3]);
    expect(parseColor('rgba(0, 0, 0, 0)')).toBeNull();
    expect(parseColor('transparent')).toBeNull();
  });
});

describe('the highlight stylesheet', () => {
  const TOKEN = 'k3x9q2m7zz';
  const css = highlightCss(TOKEN, ENTITY_TYPES);

  it('has rules for every type in every variant, on screen only (nothing when printing)', () => {
    for (const variant of VARIANTS) {
      for (const type of ENTITY_TYPES) expect(css).toContain(`::highlight(${highlightName(TOKEN, type, variant)})`);
    }
    expect(css).toMatch(/^@media screen \{/);
    expect(css).not.toMatch(/@media print/);
  });

  it('names variants apart, under the prefix and the install’s token (a page cannot name ours in advance)', () => {
    const names = VARIANTS.flatMap((v) => ENTITY_TYPES.map((t) => highlightName(TOKEN, t, v)));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.startsWith(`contextual-highlights-${TOKEN}-`)).toBe(true);
    expect(highlightName(TOKEN, 'person')).toBe(`contextual-highlights-${TOKEN}-person`);
    expect(focusName(TOKEN)).toBe(`contextual-highlights-${TOKEN}-focus`);
    expect(css).not.toMatch(/contextual-highlights-person/);
    // The reader's colours are read from custom properties carrying the token too.
    expect(css).toContain(`var(--contextual-highlights-${TOKEN}-person-background,`);
    expect(readerColoursCss(TOKEN, { place: '#ffd700' })).toMatch(
      new RegExp(`^:root \\{ --contextual-highlights-${TOKEN}-place-background: rgb\\(255 215 0\\);`),
    );
  });

  it('makes tokens of ten characters of base 36 from random bytes, and knows one', () => {
    const token = newToken((b) => b.map((_, i) => i * 37));
    expect(token).toMatch(/^[a-z0-9]{10}$/);
    expect(isToken(token)).toBe(true);
    expect(isToken('Bad-Token')).toBe(false);
    expect(isToken('short')).toBe(false);
    expect(isToken(42)).toBe(false);
    expect(newToken((b) => crypto.getRandomValues(b))).not.toBe(newToken((b) => crypto.getRandomValues(b)));
  });

  it('uses system colours in forced-colours mode', () => {
    expect(css).toMatch(/forced-colors: active\)[^}]*Mark[^}]*MarkText/s);
  });

  it('underline variants leave the page’s own colours alone', () => {
    const rule = (name: string): string => new RegExp(`::highlight\\(${name}\\) \\{[^}]*\\}`).exec(css)![0];
    const underline = rule(highlightName(TOKEN, 'person', { mode: 'underline', dark: false }));
    expect(underline).not.toContain('background-color');
    expect(underline).toContain('text-decoration: underline');
    expect(rule(highlightName(TOKEN, 'person'))).toContain('background-color');
  });
});
