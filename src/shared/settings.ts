/**
 * The reader's settings: typed from one defaults object, stored under one key in storage.local,
 * upgraded by a list of migrations, and repaired rather than trusted. Every part of the extension
 * reads settings through here; only the background writes them (background/settings-store.ts), for
 * our own pages and for the card's "Don't highlight this", which asks it by message (setEntityMuted).
 *
 * Any stored value becomes a working setting: a mistyped field falls back to its default, a
 * version that is not a whole number counts as 0 (before any migration). Settings written by a newer
 * version of the extension (after a downgrade) keep their version and the fields this version does
 * not know, so going back up loses nothing.
 */
import { ENTITY_ID, ENTITY_TYPES, type EntityType } from '../core/dataset-types';
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
  /** A column at the window's right edge with a tick per highlighted mention (content/page-markers.ts). */
  pageMarkers: false,
};

export type Settings = typeof DEFAULT_SETTINGS;

/** The range a hover delay is kept in (ms): shorter opens cards by accident, longer feels broken. */
export const HOVER_DELAY_RANGE = [0, 2000] as const;

/**
 * The most entries each list keeps, wherever it comes from (storage, a settings file, another
 * browser): far more than a reader collects (the sync storage holds 3,000–4,000 sites; the dataset
 * has a few dozen entities), and a bound on what every page and the options page read. What is
 * beyond it is left out, the earliest entries kept.
 */
export const LIST_LIMITS = { disabledSites: 5000, mutedEntities: 1000 } as const;

/** Bump with a new migration whenever the stored shape changes. */
export const SETTINGS_VERSION = 3;

type Stored = Record<string, unknown> & { version?: unknown };

/** migrations[n] upgrades stored settings of version n to version n + 1. */
const migrations: ((s: Stored) => Stored)[] = [
  // 0 -> 1: nothing stored before version 1 needs changing; the step marks the baseline.
  (s) => s,
  // 1 -> 2: new settings (colours, first mention only, hover delay, muted entities, types, sync)
  // start from their defaults; the three of version 1 keep their meaning.
  (s) => s,
  // 2 -> 3: the two sync switches left the settings for a place only the background writes
  // (background/sync-choice.ts takes version 2's switches over once, from the stored settings).
  ({ sync: _sync, syncSites: _syncSites, ...rest }) => rest,
];

/** A stored version as a whole number: anything else (negative, fractional, not a number) is 0. */
export function storedVersion(raw: unknown): number {
  const v = typeof raw === 'object' && raw !== null ? (raw as Stored).version : undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

/**
 * A list of strings: each entry as `read` makes it (null drops it), without repeats, the first
 * `max` kept. It stops reading once it has `max`: a list of a million entries costs no more.
 */
function readList<T extends string>(values: unknown, read: (v: string) => T | null, max: number): T[] | undefined {
  if (!Array.isArray(values)) return undefined;
  const out = new Set<T>();
  for (const v of values) {
    if (out.size >= max) break;
    const entry = typeof v === 'string' ? read(v) : null;
    if (entry !== null) out.add(entry);
  }
  return [...out];
}

/**
 * Control and invisible format characters (Unicode Cc and Cf): bidirectional overrides and isolates,
 * zero-width spaces and joiners, soft hyphens. In a name they hide or reorder what is shown
 * ("\u202Emoc.knab" shows as "bank.com").
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** `text` without control and invisible format characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** What the content script and the background call file: pages, in the list of sites. */
export const LOCAL_FILES = 'local files';

/** A host name already as stored (lowercase ASCII labels of up to 63 characters, no www.): read as it is. */
const STORED_HOST = /^(?!www\.)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Whether an entity id is one as the dataset writes them (whether the dataset has it is the background's to say). */
export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 200 && ENTITY_ID.test(value);
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
  // Each entry as the site switch stores it (a name that can never match a page is no entry).
  disabledSites: (v) => readList(v, normalSite, LIST_LIMITS.disabledSites),
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
  // Ids this version's data does not have are kept: another browser may have a newer version.
  mutedEntities: (v) => readList(v, (id) => (isEntityId(id) ? id : null), LIST_LIMITS.mutedEntities),
  enabledTypes: (v) => readList(v, (t) => ENTITY_TYPES.find((type) => type === t) ?? null, ENTITY_TYPES.length),
  pageMarkers: boolean,
};

/** Every setting's name, in the defaults' order. */
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** Settings that sync as plain values (the lists sync in parts of their own; background/settings-sync.ts). */
export const SYNCED_VALUES = SETTING_KEYS.filter((k) => k !== 'disabledSites' && k !== 'mutedEntities');

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

/** The longest host name there is (RFC 1035). */
const MAX_HOST = 253;
const MAX_LABEL = 63;

/**
 * The site a reader typed (a host name or a web address) as it is stored, or null if it names no
 * site. International names become their ASCII form, as pages report them; invisible characters
 * go, and a name no page can have (a label over 63 characters, a leading or trailing dot) is none.
 */
export function siteFromInput(text: string): string | null {
  const trimmed = stripInvisible(text).trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    const host = siteKey(url.hostname);
    if (!host || host.length > MAX_HOST || host.startsWith('.') || host.endsWith('.')) return null;
    return host.split('.').every((label) => label.length > 0 && label.length <= MAX_LABEL) ? host : null;
  } catch {
    return null;
  }
}

