/**
 * The synced copy of the settings as it lies in storage.sync, within that area's limits (the same
 * in Chrome and Firefox: 8,192 bytes per item, 102,400 in all): one header item with the plain
 * settings, and the two lists (muted entities, switched-off sites) in parts of their own. Each list
 * has a fixed share of the quota, so one list growing never pushes the other out. Pure functions.
 *
 * Another browser's write may arrive item by item: every part carries its list's stamp, and a copy
 * whose parts do not all match its header is read as incomplete (the rest is on its way).
 */
import type { SyncList } from '../shared/settings';

/** The documented limits of storage.sync. */
export const SYNC_QUOTA = { bytes: 102_400, bytesPerItem: 8192 } as const;

/** What one item may use: a little under the per-item limit, for safety over how it is counted. */
const ITEM_BYTES = SYNC_QUOTA.bytesPerItem - 64;

export type { SyncList };
export const SYNC_LISTS: readonly SyncList[] = ['muted', 'sites'];

/** Items each list may take: 2 for muted entities; the sites the rest, less the header and a margin. */
export const LIST_PARTS: Record<SyncList, number> = {
  muted: 2,
  sites: Math.floor((SYNC_QUOTA.bytes - 1024) / SYNC_QUOTA.bytesPerItem) - 1 - 2,
};

/** The header's key in storage.sync; the lists' parts are `settings.<list>.<n>`. */
export const HEADER_KEY = 'settings';
export const partKey = (list: SyncList, n: number): string => `${HEADER_KEY}.${list}.${n}`;

/** Whether a storage.sync key is one of ours. */
export function isSyncKey(key: string): boolean {
  return key === HEADER_KEY || key.startsWith(`${HEADER_KEY}.`);
}

/** The layout described here; a copy in another layout (a later version's) is left alone. */
export const LAYOUT = 1;

interface ListInfo {
  stamp: string;
  parts: number;
}

export interface SyncHeader {
  layout: number;
  /** The settings version of the extension that wrote it. */
  version: number;
  /** Which browser wrote it (its random instance id). */
  from: string;
  /** When (ms since 1970). */
  at: number;
  /** The plain settings (and, from a newer version, fields this one does not know). */
  fields: Record<string, unknown>;
  lists: Partial<Record<SyncList, ListInfo>>;
}

/** What a browser finds in storage.sync. */
export type SyncedCopy =
  | { kind: 'none' }
  /** Written in a layout this version cannot read. */
  | { kind: 'foreign' }
  /** Parts missing or from another write: wait for the rest. */
  | { kind: 'incomplete' }
  | { kind: 'copy'; header: SyncHeader; lists: Partial<Record<SyncList, string[]>> };

/** Bytes an item counts for: its key and its value as JSON, in UTF-8 (as Chrome counts them). */
export function itemBytes(key: string, value: unknown): number {
  return utf8Bytes(key) + utf8Bytes(JSON.stringify(value));
}

