/**
 * The reader's settings: typed from one defaults object, stored under one key in storage.local,
 * upgraded by a list of migrations, and repaired rather than trusted. Every part of the extension
 * reads settings through here.
 *
 * Any stored value becomes a working setting: a mistyped field falls back to its default, a
 * version that is not a whole number counts as 0 (before any migration). Settings written by a newer
 * version of the extension (after a downgrade) keep their version and the fields this version does
 * not know, so going back up loses nothing.
 */
import { ENTITY_TYPES, type EntityType } from '../core/dataset-types';
import { HIGHLIGHT_LOOKS, type HighlightMode } from '../core/highlight-css';
import browser, { type Storage } from './browser';
import { SETTINGS_KEY } from './storage-keys';

export const DEFAULT_SETTINGS = {
  /** Highlights everywhere on or off. */
  enabled: true,
  /** Host names (www. stripped) where the reader switched highlights off. */
  disabledSites: [] as string[],
  /** 'background': a tinted background (the text colour set to keep contrast); 'underline': an underline only. */
  highlightStyle: 'background' as HighlightMode,
  /** The reader's own colour per entity type (#rrggbb), over the adaptive defaults. */
  typeColors: {} as Partial<Record<EntityType, string>>,
  /** Highlight only the first mention of each entity on a page (all are still found and counted). */
  firstMentionOnly: false,
  /** How long the pointer rests on a name before its card opens (ms). */
  hoverDelayMs: 300,
  /** Entity ids the reader asked not to highlight ("Don't highlight this" on a card). */
  mutedEntities: [] as string[],
  /** Entity types that are highlighted (a type left out is not highlighted, but still counted). */
  enabledTypes: [...ENTITY_TYPES] as EntityType[],
  /** Copy these settings through the browser's account to the reader's other browsers (opt-in). */
  sync: false,
  /** With `sync`: the list of switched-off sites goes too (a second, separate opt-in). */
  syncSites: false,
};

export type Settings = typeof DEFAULT_SETTINGS;

/** The range a hover delay is kept in (ms): shorter opens cards by accident, longer feels broken. */
export const HOVER_DELAY_RANGE = [0, 2000] as const;

/** Bump with a new migration whenever the stored shape changes. */
export const SETTINGS_VERSION = 2;

type Stored = Record<string, unknown> & { version?: unknown };

/** migrations[n] upgrades stored settings of version n to version n + 1. */
const migrations: ((s: Stored) => Stored)[] = [
  // 0 -> 1: nothing stored before version 1 needs changing; the step marks the baseline.
  (s) => s,
  // 1 -> 2: new settings (colours, first mention only, hover delay, muted entities, types, sync)
  // start from their defaults; the three of version 1 keep their meaning.
  (s) => s,
];

/** A stored version as a whole number: anything else (negative, fractional, not a number) is 0. */
export function storedVersion(raw: unknown): number {
  const v = typeof raw === 'object' && raw !== null ? (raw as Stored).version : undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

function uniqueStrings(values: unknown, allowed?: (v: string) => boolean): string[] | undefined {
  if (!Array.isArray(values)) return undefined;
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && (allowed?.(v) ?? true)))];
}

const COLOUR = /^#[0-9a-f]{6}$/i;

/** Whether a value is a colour as settings store it: `#rrggbb`. */
export function isColour(value: unknown): value is string {
  return typeof value === 'string' && COLOUR.test(value);
}

const boolean = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/**
 * How each stored field is read: its value, repaired where it can be (bad entries dropped, a delay
 * clamped), or undefined when it cannot be read at all (the default is used). The one description
 * of what a valid setting is, for storage, imported files and synced settings alike.
 */
