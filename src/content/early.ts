/**
 * early.js, run at document start. It asks the background to put the highlight styles into this
 * frame now, before the page is laid out, while that costs nothing: inserted later, `::highlight()`
 * rules restyle the whole document (100–200 ms on a 1 MB page in Chromium, over a second on 5 MB;
 * docs/performance.md). The background inserts them only where the settings let us paint. It also
 * starts reading the settings, so that content.js finds them when it starts. It runs in every
 * frame, so it uses the browser's own API (shared/native-browser.ts), not the polyfill.
 */
import type { Storage } from 'webextension-polyfill';
import type { Reply, Request } from '../shared/messages';
import { nativeApi } from '../shared/native-browser';
import { INSTALL_TOKEN_KEY, SETTINGS_KEY } from '../shared/storage-keys';
import { leave, type StylesAnswer } from './hand-off';
import { isTextDocument, siteHost } from './site';

const KEYS = [SETTINGS_KEY, INSTALL_TOKEN_KEY];
const api = nativeApi();
const site = siteHost();
if (api && site !== null && isTextDocument(document)) {
  const read = (): Promise<Record<string, unknown>> => api.storage.local.get(KEYS);
  // A change before content.js takes the settings is read again, so it never starts with stale ones.
  const changed = (changes: Record<string, Storage.StorageChange>, area: string): void => {
    if (area === 'local' && KEYS.some((k) => k in changes)) leave({ stored: read() });
  };
  api.storage.onChanged.addListener(changed);
  const request: { type: 'insertStyles'; data: Request<'insertStyles'> } = { type: 'insertStyles', data: { site } };
  leave({
    styles: (api.runtime.sendMessage(request) as Promise<Reply<'insertStyles'>>).catch(
      () => null,
    ) satisfies StylesAnswer,
    stored: read(),
    stopWatching: () => api.storage.onChanged.removeListener(changed),
  });
}
