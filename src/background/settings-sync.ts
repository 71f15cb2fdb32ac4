/**
 * "Sync my settings across browsers" (off by default). While it is on, the background copies the
 * settings from storage.local to storage.sync whenever they change, and merges changes another
 * browser made into storage.local, which stays the one place the content script and pages read.
 * The list of switched-off sites goes too only if the reader also ticked `syncSites`; the sync
 * switches themselves are each browser's own and never travel.
 *
 * Merging is three-way against the copy this browser last wrote or read (kept in storage.local,
 * since a service worker keeps nothing): a setting another browser changed is taken, one it did not
 * change stays as it is here, and a list takes the other browser's additions and removals while
 * keeping this browser's own. Joining (turning sync on) takes the account's settings and the union
 * of both lists. Nothing that does not fit or cannot be written is ever removed here: the status
 * says what stayed in this browser only.
 */
import browser, { type Storage } from '../shared/browser';
import {
  SETTINGS_VERSION,
  SYNCED_VALUES,
  SYNC_STATE_KEY,
  getSettings,
  normalizeSettings,
  readSetting,
  syncStatusOf,
  updateSettings,
  type Settings,
  type SyncStatus,
} from '../shared/settings';
import { SETTINGS_KEY } from '../shared/storage-keys';
import {
  HEADER_KEY,
  copyItems,
  fitList,
  fitsQuota,
  isSyncKey,
  readCopy,
  staleKeys,
  type FittedList,
  type SyncHeader,
  type SyncList,
  type SyncedCopy,
} from './sync-items';

/** Which setting each synced list holds. */
const LIST_SETTING = { muted: 'mutedEntities', sites: 'disabledSites' } as const satisfies Record<
  SyncList,
  keyof Settings
>;

/** The synced copy as this browser last wrote or read it: what a change is measured against. */
interface Base {
  fields: Record<string, unknown>;
  muted: string[] | null;
  sites: string[] | null;
}

interface SyncState {
  /** This browser's random id, so that its own writes are not merged back. */
  instance: string;
  /** Null until this browser has joined (then the first merge is a join). */
  base: Base | null;
  status: SyncStatus | null;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function readState(raw: unknown): SyncState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const instance = typeof r.instance === 'string' && r.instance ? r.instance : crypto.randomUUID();
  const b = r.base as Record<string, unknown> | null | undefined;
  const base: Base | null =
    typeof b === 'object' && b !== null && typeof b.fields === 'object' && b.fields !== null
      ? {
          fields: b.fields as Record<string, unknown>,
          muted: isStrings(b.muted) ? b.muted : null,
          sites: isStrings(b.sites) ? b.sites : null,
        }
      : null;
  return { instance, base, status: syncStatusOf(r) };
}

/** A value as JSON with every object's keys sorted: storage may give keys back in another order (Chrome sorts them). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;

/** A list after another browser's change: its additions and removals since `base` applied to `local`. */
export function mergeList(
  local: readonly string[],
  remote: readonly string[],
  base: readonly string[] | null,
): string[] {
  const there = new Set(remote);
  const removed = new Set(base ? base.filter((v) => !there.has(v)) : []);
  const known = new Set(base ?? []);
  const kept = local.filter((v) => !removed.has(v));
  const have = new Set(kept);
  return [...kept, ...remote.filter((v) => !known.has(v) && !have.has(v))];
}

/**
 * The change to local settings that a synced copy brings. Plain settings another browser changed
 * (all of them when joining) are taken, if valid here; lists are merged three-way (when joining:
 * their union). Sites only when this browser syncs them.
 */
