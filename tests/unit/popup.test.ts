/**
 * The popup's pure parts: what the popup says about a tab in each state (relations:
 * popup-relations.test.ts). Its DOM, layout and accessibility are tested in the browsers
 * (tests/e2e/popup.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../src/shared/settings';
import type { TabEntity, TabState } from '../../src/shared/messages';
import { popupText } from '../../src/shared/popup-text';
import { translator } from '../../src/shared/i18n';
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
