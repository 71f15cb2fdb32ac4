/**
 * The background's listeners: it answers card requests and searches from the bundled data, keeps
 * what each tab's documents found and shows the number of entities on the toolbar badge, and routes
 * the reader's actions to the page: keyboard commands, the popup's "show this on the page" and the
 * context menu's look-up. It never touches the network. (main.ts starts it; unit tests start it on
 * the fake browser.)
 */
import builtInCards from 'virtual:card-bundle';
import builtInSearch from 'virtual:search-index';
import { searchEntities } from '../core/search-index';
import browser, { type Runtime } from '../shared/browser';
import { nameLanguage, translator } from '../shared/i18n';
import {
  handleMessages,
  isPageCommand,
  sendToFrames,
  sendToTab,
  type PageCommand,
  type EntityName,
  type MentionPlace,
  type MentionPositions,
  type TabState,
} from '../shared/messages';
import type { PageSettings } from '../shared/settings';
import { popupText } from '../shared/popup-text';
import { LIST_LIMITS } from '../shared/settings';
import { SETTINGS_KEY } from '../shared/storage-keys';
import { showBadge } from './badge';
import { cardSource } from './card-source';
import { setUpLookUpMenu } from './context-menu';
import { LookUps } from './look-up';
import { insertStyles, pageSettings, removeStyles } from './page-styles';
import { PackStore } from './packs';
import { checkReport, reportSource } from './report';
import { SettingsChanges } from './settings-changes';
import { startSettingsSync } from './settings-sync';
import { restrictStorage } from './storage-access';
import { checkPlace, checkPositions } from './positions';
import { displayName, storyEntities } from './story';
import { TabStore, summarize, type StoredTab } from './tab-state';

/** Whether a message comes from one of our own pages (the popup, the options page), not a content script. */
function fromOwnPage(sender: Runtime.MessageSender): boolean {
  return sender.url?.startsWith(browser.runtime.getURL('')) ?? false;
}

/** Whether a message comes from the options page, where the reader consents to sync. */
function fromOptionsPage(sender: Runtime.MessageSender): boolean {
  const page = browser.runtime.getURL('options/options.html');
  return (
    sender.url === page ||
    (sender.url?.startsWith(`${page}?`) ?? false) ||
    (sender.url?.startsWith(`${page}#`) ?? false)
  );
}

/**
 * The reader's story packs: what the background serves cards and searches from (the build's data
 * until they say otherwise). Every tab is told when the enabled packs change.
 */
const packs = new PackStore(
  { cards: builtInCards, search: builtInSearch },
  undefined,
  () => tellContentScripts(),
  async () => (await storageClosed).includes('local'),
);

/** The storage areas closed to content scripts (listen() closes them at start). */
let storageClosed: Promise<string[]> = Promise.resolve([]);

/** An entity of the built-in data or of the enabled packs (only own properties count). */
const isKnown = (id: string): boolean =>
  Object.hasOwn(builtInCards.cards, id) || Object.hasOwn(packs.now().cards.cards, id);
const MAX_QUERY = 200;

/** Whether the tab is loading a page (a tab that is gone is not). */
async function isLoading(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.get(tabId)).status === 'loading';
  } catch {
    return false;
  }
}

/**
 * The one way a keyboard command reaches a page, whether from its shortcut or from an extension
 * page: to the content script of the tab's top frame (the toggle then to every frame, as the top
 * one decided). Resolves whether the page did something.
 */
async function runCommand(tabs: TabStore, name: PageCommand, tabId?: number): Promise<boolean> {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return false;
  try {
    const top = await topFrame(tabs, id);
    if (name !== 'toggle-highlights') return await sendToTab(id, 'command', { name }, top);
    const hidden = await sendToTab(id, 'toggleHere', {}, top);
    if (typeof hidden !== 'boolean') return false;
    // The page's frames follow its top document (an embedded article, a srcdoc frame).
    await sendToFrames(id, 'hideHere', { hidden }).catch(() => {
      // A frame that went meanwhile: the others have it.
    });
    return true;
  } catch {
    // No content script there (a browser page, a page still loading): nothing to do.
    return false;
  }
}

/** The frame id of the tab's top document (0 unless it reported another, as an activated prerender does). */
async function topFrame(tabs: TabStore, tabId: number): Promise<number> {
  return (await tabs.get(tabId)).top?.frameId ?? 0;
}

/** The popup's "show it on the page": the page scrolls to the entity's next mention and opens its card. */
async function revealEntity(tabs: TabStore, tabId: number, entity: string): Promise<boolean> {
  if (!isKnown(entity)) return false;
  try {
    return await sendToTab(tabId, 'reveal', { entity }, await topFrame(tabs, tabId));
  } catch {
    return false;
  }
}

/** The popup's X-Ray strip: the page goes to one mention of the entity. */
async function revealMention(
  tabs: TabStore,
  tabId: number,
  entity: string,
  index: number,
): Promise<MentionPlace | null> {
  if (!isKnown(entity) || !Number.isInteger(index) || index < 0) return null;
  try {
    return checkPlace(await sendToTab(tabId, 'revealAt', { entity, index }, await topFrame(tabs, tabId)));
  } catch {
    return null;
  }
}

