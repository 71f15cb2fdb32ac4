import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fakes/browser';
import {
  DEFAULT_SETTINGS,
  getSettings,
  isSiteEnabled,
  SETTINGS_VERSION,
  isHighlighted,
  normalizeSettings,
  onSettingsChanged,
  setEntityMuted,
  setSiteEnabled,
  setTypeEnabled,
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
    expect(stored).toMatchObject({ version: SETTINGS_VERSION, disabledSites: ['a.example'] });
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

describe('stored settings that cannot be trusted', () => {
  it.each([
    ['a negative version', { version: -1, enabled: false }],
    ['a fractional version', { version: 0.5, enabled: false }],
    ['a list as version', { version: [], enabled: false }],
    ['a string as version', { version: '2', enabled: false }],
    ['a huge version', { version: 1e308, enabled: false }],
  ])('repairs %s to working settings, keeping what it can read', (_what, raw) => {
    expect(normalizeSettings(raw)).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it.each([null, 'settings', 42, [], [{ enabled: false }], { enabledTypes: 'person' }])(
    'turns %j into the defaults',
    (raw) => {
      expect(normalizeSettings(raw)).toEqual(DEFAULT_SETTINGS);
    },
  );

  it('repairs each field on its own: bad colours, unknown types, out-of-range delays', () => {
    const s = normalizeSettings({
      version: 2,
      typeColors: { person: '#AABBCC', place: 'red', event: '#12345', nonsense: '#000000' },
      enabledTypes: ['person', 'nope', 'person', 'event'],
      hoverDelayMs: 99_999,
      mutedEntities: ['gazprom', 7, 'gazprom'],
      disabledSites: ['', 'x'.repeat(300), 'ok.example'],
      firstMentionOnly: 'yes',
    });
    expect(s.typeColors).toEqual({ person: '#aabbcc' });
    expect(s.enabledTypes).toEqual(['person', 'event']);
    expect(s.hoverDelayMs).toBe(2000);
    expect(s.mutedEntities).toEqual(['gazprom']);
    expect(s.disabledSites).toEqual(['ok.example']);
    expect(s.firstMentionOnly).toBe(false);
  });

  it('upgrades version 1 settings, keeping their switches', () => {
    const s = normalizeSettings({
      version: 1,
      enabled: false,
      disabledSites: ['a.example'],
      highlightStyle: 'underline',
    });
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      enabled: false,
      disabledSites: ['a.example'],
      highlightStyle: 'underline',
    });
  });

  it('keeps a newer version’s number and unknown fields when writing (after a downgrade)', async () => {
    const { default: browser } = await import('../fakes/browser');
    browser.storage.local.data.set('settings', { version: 9, enabled: true, futureField: { x: 1 } });
    await setSiteEnabled('a.example', false);
    expect(browser.storage.local.data.get('settings')).toMatchObject({
      version: 9,
      futureField: { x: 1 },
      disabledSites: ['a.example'],
    });
  });

  it('writes a broken store over with working settings on the first change', async () => {
    const { default: browser } = await import('../fakes/browser');
    browser.storage.local.data.set('settings', { version: -1, disabledSites: 'all' });
    await setSiteEnabled('a.example', false);
    expect(browser.storage.local.data.get('settings')).toMatchObject({
      version: SETTINGS_VERSION,
      disabledSites: ['a.example'],
    });
  });
});

describe('what is highlighted', () => {
  it('follows the types switched on and the entities muted', async () => {
    await setTypeEnabled('place', false);
    await setEntityMuted('gazprom', true);
    const s = await getSettings();
    expect(isHighlighted(s, { id: 'moscow', type: 'place' })).toBe(false);
    expect(isHighlighted(s, { id: 'gazprom', type: 'organization' })).toBe(false);
    expect(isHighlighted(s, { id: 'cnpc', type: 'organization' })).toBe(true);
    await setTypeEnabled('place', true);
    await setEntityMuted('gazprom', false);
    const back = await getSettings();
    expect(back.enabledTypes).toEqual(expect.arrayContaining(DEFAULT_SETTINGS.enabledTypes));
    expect(back.mutedEntities).toEqual([]);
  });
});
