/**
 * The background's listeners: it answers card requests from the bundled card data, keeps what each
 * tab's frames found and shows the total on the toolbar badge, and routes keyboard commands to the
 * page. It never touches the network. (main.ts starts it; unit tests start it on the fake browser.)
 */
import cardBundle from 'virtual:card-bundle';
import browser from '../shared/browser';
import { handleMessages, isCardCommand, sendToTab, type CardCommand } from '../shared/messages';
import { cardSource } from './card-source';
import { startSettingsSync } from './settings-sync';
import { TabStore, badgeText, summarize } from './tab-state';

/** Whether a message comes from one of our own pages (the popup, the options page), not a content script. */
function fromOwnPage(sender: { url?: string }): boolean {
  return sender.url?.startsWith(browser.runtime.getURL('')) ?? false;
}

/**
 * The one way a keyboard command reaches a page, whether from its shortcut or from an extension
 * page: to the content script of the tab's top frame. Resolves whether the page did something.
 */
async function runCommand(name: CardCommand, tabId?: number): Promise<boolean> {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return false;
  try {
    return await sendToTab(id, 'command', { name });
  } catch {
    // No content script there (a browser page, a page still loading): nothing to do.
    return false;
  }
}

async function showBadge(tabId: number, total: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f4e8c' });
    await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await browser.action.setBadgeText({ tabId, text: badgeText(total) });
  } catch {
    // The tab closed between the report and the badge update: nothing to show.
  }
}

/** Registers every listener of the background (once per start of the worker or event page). */
export function listen(): void {
  const tabs = new TabStore(browser.storage.session);
  startSettingsSync();

  handleMessages({
    getCard: ({ entity }) => cardSource(cardBundle, entity),
    report: async (report, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || sender.frameId === undefined) return;
      const tab = await tabs.report(tabId, sender.frameId, report);
      await showBadge(tabId, summarize(tab, cardBundle).total);
    },
    // Only our own pages (the popup) ask about a tab; a content script has no business with others.
    getTabState: async ({ tabId }, sender) => {
      if (!fromOwnPage(sender)) return { host: null, entities: [], total: 0 };
      return summarize(await tabs.get(tabId), cardBundle);
    },
    runCommand: ({ name, tabId }, sender) => {
      if (!fromOwnPage(sender) || !isCardCommand(name)) return false;
      return runCommand(name, tabId);
    },
  });

  browser.commands.onCommand.addListener((name, tab) => {
    if (isCardCommand(name)) void runCommand(name, tab?.id);
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: the previous page's findings no longer apply.
    if (change.status === 'loading') void tabs.clear(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabs.clear(tabId));
}
