/**
 * The card page: an extension page that the content script puts in the card's host on web pages
 * (web_accessible_resources), where the card is drawn out of the page's reach. It waits for its
 * port (connect.ts), then draws what the content script sends and sends back its size and what
 * the reader does.
 */
import { isToFrame, type FromFrame } from '../shared/card-port';
import { cardLanguage } from '../shared/i18n';
import { acceptPort } from './connect';
import { keysLine } from './keys';
import { Layout } from './layout';
import { Panel } from './panel';

const layout = new Layout();
const loaded = layout.load();
const say = cardLanguage().say;
let keys: string | null = null;
void keysLine(say).then((line) => (keys = line));

void acceptPort(window, location.hash.slice(1)).then(async (port) => {
  await loaded;
  const panel = new Panel(document, (m: FromFrame) => port.postMessage(m), say, { layout, keys: () => keys });
  port.onmessage = (e: MessageEvent) => {
    if (isToFrame(e.data)) panel.handle(e.data);
  };
});
