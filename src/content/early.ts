/**
 * early.js, run at document start. It makes the document's token (every name we give this page
 * carries it, and no other document shares it) and asks the background for the settings of this
 * site and, where they let us paint, to put the highlight styles in now, before the page is laid
 * out, while that costs nothing: inserted later, `::highlight()` rules restyle the whole document
 * (100–200 ms on a 1 MB page in Chromium, over a second on 5 MB; docs/performance.md). content.js
 * takes both when it starts. It runs in every frame, so it uses the browser's own API
 * (shared/native-browser.ts), not the polyfill.
 */
import { newToken } from '../core/highlight-css';
import type { Reply, Request } from '../shared/messages';
import { nativeApi } from '../shared/native-browser';
import { leave, type Start } from './hand-off';
import { isTextDocument, siteHost } from './site';

const api = nativeApi();
const site = siteHost();
if (api && site !== null && isTextDocument(document)) {
  const token = newToken((bytes) => crypto.getRandomValues(bytes));
  // A change of settings before content.js takes the answer makes it ask again.
  const changed = (message: unknown): void => {
    if ((message as { type?: unknown } | null)?.type === 'settingsChanged') leave({ stale: true });
  };
  api.runtime.onMessage.addListener(changed);
  const request: { type: 'insertStyles'; data: Request<'insertStyles'> } = {
    type: 'insertStyles',
    data: { token, site },
  };
  const start: Start = {
    token,
    answer: (api.runtime.sendMessage(request) as Promise<Reply<'insertStyles'>>).catch(() => null),
  };
  void start.answer.then((reply) => (start.settled = reply));
  leave({
    start,
    stopWatching: () => api.runtime.onMessage.removeListener(changed),
  });
}
