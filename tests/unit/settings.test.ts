import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fakes/browser';
import { muteEntity, setSiteEnabled, setTypeEnabled, updateSettings } from '../../src/background/settings-store';
import { contrastRatio } from '../../src/core/colors';
import {
  DEFAULT_SETTINGS,
  LIST_LIMITS,
  pageSettingsFor,
  normalSite,
  SETTING_KEYS,
  SYNCED_VALUES,
  getSettings,
  readerColourLook,
  readSetting,
  siteFromInput,
  syncStatusOf,
  upgradeStored,
  isSiteEnabled,
  SETTINGS_VERSION,
  isHighlighted,
  normalizeSettings,
  onSettingsChanged,
  siteKey,
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
    await muteEntity('gazprom', true);
    const s = await getSettings();
    expect(isHighlighted(s, { id: 'moscow', type: 'place' })).toBe(false);
    expect(isHighlighted(s, { id: 'gazprom', type: 'organization' })).toBe(false);
    expect(isHighlighted(s, { id: 'cnpc', type: 'organization' })).toBe(true);
    await setTypeEnabled('place', true);
    await muteEntity('gazprom', false);
    const back = await getSettings();
    expect(back.enabledTypes).toEqual(expect.arrayContaining(DEFAULT_SETTINGS.enabledTypes));
    expect(back.mutedEntities).toEqual([]);
  });
});

describe('reading each setting (storage, files and synced copies alike)', () => {
  it('reads every setting of the defaults back as itself', () => {
    for (const key of SETTING_KEYS) expect(readSetting(key, DEFAULT_SETTINGS[key]), key).toEqual(DEFAULT_SETTINGS[key]);
  });

  it('refuses values it cannot read at all, and repairs what it can', () => {
    expect(readSetting('hoverDelayMs', 'fast')).toBeUndefined();
    expect(readSetting('hoverDelayMs', -50)).toBe(0);
    expect(readSetting('highlightStyle', 'blink')).toBeUndefined();
    expect(readSetting('typeColors', ['#000000'])).toBeUndefined();
    expect(readSetting('typeColors', { person: '#ABCDEF', place: 'teal' })).toEqual({ person: '#abcdef' });
    expect(readSetting('mutedEntities', ['gazprom', 'x'.repeat(201), ''])).toEqual(['gazprom']);
    expect(readSetting('enabled', 'true')).toBeUndefined();
  });

  it('reads only a stored object’s own fields', () => {
    const inherited = Object.create({ enabled: false, highlightStyle: 'underline' }) as object;
    expect(normalizeSettings(inherited)).toEqual(DEFAULT_SETTINGS);
    // A JSON "__proto__" key is an own field that sets nothing.
    expect(normalizeSettings(JSON.parse('{"__proto__": {"enabled": false}}'))).toEqual(DEFAULT_SETTINGS);
  });

  it('upgrades a version 0 store (no version at all) through every migration', () => {
    expect(upgradeStored({ enabled: false, disabledSites: ['a.example'] })).toEqual({
      enabled: false,
      disabledSites: ['a.example'],
    });
    expect(normalizeSettings({ enabled: false, disabledSites: ['a.example'] })).toEqual({
      ...DEFAULT_SETTINGS,
      enabled: false,
      disabledSites: ['a.example'],
    });
  });

  it('keeps a newer version’s number and fields through every kind of write', async () => {
    const { default: browser } = await import('../fakes/browser');
    browser.storage.local.data.set('settings', { version: 7, enabled: true, later: [1, 2] });
    await muteEntity('gazprom', true);
    await setTypeEnabled('event', false);
    await updateSettings(() => ({ highlightStyle: 'underline' }));
    expect(browser.storage.local.data.get('settings')).toMatchObject({
      version: 7,
      later: [1, 2],
      mutedEntities: ['gazprom'],
      highlightStyle: 'underline',
    });
    // And never lowers it: settings of version 7 read with this version's defaults filled in.
    expect(await getSettings()).toMatchObject({ highlightStyle: 'underline', mutedEntities: ['gazprom'] });
  });

  it('has no sync switches among the settings (they are each browser’s own: background/sync-choice.ts)', () => {
    expect(SETTING_KEYS).not.toContain('sync');
    expect(SETTING_KEYS).not.toContain('syncSites');
    // Version 2 kept them in the settings; the upgrade leaves them out.
    expect(upgradeStored({ version: 2, sync: true, syncSites: true, enabled: false })).toEqual({
      version: 2,
      enabled: false,
    });
  });

  it('lists the plain settings that sync, without the lists', () => {
    expect(SYNCED_VALUES).toEqual([
      'enabled',
      'highlightStyle',
      'typeColors',
      'firstMentionOnly',
      'hoverDelayMs',
      'enabledTypes',
      'pageMarkers',
    ]);
  });
});

