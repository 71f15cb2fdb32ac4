/**
 * The sync switches and what became of the last sync (the background syncs; see
 * background/settings-sync.ts). The switches are the reader's consent: this page is the only place
 * they change, through the background, which keeps them where nothing else can write
 * (background/sync-choice.ts); the page shows them as the background holds them. Turning sync on
 * takes the account's settings: the page then offers to keep this browser's own instead, with the
 * settings it had a moment before. Removals another browser made that would empty a list wait for
 * the reader here.
 */
import browser from '../shared/browser';
import { sendMessage } from '../shared/messages';
import {
  NO_SYNC,
  SYNCED_VALUES,
  SYNC_STATE_KEY,
  syncStatusOf,
  type Settings,
  type SyncChoice,
  type SyncList,
  type SyncStatus,
} from '../shared/settings';
import { SYNC_CHOICE_KEY } from '../shared/storage-keys';
import { byId, type Page, type Render } from './page';

export function setUpSync(page: Page): Render {
  const { doc, say } = page;
  const sync = byId<HTMLInputElement>(doc, 'sync');
  const sites = byId<HTMLInputElement>(doc, 'sync-sites');
  const statusLine = byId(doc, 'sync-status');
  const leftLine = byId(doc, 'sync-left');
  const heldLine = byId(doc, 'sync-held');
  const keepMine = byId<HTMLButtonElement>(doc, 'sync-keep-mine');
  const heldChoice = byId(doc, 'sync-held-choice');
  /** The settings before sync was turned on in this page, until the first sync after it. */
  let pending: { settings: Settings; at: number } | null = null;
  /** When turning sync on brought the account's settings: that sync, and the settings they replaced. */
  let joined: { settings: Settings; at: number } | null = null;
  let status: SyncStatus | null = null;
  let choice: SyncChoice = NO_SYNC;

  const showChoice = (): void => {
    sync.checked = choice.sync;
    sites.checked = choice.sites;
    sites.disabled = !choice.sync;
    describe();
  };
  /** The switches as the background holds them. */
  const readChoice = async (): Promise<void> => {
    choice = await sendMessage('syncChoice', {});
    showChoice();
  };
  const choose = (next: SyncChoice): void => {
    void page.update({ kind: 'sync', choice: next }).finally(() => void readChoice());
  };

  sync.addEventListener('change', () => {
    const on = sync.checked;
    pending = on ? { settings: page.current(), at: Date.now() } : null;
    joined = null;
    choose({ sync: on, sites: on && choice.sites });
  });
  sites.addEventListener('change', () => choose({ sync: choice.sync, sites: sites.checked }));
  keepMine.addEventListener('click', () => {
    const mine = joined?.settings;
    joined = null;
    keepMine.hidden = true;
    sync.focus();
    if (!mine) return;
    const restore: Partial<Settings> = {};
    for (const key of SYNCED_VALUES) (restore as Record<string, unknown>)[key] = mine[key];
    void page
      .update({ kind: 'replace', settings: restore })
      .then(() => (statusLine.textContent = say('options_sync_kept_mine')));
  });
  const decide = (apply: boolean): void => {
    const lists = (['sites', 'muted'] as SyncList[]).filter((list) => (status?.held[list] ?? 0) > 0);
    heldChoice.hidden = true;
    sync.focus();
    void Promise.all(lists.map((list) => page.update({ kind: 'removals', list, apply }))).then(
      () => (statusLine.textContent = say(apply ? 'options_sync_held_removed' : 'options_sync_held_kept')),
    );
  };
  byId(doc, 'sync-held-remove').addEventListener('click', () => decide(true));
  byId(doc, 'sync-held-keep').addEventListener('click', () => decide(false));

  const describe = (): void => {
    const s = choice.sync ? status : null;
    if (s && pending && s.at >= pending.at) {
      joined = s.direction === 'received' ? { settings: pending.settings, at: s.at } : null;
      pending = null;
    }
    const justJoined = s !== null && joined !== null && s.at === joined.at;
    keepMine.hidden = !justJoined;
    const held: string[] = [];
    if (s?.held.sites) held.push(say('options_sync_held_sites', String(s.held.sites)));
    if (s?.held.muted) held.push(say('options_sync_held_muted', String(s.held.muted)));
    heldLine.textContent = held.join(' ');
    heldChoice.hidden = held.length === 0;
    if (!s) {
      statusLine.textContent = '';
      leftLine.textContent = '';
      return;
    }
    statusLine.textContent = s.error
      ? errorText(page, s)
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
  void readChoice();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (SYNC_STATE_KEY in changes) {
      status = syncStatusOf(changes[SYNC_STATE_KEY]!.newValue);
      describe();
    }
    // Only a sign that the switches may have changed (in another of these pages): what they are,
    // the background says.
    if (SYNC_CHOICE_KEY in changes) void readChoice();
  });

  return () => showChoice();
}

/**
 * What a failed sync says. "Nothing changed here" only when nothing did: a sync that applied another
 * browser's settings before sending ours failed says so.
 */
function errorText(page: Page, status: SyncStatus): string {
  const { error, direction } = status;
  const received = direction === 'received';
  if (error === 'newer-version') return page.say('options_sync_newer');
  if (/QUOTA|MAX_WRITE|MAX_ITEMS/i.test(error ?? '')) {
    return page.say(received ? 'options_sync_full_received' : 'options_sync_full');
  }
  return page.say(received ? 'options_sync_failed_received' : 'options_sync_failed', error ?? '');
}
