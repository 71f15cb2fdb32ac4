/**
 * early.js, run at document start: asks the background to put the highlight styles into this
 * frame now, before the page is laid out, while it costs nothing. Inserted later, `::highlight()`
 * rules restyle the whole document: 100–200 ms on a 1 MB page in Chromium, over a second on 5 MB
 * (docs/performance.md). The background inserts them only where the settings let us paint.
 */
import { sendMessage } from '../shared/messages';
import { EARLY_STYLES, isTextDocument, siteHost, type EarlyStyles } from './site';

const site = siteHost();
if (site !== null && isTextDocument(document)) {
  const answer: EarlyStyles = sendMessage('insertStyles', { site }).catch(() => null);
  (globalThis as { [EARLY_STYLES]?: EarlyStyles })[EARLY_STYLES] = answer;
}
