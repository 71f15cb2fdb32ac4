/**
 * The popup's switches: highlights on this site, everywhere, and per kind of entity. Each asks the
 * background to change the settings, which every open tab's content script applies at once (no
 * reload); the switches follow the settings back, so two popups or the options page never disagree
 * with them.
 */
import { ENTITY_TYPES, type EntityType } from '../core/dataset-types';
import type { SettingsChange } from '../shared/messages';
import { siteKey, type Settings } from '../shared/settings';
import { byId, h } from './dom';

export interface Switches {
  /** Shows the settings (and the tab's site, null if it has none). */
  show(settings: Settings, host: string | null, siteLabel: string): void;
}

export function setUpSwitches(
  typeLabel: (type: EntityType) => string,
  change: (change: SettingsChange) => void,
): Switches {
  const site = byId<HTMLInputElement>('site-switch');
  const everywhere = byId<HTMLInputElement>('everywhere-switch');
  const chips = byId('type-switches');
  let host: string | null = null;

  const types = new Map<EntityType, HTMLInputElement>();
  for (const type of ENTITY_TYPES) {
    const input = h('input', { type: 'checkbox', role: 'switch', id: `type-${type}`, 'data-type': type });
    input.addEventListener('change', () => change({ kind: 'type', type, enabled: input.checked }));
    types.set(type, input);
    chips.append(
      h(
        'label',
        { class: 'chip' },
        input,
        h('span', { class: `swatch ${type}`, 'aria-hidden': 'true' }),
        h('span', {}, typeLabel(type)),
      ),
    );
  }
  site.addEventListener('change', () => {
    if (host) change({ kind: 'site', host, enabled: site.checked });
  });
  everywhere.addEventListener('change', () => change({ kind: 'everywhere', enabled: everywhere.checked }));

  return {
    show(settings, tabHost, siteLabel) {
      host = tabHost;
      // The site's own switch, greyed out while highlights are off everywhere.
      site.checked = host !== null && settings.enabled && !settings.disabledSites.includes(siteKey(host));
      site.disabled = host === null || !settings.enabled;
      byId('site-label').textContent = siteLabel;
      everywhere.checked = settings.enabled;
      for (const [type, input] of types) input.checked = settings.enabledTypes.includes(type);
    },
  };
}
