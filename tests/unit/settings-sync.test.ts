/**
 * "Sync my settings across browsers" with the in-memory browser: two browsers share one storage.sync
 * (this one runs the background's listeners; the other is driven by hand with a storage.local of
 * its own), whose quotas the fake enforces as Chrome does.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import browser, { StorageArea, fake, syncItemBytes } from '../fakes/browser';
import { mergeList, startSettingsSync, syncSettings, type SyncOptions } from '../../src/background/settings-sync';
import { HEADER_KEY, LIST_PARTS, fitList, partKey, readCopy } from '../../src/background/sync-items';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  SYNC_STATE_KEY,
  getSettings,
  syncStatusOf,
  updateSettings,
  type Settings,
  type SyncStatus,
} from '../../src/shared/settings';

type Area = NonNullable<Parameters<typeof getSettings>[0]>;
const sync = browser.storage.sync as unknown as Area;

/** Another browser on the same account: its own storage.local, the same storage.sync. */
function otherBrowser(): SyncOptions & {
  join(settings?: Partial<Settings>): Promise<void>;
  update(change: Partial<Settings>): Promise<void>;
  settings(): Promise<Settings>;
} {
  const local = new StorageArea('other') as unknown as Area;
  const options: SyncOptions = { local, sync };
  return {
    ...options,
    /** Turns sync on there (with `settings` it had before). */
    join: async (settings = {}) => {
      await updateSettings(() => ({ ...settings, sync: true }), local);
      await syncSettings(options, { local: true, join: true });
    },
    update: async (change) => {
      await updateSettings(() => change, local);
      await syncSettings(options, { local: true });
    },
    settings: () => getSettings(local),
  };
}

let idle: () => Promise<void>;

/** This browser's background (its listeners) started on the reset fake. */
function start(): void {
  ({ idle } = startSettingsSync(browser.storage as never));
}

async function change(patch: Partial<Settings>): Promise<Settings> {
  const s = await updateSettings(() => patch);
  await idle();
  return s;
}

