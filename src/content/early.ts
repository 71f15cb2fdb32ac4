/**
 * early.js, run at document start. It asks the background to put the highlight styles into this
 * frame now, before the page is laid out, while that costs nothing: inserted later, `::highlight()`
 * rules restyle the whole document (100–200 ms on a 1 MB page in Chromium, over a second on 5 MB;
 * docs/performance.md). The background inserts them only where the settings let us paint. It also
 * starts reading the settings, so that content.js finds them when it starts.
 */
import browser, { type Storage } from '../shared/browser';
import { sendMessage } from '../shared/messages';
import { INSTALL_TOKEN_KEY, SETTINGS_KEY } from '../shared/storage-keys';
import { leave, type Stored } from './hand-off';
import { isTextDocument, siteHost } from './site';

const KEYS = [SETTINGS_KEY, INSTALL_TOKEN_KEY];
const read = (): Stored => browser.storage.local.get(KEYS);

const site = siteHost();
if (site !== null && isTextDocument(document)) {
  // A change before content.js takes the settings is read again, so it never starts with stale ones.
  const changed = (changes: Record<string, Storage.StorageChange>, area: string): void => {
    if (area === 'local' && KEYS.some((k) => k in changes)) leave({ stored: read() });
  };
  browser.storage.onChanged.addListener(changed);
  leave({
    styles: sendMessage('insertStyles', { site }).catch(() => null),
    stored: read(),
    stopWatching: () => browser.storage.onChanged.removeListener(changed),
  });
}
