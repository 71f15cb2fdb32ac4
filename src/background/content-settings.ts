/**
 * What content scripts get of the settings: only what painting their page needs
 * (ContentSettings), by message, never by reading storage. The site is the sender's as the browser
 * names it, never one the content script claims: a compromised one cannot ask, site by site,
 * which sites the reader switched off. When the settings change, every tab's frames get their
 * site's content settings again.
 */
import browser, { type Runtime, type Tabs } from '../shared/browser';
import { sendToFrames } from '../shared/messages';
import { contentSettingsOf, getSettings, type ContentSettings, type Settings } from '../shared/settings';
import { hostOf } from './report';

type Sender = Runtime.MessageSender & { origin?: string };

/**
 * The site of a content script's document: its address's host; for a frame without one of its own
 * (about:blank, about:srcdoc, blob:), its origin's (Chromium says it), else its tab's. A frame the
 * content script highlights is of its top page's origin, so this is the top page's site.
 */
export function senderSite(sender: Sender): string | null {
  return hostOf(sender.url) ?? hostOf(sender.origin) ?? hostOf(sender.tab?.url);
}

/** The answer to `contentSettings`. */
export async function contentSettingsFor(sender: Sender): Promise<ContentSettings> {
  return contentSettingsOf(await getSettings(), senderSite(sender));
}

/** Sends every tab's frames their site's content settings (after a change of the settings). */
export async function sendContentSettings(
  settings: Settings,
  tabs: Pick<Tabs.Static, 'query'> = browser.tabs,
): Promise<void> {
  for (const tab of await tabs.query({})) {
    // Only pages content scripts run in (not the browser's own, not a new tab).
    const site = /^(?:https?|file):/.test(tab.url ?? '') ? hostOf(tab.url) : null;
    if (tab.id === undefined || site === null) continue;
    sendToFrames(tab.id, 'contentSettingsChanged', contentSettingsOf(settings, site)).catch(() => {
      // No content script in the tab (a page loaded before the extension, a store page).
    });
  }
}
