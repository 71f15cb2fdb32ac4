/**
 * The popup's switches, written here rather than in the popup: a popup closes the moment it loses
 * focus, which can cut a read-modify-write of the settings short, and two quick clicks would race.
 * The background applies one change at a time; every tab's content script follows the settings.
 */
import { ENTITY_TYPES } from '../core/dataset-types';
import type { SettingsChange } from '../shared/messages';
import { setEntityMuted, setSiteEnabled, setTypeEnabled, updateSettings } from '../shared/settings';

const MAX_HOST = 253;

/** A change the popup may ask for, checked (null: not one). */
function check(change: unknown): SettingsChange | null {
  if (typeof change !== 'object' || change === null) return null;
  const c = change as Record<string, unknown>;
  const on = (key: string): boolean | null => (typeof c[key] === 'boolean' ? (c[key] as boolean) : null);
  switch (c.kind) {
    case 'site': {
      const enabled = on('enabled');
      const host = c.host;
      if (enabled === null || typeof host !== 'string' || host.length === 0 || host.length > MAX_HOST) return null;
      return { kind: 'site', host, enabled };
    }
    case 'everywhere': {
      const enabled = on('enabled');
      return enabled === null ? null : { kind: 'everywhere', enabled };
    }
    case 'type': {
      const enabled = on('enabled');
      const type = ENTITY_TYPES.find((t) => t === c.type);
      return enabled === null || !type ? null : { kind: 'type', type, enabled };
    }
    case 'muted': {
      const muted = on('muted');
      return muted === null || typeof c.entity !== 'string' ? null : { kind: 'muted', entity: c.entity, muted };
    }
    default:
      return null;
  }
}

/** Applies the popup's changes to the settings, one after another. */
export class SettingsChanges {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly isKnown: (entity: string) => boolean) {}

  /** Resolves whether the change was one to make (and was made). */
  apply(data: unknown): Promise<boolean> {
    const change = check(data);
    if (!change || (change.kind === 'muted' && !this.isKnown(change.entity))) return Promise.resolve(false);
    const run = this.queue
      .then(() => write(change))
      .then(
        () => true,
        (e: unknown) => {
          console.debug('[contextual-highlights] could not change the settings', e);
          return false;
        },
      );
    this.queue = run;
    return run;
  }
}

function write(change: SettingsChange): Promise<unknown> {
  switch (change.kind) {
    case 'site':
      return setSiteEnabled(change.host, change.enabled);
    case 'everywhere':
      return updateSettings(() => ({ enabled: change.enabled }));
    case 'type':
      return setTypeEnabled(change.type, change.enabled);
    case 'muted':
      return setEntityMuted(change.entity, change.muted);
  }
}
