/**
 * "Sync my settings across browsers" (off by default). While it is on, the background copies the
 * settings from storage.local to storage.sync whenever they change, and merges changes another
 * browser made into storage.local, which stays the one place our pages read. The list of
 * switched-off sites goes too only if the reader also ticked that. The two switches are each
 * browser's own, never travel, and are read from where only the options page (through the
 * background) changes them (sync-choice.ts): whoever writes storage.local cannot turn sync on.
 *
 * Merging is three-way against the copy this browser last wrote or read (kept in storage.local,
 * since a service worker keeps nothing): a setting another browser changed is taken, one it did not
 * change stays as it is here, and a list takes the other browser's additions and removals while
 * keeping this browser's own. Joining (turning sync on) takes the account's settings and the union
 * of both lists. Nothing that does not fit or cannot be written is ever removed here: the status
 * says what stayed in this browser only. Another browser's removal of all of a list (or of most of
 * a long one) waits for the reader: the entries stay here, and are not written back, until the
 * options page says to remove them here too or to keep them (`decide`).
 *
 * What another browser wrote is read as a setting of ours is (READERS): sites normalised as the
 * site switch stores them, unknown fields of a newer version kept only while they fit.
 */
import browser, { type Storage } from '../shared/browser';
import {
  SETTINGS_VERSION,
  SYNCED_VALUES,
  SYNC_STATE_KEY,
  getSettings,
  readSetting,
  syncStatusOf,
  type Settings,
  type SyncChoice,
  type SyncStatus,
} from '../shared/settings';
import { SETTINGS_KEY, SYNC_CHOICE_KEY } from '../shared/storage-keys';
import { updateSettings } from './settings-store';
import { SyncChoices, defaultRecord } from './sync-choice';
import {
  HEADER_KEY,
  SYNC_LISTS,
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

/** Entries another browser removed that are kept here until the reader decides, per list. */
type Held = Partial<Record<SyncList, string[]>>;

interface SyncState {
  /** This browser's random id, so that its own writes are not merged back. */
  instance: string;
  /** Null until this browser has joined (then the first merge is a join). */
  base: Base | null;
  held: Held;
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
  const h = (typeof r.held === 'object' && r.held !== null ? r.held : {}) as Record<string, unknown>;
  const held: Held = {};
  for (const list of SYNC_LISTS) if (isStrings(h[list]) && h[list].length) held[list] = h[list];
  return { instance, base, held, status: syncStatusOf(r) };
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
 * Whether another browser's removals from a list wait for the reader: they would leave it empty, or
 * take away more than half of a list of ten or more.
 */
export function removesTooMuch(before: number, removed: number, after: number): boolean {
  return removed > 0 && (after === 0 || (before >= 10 && removed * 2 > before));
}

/**
 * The change to local settings that a synced copy brings. Plain settings another browser changed
 * (all of them when joining) are taken, if valid here; lists are merged three-way (when joining:
 * their union). Sites only when this browser syncs them. Removals that take too much
 * (removesTooMuch) are not made: those entries come back as `held`.
 */
export function mergeCopy(
  local: Settings,
  copy: { fields: Record<string, unknown>; lists: Partial<Record<SyncList, string[]>> },
  base: Base | null,
  choice: SyncChoice,
): { patch: Partial<Settings>; held: Held } {
  const patch: Partial<Settings> = {};
  const held: Held = {};
  for (const key of SYNCED_VALUES) {
    if (!Object.hasOwn(copy.fields, key)) continue;
    if (base && Object.hasOwn(base.fields, key) && same(base.fields[key], copy.fields[key])) continue;
    const value = readSetting(key, copy.fields[key]);
    if (value !== undefined && !same(value, local[key])) (patch as Record<string, unknown>)[key] = value;
  }
  for (const list of SYNC_LISTS) {
    if (list === 'sites' && !choice.sites) continue;
    const remote = copy.lists[list];
    if (!remote) continue;
    const key = LIST_SETTING[list];
    const mine = local[key];
    let merged = mergeList(mine, remote, base?.[list] ?? null);
    const left = new Set(merged);
    const removed = mine.filter((v) => !left.has(v));
    if (removesTooMuch(mine.length, removed.length, merged.length)) {
      held[list] = removed;
      // The other browser's additions are taken all the same.
      const have = new Set(mine);
      merged = [...mine, ...merged.filter((v) => !have.has(v))];
    }
    const value = readSetting(key, merged) ?? mine;
    if (!same(value, mine)) patch[key] = value;
  }
  return { patch, held };
}

export interface SyncOptions {
  local: Storage.StorageArea;
  sync: Storage.StorageArea;
  /** The reader's sync switches (sync-choice.ts). */
  choice: () => Promise<SyncChoice>;
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
  // Whether another browser's settings were applied here in this run (the status says so, even if
  // sending ours then fails).
  let received = false;
  try {
    const choice = await options.choice();
    if (!choice.sync) return;
    let settings = await getSettings(local);
    if (cause.join) {
      state.base = null;
      state.held = {};
    }
    if (cause.joinSites && state.base) state.base.sites = null;
    if (!choice.sites) delete state.held.sites;
    const items = await sync.get(null);
    let copy = normalised(readCopy(items));
    if (copy.kind === 'foreign') {
      state.status = failed(state.status, now(), 'newer-version', false, state.held);
      return await save();
    }
    if (copy.kind === 'incomplete') {
      // The rest of another browser's write is on its way, unless this browser has news of its own.
      if (!cause.local) return;
      copy = { kind: 'none' };
    }
    if (copy.kind === 'copy' && copy.header.from !== state.instance) {
      const merge = mergeCopy(settings, { fields: copy.header.fields, lists: copy.lists }, state.base, choice);
      state.held = merge.held;
      if (Object.keys(merge.patch).length) {
        settings = await updateSettings(() => merge.patch, local);
        received = true;
      }
    }
    if (copy.kind === 'copy') state.base = baseOf(copy, choice, state.base, state.held);
    const { write, notSynced } = planWrite(settings, choice, copy, state, now());
    if (write) {
      await sync.set(write.items);
      const header = write.items[HEADER_KEY] as SyncHeader;
      const stale = staleKeys(Object.keys(items), header.lists);
      if (stale.length) await sync.remove(stale);
      state.base = write.base;
    }
    const held = heldCounts(state.held);
    if (write || received || !state.status) {
      state.status = { at: now(), direction: received ? 'received' : 'sent', notSynced, error: null, held };
    } else {
      state.status = { ...state.status, notSynced, error: null, held };
    }
    await save();
  } catch (e) {
    // Quota, rate limit, no sync storage: what was received is kept; the next change tries again.
    state.status = failed(state.status, now(), e instanceof Error ? e.message : String(e), received, state.held);
    await save().catch(() => {});
  }
}

function heldCounts(held: Held): SyncStatus['held'] {
  return { sites: held.sites?.length ?? 0, muted: held.muted?.length ?? 0 };
}

/**
 * The status after a failed sync. 'received' when another browser's settings were applied here in
 * this run, or in an earlier one that failed as well: since the last sync that went through,
 * something did change here.
 */
function failed(status: SyncStatus | null, at: number, error: string, received: boolean, held: Held): SyncStatus {
  const earlier = status !== null && status.error !== null && status.direction === 'received';
  return {
    at,
    direction: received || earlier ? 'received' : 'sent',
    notSynced: status?.notSynced ?? { sites: 0, muted: 0, examples: [] },
    error,
    held: heldCounts(held),
  };
}

/** A copy's lists read as settings are (sites normalised, ids checked, within the limits). */
function normalised(copy: SyncedCopy): SyncedCopy {
  if (copy.kind !== 'copy') return copy;
  const lists: Partial<Record<SyncList, string[]>> = {};
  for (const list of SYNC_LISTS) {
    const values = copy.lists[list];
    if (values) lists[list] = readSetting(LIST_SETTING[list], values) ?? [];
  }
  return { ...copy, lists };
}

/**
 * The base after reading a copy: what it holds; lists this browser does not sync left unknown, and
 * a held list's as it was (its removals are still removals until the reader decides).
 */
function baseOf(
  copy: Extract<SyncedCopy, { kind: 'copy' }>,
  choice: SyncChoice,
  previous: Base | null,
  held: Held,
): Base {
  const list = (name: SyncList): string[] | null =>
    held[name] ? (previous?.[name] ?? null) : (copy.lists[name] ?? previous?.[name] ?? null);
  return { fields: copy.header.fields, muted: list('muted'), sites: choice.sites ? list('sites') : null };
}

/**
 * What to write so the synced copy holds this browser's settings (null if it already does), and
 * what does not fit. The parts of a list are rewritten only when the list changed, and a held list
 * not at all; a newer version's fields and number are kept, as in storage.local, as long as the
 * header still fits its item (fields this version does not know go first, the largest first: one
 * that fills the item would otherwise stop every write of ours).
 */
function planWrite(
  settings: Settings,
  choice: SyncChoice,
  copy: SyncedCopy,
  state: SyncState,
  at: number,
): { write: { items: Record<string, unknown>; base: Base } | null; notSynced: SyncStatus['notSynced'] } {
  const header = copy.kind === 'copy' ? copy.header : null;
  const ours: Record<string, unknown> = {};
  for (const key of SYNCED_VALUES) ours[key] = settings[key];
  const newer = header !== null && header.version > SETTINGS_VERSION;
  let fields = newer ? { ...header.fields, ...ours } : ours;
  const version = newer ? header.version : SETTINGS_VERSION;

  const rewrite: Partial<Record<SyncList, FittedList>> = {};
  const notSynced: SyncStatus['notSynced'] = { sites: 0, muted: 0, examples: [] };
  const synced = (list: SyncList): string[] | null => (copy.kind === 'copy' ? (copy.lists[list] ?? null) : null);
  for (const list of SYNC_LISTS) {
    if ((list === 'sites' && !choice.sites) || state.held[list]) continue;
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
  const stamps = new Map<SyncList, string>();
  const itemsWith = (f: Record<string, unknown>): Record<string, unknown> =>
    copyItems({
      header: { version, from: state.instance, at, fields: f },
      rewrite,
      keep,
      // The same stamps however often the header is made again.
      stamp: (list) => stamps.get(list) ?? stamps.set(list, crypto.randomUUID()).get(list)!,
    });
  let write = itemsWith(fields);
  const unknown = Object.keys(fields)
    .filter((k) => !(SYNCED_VALUES as readonly string[]).includes(k))
    .sort((a, b) => JSON.stringify(fields[b]).length - JSON.stringify(fields[a]).length);
  for (const key of unknown) {
    if (fitsQuota({ [HEADER_KEY]: write[HEADER_KEY] })) break;
    const { [key]: _dropped, ...rest } = fields;
    fields = rest;
    write = itemsWith(fields);
  }
  if (!fitsQuota(write)) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
  const written = (list: SyncList): string[] | null =>
    state.held[list] ? (state.base?.[list] ?? null) : (rewrite[list]?.parts.flat() ?? synced(list));
  return {
    write: {
      items: write,
      base: { fields, muted: written('muted'), sites: choice.sites ? written('sites') : null },
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

export interface SettingsSync {
  /** Resolves once every sync asked for so far has run. */
  idle(): Promise<void>;
  /** The options page's switches (sync-choice.ts): turning sync on joins, turning it off leaves. */
  choose(choice: SyncChoice): Promise<void>;
  /** The switches as they are. */
  choice(): Promise<SyncChoice>;
  /**
   * The reader's answer about entries another browser removed from a list (held): remove them
   * here too (`apply`), or keep them, and write them back to the account.
   */
  decide(list: SyncList, apply: boolean): Promise<void>;
}

/**
 * Starts syncing (the background calls it at every start): follows changes to the local settings
 * and to the synced copy, and catches up with what happened while the background was not running.
 */
export function startSettingsSync(
  storage: Storage.Static = browser.storage,
  choices: SyncChoices = new SyncChoices(defaultRecord(), storage.local),
): SettingsSync {
  const options: SyncOptions = { local: storage.local, sync: storage.sync, choice: () => choices.get() };
  const { run, idle } = queue();
  /** Runs `task` in turn with every sync, and resolves (or fails) with it. */
  const inTurn = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => run(() => task().then(resolve, reject)));
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SYNC_CHOICE_KEY in changes) {
      run(() => choices.guardCopy(changes[SYNC_CHOICE_KEY]!.newValue));
    }
    if (area === 'local' && SETTINGS_KEY in changes) {
      run(() => syncSettings(options, { local: true }));
    } else if (area === 'sync' && Object.keys(changes).some(isSyncKey)) {
      run(() => syncSettings(options));
    }
  });
  run(() => syncSettings(options));
  return {
    idle,
    choice: () => choices.get(),
    choose: (next) =>
      inTurn(async () => {
        const before = await choices.get();
        await choices.set(next);
        const after = await choices.get();
        if (!after.sync) {
          // Leaving sync: the next time it is turned on is a join again.
          if (before.sync) await leave(options.local);
          return;
        }
        await syncSettings(options, {
          local: true,
          join: !before.sync,
          joinSites: after.sites && before.sync && !before.sites,
        });
      }),
    decide: (list, apply) => inTurn(() => decide(options, list, apply)).then(() => idle()),
  };
}

async function leave(local: Storage.StorageArea): Promise<void> {
  const state = readState((await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
  await local.set({ [SYNC_STATE_KEY]: { ...state, base: null, held: {}, status: null } });
}

/** The reader's answer about a held list (SettingsSync.decide); the sync that follows writes the result. */
async function decide(options: SyncOptions, list: SyncList, apply: boolean): Promise<void> {
  const { local, sync } = options;
  const state = readState((await local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
  const held = state.held[list];
  if (!held) return;
  delete state.held[list];
  if (state.status) state.status = { ...state.status, held: heldCounts(state.held) };
  if (apply) {
    const gone = new Set(held);
    const key = LIST_SETTING[list];
    await updateSettings((s) => ({ [key]: s[key].filter((v) => !gone.has(v)) }) as Partial<Settings>, local);
  } else {
    // Measured against the account's list from now on, the entries kept here are additions: the
    // next write puts them back there.
    const copy = normalised(readCopy(await sync.get(null)));
    if (state.base && copy.kind === 'copy') state.base[list] = copy.lists[list] ?? null;
  }
  await local.set({ [SYNC_STATE_KEY]: state });
  await syncSettings(options, { local: true });
}
