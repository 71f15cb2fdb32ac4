/**
 * The highlight styles, put into a frame's document only where the settings let us paint
 * (scripting.insertCSS): at document start, before the page is laid out (early.js), else when the
 * content script first paints. A site switched off cannot tell from its styles that the extension
 * is installed. The browser takes styles inserted this way out
 * of open pages when the extension goes. Every name in them carries the install's token.
 */
import { ENTITY_TYPES } from '../core/dataset-types';
import { highlightCss, isToken, newToken } from '../core/highlight-css';
import browser, { type Runtime } from '../shared/browser';
import { getSettings, isSiteEnabled } from '../shared/settings';
import { INSTALL_TOKEN_KEY } from '../shared/storage-keys';

let making: Promise<string> | null = null;

/** The install's token, made and stored the first time it is asked for (once, however many ask at once). */
export async function installToken(): Promise<string> {
  const stored = (await browser.storage.local.get(INSTALL_TOKEN_KEY))[INSTALL_TOKEN_KEY];
  if (isToken(stored)) return stored;
  making ??= (async () => {
    const token = newToken((bytes) => crypto.getRandomValues(bytes));
    await browser.storage.local.set({ [INSTALL_TOKEN_KEY]: token });
    return token;
  })().finally(() => {
    making = null;
  });
  return making;
}

/** The stylesheet for an install's token (the same text inserts and removes it). */
function stylesFor(token: string): string {
  return highlightCss(token, ENTITY_TYPES);
}

function targetOf(sender: Runtime.MessageSender): { tabId: number; frameIds: number[] } | null {
  const tabId = sender.tab?.id;
  return tabId === undefined || sender.frameId === undefined ? null : { tabId, frameIds: [sender.frameId] };
}

/**
 * Inserts the styles into the sender's frame; says whether they went in. Asked with the frame's
 * site (early.js, at document start), only if the settings let us paint there.
 */
export async function insertStyles(
  request: { site?: string },
  sender: Runtime.MessageSender,
): Promise<{ token: string; inserted: boolean }> {
  const token = await installToken();
  const target = targetOf(sender);
  if (!target) return { token, inserted: false };
  const site = request.site;
  if (site !== undefined && (typeof site !== 'string' || !isSiteEnabled(await getSettings(), site))) {
    return { token, inserted: false };
  }
  try {
    await browser.scripting.insertCSS({ target, css: stylesFor(token) });
    return { token, inserted: true };
  } catch (e) {
    // A frame the browser does not let us style this way (about:blank, sandboxed): the content
    // script adopts the same rules itself.
    console.debug('[contextual-highlights] styles not inserted', e);
    return { token, inserted: false };
  }
}

export async function removeStyles(sender: Runtime.MessageSender): Promise<boolean> {
  const target = targetOf(sender);
  if (!target) return false;
  try {
    await browser.scripting.removeCSS({ target, css: stylesFor(await installToken()) });
    return true;
  } catch {
    // The frame is gone, or never had them.
    return false;
  }
}