/**
 * A site from a list (stored, imported or synced) as the site switch would store it, or null when
 * it names no site: the same reading as `siteFromInput`, and "local files" as it is.
 */
export function normalSite(value: string): string | null {
  if (value === LOCAL_FILES) return value;
  // Most entries are stored ones already: no URL parsing for them (a list is read on every change).
  if (value.length <= MAX_HOST && STORED_HOST.test(value)) return value;
  return siteFromInput(value);
}

export function isSiteEnabled(settings: Pick<Settings, 'enabled' | 'disabledSites'>, host: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteKey(host));
}

/** The settings as stored, unread (the background writes over them: settings-store.ts). */
export async function readRaw(storage: Storage.StorageArea): Promise<unknown> {
  const got = await storage.get(SETTINGS_KEY);
  return got[SETTINGS_KEY];
}

export async function getSettings(storage: Storage.StorageArea = browser.storage.local): Promise<Settings> {
  return normalizeSettings(await readRaw(storage));
}

/**
 * Stops (or starts again) highlighting one entity, everywhere: the card's "Don't highlight this"
 * and its undo. A content script may not write the settings: it asks the background, which takes
 * this and nothing else from a content script, for an entity of the dataset (`muteEntity` in
 * messages.ts). Resolves whether it was done.
 */
export async function setEntityMuted(entity: string, muted: boolean): Promise<boolean> {
  // As MessageMap declares it (messages.ts imports this module's types, so this one cannot import it).
  const message: { type: 'muteEntity'; data: { entity: string; muted: boolean } } = {
    type: 'muteEntity',
    data: { entity, muted },
  };
  return (await browser.runtime.sendMessage(message)) === true;
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
  /** Show the page markers (the top frame draws them). */
  pageMarkers: boolean;
  /**
   * The id of the enabled story packs' compiled matcher, when it is not the one content.js carries
   * (the default: the first pack alone); the background sets it (background/packs.ts).
   */
  packs?: string;
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
    pageMarkers: settings.pageMarkers,
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

/**
 * The reader's two sync switches: copy the settings through the browser's account (opt-in), and
 * with them the list of switched-off sites (a second opt-in). Each browser's own: never synced,
 * never in a file, and changed only from the options page (background/sync-choice.ts).
 */
export interface SyncChoice {
  sync: boolean;
  sites: boolean;
}

export const NO_SYNC: SyncChoice = { sync: false, sites: false };

/** A stored or sent choice, read strictly: on only when exactly `true`; the sites only with sync. */
export function readSyncChoice(raw: unknown): SyncChoice {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const sync = r.sync === true;
  return { sync, sites: sync && r.sites === true };
}

/** The two lists that sync in parts of their own. */
export type SyncList = 'muted' | 'sites';

/** The last sync with the browser's account, as the reader is told about it. */
export interface SyncStatus {
  /** When (ms since 1970). */
  at: number;
  /** Settings were sent to the account, or received from another browser. */
  direction: 'sent' | 'received';
  /** What the account's sync storage had no room for (it stays in this browser only). */
  notSynced: { sites: number; muted: number; examples: string[] };
  /**
   * Why the last attempt failed, or null. With `direction` 'received', another browser's settings
   * were applied here before sending ours failed; with 'sent', nothing changed here.
   */
  error: string | null;
  /**
   * Entries another browser removed from a list that were kept here until the reader says (a removal
   * of all of a list, or of most of a long one): how many, per list.
   */
  held: Record<SyncList, number>;
}

/** The status in a stored sync state, repaired (null when there is none or it cannot be read). */
export function syncStatusOf(state: unknown): SyncStatus | null {
  const raw = typeof state === 'object' && state !== null ? (state as { status?: unknown }).status : undefined;
  if (typeof raw !== 'object' || raw === null) return null;
  const { at, direction, notSynced, error, held } = raw as Record<string, unknown>;
  if (typeof at !== 'number' || (direction !== 'sent' && direction !== 'received')) return null;
  const record = (v: unknown): Record<string, unknown> =>
    (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const n = record(notSynced);
  const h = record(held);
  const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0);
  return {
    at,
    direction,
    notSynced: { sites: count(n.sites), muted: count(n.muted), examples: readList(n.examples, (v) => v, 5) ?? [] },
    error: typeof error === 'string' ? error : null,
    held: { sites: count(h.sites), muted: count(h.muted) },
  };
}
