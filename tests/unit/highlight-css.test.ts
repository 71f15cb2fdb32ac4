/**
 * Highlight colours keep a contrast of at least 4.5:1 on light and dark pages, for every type;
 * forced-colours mode uses system colours; printing shows no highlights.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../src/core/dataset-types';
import { contrastRatio, deltaE2000, deltaE2000Lab, isDark, type Rgb } from '../../src/core/colors';
import {
  VARIANTS,
  focusName,
  highlightCss,
  highlightName,
  isToken,
  markerColour,
  markerTrack,
  newToken,
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

describe('page marker colours', () => {
  const rgb = (css: string): Rgb => css.match(/\d+/g)!.map(Number) as unknown as Rgb;

  // A tick is a graphical object: WCAG 1.4.11 asks 3:1 against what is next to it, the column's track.
  it.each([false, true])('stand out at ≥ 3:1 on the track, for every type (dark: %s)', (dark) => {
    for (const type of ENTITY_TYPES) {
      expect(contrastRatio(rgb(markerColour(type, dark)), rgb(markerTrack(dark))), type).toBeGreaterThanOrEqual(3);
    }
  });

  it('tell the types apart, and take the reader’s own colour as it is', () => {
    for (const dark of [false, true]) {
      for (const a of ENTITY_TYPES) {
        for (const b of ENTITY_TYPES) {
          if (a < b)
            expect(deltaE2000(rgb(markerColour(a, dark)), rgb(markerColour(b, dark))), `${a}, ${b}`).toBeGreaterThan(
              10,
            );
        }
      }
    }
    expect(markerColour('person', false, '#ff8800')).toBe('rgb(255 136 0)');
    expect(markerColour('person', true, '#ff8800')).toBe('rgb(255 136 0)');
  });
});

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
    expect(contrastRatio(light.background, [255, 255, 255])).toBeLessThan(2);
    expect(contrastRatio(dark.background, [0, 0, 0])).toBeLessThan(2);
  });

  it('gives each type its own colour', () => {
    const backgrounds = ENTITY_TYPES.map((t) => typeColors(t, [255, 255, 255]).background.join());
    expect(new Set(backgrounds).size).toBe(ENTITY_TYPES.length);
  });

  // The reader's review: countries and places 7.8 apart, ideas barely visible on a cream page.
  it.each([
    ['light', [255, 255, 255] as Rgb, 15],
    ['dark', [18, 18, 18] as Rgb, 12],
  ])('keeps every two tints, and each tint and the page, plainly apart on %s pages (ΔE2000 ≥ %#)', (_, page, floor) => {
    const tints = ENTITY_TYPES.map((t) => [t, typeColors(t, page).background] as const);
    const pages: Rgb[] = isDark(page) ? [page, [0, 0, 0]] : [page, [251, 250, 246]];
    for (const [i, [a, ca]] of tints.entries()) {
      for (const [b, cb] of tints.slice(i + 1)) expect(deltaE2000(ca, cb), `${a} / ${b}`).toBeGreaterThanOrEqual(floor);
      for (const bg of pages) expect(deltaE2000(ca, bg), `${a} on ${bg.join()}`).toBeGreaterThanOrEqual(floor);
    }
  });

  it('computes CIEDE2000 as its reference data does', () => {
    // Sharma, Wu and Dalal (2005), pairs 1, 7 and 17 of their test data.
    expect(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000Lab([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000Lab([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
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

  it('names variants apart, under the prefix and the document’s token (a page cannot name ours in advance)', () => {
    const names = VARIANTS.flatMap((v) => ENTITY_TYPES.map((t) => highlightName(TOKEN, t, v)));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.startsWith(`contextual-highlights-${TOKEN}-`)).toBe(true);
    expect(highlightName(TOKEN, 'person')).toBe(`contextual-highlights-${TOKEN}-person`);
    expect(focusName(TOKEN)).toBe(`contextual-highlights-${TOKEN}-focus`);
    expect(css).not.toMatch(/contextual-highlights-person/);
  });

  it('writes the reader’s own colours into the rules, with no custom property a page could read (F4)', () => {
    const own = highlightCss(TOKEN, ENTITY_TYPES, { place: '#ffd700' });
    const rule = (name: string): string => new RegExp(`::highlight\\(${name}\\) \\{[^}]*\\}`).exec(own)![0];
    expect(rule(highlightName(TOKEN, 'place'))).toContain('background-color: rgb(255 215 0); color: rgb(20 23 28);');
    expect(rule(highlightName(TOKEN, 'place', { mode: 'underline', dark: true }))).toContain(
      'underline 2px rgb(255 215 0)',
    );
    expect(rule(highlightName(TOKEN, 'person'))).toBe(rule(highlightName(TOKEN, 'person')).replace('255 215 0', ''));
    expect(own).not.toMatch(/var\(|--/);
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
