/**
 * "Sync my settings across browsers" with the in-memory browser: two browsers share one storage.sync
 * (this one runs the background's listeners; the other is driven by hand with a storage.local of
 * its own), whose quotas the fake enforces as Chrome does.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import browser, { StorageArea, fake, syncItemBytes } from '../fakes/browser';
import { updateSettings } from '../../src/background/settings-store';
import {
  mergeList,
  removesTooMuch,
  startSettingsSync,
  syncSettings,
  type SettingsSync,
  type SyncOptions,
} from '../../src/background/settings-sync';
import { SyncChoices, memoryRecord, type ChoiceRecord } from '../../src/background/sync-choice';
import { HEADER_KEY, LIST_PARTS, fitList, partKey, readCopy } from '../../src/background/sync-items';
import {
  DEFAULT_SETTINGS,
  NO_SYNC,
  SETTINGS_VERSION,
  SYNC_STATE_KEY,
  getSettings,
  syncStatusOf,
  type Settings,
  type SyncChoice,
  type SyncStatus,
} from '../../src/shared/settings';
import { SYNC_CHOICE_KEY } from '../../src/shared/storage-keys';

type Area = NonNullable<Parameters<typeof getSettings>[0]>;
const sync = browser.storage.sync as unknown as Area;

/** Settings, and the sync switches as the options page sets them. */
type Change = Partial<Settings> & { sync?: boolean; syncSites?: boolean };

/** Another browser on the same account: its own storage.local and switches, the same storage.sync. */
function otherBrowser(): SyncOptions & {
  join(settings?: Change): Promise<void>;
  update(change: Partial<Settings>): Promise<void>;
  settings(): Promise<Settings>;
} {
  const local = new StorageArea('other') as unknown as Area;
  let choice: SyncChoice = NO_SYNC;
  const options: SyncOptions = { local, sync, choice: async () => choice };
  return {
    ...options,
    /** Turns sync on there (with `settings` it had before). */
    join: async ({ syncSites, sync: _on, ...settings } = {}) => {
      await updateSettings(() => settings, local);
      choice = { sync: true, sites: syncSites ?? false };
      await syncSettings(options, { local: true, join: true });
    },
    update: async (change) => {
      await updateSettings(() => change, local);
      await syncSettings(options, { local: true });
    },
    settings: () => getSettings(local),
  };
}

/** Where this browser's background keeps the switches (kept across its restarts in a test). */
let record: ChoiceRecord;
let background: SettingsSync;
const idle = (): Promise<void> => background.idle();

/** This browser's background (its listeners) started on the reset fake. */
function start(): void {
  background = startSettingsSync(browser.storage as never, new SyncChoices(record, browser.storage.local as never));
}

/** Changes the settings, and the sync switches as the options page does (through the background). */
async function change(patch: Change): Promise<Settings> {
  const { sync: on, syncSites, ...settings } = patch;
  if (Object.keys(settings).length) await updateSettings(() => settings);
  if (on !== undefined || syncSites !== undefined) {
    const now = await background.choice();
    await background.choose({ sync: on ?? now.sync, sites: syncSites ?? now.sites });
  }
  await idle();
  return getSettings();
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
  record = memoryRecord();
  start();
});

