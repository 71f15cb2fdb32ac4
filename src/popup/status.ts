/**
 * What the popup says about the tab's page, above the list: that it is loading, closed to
 * extensions, switched off, being read, or what was found. Pure, so every state is unit-tested.
 */
import type { TabState } from '../shared/messages';
import { isSiteEnabled, type Settings } from '../shared/settings';
import type { popupText } from '../shared/popup-text';

type Key = keyof (typeof popupText)['en'];
export type Say = (key: Key, ...subs: string[]) => string;

export function mentionsText(say: Say, n: number): string {
  return n === 1 ? say('popup_mentions_one') : say('popup_mentions_many', String(n));
}

export function entitiesText(say: Say, n: number): string {
  return n === 1 ? say('popup_entities_one') : say('popup_entities_many', String(n));
}

/** Whether highlighting runs on the tab's site by the current settings (which may be newer than the report). */
export function siteActive(state: TabState, settings: Settings): boolean {
  return state.host !== null && isSiteEnabled(settings, state.host);
}

export function statusText(state: TabState, settings: Settings, say: Say): string {
  if (state.status === 'loading') return say('popup_status_loading');
  if (state.status === 'unavailable' || state.host === null) return say('popup_status_unavailable');
  if (!settings.enabled) return say('popup_status_off_everywhere');
  if (!siteActive(state, settings)) return say('popup_status_off_site', state.host);
  // Switched on again but not reported yet: the page is being read again.
  if (state.status === 'off') return say('popup_status_scanning');
  const found = state.entities.length;
  if (state.status === 'scanning') {
    return found === 0 ? say('popup_status_scanning') : say('popup_status_scanning_some', entitiesText(say, found));
  }
  if (found === 0) return say('popup_status_none');
  return say('popup_status_found', mentionsText(say, state.total), entitiesText(say, found));
}