describe('sites typed by the reader', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  WWW.Example.COM ', 'example.com'],
    ['https://news.example.org/world/article?id=1#x', 'news.example.org'],
    ['news.example:8080/path', 'news.example'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('%j is stored as %j', (typed, stored) => {
    expect(siteFromInput(typed)).toBe(stored);
  });

  it.each(['', '   ', 'two words', 'http://', '.example', 'https://exa mple.com'])('%j names no site', (typed) => {
    expect(siteFromInput(typed)).toBeNull();
  });
});

describe('the reader’s own colours', () => {
  it('tint the background with readable text, and colour the underline', () => {
    const light = readerColourLook('#ffe08a');
    expect(light.background).toEqual([255, 224, 138]);
    expect(light.underline).toEqual([255, 224, 138]);
    expect(contrastRatio(light.background, light.text)).toBeGreaterThan(10);
    const dark = readerColourLook('#1f2a6b');
    expect(contrastRatio(dark.background, dark.text)).toBeGreaterThan(10);
  });
});

describe('the sync status the options page shows', () => {
  it('is read defensively', () => {
    expect(syncStatusOf(null)).toBeNull();
    expect(syncStatusOf({ status: { at: 'x', direction: 'sent' } })).toBeNull();
    expect(
      syncStatusOf({
        status: { at: 5, direction: 'received', notSynced: { sites: -1, muted: 2, examples: [1, 'a'] } },
      }),
    ).toEqual({
      at: 5,
      direction: 'received',
      notSynced: { sites: 0, muted: 2, examples: ['a'] },
      error: null,
      held: { sites: 0, muted: 0 },
    });
  });
});

