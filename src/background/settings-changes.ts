/**
 * Changes of the settings our pages ask for, written here (settings-store.ts) rather than in the
 * pages: the background is the settings' one writer. A popup closes the moment it loses focus,
 * which could cut a read-modify-write short, and two quick clicks would race; here changes are made
 * one at a time, each from the settings as stored. Every tab follows the settings.
 *
 * Who may ask for what: the popup and the options page for the settings themselves; the options
 * page alone for the sync switches and the answer about removals held back (the reader consents
 * there); a content script for nothing here: it has its one message, `muteEntity`.
 */
import { ENTITY_TYPES, type EntityType } from '../core/dataset-types';
import type { SettingsChange } from '../shared/messages';
import {
  SETTING_KEYS,
  isColour,
  isEntityId,
  normalSite,
  readSetting,
  readSyncChoice,
  type Settings,
} from '../shared/settings';
import type { SettingsSync } from './settings-sync';
import { muteEntity, setSiteEnabled, setTypeColour, setTypeEnabled, updateSettings } from './settings-store';

/** Who asks: one of our pages, or the options page (where the reader consents to sync). */
export type Asker = 'page' | 'options';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Settings replaced whole, each value read as a stored one is; null if any cannot be used. */
function checkReplace(raw: unknown): Partial<Settings> | null {
  if (!isRecord(raw)) return null;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) return null;
    const value = readSetting(key as keyof Settings, raw[key]);
    if (value === undefined) return null;
    out[key] = value;
  }
  return Object.keys(out).length ? (out as Partial<Settings>) : null;
}

/** A change `asker` may ask for, checked and cleaned (null: not one). */
export function checkChange(
  change: unknown,
  asker: Asker,
  isKnown: (entity: string) => boolean,
): SettingsChange | null {
  if (!isRecord(change)) return null;
  const c = change;
  const on = (key: string): boolean | null => (typeof c[key] === 'boolean' ? (c[key] as boolean) : null);
  const type = (): EntityType | undefined => ENTITY_TYPES.find((t) => t === c.type);
  switch (c.kind) {
    case 'site': {
      const enabled = on('enabled');
      // As the site switch stores it: a name that is no site is no change.
      const host = typeof c.host === 'string' ? normalSite(c.host) : null;
      return enabled === null || host === null ? null : { kind: 'site', host, enabled };
    }
    case 'everywhere': {
      const enabled = on('enabled');
      return enabled === null ? null : { kind: 'everywhere', enabled };
    }
    case 'type': {
      const enabled = on('enabled');
      const t = type();
      return enabled === null || !t ? null : { kind: 'type', type: t, enabled };
    }
    case 'muted': {
      const muted = on('muted');
      // Any id may be highlighted again (one an older dataset had, say); only a known one muted.
      if (muted === null || !isEntityId(c.entity) || (muted && !isKnown(c.entity))) return null;
      return { kind: 'muted', entity: c.entity, muted };
    }
    case 'colour': {
      const t = type();
      if (!t || (c.colour !== null && !isColour(c.colour))) return null;
      return { kind: 'colour', type: t, colour: c.colour === null ? null : c.colour.toLowerCase() };
    }
    case 'replace': {
      const settings = checkReplace(c.settings);
      return settings ? { kind: 'replace', settings } : null;
    }
    case 'sync': {
      if (asker !== 'options' || !isRecord(c.choice)) return null;
      const { sync, sites } = c.choice;
      if (typeof sync !== 'boolean' || typeof sites !== 'boolean') return null;
      return { kind: 'sync', choice: readSyncChoice({ sync, sites }) };
    }
    case 'removals': {
      const apply = on('apply');
      if (asker !== 'options' || apply === null || (c.list !== 'sites' && c.list !== 'muted')) return null;
      return { kind: 'removals', list: c.list, apply };
    }
    default:
      return null;
  }
}

/** Applies our pages' changes to the settings, one after another. */
export class SettingsChanges {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly isKnown: (entity: string) => boolean,
    private readonly sync: Pick<SettingsSync, 'choose' | 'decide'>,
  ) {}

  /** Resolves whether the change was one `asker` may make, and was made. */
  apply(data: unknown, asker: Asker): Promise<boolean> {
    const change = checkChange(data, asker, this.isKnown);
    if (!change) return Promise.resolve(false);
    return this.inTurn(() => this.write(change));
  }

  /** A content script's one request: mute or unmute an entity of the dataset, exactly `{entity, muted}`. */
  mute(data: unknown): Promise<boolean> {
    if (typeof data !== 'object' || data === null) return Promise.resolve(false);
    const keys = Object.keys(data).sort().join();
    const { entity, muted } = data as Record<string, unknown>;
    if (keys !== 'entity,muted' || typeof muted !== 'boolean' || typeof entity !== 'string' || !this.isKnown(entity)) {
      return Promise.resolve(false);
    }
    return this.inTurn(() => muteEntity(entity, muted).then(() => true));
  }

  private inTurn(task: () => Promise<boolean>): Promise<boolean> {
    const run = this.queue.then(task).then(
      (made) => made,
      (e: unknown) => {
        console.debug('[contextual-highlights] could not change the settings', e);
        return false;
      },
    );
    this.queue = run;
    return run;
  }

  private async write(change: SettingsChange): Promise<boolean> {
    switch (change.kind) {
      case 'site':
        return (await setSiteEnabled(change.host, change.enabled)) !== null;
      case 'everywhere':
        await updateSettings(() => ({ enabled: change.enabled }));
        return true;
      case 'type':
        await setTypeEnabled(change.type, change.enabled);
        return true;
      case 'muted':
        await muteEntity(change.entity, change.muted);
        return true;
      case 'colour':
        await setTypeColour(change.type, change.colour);
        return true;
      case 'replace':
        await updateSettings(() => change.settings);
        return true;
      case 'sync':
        await this.sync.choose(change.choice);
        return true;
      case 'removals':
        await this.sync.decide(change.list, change.apply);
        return true;
    }
  }
}