/** Where the mentions are in the tab's top document (none where no content script answers). */
async function positions(tabs: TabStore, tabId: number): Promise<MentionPositions> {
  try {
    return checkPositions(await sendToTab(tabId, 'mentionPositions', {}, await topFrame(tabs, tabId)), isKnown);
  } catch {
    return [];
  }
}

/** Number of entities for the badge. */
function entityCount(tab: StoredTab): number {
  return summarize(tab, packs.now().cards).entities.length;
}

/**
 * After a page has loaded in a tab: if the tab's top document no longer answers (the tab went to a
 * page where the extension cannot run, and the old page's goodbye was lost), its findings go.
 */
async function checkTopDocument(tabs: TabStore, tabId: number): Promise<void> {
  const { top } = await tabs.get(tabId);
  // Without a top document there is nothing to check: the frames stored are the new page's (which
  // may report before its top does), or go when its top reports.
  if (!top) return;
  try {
    if ((await sendToTab(tabId, 'documentId', {}, top.frameId)) === top.doc) return;
  } catch {
    // No content script in the top frame.
  }
  // Unless the new top document has reported meanwhile, what is stored belongs to a page that is gone.
  if (await tabs.clearUnless(tabId, (now) => now !== null && now.doc !== top.doc)) await showBadge(tabId, 0);
}

/**
 * Content scripts do not read the settings themselves (storage is for the extension's own pages:
 * security review F6): when they change, whoever changed them (a page of ours, a card, another
 * browser), every frame of every tab is told, and asks for its site's (`pageSettings`).
 */
function tellContentScriptsOfSettings(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    tellContentScripts();
  });
}

/** Tells every frame of every tab that the settings (or the enabled packs) changed. */
function tellContentScripts(): void {
  void browser.tabs.query({}).then((all) => {
    for (const tab of all) {
      if (tab.id === undefined || tab.id < 0) continue;
      browser.tabs.sendMessage(tab.id, { type: 'settingsChanged', data: {} }).catch(() => {
        // No content script there (a browser page, a tab still loading).
      });
    }
  });
}

/** The page settings with the enabled packs' matcher id, when it is not the one content.js carries. */
async function withPacks<T extends { page: PageSettings } | PageSettings>(reply: T): Promise<T> {
  const { matcherId } = await packs.current();
  if (matcherId === null) return reply;
  if ('page' in reply) return { ...reply, page: { ...reply.page, packs: matcherId } };
  return { ...reply, packs: matcherId };
}

/** The names and kinds of those of `ids` the dataset has (the options page's list of muted names). */
function entityNames(ids: unknown): Record<string, EntityName> {
  const out: Record<string, EntityName> = {};
  if (!Array.isArray(ids)) return out;
  for (const id of ids.slice(0, LIST_LIMITS.mutedEntities)) {
    if (typeof id !== 'string' || !isKnown(id)) continue;
    const card = packs.now().cards.cards[id] ?? builtInCards.cards[id]!;
    out[id] = { name: card.names.en, type: card.type };
  }
  return out;
}