const READERS: { [K in keyof Settings]: (v: unknown) => Settings[K] | undefined } = {
  enabled: boolean,
  disabledSites: (v) => uniqueStrings(v, (h) => h.length > 0 && h.length <= 253),
  highlightStyle: (v) => ((HIGHLIGHT_LOOKS as readonly unknown[]).includes(v) ? (v as HighlightMode) : undefined),
  typeColors: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const out: Settings['typeColors'] = {};
    for (const type of ENTITY_TYPES) {
      const c = Object.hasOwn(v, type) ? (v as Record<string, unknown>)[type] : undefined;
      if (isColour(c)) out[type] = c.toLowerCase();
    }
    return out;
  },
  firstMentionOnly: boolean,
  hoverDelayMs: (v) =>
    typeof v === 'number' && Number.isFinite(v)
      ? Math.round(Math.min(HOVER_DELAY_RANGE[1], Math.max(HOVER_DELAY_RANGE[0], v)))
      : undefined,
  // Entity ids are short; anything long is not one (and would not fit a synced item).
  mutedEntities: (v) => uniqueStrings(v, (id) => id.length > 0 && id.length <= 200),
  enabledTypes: (v) =>
    uniqueStrings(v, (t) => (ENTITY_TYPES as readonly string[]).includes(t)) as EntityType[] | undefined,
  sync: boolean,
  syncSites: boolean,
};

/** Every setting's name, in the defaults' order. */
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/**
 * Settings that sync as plain values (the lists sync in parts of their own, the sync switches are
 * each browser's own; background/settings-sync.ts).
 */
export const SYNCED_VALUES = SETTING_KEYS.filter(
  (k) => k !== 'disabledSites' && k !== 'mutedEntities' && k !== 'sync' && k !== 'syncSites',
);

/** One field read as normalizeSettings reads it: its (repaired) value, or undefined if unreadable. */
export function readSetting<K extends keyof Settings>(key: K, value: unknown): Settings[K] | undefined {
  return READERS[key](value);
}

/** Stored settings brought up to this version by the migrations (fields are not checked here). */
export function upgradeStored(raw: Record<string, unknown>): Record<string, unknown> {
  let stored: Stored = { ...raw };
  try {
    for (let v = storedVersion(raw); v < SETTINGS_VERSION; v++) stored = migrations[v]?.(stored) ?? stored;
  } catch {
    // A migration met something it could not read: what it could not upgrade falls back later.
  }
  return stored;
}

/** Fills defaults, drops mistyped values and applies migrations. Never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  const stored = upgradeStored(raw as Stored);
  const set = <K extends keyof Settings>(key: K): void => {
    const value = Object.hasOwn(stored, key) ? READERS[key](stored[key]) : undefined;
    if (value !== undefined) out[key] = value;
  };
  for (const key of SETTING_KEYS) set(key);
  return out;
}

/** The key a site is stored under: the host name without a leading "www.". */
export function siteKey(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/**
 * The site a reader typed (a host name or a web address) as it is stored, or null if it names no
 * site. International names become their ASCII form, as pages report them.
 */
export function siteFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    const host = siteKey(url.hostname);
    return host && host.length <= 253 && !host.startsWith('.') && !host.endsWith('.') ? host : null;
  } catch {
    return null;
  }
}

export function isSiteEnabled(settings: Settings, host: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteKey(host));
}

async function readRaw(storage: Storage.StorageArea): Promise<unknown> {
  const got = await storage.get(SETTINGS_KEY);
  return got[SETTINGS_KEY];
}

export async function getSettings(storage: Storage.StorageArea = browser.storage.local): Promise<Settings> {
  return normalizeSettings(await readRaw(storage));
}

/**
 * What is written for `next`: the settings with this version's number, or, over settings of a newer
 * version, with that version's number and the fields this version does not know.
 */
export function toStored(next: Settings, previous: unknown): Record<string, unknown> {
  const version = storedVersion(previous);
  if (version > SETTINGS_VERSION && typeof previous === 'object' && previous !== null) {
    return { ...(previous as Record<string, unknown>), ...next, version };
  }
  return { ...next, version: SETTINGS_VERSION };
}

/** Applies `change` to the current settings and stores the result. */
export async function updateSettings(
  change: (s: Settings) => Partial<Settings>,
  storage: Storage.StorageArea = browser.storage.local,
): Promise<Settings> {
  const raw = await readRaw(storage);
  const current = normalizeSettings(raw);
  const next = normalizeSettings({ ...current, ...change(current), version: SETTINGS_VERSION });
  await storage.set({ [SETTINGS_KEY]: toStored(next, raw) });
  return next;
}

export function setSiteEnabled(host: string, enabled: boolean, storage?: Storage.StorageArea): Promise<Settings> {
  const key = siteKey(host);
  return updateSettings(
    (s) => ({
      disabledSites: enabled ? s.disabledSites.filter((h) => h !== key) : [...new Set([...s.disabledSites, key])],
    }),
    storage,
  );
}