const encoder = new TextEncoder();
function utf8Bytes(s: string): number {
  return encoder.encode(s).length;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStamp = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function readHeader(raw: unknown): SyncHeader | null {
  if (!isRecord(raw) || !isCount(raw.version) || typeof raw.from !== 'string' || !isRecord(raw.fields)) return null;
  if (!isRecord(raw.lists)) return null;
  const lists: SyncHeader['lists'] = {};
  for (const name of SYNC_LISTS) {
    const info = raw.lists[name];
    if (info === undefined) continue;
    if (!isRecord(info) || !isStamp(info.stamp) || !isCount(info.parts) || info.parts > LIST_PARTS[name]) return null;
    lists[name] = { stamp: info.stamp, parts: info.parts };
  }
  return {
    layout: LAYOUT,
    version: raw.version,
    from: raw.from,
    at: typeof raw.at === 'number' ? raw.at : 0,
    fields: raw.fields,
    lists,
  };
}

/** Reads the synced copy out of everything in storage.sync. */
export function readCopy(items: Record<string, unknown>): SyncedCopy {
  const raw = items[HEADER_KEY];
  if (raw === undefined) return { kind: 'none' };
  if (isRecord(raw) && raw.layout !== LAYOUT && isCount(raw.layout) && raw.layout > LAYOUT) return { kind: 'foreign' };
  const header = readHeader(raw);
  // An unreadable header is no copy at all: the next write replaces it.
  if (!header) return { kind: 'none' };
  const lists: Partial<Record<SyncList, string[]>> = {};
  for (const name of SYNC_LISTS) {
    const info = header.lists[name];
    if (!info) continue;
    const values: string[] = [];
    for (let n = 0; n < info.parts; n++) {
      const part = items[partKey(name, n)];
      if (!isRecord(part) || part.stamp !== info.stamp || !Array.isArray(part.items)) return { kind: 'incomplete' };
      for (const v of part.items) if (typeof v === 'string') values.push(v);
    }
    lists[name] = values;
  }
  return { kind: 'copy', header, lists };
}

/** A list cut to its share of the quota: the parts to write, and what did not fit. */
export interface FittedList {
  parts: string[][];
  omitted: string[];
}

/** `items` in parts of at most ITEM_BYTES each (as many parts as that takes). */
function chunk(list: SyncList, items: readonly string[]): string[][] {
  // Bytes of a part holding no entries (its key and stamp at their longest).
  const empty = itemBytes(partKey(list, LIST_PARTS[list]), { stamp: 'x'.repeat(64), items: [] });
  const parts: string[][] = [];
  let current: string[] = [];
  let bytes = empty;
  for (const v of items) {
    const size = utf8Bytes(JSON.stringify(v)) + (current.length ? 1 : 0);
    if (bytes + size > ITEM_BYTES && current.length) {
      parts.push(current);
      current = [];
      bytes = empty;
    }
    current.push(v);
    bytes += utf8Bytes(JSON.stringify(v)) + (current.length > 1 ? 1 : 0);
  }
  if (current.length) parts.push(current);
  return parts;
}

/** The largest k in 0..n for which `fits(k)` holds (fits is monotonic: true up to some k). */
function largest(n: number, fits: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Fits a list into its share of the quota. Entries already in the synced copy are kept first, so
 * a list that has grown too large never drops one the other browsers have (they would read that as
 * removed); of the rest, the newest (last added) are kept.
 */
export function fitList(list: SyncList, items: readonly string[], synced: readonly string[] | null): FittedList {
  const max = LIST_PARTS[list];
  const known = new Set(synced ?? []);
  const old = items.filter((v) => known.has(v));
  const fresh = items.filter((v) => !known.has(v));
  const fits = (parts: string[][]): boolean => parts.length <= max;
  let keptOld = old.length;
  if (!fits(chunk(list, old))) keptOld = largest(old.length, (k) => fits(chunk(list, old.slice(0, k))));
  const base = old.slice(0, keptOld);
  const keptFresh = largest(fresh.length, (k) => fits(chunk(list, [...base, ...fresh.slice(fresh.length - k)])));
  const kept = [...base, ...fresh.slice(fresh.length - keptFresh)];
  const keptSet = new Set(kept);
  return { parts: chunk(list, kept), omitted: items.filter((v) => !keptSet.has(v)) };
}

/**
 * The items of a new copy: the header, and the parts of each list in `rewrite` (lists in `keep`
 * keep the parts they have).
 */
export function copyItems(options: {
  header: Omit<SyncHeader, 'lists' | 'layout'>;
  rewrite: Partial<Record<SyncList, FittedList>>;
  keep: Partial<Record<SyncList, ListInfo>>;
  /** The stamp of a rewritten list's parts. */
  stamp: (list: SyncList) => string;
}): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const lists: SyncHeader['lists'] = { ...options.keep };
  for (const name of SYNC_LISTS) {
    const fitted = options.rewrite[name];
    if (!fitted) continue;
    const stamp = options.stamp(name);
    fitted.parts.forEach((items, n) => (set[partKey(name, n)] = { stamp, items }));
    lists[name] = { stamp, parts: fitted.parts.length };
  }
  set[HEADER_KEY] = { layout: LAYOUT, ...options.header, lists };
  return set;
}

/** Our keys in storage.sync that a copy with these lists does not use (parts of earlier, longer lists). */
export function staleKeys(keys: Iterable<string>, lists: SyncHeader['lists']): string[] {
  const used = new Set([HEADER_KEY]);
  for (const name of SYNC_LISTS) for (let n = 0; n < (lists[name]?.parts ?? 0); n++) used.add(partKey(name, n));
  return [...keys].filter((k) => isSyncKey(k) && !used.has(k));
}

/** Whether every item fits its limit (a header swollen by a newer version's fields may not). */
export function fitsQuota(items: Record<string, unknown>): boolean {
  return Object.entries(items).every(([k, v]) => itemBytes(k, v) <= ITEM_BYTES);
}
