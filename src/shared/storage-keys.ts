/**
 * Where things live in the extension's storage, written once for the background, the pages and the
 * tests: the settings in storage.local, each tab's findings in storage.session.
 */

/** storage.local: the reader's settings (settings.ts). */
export const SETTINGS_KEY = 'settings';

/** storage.session: what a tab's frames found, under `tab:<id>` (background/tab-state.ts). */
export const TAB_STATE_PREFIX = 'tab:';

export function tabStateKey(tabId: number): string {
  return `${TAB_STATE_PREFIX}${tabId}`;
}

/**
 * storage.local: a copy of the reader's sync switches for the options page to follow. Only a copy:
 * the background decides from its own record, which no content script can reach
 * (background/sync-choice.ts), and puts this one back if anything else changes it.
 */
export const SYNC_CHOICE_KEY = 'syncChoice';

/**
 * storage.local: the story packs (background/packs.ts, their one writer): the list of imported
 * packs and which packs are on; each imported pack's file under `pack:<id>`; the enabled packs'
 * compiled form (kept so that a restarted background does not compile again).
 */
export const PACKS_KEY = 'packs';
export const PACK_PREFIX = 'pack:';
export const PACKS_COMPILED_KEY = 'packsCompiled';

export function packKey(id: string): string {
  return `${PACK_PREFIX}${id}`;
}

/**
 * storage.local: the card's last layout, 'glance' or 'expanded'. Written by the card's frame (an
 * extension page), not the settings: a reader's passing choice, not something to sync or export.
 */
export const CARD_LAYOUT_KEY = 'cardLayout';