/** Registers every listener of the background (once per start of the worker or event page). */
export function listen(): void {
  // Content scripts keep no more storage than they use (Chromium; Firefox has no access levels).
  storageClosed = restrictStorage();
  const tabs = new TabStore(browser.storage.session);
  const sync = startSettingsSync();
  const lookUps = new LookUps(tabs, () => packs.now().search);
  const say = translator(popupText);
  const settings = new SettingsChanges(isKnown, sync);

  // Versions before 0.2 kept one token per install, the same on every site (security review F1);
  // names now carry a token per document, and the old one is forgotten.
  browser.runtime.onInstalled.addListener(() => void browser.storage.local.remove('installToken').catch(() => {}));
  tellContentScriptsOfSettings();

  handleMessages({
    getCard: async ({ entity }) => cardSource((await packs.current()).cards, entity),
    commandKeys: async () =>
      (await browser.commands.getAll()).map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' })),
    // The one change a content script may ask for (exactly {entity, muted}, a known entity).
    // Entities of the enabled packs are known once the packs are read (a restarted worker reads them first).
    muteEntity: async (data) => {
      await packs.current();
      return settings.mute(data);
    },
    // Only a content script (a sender with a tab) has a document to style, or a site.
    insertStyles: async (request, sender) => withPacks(await insertStyles(request, sender)),
    removeStyles: (request, sender) => removeStyles(request, sender),
    pageSettings: async (request, sender) => withPacks(await pageSettings(request, sender)),
    report: async (data, sender) => {
      await packs.current();
      const source = reportSource(sender);
      const report = checkReport(data, isKnown);
      if (!source || !report) return;
      const tab = await tabs.report(source, report);
      await showBadge(source.tabId, entityCount(tab));
    },
    frameGone: async ({ doc }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || typeof doc !== 'string') return;
      const tab = await tabs.gone(tabId, doc);
      await showBadge(tabId, entityCount(tab));
    },
    // Only our own pages (the popup) ask about a tab; a content script has no business with others.
    getTabState: async ({ tabId }, sender): Promise<TabState> => {
      if (!fromOwnPage(sender) || typeof tabId !== 'number') {
        return { status: 'unavailable', host: null, entities: [], total: 0 };
      }
      const { cards } = await packs.current();
      return summarize(await tabs.get(tabId), cards, await isLoading(tabId), nameLanguage());
    },
    revealEntity: ({ tabId, entity }, sender) => {
      if (!fromOwnPage(sender) || typeof tabId !== 'number' || typeof entity !== 'string') return false;
      return revealEntity(tabs, tabId, entity);
    },
    revealMention: ({ tabId, entity, index }, sender) => {
      if (!fromOwnPage(sender) || typeof tabId !== 'number' || typeof entity !== 'string') return null;
      return revealMention(tabs, tabId, entity, index);
    },
    getPositions: ({ tabId }, sender) => {
      if (!fromOwnPage(sender) || typeof tabId !== 'number') return [];
      return positions(tabs, tabId);
    },
    lookUpSelection: ({ tabId, frameId, text }, sender) => {
      if (!fromOwnPage(sender) || typeof tabId !== 'number' || typeof frameId !== 'number') return null;
      if (typeof text !== 'string' || text.trim() === '') return null;
      return lookUps.lookUp(tabId, frameId, text);
    },
    search: ({ query }, sender) => {
      if (!fromOwnPage(sender) || typeof query !== 'string') return [];
      const lang = nameLanguage();
      return packs.current().then(({ search, cards }) =>
        searchEntities(search, query.slice(0, MAX_QUERY)).map((hit) => {
          // Named in the reader's language; the spelling matched, where it is another.
          const card = Object.hasOwn(cards.cards, hit.id) ? cards.cards[hit.id] : undefined;
          const name = card ? displayName(card, lang) : hit.name;
          return {
            ...hit,
            name,
            matched: hit.matched === name ? null : (hit.matched ?? (name !== hit.name ? hit.name : null)),
          };
        }),
      );
    },
    getStory: async (_, sender) =>
      fromOwnPage(sender) ? storyEntities((await packs.current()).cards, nameLanguage()) : [],
    changeSettings: (change, sender) =>
      fromOwnPage(sender) ? settings.apply(change, fromOptionsPage(sender) ? 'options' : 'page') : false,
    entityNames: async ({ ids }, sender) => {
      await packs.current();
      return fromOwnPage(sender) ? entityNames(ids) : {};
    },
    syncChoice: async (_, sender) => (fromOwnPage(sender) ? sync.choice() : { sync: false, sites: false }),
    takeLookUp: ({ tabId }, sender) => {
      if (!fromOwnPage(sender) || typeof tabId !== 'number') return null;
      return lookUps.take(tabId);
    },
    runCommand: ({ name, tabId }, sender) => {
      if (!fromOwnPage(sender) || !isPageCommand(name)) return false;
      return runCommand(tabs, name, tabId);
    },
    // Any content script may have the compiled matcher (it is what every page's script carries).
    packMatcher: async ({ id }) => {
      const { matcherId, matcher } = await packs.current();
      return matcherId !== null && matcher && id === matcherId ? { id: matcherId, data: matcher } : null;
    },
    // Only the options page lists, switches, imports, removes and exports packs.
    packList: (_, sender) => (fromOptionsPage(sender) ? packs.list() : []),
    packSetEnabled: ({ id, enabled }, sender) =>
      fromOptionsPage(sender) && typeof id === 'string' && typeof enabled === 'boolean'
        ? packs.setEnabled(id, enabled)
        : false,
    packImport: ({ text, replace, enabled }, sender) => {
      if (!fromOptionsPage(sender) || typeof text !== 'string') {
        return { ok: false, errors: [{ message: 'not allowed' }] };
      }
      return packs.importPack(text, {
        replace: replace === true,
        ...(typeof enabled === 'boolean' ? { enabled } : {}),
      });
    },
    packRemove: ({ id }, sender) => (fromOptionsPage(sender) && typeof id === 'string' ? packs.remove(id) : null),
    packExport: ({ id }, sender) => (fromOptionsPage(sender) && typeof id === 'string' ? packs.exportPack(id) : null),
  });

  browser.commands.onCommand.addListener((name, tab) => {
    if (isPageCommand(name)) void runCommand(tabs, name, tab?.id);
  });

  setUpLookUpMenu({
    title: say('menu_look_up'),
    pageAnswers: async (tabId) => lookUps.frameAnswers(tabId, await topFrame(tabs, tabId)),
    onLookUp: (tabId, frameId, text, popupOpen) => void lookUps.lookUp(tabId, frameId, text, popupOpen),
  });

  // Findings are cleared when the top document changes (tab-state.ts), not on every 'loading': an
  // in-page anchor or pushState is no new document (security review, finding 3).
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void checkTopDocument(tabs, tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void tabs.clear(tabId);
    void lookUps.forget(tabId);
  });
}
