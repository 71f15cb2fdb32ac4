/**
 * The background as the settings' one writer, with the in-memory browser (security review F6):
 * a content script gets what it paints with by message, for its own site, and may ask for one
 * change (mute or unmute a known entity); our pages change the rest through `changeSettings`, the
 * options page alone the sync switches; in Chromium, storage is closed to content scripts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import browser, { fake, type Sender } from '../fakes/browser';
import { CONTENT_SCRIPTS_READ_LOCAL, restrictStorage } from '../../src/background/storage-access';
import { getSettings, setEntityMuted, type PageSettings } from '../../src/shared/settings';

beforeEach(() => fake.reset());
afterEach(() => vi.restoreAllMocks());

async function startBackground(): Promise<void> {
  const { listen } = await import('../../src/background/listen');
  listen();
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));
const EXTENSION = `chrome-extension://${fake.EXTENSION_ID}`;
const optionsPage: Sender = { id: fake.EXTENSION_ID, url: `${EXTENSION}/options/options.html` };
const popup: Sender = { id: fake.EXTENSION_ID, url: `${EXTENSION}/popup/popup.html` };

/** A content script's sender: a document in tab 1. */
function contentScript(more: Partial<Sender> & { origin?: string } = {}): Sender {
  return { id: fake.EXTENSION_ID, tab: { id: 1 }, frameId: 0, url: 'https://news.example/story', ...more };
}

const send = (type: string, data: unknown, sender?: Sender): Promise<unknown> => fake.deliver({ type, data }, sender);
const stored = (): Record<string, unknown> | undefined =>
  browser.storage.local.data.get('settings') as Record<string, unknown> | undefined;

describe('what a content script gets of the settings', () => {
  it('is the page settings of its own site, whatever site it names', async () => {
    await startBackground();
    await send('changeSettings', { kind: 'site', host: 'bank.example', enabled: false }, popup);
    await send('changeSettings', { kind: 'muted', entity: 'gazprom', muted: true }, popup);
    const onBank = (await send(
      'pageSettings',
      { site: 'news.example' },
      contentScript({ url: 'https://bank.example/' }),
    )) as PageSettings;
    expect(onBank).toMatchObject({ paint: false, mutedEntities: ['gazprom'] });
    const onNews = (await send('pageSettings', { site: 'bank.example' }, contentScript())) as PageSettings;
    expect(onNews).toMatchObject({ paint: true });
    // Never the list of sites.
    expect(JSON.stringify(onNews)).not.toContain('bank.example');
    expect(Object.keys(onNews).sort()).toEqual([
      'enabledTypes',
      'firstMentionOnly',
      'highlightStyle',
      'hoverDelayMs',
      'mutedEntities',
      'pageMarkers',
      'paint',
      'typeColors',
    ]);
  });

  it('is asked for again by every tab when the settings change (the tabs are told, not sent them)', async () => {
    fake.openTabs = [{ id: 1, url: 'https://news.example/a' }, { id: 2, url: 'https://bank.example/b' }, { id: 4 }];
    await startBackground();
    await send('changeSettings', { kind: 'site', host: 'bank.example', enabled: false }, popup);
    await settle();
    const told = fake.sentToTabs.filter((m) => (m.message as { type: string }).type === 'settingsChanged');
    expect(told.map((m) => [m.tabId, (m.message as { data: unknown }).data])).toEqual([
      [1, {}],
      [2, {}],
      [4, {}],
    ]);
  });
});

describe('a content script’s one request: mute or unmute a known entity', () => {
  it('is made for exactly {entity, muted}, an entity of the dataset', async () => {
    await startBackground();
    expect(await send('muteEntity', { entity: 'gazprom', muted: true }, contentScript())).toBe(true);
    expect(stored()).toMatchObject({ mutedEntities: ['gazprom'] });
    expect(await send('muteEntity', { entity: 'gazprom', muted: false }, contentScript())).toBe(true);
    expect(stored()).toMatchObject({ mutedEntities: [] });
  });

  it.each([
    ['an unknown id', { entity: 'not-an-entity', muted: true }],
    ['a prototype key', { entity: '__proto__', muted: true }],
    ['constructor', { entity: 'constructor', muted: true }],
    ['a fake kind of change', { kind: 'muted', entity: 'gazprom', muted: true }],
    ['another field as well', { entity: 'gazprom', muted: true, sync: true }],
    ['muted as text', { entity: 'gazprom', muted: 'yes' }],
    ['no entity', { muted: true }],
    ['a list', ['gazprom', true]],
  ])('is refused for %s', async (_what, data) => {
    await startBackground();
    expect(await send('muteEntity', data, contentScript())).toBe(false);
    expect(stored()).toBeUndefined();
  });

  it('is what the card’s setEntityMuted sends', async () => {
    await startBackground();
    expect(await setEntityMuted('kremlin', true)).toBe(true);
    expect((await getSettings()).mutedEntities).toEqual(['kremlin']);
    expect(await setEntityMuted('__proto__', true)).toBe(false);
  });

  it('is the only change: changeSettings, the sync switches and every other message of our pages are refused', async () => {
    await startBackground();
    const evil = contentScript();
    expect(await send('changeSettings', { kind: 'everywhere', enabled: false }, evil)).toBe(false);
    expect(await send('changeSettings', { kind: 'replace', settings: { enabled: false } }, evil)).toBe(false);
    expect(await send('changeSettings', { kind: 'sync', choice: { sync: true, sites: true } }, evil)).toBe(false);
    expect(await send('syncChoice', {}, evil)).toEqual({ sync: false, sites: false });
    expect(await send('entityNames', { ids: ['gazprom'] }, evil)).toEqual({});
    expect(stored()).toBeUndefined();
    expect(browser.storage.sync.data.size).toBe(0);
  });
});