/** Stops (or starts again) highlighting one entity, everywhere. */
export function setEntityMuted(entity: string, muted: boolean, storage?: Storage.StorageArea): Promise<Settings> {
  return updateSettings(
    (s) => ({
      mutedEntities: muted ? [...new Set([...s.mutedEntities, entity])] : s.mutedEntities.filter((e) => e !== entity),
    }),
    storage,
  );
}

/** Switches the highlighting of one entity type on or off. */
export function setTypeEnabled(type: EntityType, enabled: boolean, storage?: Storage.StorageArea): Promise<Settings> {
  return updateSettings(
    (s) => ({
      enabledTypes: enabled ? [...new Set([...s.enabledTypes, type])] : s.enabledTypes.filter((t) => t !== type),
    }),
    storage,
  );
}

/**
 * What a content script is told of the settings, for the site of its frame: whether to paint there
 * and how, but not the lists of switched-off sites nor the sync switches (a page's frame has no need
 * of them, and a compromised content script would learn where the reader reads).
 */
export interface PageSettings {
  /** Highlights are on everywhere and not switched off for this site. */
  paint: boolean;
  highlightStyle: Settings['highlightStyle'];
  typeColors: Settings['typeColors'];
  firstMentionOnly: boolean;
  hoverDelayMs: number;
  mutedEntities: string[];
  enabledTypes: EntityType[];
}

export function pageSettingsFor(settings: Settings, site: string | null): PageSettings {
  return {
    paint: site !== null && isSiteEnabled(settings, site),
    highlightStyle: settings.highlightStyle,
    typeColors: settings.typeColors,
    firstMentionOnly: settings.firstMentionOnly,
    hoverDelayMs: settings.hoverDelayMs,
    mutedEntities: settings.mutedEntities,
    enabledTypes: settings.enabledTypes,
  };
}

/** The page settings before the background has answered: paint nothing yet, defaults otherwise. */
export const WAITING_PAGE_SETTINGS: PageSettings = { ...pageSettingsFor(DEFAULT_SETTINGS, null) };

/** Whether a mention of this entity is painted, by the reader's choices (types and muted entities). */
export function isHighlighted(
  settings: Pick<Settings, 'enabledTypes' | 'mutedEntities'>,
  entity: { id: string; type: EntityType },
): boolean {
  return settings.enabledTypes.includes(entity.type) && !settings.mutedEntities.includes(entity.id);
}

/** Calls `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChanged(listener: (s: Settings) => void, signal: AbortSignal): void {
  const handle = (changes: Record<string, Storage.StorageChange>, area: string): void => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    listener(normalizeSettings(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.storage.onChanged.removeListener(handle);
      } catch {
        // The extension context is already gone (an orphaned content script): nothing to remove.
      }
    },
    { once: true },
  );
}

export { colourRgb, readerColourLook } from '../core/highlight-css';

/**
 * storage.local: the state of syncing, written by the background (background/settings-sync.ts);
 * the options page reads the status in it.
 */
export const SYNC_STATE_KEY = 'settingsSync';

/** The last sync with the browser's account, as the reader is told about it. */
export interface SyncStatus {
  /** When (ms since 1970). */
  at: number;
  /** Settings were sent to the account, or received from another browser. */
  direction: 'sent' | 'received';
  /** What the account's sync storage had no room for (it stays in this browser only). */
  notSynced: { sites: number; muted: number; examples: string[] };
  /** Why the last attempt failed (the settings in this browser are unchanged), or null. */
  error: string | null;
}

/** The status in a stored sync state, repaired (null when there is none or it cannot be read). */
export function syncStatusOf(state: unknown): SyncStatus | null {
  const raw = typeof state === 'object' && state !== null ? (state as { status?: unknown }).status : undefined;
  if (typeof raw !== 'object' || raw === null) return null;
  const { at, direction, notSynced, error } = raw as Record<string, unknown>;
  if (typeof at !== 'number' || (direction !== 'sent' && direction !== 'received')) return null;
  const n = (typeof notSynced === 'object' && notSynced !== null ? notSynced : {}) as Record<string, unknown>;
  const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0);
  return {
    at,
    direction,
    notSynced: { sites: count(n.sites), muted: count(n.muted), examples: uniqueStrings(n.examples) ?? [] },
    error: typeof error === 'string' ? error : null,
  };
}
