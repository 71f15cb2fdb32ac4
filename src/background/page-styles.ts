/**
 * The highlight styles, put into a frame's document only where the settings let us paint
 * (scripting.insertCSS): at document start, before the page is laid out (early.js asks), and again
 * when the reader's colours change or the site is switched back on. Each document's styles carry
 * that document's own token, made by its content script, and the reader's colours written into the
 * rules. A site switched off cannot tell from its styles that the extension is installed, and the
 * browser takes styles inserted this way out of open pages when the extension goes.
 */
import { ENTITY_TYPES } from '../core/dataset-types';
import { highlightCss, isToken, type ReaderColours } from '../core/highlight-css';
import browser, { type Runtime } from '../shared/browser';
import { getSettings, isColour, pageSettingsFor, type PageSettings } from '../shared/settings';
import { hostOf } from './report';

type Sender = Runtime.MessageSender & { frameType?: string; documentLifecycle?: string };

function targetOf(sender: Runtime.MessageSender): { tabId: number; frameIds: number[] } | null {
  const tabId = sender.tab?.id;
  return tabId === undefined || sender.frameId === undefined ? null : { tabId, frameIds: [sender.frameId] };
}

/**
 * The site whose settings apply to a frame: its top page's host, as the browser reports it (the
 * frame's own address for a top frame, the tab's for a frame in it). The content script's own
 * claim counts only where the browser gives no address: a page being prerendered, whose tab still
 * shows the previous page.
 */
export function siteOf(sender: Sender, claimed: string): string | null {
  const top = sender.frameType !== undefined ? sender.frameType === 'outermost_frame' : sender.frameId === 0;
  if (top) return hostOf(sender.url) ?? (sender.documentLifecycle === 'prerender' ? claimed : null);
  return sender.documentLifecycle === 'prerender' ? claimed : hostOf(sender.tab?.url);
}

/** The colours as written into a sheet, from what a content script sent back (only #rrggbb per type). */
function coloursOf(value: unknown): ReaderColours {
  const out: ReaderColours = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const type of ENTITY_TYPES) {
    const c = Object.hasOwn(value, type) ? (value as Record<string, unknown>)[type] : undefined;
    if (isColour(c)) out[type] = c;
  }
  return out;
}

/** The settings for the sender's site. */
export async function pageSettings(request: { site?: unknown }, sender: Sender): Promise<PageSettings> {
  return pageSettingsFor(await getSettings(), siteOf(sender, typeof request.site === 'string' ? request.site : ''));
}

/**
 * The settings for the sender's site, and the styles inserted into its document under its token if
 * they let us paint there.
 */
export async function insertStyles(
  request: { token?: unknown; site?: unknown },
  sender: Sender,
): Promise<{ page: PageSettings; inserted: boolean; colours: ReaderColours }> {
  const page = await pageSettings(request, sender);
  const colours = page.typeColors;
  const target = targetOf(sender);
  if (!page.paint || !target || !isToken(request.token)) return { page, inserted: false, colours };
  try {
    await browser.scripting.insertCSS({ target, css: highlightCss(request.token, ENTITY_TYPES, colours) });
    return { page, inserted: true, colours };
  } catch (e) {
    // A frame the browser does not let us style this way (about:blank, sandboxed): the content
    // script adopts the same rules itself.
    console.debug('[contextual-highlights] styles not inserted', e);
    return { page, inserted: false, colours };
  }
}

/** Takes out the styles inserted with this token and these colours (the same text removes them). */
export async function removeStyles(
  request: { token?: unknown; colours?: unknown },
  sender: Runtime.MessageSender,
): Promise<boolean> {
  const target = targetOf(sender);
  if (!target || !isToken(request.token)) return false;
  try {
    await browser.scripting.removeCSS({
      target,
      css: highlightCss(request.token, ENTITY_TYPES, coloursOf(request.colours)),
    });
    return true;
  } catch {
    // The frame is gone, or never had them.
    return false;
  }
}
