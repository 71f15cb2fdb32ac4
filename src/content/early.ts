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

/** Whether this is a frame below the top whose top this script can reach (same origin). */
function sharesTop(): boolean {
  try {
    return window !== window.top && window.top!.location.href !== undefined;
  } catch {
    return false;
  }
}

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
  const answer = (api.runtime.sendMessage(request) as Promise<Reply<'insertStyles'>>).catch(() => null);
  const start: Start = { token, answer };
  leave({ start, stopWatching: () => api.runtime.onMessage.removeListener(changed) });
  // The reader's story packs, when they are not the default: their matcher comes now, not after.
  void answer.then((reply) => {
    start.settled = reply;
    const id = reply?.page.packs;
    // A same-origin frame below the top takes the top frame's matcher (shared-matcher.ts) when it
    // can, so only the others fetch theirs now.
    if (id === undefined || sharesTop()) return;
    const ask: { type: 'packMatcher'; data: Request<'packMatcher'> } = { type: 'packMatcher', data: { id } };
    leave({ packs: (api.runtime.sendMessage(ask) as Promise<Reply<'packMatcher'>>).catch(() => null) });
  });
}
