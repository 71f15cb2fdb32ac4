/**
 * Which storage areas content scripts may use. Chromium lets an extension close storage.local and
 * storage.sync to its content scripts (`StorageArea.setAccessLevel({accessLevel:
 * 'TRUSTED_CONTEXTS'})`, Chrome 102+: then only the background and our own pages can read, write or
 * follow them; storage.session is closed to them from the start). The browser keeps the level; it
 * is set again at every start all the same. Firefox has no access levels for these areas (it has
 * `setAccessLevel` on storage.session only, which is closed to content scripts by default): there a
 * content script can read and write storage.local and storage.sync, and what protects the reader is
 * that the background decides from what no content script can change (sync-choice.ts) and checks
 * what it is asked (settings-changes.ts).
 */
import browser from '../shared/browser';

/**
 * Whether content scripts read storage.local themselves. They do not: early.js and content.js take
 * what they paint with from the background by message (`insertStyles`, `pageSettings`, told of
 * changes by `settingsChanged`), so storage.local is closed to them too, in Chromium.
 * storage.sync is closed either way.
 */
export const CONTENT_SCRIPTS_READ_LOCAL = false;

type Area = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * Closes to content scripts the storage areas they do not use (see CONTENT_SCRIPTS_READ_LOCAL),
 * where the browser can. Resolves with the areas closed (none in Firefox). Never throws.
 */
export async function restrictStorage(
  storage: { local: unknown; sync: unknown } = browser.storage,
  readLocal: boolean = CONTENT_SCRIPTS_READ_LOCAL,
): Promise<string[]> {
  const areas: [string, unknown][] = [['sync', storage.sync]];
  if (!readLocal) areas.push(['local', storage.local]);
  const closed: string[] = [];
  for (const [name, area] of areas) {
    const setAccessLevel = (area as Area | undefined)?.setAccessLevel;
    if (typeof setAccessLevel !== 'function') continue;
    try {
      await setAccessLevel.call(area, { accessLevel: 'TRUSTED_CONTEXTS' });
      closed.push(name);
    } catch (e) {
      console.debug(`[contextual-highlights] storage.${name} could not be closed to content scripts`, e);
    }
  }
  return closed;
}