async function status(): Promise<SyncStatus | null> {
  return syncStatusOf((await browser.storage.local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
}

function syncedCopy() {
  const copy = readCopy(Object.fromEntries(browser.storage.sync.data));
  if (copy.kind !== 'copy') throw new Error(`no copy in storage.sync (${copy.kind})`);
  return copy;
}

beforeEach(() => {
  fake.reset();
  start();
});

describe('settings sync, off', () => {
  it('is off by default and sends nothing', async () => {
    expect(DEFAULT_SETTINGS.sync).toBe(false);
    expect(DEFAULT_SETTINGS.syncSites).toBe(false);
    await change({ highlightStyle: 'underline', mutedEntities: ['gazprom'] });
    expect(browser.storage.sync.data.size).toBe(0);
    expect(browser.storage.sync.writes).toEqual([]);
  });

  it('takes nothing from other browsers while off', async () => {
    const other = otherBrowser();
    await other.join();
    await other.update({ hoverDelayMs: 900 });
    await idle();
    expect((await getSettings()).hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
  });
});

describe('settings sync, on', () => {
  it('sends the settings, but not the sites or the sync switches', async () => {
    await change({ disabledSites: ['a.example'], mutedEntities: ['gazprom'] });
    await change({ sync: true, highlightStyle: 'underline' });
    const copy = syncedCopy();
    expect(copy.header.version).toBe(SETTINGS_VERSION);
    expect(copy.header.fields).toMatchObject({ highlightStyle: 'underline', hoverDelayMs: 300, enabled: true });
    expect(Object.keys(copy.header.fields)).not.toEqual(
      expect.arrayContaining(['sync', 'syncSites', 'disabledSites', 'mutedEntities']),
    );
    expect(copy.lists).toEqual({ muted: ['gazprom'] });
    expect(JSON.stringify([...browser.storage.sync.data])).not.toContain('a.example');
    expect(await status()).toMatchObject({ direction: 'sent', error: null });
  });

  it('sends the sites too when the reader ticks that', async () => {
    await change({ sync: true, disabledSites: ['a.example'] });
    await change({ syncSites: true });
    expect(syncedCopy().lists.sites).toEqual(['a.example']);
    await change({ disabledSites: ['a.example', 'b.example'] });
    expect(syncedCopy().lists.sites).toEqual(['a.example', 'b.example']);
  });

  it('merges another browser’s change into storage.local, keeping what is this browser’s own', async () => {
    await change({ sync: true, disabledSites: ['mine.example'] });
    const other = otherBrowser();
    await other.join({ syncSites: true, disabledSites: ['theirs.example'] });
    await other.update({ highlightStyle: 'underline', enabledTypes: ['person'], hoverDelayMs: 750 });
    await idle();
    const s = await getSettings();
    expect(s).toMatchObject({ highlightStyle: 'underline', enabledTypes: ['person'], hoverDelayMs: 750 });
    // The sites are not synced in this browser, and its switches stay its own.
    expect(s.disabledSites).toEqual(['mine.example']);
    expect(s).toMatchObject({ sync: true, syncSites: false });
    expect(await status()).toMatchObject({ direction: 'received', error: null });
  });

  it('keeps a change made here and a different one made there (three-way merge)', async () => {
    await change({ sync: true });
    const other = otherBrowser();
    await other.join();
    await change({ highlightStyle: 'underline' });
    await other.update({ hoverDelayMs: 1200 });
    await idle();
    await syncSettings(other);
    expect(await getSettings()).toMatchObject({ highlightStyle: 'underline', hoverDelayMs: 1200 });
    expect(await other.settings()).toMatchObject({ highlightStyle: 'underline', hoverDelayMs: 1200 });
  });

  it('takes the other browser’s additions and removals to a list, and keeps its own', async () => {
    await change({ sync: true, mutedEntities: ['gazprom', 'cnpc'] });
    const other = otherBrowser();
    await other.join();
    expect((await other.settings()).mutedEntities).toEqual(['gazprom', 'cnpc']);
    await other.update({ mutedEntities: ['cnpc', 'kremlin'] });
    await idle();
    expect((await getSettings()).mutedEntities).toEqual(['cnpc', 'kremlin']);
    expect(mergeList(['a', 'b', 'mine'], ['b', 'c'], ['a', 'b'])).toEqual(['b', 'mine', 'c']);
    expect(mergeList(['a'], ['b'], null)).toEqual(['a', 'b']);
  });

  it('joins with the account’s settings and the union of both lists', async () => {
    const other = otherBrowser();
    await other.join({ syncSites: true, highlightStyle: 'underline', mutedEntities: ['gazprom'] });
    await other.update({ disabledSites: ['theirs.example'] });
    await change({ mutedEntities: ['cnpc'], disabledSites: ['mine.example'], hoverDelayMs: 100 });
    await change({ sync: true, syncSites: true });
    const s = await getSettings();
    expect(s.highlightStyle).toBe('underline');
    expect(s.hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    expect(s.mutedEntities.sort()).toEqual(['cnpc', 'gazprom']);
    expect(s.disabledSites.sort()).toEqual(['mine.example', 'theirs.example']);
    // The union went back to the account, and the other browser picks it up.
    await syncSettings(other);
    expect((await other.settings()).mutedEntities.sort()).toEqual(['cnpc', 'gazprom']);
    expect((await other.settings()).disabledSites.sort()).toEqual(['mine.example', 'theirs.example']);
  });

  it('writes once per change: its own write coming back (with keys reordered, as Chrome does) is no change', async () => {
    await change({ sync: true });
    await change({ highlightStyle: 'underline' });
    const writes = browser.storage.sync.writes.length;
    for (let i = 0; i < 5; i++) await idle();
    await new Promise((r) => setTimeout(r, 20));
    await idle();
    expect(browser.storage.sync.writes.length).toBe(writes);
    expect(writes).toBe(2);
  });

  it('writes nothing when nothing synced changed', async () => {
    await change({ sync: true });
    const writes = browser.storage.sync.writes.length;
    await change({ disabledSites: ['a.example'] });
    await change({ syncSites: false });
    expect(browser.storage.sync.writes.length).toBe(writes);
  });

  it('repairs or ignores bad values from the account and keeps its own', async () => {
    await change({ sync: true, hoverDelayMs: 500 });
    const header = structuredClone(browser.storage.sync.data.get(HEADER_KEY)) as Record<string, unknown> & {
      fields: Record<string, unknown>;
    };
    await browser.storage.sync.set({
      [HEADER_KEY]: {
        ...header,
        from: 'another-browser',
        fields: { ...header.fields, hoverDelayMs: 'slow', highlightStyle: 'blink', enabledTypes: ['person', 'x'] },
      },
    });
    await idle();
    const s = await getSettings();
    expect(s.hoverDelayMs).toBe(500);
    expect(s.highlightStyle).toBe('background');
    expect(s.enabledTypes).toEqual(['person']);
  });

  it('leaves a newer version’s fields and number in the copy', async () => {
    await browser.storage.sync.set({
      [HEADER_KEY]: {
        layout: 1,
        version: SETTINGS_VERSION + 3,
        from: 'newer-browser',
        at: 1,
        fields: { highlightStyle: 'underline', futureSetting: 'x' },
        lists: {},
      },
    });
    await change({ sync: true });
    await change({ hoverDelayMs: 800 });
    const copy = syncedCopy();
    expect(copy.header.version).toBe(SETTINGS_VERSION + 3);
    expect(copy.header.fields).toMatchObject({ futureSetting: 'x', highlightStyle: 'underline', hoverDelayMs: 800 });
  });

  it('does not overwrite a copy in a layout it cannot read, and says why', async () => {
    const foreign = { layout: 2, version: 9, from: 'x', fields: {}, lists: {} };
    await browser.storage.sync.set({ [HEADER_KEY]: foreign });
    await change({ sync: true, hoverDelayMs: 800 });
    expect(browser.storage.sync.data.get(HEADER_KEY)).toEqual(foreign);
    expect((await getSettings()).hoverDelayMs).toBe(800);
    expect((await status())?.error).toBe('newer-version');
  });

  it('waits for every part of another browser’s write before merging it', async () => {
    await change({ sync: true, mutedEntities: ['gazprom'] });
    const header = structuredClone(browser.storage.sync.data.get(HEADER_KEY)) as Record<string, unknown> & {
      lists: { muted: { stamp: string; parts: number } };
    };
    // The header of a new write arrives before its part.
    await browser.storage.sync.set({
      [HEADER_KEY]: { ...header, from: 'another-browser', lists: { muted: { stamp: 'new', parts: 1 } } },
    });
    await idle();
    expect((await getSettings()).mutedEntities).toEqual(['gazprom']);
    await browser.storage.sync.set({ [partKey('muted', 0)]: { stamp: 'new', items: ['cnpc'] } });
    await idle();
    expect((await getSettings()).mutedEntities).toEqual(['cnpc']);
  });

  it('stops sending and taking when turned off', async () => {
    await change({ sync: true });
    await change({ sync: false });
    const writes = browser.storage.sync.writes.length;
    await change({ hoverDelayMs: 1500 });
    expect(browser.storage.sync.writes.length).toBe(writes);
    const other = otherBrowser();
    await other.join();
    await other.update({ highlightStyle: 'underline' });
    await idle();
    expect((await getSettings()).highlightStyle).toBe('background');
    expect(await status()).toBeNull();
  });
});

describe('settings sync within the quota', () => {
  const sites = (n: number, from = 0): string[] =>
    Array.from({ length: n }, (_, i) => `site-${String(from + i).padStart(5, '0')}.example`);

  it('syncs what fits, says what did not, and keeps every site here', async () => {
    const many = sites(6000);
    await change({ disabledSites: many });
    await change({ sync: true, syncSites: true });
    const copy = syncedCopy();
    expect(copy.lists.sites!.length).toBeGreaterThan(1000);
    expect(copy.lists.sites!.length).toBeLessThan(6000);
    expect(browser.storage.sync.bytesInUse()).toBeLessThanOrEqual(browser.storage.sync.QUOTA_BYTES);
    for (const [k, v] of browser.storage.sync.data) expect(syncItemBytes(k, v)).toBeLessThanOrEqual(8192);
    // The newest (last added) are the ones synced.
    expect(copy.lists.sites).toContain('site-05999.example');
    const s = await status();
    expect(s?.notSynced.sites).toBe(6000 - copy.lists.sites!.length);
    expect(s?.notSynced.examples[0]).toBe('site-00000.example');
    expect(s?.error).toBeNull();
    expect((await getSettings()).disabledSites).toEqual(many);
  });

  it('never drops a synced site to make room, so other browsers never read a removal', async () => {
    await change({ sync: true, syncSites: true, disabledSites: sites(6000) });
    const before = new Set(syncedCopy().lists.sites);
    await change({ disabledSites: [...sites(6000), ...sites(50, 90_000)] });
    const after = new Set(syncedCopy().lists.sites);
    for (const s of before) expect(after.has(s)).toBe(true);
    expect((await status())?.notSynced.sites).toBe(6050 - before.size);
  });

  it('keeps the unsynced sites when another browser removes one of the synced ones', async () => {
    const many = sites(6000);
    await change({ sync: true, syncSites: true, disabledSites: many });
    const synced = syncedCopy().lists.sites!;
    const other = otherBrowser();
    await other.join({ syncSites: true });
    const removed = synced[0]!;
    await other.update({ disabledSites: (await other.settings()).disabledSites.filter((s) => s !== removed) });
    await idle();
    const mine = (await getSettings()).disabledSites;
    expect(mine).not.toContain(removed);
    expect(mine.length).toBe(5999);
  });

  it('removes the parts a shorter list no longer uses', async () => {
    const many = Array.from({ length: 600 }, (_, i) => `entity-number-${i}`);
    await change({ sync: true, mutedEntities: many });
    expect(browser.storage.sync.data.has(partKey('muted', 1))).toBe(true);
    await change({ mutedEntities: ['gazprom'] });
    expect([...browser.storage.sync.data.keys()].sort()).toEqual([HEADER_KEY, partKey('muted', 0)]);
    expect(syncedCopy().lists.muted).toEqual(['gazprom']);
  });

  it('fits each list in its own share of parts', () => {
    const fitted = fitList(
      'muted',
      Array.from({ length: 3000 }, (_, i) => `entity-${i}`),
      null,
    );
    expect(fitted.parts.length).toBe(LIST_PARTS.muted);
    expect(fitted.omitted.length).toBeGreaterThan(0);
    expect(fitted.parts.flat().length + fitted.omitted.length).toBe(3000);
  });

  it('reports a failed write and leaves local settings alone; the next change succeeds', async () => {
    browser.storage.sync.failWith = 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded';
    const s = await change({ sync: true, highlightStyle: 'underline' });
    expect(await getSettings()).toEqual(s);
    expect((await status())?.error).toMatch(/MAX_WRITE_OPERATIONS/);
    browser.storage.sync.failWith = null;
    await change({ hoverDelayMs: 600 });
    expect(syncedCopy().header.fields).toMatchObject({ highlightStyle: 'underline', hoverDelayMs: 600 });
    expect((await status())?.error).toBeNull();
  });

  it('catches up at start with a change made while the background was not running', async () => {
    await change({ sync: true });
    const header = structuredClone(browser.storage.sync.data.get(HEADER_KEY)) as { fields: object };
    // Written without a change event, as if it arrived while the background was stopped.
    browser.storage.sync.data.set(HEADER_KEY, {
      ...header,
      from: 'another-browser',
      fields: { ...header.fields, firstMentionOnly: true },
    });
    expect((await getSettings()).firstMentionOnly).toBe(false);
    start();
    await idle();
    expect((await getSettings()).firstMentionOnly).toBe(true);
  });
});

describe('partKey', () => {
  it('names parts under the header key', () => {
    expect(partKey('sites', 3)).toBe(`${HEADER_KEY}.sites.3`);
  });
});