export function mergeCopy(
  local: Settings,
  copy: { fields: Record<string, unknown>; lists: Partial<Record<SyncList, string[]>> },
  base: Base | null,
): Partial<Settings> {
  const patch: Partial<Settings> = {};
  for (const key of SYNCED_VALUES) {
    if (!Object.hasOwn(copy.fields, key)) continue;
    if (base && Object.hasOwn(base.fields, key) && same(base.fields[key], copy.fields[key])) continue;
    const value = readSetting(key, copy.fields[key]);
    if (value !== undefined && !same(value, local[key])) (patch as Record<string, unknown>)[key] = value;
  }
  for (const list of ['muted', 'sites'] as const) {
    if (list === 'sites' && !local.syncSites) continue;
    const remote = copy.lists[list];
    if (!remote) continue;
    const key = LIST_SETTING[list];
    const merged = readSetting(key, mergeList(local[key], remote, base?.[list] ?? null)) ?? local[key];
    if (!same(merged, local[key])) patch[key] = merged;
  }
  return patch;
}

export interface SyncOptions {
  local: Storage.StorageArea;
  sync: Storage.StorageArea;
  now?: () => number;
}

/** Why a sync runs: a local change (perhaps turning sync or site syncing on), a remote one, a start. */
export interface SyncCause {
  /** The settings here changed (a copy left incomplete by another browser is then overwritten). */
  local?: boolean;
  /** Sync was just turned on: a join (the account's settings, both lists' union). */
  join?: boolean;
  /** Syncing the sites was just turned on: the two site lists are joined. */
  joinSites?: boolean;
}

/** One sync: merge what another browser wrote, then write what changed here. Never throws. */
export async function syncSettings(options: SyncOptions, cause: SyncCause = {}): Promise<void> {
  const { local, sync } = options;
  const now = options.now ?? Date.now;
  const stored = (await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY];
  const state = readState(stored);
  // Written only when it changed (the options page shows it; a write would re-render it).
  const save = async (): Promise<void> => {
    if (canonical(state) !== canonical(stored)) await local.set({ [SYNC_STATE_KEY]: state });
  };
  try {
    let settings = await getSettings(local);
    if (!settings.sync) return;
    if (cause.join) state.base = null;
    if (cause.joinSites && state.base) state.base.sites = null;
    const items = await sync.get(null);
    let copy = readCopy(items);
    if (copy.kind === 'foreign') {
      state.status = failed(state.status, now(), 'newer-version');
      return await save();
    }
    if (copy.kind === 'incomplete') {
      // The rest of another browser's write is on its way, unless this browser has news of its own.
      if (!cause.local) return;
      copy = { kind: 'none' };
    }
    let received = false;
    if (copy.kind === 'copy' && copy.header.from !== state.instance) {
      const patch = mergeCopy(settings, { fields: copy.header.fields, lists: copy.lists }, state.base);
      if (Object.keys(patch).length) {
        settings = await updateSettings(() => patch, local);
        received = true;
      }
    }
    if (copy.kind === 'copy') state.base = baseOf(copy, settings, state.base);
    const { write, notSynced } = planWrite(settings, copy, state, now());
    if (write) {
      await sync.set(write.items);
      const header = write.items[HEADER_KEY] as SyncHeader;
      const stale = staleKeys(Object.keys(items), header.lists);
      if (stale.length) await sync.remove(stale);
      state.base = write.base;
    }
    if (write || received || !state.status) {
      state.status = { at: now(), direction: received ? 'received' : 'sent', notSynced, error: null };
    } else {
      state.status = { ...state.status, notSynced, error: null };
    }
    await save();
  } catch (e) {
    // Quota, rate limit, no sync storage: local settings are untouched; the next change tries again.
    state.status = failed(state.status, now(), e instanceof Error ? e.message : String(e));
    await save().catch(() => {});
  }
}

function failed(status: SyncStatus | null, at: number, error: string): SyncStatus {
  return {
    at,
    direction: status?.direction ?? 'sent',
    notSynced: status?.notSynced ?? { sites: 0, muted: 0, examples: [] },
    error,
  };
}

/** The base after reading a copy: what it holds, lists this browser does not sync left unknown. */
function baseOf(copy: Extract<SyncedCopy, { kind: 'copy' }>, settings: Settings, previous: Base | null): Base {
  return {
    fields: copy.header.fields,
    muted: copy.lists.muted ?? previous?.muted ?? null,
    sites: settings.syncSites ? (copy.lists.sites ?? previous?.sites ?? null) : null,
  };
}

