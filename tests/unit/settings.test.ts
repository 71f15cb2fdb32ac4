import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fakes/browser';
import {
  DEFAULT_SETTINGS,
  getSettings,
  isSiteEnabled,
  normalizeSettings,
  onSettingsChanged,
  setSiteEnabled,
  siteKey,
  updateSettings,
  type Settings,
} from '../../src/shared/settings';

beforeEach(() => fake.reset());

describe('settings', () => {
  it('starts from the defaults when nothing is stored', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('drops unknown and mistyped values instead of trusting storage', () => {
    const s = normalizeSettings({
      enabled: 'yes',
      disabledSites: ['a.com', 3, 'a.com'],
      highlightStyle: 'blink',
      junk: 1,
    });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, disabledSites: ['a.com'] });
  });

  it('switches a site off and on, keyed by host without www.', async () => {
    await setSiteEnabled('www.News.example', false);
    let s = await getSettings();
    expect(s.disabledSites).toEqual(['news.example']);
    expect(isSiteEnabled(s, 'news.example')).toBe(false);
    expect(isSiteEnabled(s, 'www.news.example')).toBe(false);
    expect(isSiteEnabled(s, 'other.example')).toBe(true);
    await setSiteEnabled('news.example', true);
    s = await getSettings();
    expect(s.disabledSites).toEqual([]);
    expect(siteKey('WWW.A.B')).toBe('a.b');
  });

  it('the global switch wins over the site list', async () => {
    await updateSettings(() => ({ enabled: false }));
    expect(isSiteEnabled(await getSettings(), 'any.example')).toBe(false);
  });

  it('stores under one key in storage.local, with its version', async () => {
    await setSiteEnabled('a.example', false);
    const stored = (await import('../fakes/browser')).default.storage.local.data.get('settings') as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({ version: 1, disabledSites: ['a.example'] });
  });

  it('reports changes until its signal aborts', async () => {
    const seen: Settings[] = [];
    const ctrl = new AbortController();
    onSettingsChanged((s) => seen.push(s), ctrl.signal);
    await setSiteEnabled('a.example', false);
    ctrl.abort();
    await setSiteEnabled('b.example', false);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.disabledSites).toEqual(['a.example']);
  });
});
