/**
 * The popup's pure parts: the relation graph's geometry and keyboard moves, and what the popup says
 * about a tab in each state. Its DOM, layout and accessibility are tested in the browsers
 * (tests/e2e/popup.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../src/shared/settings';
import type { TabEntity, TabState } from '../../src/shared/messages';
import { popupText } from '../../src/shared/popup-text';
import { translator } from '../../src/shared/i18n';
import { edgesAmong, layoutGraph, nextNode } from '../../src/popup/graph-layout';
import { statusText } from '../../src/popup/status';

const entity = (id: string, type: TabEntity['type'], count: number, related: string[] = []): TabEntity => ({
  id,
  name: id.replace(/-/g, ' '),
  type,
  count,
  related: related.map((r) => ({ id: r, label: 'is tied to' })),
});

const page: TabEntity[] = [
  entity('vladimir-putin', 'person', 12, ['xi-jinping', 'russia', 'china']),
  entity('xi-jinping', 'person', 3, ['vladimir-putin', 'china']),
  entity('russia', 'country', 20, ['vladimir-putin', 'ukraine']),
  entity('china', 'country', 18, ['xi-jinping']),
  entity('ukraine', 'country', 4, ['russia']),
  entity('donetsk-peoples-republic-and-a-long-tail', 'place', 1),
];

describe('the relation graph’s layout', () => {
  const edges = edgesAmong(page);
  const layout = layoutGraph(page, edges);

  it('takes each relation between entities on the page once, in either direction', () => {
    expect(edges).toEqual([
      ['vladimir-putin', 'xi-jinping'],
      ['russia', 'vladimir-putin'],
      ['china', 'vladimir-putin'],
      ['china', 'xi-jinping'],
      ['russia', 'ukraine'],
    ]);
  });

  it('puts the entities in two columns in list order, one per line, labels outside and never overlapping', () => {
    expect(layout.nodes.map((n) => [n.id, n.column, n.row])).toEqual([
      ['vladimir-putin', 0, 0],
      ['xi-jinping', 0, 1],
      ['russia', 0, 2],
      ['china', 1, 0],
      ['ukraine', 1, 1],
      ['donetsk-peoples-republic-and-a-long-tail', 1, 2],
    ]);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(layout.width);
      expect(n.y + n.r).toBeLessThan(layout.height);
      if (n.column === 0) expect([n.anchor, n.labelX < n.x - n.r]).toEqual(['end', true]);
      else expect([n.anchor, n.labelX > n.x + n.r]).toEqual(['start', true]);
    }
    const rows = layout.nodes.filter((n) => n.column === 0).map((n) => n.y);
    for (let i = 1; i < rows.length; i++) expect(rows[i]! - rows[i - 1]!).toBeGreaterThanOrEqual(20);
    // Bigger for more mentions, within bounds; long names shortened.
    const r = new Map(layout.nodes.map((n) => [n.id, n.r]));
    expect(r.get('russia')).toBeGreaterThan(r.get('xi-jinping')!);
    expect(Math.max(...r.values())).toBeLessThanOrEqual(9);
    // Each name has room up to its node (left) or the edge (right).
    for (const n of layout.nodes) {
      expect(n.labelRoom).toBeGreaterThan(100);
      if (n.column === 0) expect(n.labelX - n.labelRoom).toBeGreaterThanOrEqual(0);
      else expect(n.labelX + n.labelRoom).toBeLessThanOrEqual(layout.width);
    }
  });

  it('draws relations within a column as arcs into the middle, across as curves', () => {
    const d = new Map(layout.edges.map((e) => [`${e.a} ${e.b}`, e.d]));
    expect(d.get('vladimir-putin xi-jinping')).toMatch(/^M[\d.]+ [\d.]+Q/);
    expect(d.get('china vladimir-putin')).toMatch(/^M[\d.]+ [\d.]+C/);
    // A left-column arc bows to the right.
    const [, x0, , qx] = d.get('vladimir-putin xi-jinping')!.match(/^M([\d.]+) ([\d.]+)Q([\d.]+)/)!;
    expect(Number(qx)).toBeGreaterThan(Number(x0));
  });

  it('moves with the arrow keys: up and down a column, across to the nearest row, Home and End', () => {
    expect(nextNode(layout, 0, 'ArrowDown')).toBe(1);
    expect(nextNode(layout, 2, 'ArrowDown')).toBe(2);
    expect(nextNode(layout, 0, 'ArrowUp')).toBe(0);
    expect(nextNode(layout, 1, 'ArrowRight')).toBe(4);
    expect(nextNode(layout, 4, 'ArrowLeft')).toBe(1);
    expect(nextNode(layout, 4, 'ArrowRight')).toBe(4);
    expect(nextNode(layout, 3, 'End')).toBe(5);
    expect(nextNode(layout, 3, 'Home')).toBe(0);
    expect(nextNode(layout, 3, 'x')).toBe(-1);
  });

  it('copes with no entities and with one', () => {
    expect(layoutGraph([], []).nodes).toEqual([]);
    expect(layoutGraph([page[0]!], []).nodes[0]).toMatchObject({ column: 0, row: 0 });
  });
});

describe('what the popup says about a tab', () => {
  const say = translator(popupText);
  const state = (s: Partial<TabState>): TabState => ({
    status: 'done',
    host: 'news.example',
    entities: [],
    total: 0,
    ...s,
  });
  const on = DEFAULT_SETTINGS;

  it('explains each empty state', () => {
    expect(statusText(state({ status: 'loading', host: null }), on, say)).toBe('The page is still loading.');
    expect(statusText(state({ status: 'unavailable', host: null }), on, say)).toMatch(/can’t read this page/);
    expect(statusText(state({ status: 'scanning' }), on, say)).toBe('Reading this page…');
    expect(statusText(state({ status: 'done' }), on, say)).toMatch(/^Nothing from the story on this page\./);
    expect(statusText(state({ status: 'off' }), normalizeSettings({ disabledSites: ['news.example'] }), say)).toMatch(
      /^Highlights are off on news\.example/,
    );
    expect(statusText(state({ status: 'done' }), normalizeSettings({ enabled: false }), say)).toMatch(
      /^Highlights are off everywhere/,
    );
  });

  it('counts mentions and entities, in the singular too', () => {
    expect(statusText(state({ entities: page, total: 38 }), on, say)).toBe('38 mentions of 6 entities on this page.');
    expect(statusText(state({ entities: [page[0]!], total: 1 }), on, say)).toBe('1 mention of 1 entity on this page.');
    expect(statusText(state({ status: 'scanning', entities: page.slice(0, 2), total: 15 }), on, say)).toBe(
      'Still reading this page: 2 entities so far.',
    );
  });
});

describe('a long search in the results’ heading', () => {
  it('is cut to 60 characters, whole code points, with an ellipsis', async () => {
    const { clip } = await import('../../src/popup/dom');
    expect(clip('Putin', 60)).toBe('Putin');
    const long = 'x'.repeat(10_000);
    expect(clip(long, 60)).toBe(`${'x'.repeat(59)}…`);
    expect([...clip('普'.repeat(30) + '😀'.repeat(40), 60)]).toHaveLength(60);
    expect(clip('😀'.repeat(61), 60).endsWith('😀…')).toBe(true);
  });
});