/**
 * What to write so the synced copy holds this browser's settings (null if it already does), and
 * what does not fit. The parts of a list are rewritten only when the list changed; a newer
 * version's fields and number are kept, as in storage.local.
 */
function planWrite(
  settings: Settings,
  copy: SyncedCopy,
  state: SyncState,
  at: number,
): { write: { items: Record<string, unknown>; base: Base } | null; notSynced: SyncStatus['notSynced'] } {
  const header = copy.kind === 'copy' ? copy.header : null;
  const ours: Record<string, unknown> = {};
  for (const key of SYNCED_VALUES) ours[key] = settings[key];
  const newer = header !== null && header.version > SETTINGS_VERSION;
  const fields = newer ? { ...header.fields, ...ours } : ours;
  const version = newer ? header.version : SETTINGS_VERSION;

  const rewrite: Partial<Record<SyncList, FittedList>> = {};
  const notSynced: SyncStatus['notSynced'] = { sites: 0, muted: 0, examples: [] };
  const synced = (list: SyncList): string[] | null => (copy.kind === 'copy' ? (copy.lists[list] ?? null) : null);
  for (const list of ['muted', 'sites'] as const) {
    if (list === 'sites' && !settings.syncSites) continue;
    const fitted = fitList(list, settings[LIST_SETTING[list]], synced(list));
    notSynced[list] = fitted.omitted.length;
    notSynced.examples.push(...fitted.omitted.slice(0, 5 - notSynced.examples.length));
    const current = synced(list);
    if (!current || !sameSet(current, fitted.parts.flat())) rewrite[list] = fitted;
  }
  const unchanged = header !== null && same(header.fields, fields) && header.version === version;
  if (unchanged && Object.keys(rewrite).length === 0) return { write: null, notSynced };

  const keep = { ...header?.lists };
  for (const list of Object.keys(rewrite) as SyncList[]) delete keep[list];
  const write = copyItems({
    header: { version, from: state.instance, at, fields },
    rewrite,
    keep,
    stamp: () => crypto.randomUUID(),
  });
  if (!fitsQuota(write)) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
  const written = (list: SyncList): string[] | null => rewrite[list]?.parts.flat() ?? synced(list);
  return {
    write: {
      items: write,
      base: { fields, muted: written('muted'), sites: settings.syncSites ? written('sites') : null },
    },
    notSynced,
  };
}

/** Runs one task after another (changes are synced in the order they happen); `idle` waits for all. */
function queue(): { run: (task: () => Promise<void>) => void; idle: () => Promise<void> } {
  let last = Promise.resolve();
  return {
    run: (task) => {
      last = last.then(task, task);
    },
    idle: () => last,
  };
}

/**
 * Starts syncing (the background calls it at every start): follows changes to the local settings
 * and to the synced copy, and catches up with what happened while the background was not running.
 */
export function startSettingsSync(storage: Storage.Static = browser.storage): { idle: () => Promise<void> } {
  const options: SyncOptions = { local: storage.local, sync: storage.sync };
  const { run, idle } = queue();
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) {
      const before = normalizeSettings(changes[SETTINGS_KEY]!.oldValue);
      const after = normalizeSettings(changes[SETTINGS_KEY]!.newValue);
      if (!after.sync) {
        // Leaving sync: the next time it is turned on is a join again.
        if (before.sync) run(() => leave(options.local));
        return;
      }
      run(() =>
        syncSettings(options, {
          local: true,
          join: !before.sync,
          joinSites: after.syncSites && before.sync && !before.syncSites,
        }),
      );
    } else if (area === 'sync' && Object.keys(changes).some(isSyncKey)) {
      run(() => syncSettings(options));
    }
  });
  run(() => syncSettings(options));
  return { idle };
}

async function leave(local: Storage.StorageArea): Promise<void> {
  const state = readState((await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
  await local.set({ [SYNC_STATE_KEY]: { ...state, base: null, status: null } });
}