describe('settings sync, off', () => {
  it('is off by default and sends nothing', async () => {
    expect(await background.choice()).toEqual({ sync: false, sites: false });
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
    expect(await background.choice()).toEqual({ sync: true, sites: false });
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
    const many = sites(4900);
    await change({ disabledSites: many });
    await change({ sync: true, syncSites: true });
    const copy = syncedCopy();
    expect(copy.lists.sites!.length).toBeGreaterThan(1000);
    expect(copy.lists.sites!.length).toBeLessThan(4900);
    expect(browser.storage.sync.bytesInUse()).toBeLessThanOrEqual(browser.storage.sync.QUOTA_BYTES);
    for (const [k, v] of browser.storage.sync.data) expect(syncItemBytes(k, v)).toBeLessThanOrEqual(8192);
    // The newest (last added) are the ones synced.
    expect(copy.lists.sites).toContain('site-04899.example');
    const s = await status();
    expect(s?.notSynced.sites).toBe(4900 - copy.lists.sites!.length);
    expect(s?.notSynced.examples[0]).toBe('site-00000.example');
    expect(s?.error).toBeNull();
    expect((await getSettings()).disabledSites).toEqual(many);
  });

  it('never drops a synced site to make room, so other browsers never read a removal', async () => {
    await change({ sync: true, syncSites: true, disabledSites: sites(4900) });
    const before = new Set(syncedCopy().lists.sites);
    await change({ disabledSites: [...sites(4900), ...sites(50, 90_000)] });
    const after = new Set(syncedCopy().lists.sites);
    for (const s of before) expect(after.has(s)).toBe(true);
    expect((await status())?.notSynced.sites).toBe(4950 - before.size);
  });

  it('keeps the unsynced sites when another browser removes one of the synced ones', async () => {
    const many = sites(4900);
    await change({ sync: true, syncSites: true, disabledSites: many });
    const synced = syncedCopy().lists.sites!;
    const other = otherBrowser();
    await other.join({ syncSites: true });
    const removed = synced[0]!;
    await other.update({ disabledSites: (await other.settings()).disabledSites.filter((s) => s !== removed) });
    await idle();
    const mine = (await getSettings()).disabledSites;
    expect(mine).not.toContain(removed);
    expect(mine.length).toBe(4899);
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

describe('the sync switches: only the options page turns them on (security review F6)', () => {
  /** Writes storage.local as a compromised content script can (Firefox has no access levels). */
  const tamper = (items: Record<string, unknown>): Promise<void> => browser.storage.local.set(items);

  it('ignores settings that say "sync on, sites too", whoever wrote them', async () => {
    await change({ disabledSites: ['bank.example'] });
    await tamper({ settings: { version: 2, sync: true, syncSites: true, disabledSites: ['bank.example'] } });
    await idle();
    await tamper({
      settings: { version: SETTINGS_VERSION, sync: true, syncSites: true, disabledSites: ['bank.example'] },
    });
    await idle();
    expect(await background.choice()).toEqual({ sync: false, sites: false });
    expect(browser.storage.sync.data.size).toBe(0);
    expect(browser.storage.sync.writes).toEqual([]);
  });

  it('puts the copy of the switches in storage.local back when anything else changes it', async () => {
    await change({ disabledSites: ['bank.example'] });
    await tamper({ [SYNC_CHOICE_KEY]: { sync: true, sites: true } });
    await idle();
    expect(browser.storage.local.data.get(SYNC_CHOICE_KEY)).toEqual({ sync: false, sites: false });
    await browser.storage.local.remove(SYNC_CHOICE_KEY);
    await idle();
    expect(browser.storage.local.data.get(SYNC_CHOICE_KEY)).toEqual({ sync: false, sites: false });
    expect(browser.storage.sync.data.size).toBe(0);
  });

  it('never sends the sites the reader did not consent to, while the settings sync', async () => {
    await change({ sync: true, disabledSites: ['bank.example'] });
    await tamper({ [SYNC_CHOICE_KEY]: { sync: true, sites: true } });
    await tamper({
      settings: { version: 2, sync: true, syncSites: true, disabledSites: ['bank.example', 'clinic.example'] },
    });
    await idle();
    expect(await background.choice()).toEqual({ sync: true, sites: false });
    expect(syncedCopy().lists.sites).toBeUndefined();
    expect(JSON.stringify([...browser.storage.sync.data])).not.toMatch(/bank|clinic/);
  });

  it('takes version 2’s switches over from the stored settings, once', async () => {
    fake.reset();
    record = memoryRecord();
    await browser.storage.local.set({
      settings: { version: 2, sync: true, syncSites: true, disabledSites: ['a.example'] },
    });
    start();
    await idle();
    expect(await background.choice()).toEqual({ sync: true, sites: true });
    expect(syncedCopy().lists.sites).toEqual(['a.example']);
    // From then on the record decides: settings of version 2 written later change nothing.
    await background.choose({ sync: false, sites: false });
    await tamper({ settings: { version: 2, sync: true, syncSites: true } });
    await idle();
    expect(await background.choice()).toEqual({ sync: false, sites: false });
  });

  it('reads a choice strictly: on only when it says true, the sites only with sync', async () => {
    await background.choose({ sync: false, sites: true });
    expect(await background.choice()).toEqual({ sync: false, sites: false });
    await background.choose({ sync: 'yes', sites: 1 } as never);
    expect(await background.choice()).toEqual({ sync: false, sites: false });
  });
});

describe('hostile data from another browser (security review F14, F15)', () => {
  it('reads sites and ids from the account as the site switch stores them, and drops the rest', async () => {
    const other = otherBrowser();
    await other.join({ syncSites: true });
    const header = structuredClone(browser.storage.sync.data.get(HEADER_KEY)) as Record<string, unknown>;
    await browser.storage.sync.set({
      [HEADER_KEY]: { ...header, lists: { sites: { stamp: 's1', parts: 1 }, muted: { stamp: 'm1', parts: 1 } } },
      [partKey('sites', 0)]: {
        stamp: 's1',
        items: ['\u202Emoc.knab', 'EXAMPLE.COM', 'www.example.org', 'x'.repeat(253), '<b>bold</b>', 42, null],
      },
      [partKey('muted', 0)]: { stamp: 'm1', items: ['__proto__', 'constructor', 'z'.repeat(201), 'vladimir-putin'] },
    });
    await change({ sync: true, syncSites: true });
    const s = await getSettings();
    expect(s.disabledSites).toEqual(['moc.knab', 'example.com', 'example.org']);
    expect(s.mutedEntities).toEqual(['constructor', 'vladimir-putin']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is not stopped by a newer version’s header that fills its item: fields this version does not know give way', async () => {
    // t-sync2.ts: another browser of a newer version wrote a header of nearly 8 KB.
    await browser.storage.sync.set({
      [HEADER_KEY]: {
        layout: 1,
        version: SETTINGS_VERSION + 90,
        from: 'other',
        at: 1,
        fields: { enabled: true, hoverDelayMs: 800, future: 'f'.repeat(7950) },
        lists: {},
      },
    });
    await change({ disabledSites: ['mine.example'], hoverDelayMs: 450 });
    await change({ sync: true, syncSites: true });
    expect((await status())?.error).toBeNull();
    await change({ hoverDelayMs: 600 });
    const copy = syncedCopy();
    expect(copy.header.fields).toMatchObject({ hoverDelayMs: 600 });
    expect(copy.header.fields).not.toHaveProperty('future');
    expect(copy.header.version).toBe(SETTINGS_VERSION + 90);
    expect(copy.lists.sites).toEqual(['mine.example']);
    expect(await status()).toMatchObject({ error: null, direction: 'sent' });
  });

  it('keeps a newer version’s unknown fields that fit', async () => {
    await browser.storage.sync.set({
      [HEADER_KEY]: {
        layout: 1,
        version: 99,
        from: 'other',
        at: 1,
        fields: { small: 'x', big: 'b'.repeat(7900) },
        lists: {},
      },
    });
    await change({ sync: true });
    await change({ hoverDelayMs: 650 });
    expect(syncedCopy().header.fields).toMatchObject({ small: 'x', hoverDelayMs: 650 });
    expect(syncedCopy().header.fields).not.toHaveProperty('big');
  });

  it('asks before another browser empties a list here, and does as the reader says (t-sync.ts, B)', async () => {
    await change({ disabledSites: ['mine.example', 'bank.example'], mutedEntities: ['xi-jinping'], hoverDelayMs: 450 });
    await change({ sync: true, syncSites: true });
    // The other device removes every site and every muted name.
    const header = structuredClone(browser.storage.sync.data.get(HEADER_KEY)) as Record<string, unknown>;
    await browser.storage.sync.set({
      [HEADER_KEY]: {
        ...header,
        from: 'other',
        at: 2,
        lists: { sites: { stamp: 's2', parts: 1 }, muted: { stamp: 'm2', parts: 1 } },
      },
      [partKey('sites', 0)]: { stamp: 's2', items: [] },
      [partKey('muted', 0)]: { stamp: 'm2', items: [] },
    });
    await idle();
    // Nothing removed here yet, and nothing written back over the other browser's lists.
    expect(await getSettings()).toMatchObject({
      disabledSites: ['mine.example', 'bank.example'],
      mutedEntities: ['xi-jinping'],
    });
    expect(await status()).toMatchObject({ held: { sites: 2, muted: 1 }, error: null });
    expect(syncedCopy().lists).toEqual({ sites: [], muted: [] });
    // A later change of something else does not write the held lists back either.
    await change({ hoverDelayMs: 500 });
    expect(syncedCopy().lists).toEqual({ sites: [], muted: [] });
    expect(await status()).toMatchObject({ held: { sites: 2, muted: 1 } });

    // Remove the sites here too; keep my muted names (they go back to the account).
    await background.decide('sites', true);
    await background.decide('muted', false);
    await idle();
    expect(await getSettings()).toMatchObject({ disabledSites: [], mutedEntities: ['xi-jinping'] });
    expect(syncedCopy().lists).toEqual({ sites: [], muted: ['xi-jinping'] });
    expect(await status()).toMatchObject({ held: { sites: 0, muted: 0 }, error: null });
  });

  it('takes removals that leave most of a list as they come', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `s${i}.example`);
    await change({ sync: true, syncSites: true, disabledSites: many });
    const other = otherBrowser();
    await other.join({ syncSites: true });
    await other.update({ disabledSites: many.slice(0, 16) });
    await idle();
    expect((await getSettings()).disabledSites).toEqual(many.slice(0, 16));
    expect((await status())?.held).toEqual({ sites: 0, muted: 0 });
    // Most of a long list is another matter.
    await other.update({ disabledSites: many.slice(0, 3) });
    await idle();
    expect((await getSettings()).disabledSites).toEqual(many.slice(0, 16));
    expect((await status())?.held).toEqual({ sites: 13, muted: 0 });
    expect(removesTooMuch(1, 1, 1)).toBe(false);
    expect(removesTooMuch(1, 1, 0)).toBe(true);
    expect(removesTooMuch(10, 6, 4)).toBe(true);
    expect(removesTooMuch(9, 6, 3)).toBe(false);
  });

  it('says "nothing changed here" only when nothing did: a join that took the account’s settings and then could not write says so', async () => {
    const other = otherBrowser();
    await other.join({ hoverDelayMs: 1200, mutedEntities: ['gazprom'] });
    // A muted name of this browser's own: after the join there is something to send.
    await change({ hoverDelayMs: 450, mutedEntities: ['cnpc'] });
    browser.storage.sync.failWith = 'QUOTA_BYTES_PER_ITEM quota exceeded';
    await change({ sync: true });
    expect((await getSettings()).hoverDelayMs).toBe(1200);
    expect(await status()).toMatchObject({ direction: 'received', error: 'QUOTA_BYTES_PER_ITEM quota exceeded' });
    // Until a sync goes through, what was received is still said; after one, a failure that
    // received nothing says "sent" (nothing changed here).
    await change({ hoverDelayMs: 300 });
    expect(await status()).toMatchObject({ direction: 'received', error: 'QUOTA_BYTES_PER_ITEM quota exceeded' });
    browser.storage.sync.failWith = null;
    await change({ hoverDelayMs: 350 });
    expect(await status()).toMatchObject({ error: null });
    browser.storage.sync.failWith = 'QUOTA_BYTES_PER_ITEM quota exceeded';
    await change({ hoverDelayMs: 400 });
    expect(await status()).toMatchObject({ direction: 'sent', error: 'QUOTA_BYTES_PER_ITEM quota exceeded' });
  });
});

describe('partKey', () => {
  it('names parts under the header key', () => {
    expect(partKey('sites', 3)).toBe(`${HEADER_KEY}.sites.3`);
  });
});
