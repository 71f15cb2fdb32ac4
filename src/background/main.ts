/**
 * The background: answers card requests from the bundled card data, keeps what each tab's frames
 * found and shows the total on the toolbar badge. It never touches the network.
 */
import cardBundle from 'virtual:card-bundle';
import browser from '../shared/browser';
import { handleMessages } from '../shared/messages';
import { TabStore, badgeText, summarize } from './tab-state';

const tabs = new TabStore(browser.storage.session);

async function showBadge(tabId: number, total: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f4e8c' });
    await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await browser.action.setBadgeText({ tabId, text: badgeText(total) });
  } catch {
    // The tab closed between the report and the badge update: nothing to show.
  }
}

handleMessages({
  getCard: ({ entity }) => {
    const card = Object.hasOwn(cardBundle.cards, entity) ? cardBundle.cards[entity] : undefined;
    if (!card) return null;
    const { type, name, summary, inArticle, asOf, wikipedia } = card;
    return { type, name, summary, inArticle, asOf, wikipedia };
  },
  report: async (report, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId === undefined) return;
    const tab = await tabs.report(tabId, sender.frameId, report);
    await showBadge(tabId, summarize(tab, cardBundle).total);
  },
  // Only our own pages (the popup) ask about a tab; a content script has no business with others.
  getTabState: async ({ tabId }, sender) => {
    if (!sender.url?.startsWith(browser.runtime.getURL(''))) return { host: null, entities: [], total: 0 };
    return summarize(await tabs.get(tabId), cardBundle);
  },
});

browser.tabs.onUpdated.addListener((tabId, change) => {
  // A new document is loading: the previous page's findings no longer apply.
  if (change.status === 'loading') void tabs.clear(tabId);
});
browser.tabs.onRemoved.addListener((tabId) => void tabs.clear(tabId));
