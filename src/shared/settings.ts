/**
 * User settings: typed from one defaults object, stored under one key in storage.local, upgraded by
 * a list of migrations. Every part of the extension reads settings through here.
 */
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
  /** How long the pointer rests on a name before its card opens (ms). */
  hoverDelayMs: 300,
  /** Entity ids the reader asked not to highlight ("don't highlight this" on a card). */
  mutedEntities: [] as string[],
};

/** The range a hover delay is kept in (ms): shorter opens cards by accident, longer feels broken. */
export const HOVER_DELAY_RANGE = [0, 2000] as const;

export type Settings = typeof DEFAULT_SETTINGS;

const KEY = SETTINGS_KEY;
/** Bump with a new migration whenever the stored shape changes. */
export const SETTINGS_VERSION = 1;

type Stored = Partial<Settings> & { version?: number };

/** migrations[n] upgrades stored settings of version n to version n + 1. */
const migrations: ((s: Stored) => Stored)[] = [
  // 0 -> 1: nothing stored before version 1 needs changing; the step marks the baseline.
  (s) => s,
];

/** Fills defaults, drops unknown or mistyped values and applies migrations. */
export function normalizeSettings(raw: unknown): Settings {
  let stored: Stored = typeof raw === 'object' && raw !== null ? { ...(raw as Stored) } : {};
  for (let v = stored.version ?? 0; v < SETTINGS_VERSION; v++) stored = migrations[v]!(stored);
  const out: Settings = { ...DEFAULT_SETTINGS, disabledSites: [], mutedEntities: [] };
  if (typeof stored.enabled === 'boolean') out.enabled = stored.enabled;
  if ((HIGHLIGHT_LOOKS as readonly unknown[]).includes(stored.highlightStyle)) {
    out.highlightStyle = stored.highlightStyle!;
  }
  if (Array.isArray(stored.disabledSites)) out.disabledSites = uniqueStrings(stored.disabledSites);
  if (Array.isArray(stored.mutedEntities)) out.mutedEntities = uniqueStrings(stored.mutedEntities);
  const delay = stored.hoverDelayMs;
  if (typeof delay === 'number' && Number.isFinite(delay)) {
    out.hoverDelayMs = Math.round(Math.min(HOVER_DELAY_RANGE[1], Math.max(HOVER_DELAY_RANGE[0], delay)));
  }
  return out;
}

function uniqueStrings(values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
}

/** The key a site is stored under: the host name without a leading "www.". */
export function siteKey(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

export function isSiteEnabled(settings: Settings, host: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteKey(host));
}

export async function getSettings(storage: Storage.StorageArea = browser.storage.local): Promise<Settings> {
  const got = await storage.get(KEY);
  return normalizeSettings(got[KEY]);
}

/** Applies `change` to the current settings and stores the result. */
export async function updateSettings(
  change: (s: Settings) => Partial<Settings>,
  storage: Storage.StorageArea = browser.storage.local,
): Promise<Settings> {
  const current = await getSettings(storage);
  const next = { ...current, ...change(current) };
  await storage.set({ [KEY]: { ...next, version: SETTINGS_VERSION } });
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

/** Calls `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChanged(listener: (s: Settings) => void, signal: AbortSignal): void {
  const handle = (changes: Record<string, Storage.StorageChange>, area: string): void => {
    if (area !== 'local' || !(KEY in changes)) return;
    listener(normalizeSettings(changes[KEY]!.newValue));
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

/** Stops (or starts again) highlighting one entity, everywhere. */
export function setEntityMuted(entity: string, muted: boolean, storage?: Storage.StorageArea): Promise<Settings> {
  return updateSettings(
    (s) => ({
      mutedEntities: muted ? [...new Set([...s.mutedEntities, entity])] : s.mutedEntities.filter((e) => e !== entity),
    }),
    storage,
  );
}
