/**
 * The sync switches and what became of the last sync (the background syncs; see
 * background/settings-sync.ts). Turning sync on takes the account's settings: the page then offers
 * to keep this browser's own instead, with the settings it had a moment before.
 */
import browser from '../shared/browser';
import { SYNCED_VALUES, SYNC_STATE_KEY, syncStatusOf, type Settings, type SyncStatus } from '../shared/settings';
import { byId, type Page, type Render } from './page';

export function setUpSync(page: Page): Render {
  const { doc, say } = page;
  const sync = byId<HTMLInputElement>(doc, 'sync');
  const sites = byId<HTMLInputElement>(doc, 'sync-sites');
  const statusLine = byId(doc, 'sync-status');
  const leftLine = byId(doc, 'sync-left');
  const keepMine = byId<HTMLButtonElement>(doc, 'sync-keep-mine');
  /** The settings before sync was turned on in this page, until the first sync after it. */
  let pending: { settings: Settings; at: number } | null = null;
  /** When turning sync on brought the account's settings: that sync, and the settings they replaced. */
  let joined: { settings: Settings; at: number } | null = null;
  let status: SyncStatus | null = null;

  sync.addEventListener('change', () => {
    const on = sync.checked;
    pending = on ? { settings: page.current(), at: Date.now() } : null;
    joined = null;
    void page.update(() => ({ sync: on }));
  });
  sites.addEventListener('change', () => {
    const on = sites.checked;
    void page.update(() => ({ syncSites: on }));
  });
  keepMine.addEventListener('click', () => {
    const mine = joined?.settings;
    joined = null;
    keepMine.hidden = true;
    sync.focus();
    if (!mine) return;
    const restore: Partial<Settings> = {};
    for (const key of SYNCED_VALUES) (restore as Record<string, unknown>)[key] = mine[key];
    void page.update(() => restore).then(() => (statusLine.textContent = say('options_sync_kept_mine')));
  });

  const describe = (): void => {
    const on = page.current().sync;
    const s = on ? status : null;
    if (s && pending && s.at >= pending.at) {
      joined = s.direction === 'received' ? { settings: pending.settings, at: s.at } : null;
      pending = null;
    }
    const justJoined = s !== null && joined !== null && s.at === joined.at;
    keepMine.hidden = !justJoined;
    if (!s) {
      statusLine.textContent = '';
      leftLine.textContent = '';
      return;
    }
    statusLine.textContent = s.error
      ? errorText(page, s.error)
      : say(
          justJoined ? 'options_sync_joined' : s.direction === 'received' ? 'options_sync_received' : 'options_sync_ok',
        );
    const left: string[] = [];
    if (s.notSynced.sites) {
      left.push(say('options_sync_sites_left', String(s.notSynced.sites), s.notSynced.examples.join(', ')));
    }
    if (s.notSynced.muted) left.push(say('options_sync_muted_left', String(s.notSynced.muted)));
    leftLine.textContent = left.join(' ');
  };

  const readStatus = async (): Promise<void> => {
    status = syncStatusOf((await browser.storage.local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY]);
    describe();
  };
  void readStatus();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SYNC_STATE_KEY in changes) {
      status = syncStatusOf(changes[SYNC_STATE_KEY]!.newValue);
      describe();
    }
  });

  return (s) => {
    sync.checked = s.sync;
    sites.checked = s.syncSites;
    sites.disabled = !s.sync;
    describe();
  };
}

function errorText(page: Page, error: string): string {
  if (error === 'newer-version') return page.say('options_sync_newer');
  if (/QUOTA|MAX_WRITE|MAX_ITEMS/i.test(error)) return page.say('options_sync_full');
  return page.say('options_sync_failed', error);
}