describe('sites in lists, read as the site switch stores them (security review F14)', () => {
  it.each([
    ['\u202Emoc.knab', 'moc.knab'],
    ['EXAMPLE.COM', 'example.com'],
    ['www.example.org', 'example.org'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['zero\u200Bwidth.example', 'zerowidth.example'],
    ['soft\u00ADhyphen.example', 'softhyphen.example'],
    ['\u2066isolated.example\u2069', 'isolated.example'],
    ['https://news.example/path', 'news.example'],
    ['local files', 'local files'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%j is kept as %j', (entry, stored) => {
    expect(normalSite(entry)).toBe(stored);
    expect(normalizeSettings({ disabledSites: [entry] }).disabledSites).toEqual([stored]);
  });

  it.each([
    ['a name longer than any host', 'a'.repeat(253)],
    ['a label over 63 characters', `${'b'.repeat(64)}.example`],
    ['markup', '<b>bold</b>'],
    ['spaces', 'two words.example'],
    ['only invisible characters', '\u202E\u200B'],
    ['a leading dot', '.example'],
    ['an empty name', ''],
  ])('%s is dropped', (_what, entry) => {
    expect(normalSite(entry)).toBeNull();
    expect(normalizeSettings({ disabledSites: [entry, 'kept.example'] }).disabledSites).toEqual(['kept.example']);
  });

  it('reads every stored name as the site switch would store it (the shortcut for stored names changes nothing)', () => {
    const names = [
      'a.b',
      'news.example',
      'x-y.z9',
      `${'c'.repeat(63)}.d`,
      '1.2.3.4',
      'xn--bcher-kva.example',
      'wwwx.example',
    ];
    for (const name of names) expect(normalSite(name), name).toBe(siteFromInput(name));
  });

  it('merges entries that name one site', () => {
    expect(
      normalizeSettings({ disabledSites: ['Example.com', 'www.example.com', 'example.com'] }).disabledSites,
    ).toEqual(['example.com']);
  });
});

describe('muted entity ids', () => {
  it('keeps ids as the dataset writes them, known or not (a newer version may know them)', () => {
    expect(
      normalizeSettings({
        mutedEntities: ['gazprom', 'retired-entity', '__proto__', 'Gazprom', 'a b', 'x'.repeat(201)],
      }).mutedEntities,
    ).toEqual(['gazprom', 'retired-entity']);
  });
});

describe('lists are capped where they are read (security review F12)', () => {
  it('keeps the first 5,000 sites and 1,000 muted ids, and stops reading there', () => {
    /** The list, and the highest index read from it. */
    const watched = (list: string[]): { list: string[]; read: () => number } => {
      let highest = -1;
      const proxy = new Proxy(list, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) highest = Math.max(highest, Number(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      return { list: proxy, read: () => highest };
    };
    const sites = watched(Array.from({ length: 139_795 }, (_, i) => `s${i}.example`));
    const muted = watched(Array.from({ length: 124_263 }, (_, i) => `id-${i}`));
    const s = normalizeSettings({ disabledSites: sites.list, mutedEntities: muted.list });
    expect(LIST_LIMITS).toEqual({ disabledSites: 5000, mutedEntities: 1000 });
    expect(s.disabledSites).toEqual(Array.from({ length: 5000 }, (_, i) => `s${i}.example`));
    expect(s.mutedEntities).toEqual(Array.from({ length: 1000 }, (_, i) => `id-${i}`));
    // Reading stopped at the limit, not at the end of the list.
    expect(sites.read()).toBeLessThanOrEqual(5000);
    expect(muted.read()).toBeLessThanOrEqual(1000);
  });

  it('refuses to switch off one more site when the list is full, and says so', async () => {
    const sites = Array.from({ length: LIST_LIMITS.disabledSites }, (_, i) => `s${i}.example`);
    await updateSettings(() => ({ disabledSites: sites }));
    expect(await setSiteEnabled('one-more.example', false)).toBeNull();
    expect((await getSettings()).disabledSites).not.toContain('one-more.example');
    // Switching one on again makes room.
    expect(await setSiteEnabled('s0.example', true)).not.toBeNull();
    expect(await setSiteEnabled('one-more.example', false)).not.toBeNull();
  });
});

describe('what a content script gets of the settings', () => {
  it('is whether its site is on and how to paint: not the list of sites', () => {
    const settings = normalizeSettings({
      disabledSites: ['bank.example', 'other.example'],
      mutedEntities: ['gazprom'],
      highlightStyle: 'underline',
      hoverDelayMs: 700,
    });
    const off = pageSettingsFor(settings, 'www.bank.example');
    expect(off).toEqual({
      paint: false,
      highlightStyle: 'underline',
      typeColors: {},
      enabledTypes: DEFAULT_SETTINGS.enabledTypes,
      mutedEntities: ['gazprom'],
      firstMentionOnly: false,
      hoverDelayMs: 700,
      pageMarkers: false,
    });
    expect(JSON.stringify(off)).not.toContain('other.example');
    expect(pageSettingsFor(settings, 'news.example').paint).toBe(true);
    expect(pageSettingsFor(settings, null).paint).toBe(false);
    expect(pageSettingsFor({ ...settings, enabled: false }, 'news.example').paint).toBe(false);
  });
});