describe('our pages’ changes', () => {
  it('include settings replaced whole, each value checked as a stored one is', async () => {
    await startBackground();
    expect(
      await send(
        'changeSettings',
        { kind: 'replace', settings: { hoverDelayMs: 9000, highlightStyle: 'underline' } },
        optionsPage,
      ),
    ).toBe(true);
    expect(stored()).toMatchObject({ hoverDelayMs: 2000, highlightStyle: 'underline' });
    for (const bad of [
      { kind: 'replace', settings: { highlightStyle: 'blink' } },
      { kind: 'replace', settings: { sync: true } },
      { kind: 'replace', settings: {} },
      { kind: 'replace', settings: [] },
      { kind: 'colour', type: 'person', colour: 'red' },
    ]) {
      expect(await send('changeSettings', bad, optionsPage), JSON.stringify(bad)).toBe(false);
    }
    expect(await send('changeSettings', { kind: 'colour', type: 'person', colour: '#ABCDEF' }, optionsPage)).toBe(true);
    expect(stored()).toMatchObject({ typeColors: { person: '#abcdef' } });
    expect(await send('changeSettings', { kind: 'colour', type: 'person', colour: null }, optionsPage)).toBe(true);
    expect(stored()).toMatchObject({ typeColors: {} });
  });

  it('store a site as the site switch does, and refuse what names none', async () => {
    await startBackground();
    expect(await send('changeSettings', { kind: 'site', host: 'WWW.Bücher.example', enabled: false }, popup)).toBe(
      true,
    );
    expect(stored()).toMatchObject({ disabledSites: ['xn--bcher-kva.example'] });
    expect(await send('changeSettings', { kind: 'site', host: '\u202Emoc.knab', enabled: false }, popup)).toBe(true);
    expect(stored()).toMatchObject({ disabledSites: ['xn--bcher-kva.example', 'moc.knab'] });
    expect(await send('changeSettings', { kind: 'site', host: '<b>x</b>', enabled: false }, popup)).toBe(false);
  });

  it('highlight again an id the data no longer has, but mute only known ones', async () => {
    await startBackground();
    await browser.storage.local.set({ settings: { version: 3, mutedEntities: ['retired-entity', 'gazprom'] } });
    expect(await send('changeSettings', { kind: 'muted', entity: 'retired-entity', muted: false }, optionsPage)).toBe(
      true,
    );
    expect(stored()).toMatchObject({ mutedEntities: ['gazprom'] });
    expect(await send('changeSettings', { kind: 'muted', entity: 'retired-entity', muted: true }, optionsPage)).toBe(
      false,
    );
  });

  it('change the sync switches from the options page only', async () => {
    await startBackground();
    const on = { kind: 'sync', choice: { sync: true, sites: false } };
    expect(await send('changeSettings', on, popup)).toBe(false);
    expect(await send('syncChoice', {}, optionsPage)).toEqual({ sync: false, sites: false });
    expect(await send('changeSettings', on, optionsPage)).toBe(true);
    expect(await send('syncChoice', {}, optionsPage)).toEqual({ sync: true, sites: false });
    expect(browser.storage.sync.data.has('settings')).toBe(true);
  });

  it('get the names of many muted entities in one message, without the unknown ones', async () => {
    await startBackground();
    expect(
      await send('entityNames', { ids: ['gazprom', 'not-an-entity', '__proto__', 'moscow'] }, optionsPage),
    ).toEqual({
      gazprom: { name: 'Gazprom', type: 'organization' },
      moscow: { name: 'Moscow', type: 'place' },
    });
    expect(await send('entityNames', { ids: 'gazprom' }, optionsPage)).toEqual({});
  });
});

describe('storage closed to content scripts (Chromium)', () => {
  it('closes storage.sync at every start of the background, and storage.local once content scripts no longer read it', async () => {
    await startBackground();
    await settle();
    expect(browser.storage.sync.accessLevel).toBe('TRUSTED_CONTEXTS');
    expect(browser.storage.local.accessLevel).toBe(CONTENT_SCRIPTS_READ_LOCAL ? undefined : 'TRUSTED_CONTEXTS');
    fake.reset();
    expect(await restrictStorage(browser.storage, false)).toEqual(['sync', 'local']);
    expect(browser.storage.local.accessLevel).toBe('TRUSTED_CONTEXTS');
  });

  it('does nothing where the browser has no access levels (Firefox), and never throws', async () => {
    expect(await restrictStorage({ local: {}, sync: {} }, false)).toEqual([]);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const refusing = { setAccessLevel: () => Promise.reject(new Error('not allowed')) };
    expect(await restrictStorage({ local: refusing, sync: refusing }, false)).toEqual([]);
    expect(debug).toHaveBeenCalledTimes(2);
  });
});

describe('where the sync switches are kept', () => {
  it('counts a database that does not answer as "sync off", in time, and tries again later', async () => {
    vi.useFakeTimers();
    try {
      const { SyncChoices, indexedDbRecord } = await import('../../src/background/sync-choice');
      let opened = 0;
      // An IndexedDB whose open never ends (nor fails).
      const silent = { open: () => (opened++, {}) } as unknown as IDBFactory;
      const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
      const choices = new SyncChoices(indexedDbRecord(silent), browser.storage.local as never);
      const first = choices.get();
      await vi.advanceTimersByTimeAsync(5000);
      expect(await first).toEqual({ sync: false, sites: false });
      expect(debug).toHaveBeenCalled();
      const second = choices.get();
      await vi.advanceTimersByTimeAsync(5000);
      expect(await second).toEqual({ sync: false, sites: false });
      expect(opened).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
