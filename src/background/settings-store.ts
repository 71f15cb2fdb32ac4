/**
 * The one writer of the settings. Everything that changes them asks the background: the popup's
 * switches and the options page (settings-changes.ts), the card's "Don't highlight this" (a
 * content script's one request, `muteEntity`), another browser's synced changes (settings-sync.ts).
 * Each change is read-modify-write of the stored settings, so it starts from what is stored, not
 * from what the asker last saw.
 */
import browser, { type Storage } from '../shared/browser';
import {
  LIST_LIMITS,
  SETTINGS_VERSION,
  getSettings,
  normalizeSettings,
  readRaw,
  siteKey,
  storedVersion,
  type Settings,
} from '../shared/settings';
import type { EntityType } from '../core/dataset-types';
import { SETTINGS_KEY } from '../shared/storage-keys';

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

/**
 * Switches highlighting on a site on or off (`site` as stored: normalSite). Resolves with the new
 * settings, or null when the list of sites is full (the site stays on).
 */
export async function setSiteEnabled(
  site: string,
  enabled: boolean,
  storage?: Storage.StorageArea,
): Promise<Settings | null> {
  const key = siteKey(site);
  const { disabledSites } = await getSettings(storage);
  if (!enabled && !disabledSites.includes(key) && disabledSites.length >= LIST_LIMITS.disabledSites) return null;
  return updateSettings(
    (s) => ({
      disabledSites: enabled ? s.disabledSites.filter((h) => h !== key) : [...new Set([...s.disabledSites, key])],
    }),
    storage,
  );
}

/** Stops (or starts again) highlighting one entity, everywhere. */
export function muteEntity(entity: string, muted: boolean, storage?: Storage.StorageArea): Promise<Settings> {
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

/** A kind's own colour (#rrggbb), or back to the automatic one (null). */
export function setTypeColour(
  type: EntityType,
  colour: string | null,
  storage?: Storage.StorageArea,
): Promise<Settings> {
  return updateSettings((s) => {
    const colours = { ...s.typeColors };
    if (colour === null) delete colours[type];
    else colours[type] = colour;
    return { typeColors: colours };
  }, storage);
}
