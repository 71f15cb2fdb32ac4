/**
 * Every message between the parts of the extension, declared once: name -> request and reply.
 * Senders and handlers are both typed from this map, so they cannot drift apart.
 */
import type { CardSource } from '../core/card-view';
import type { EntityType } from '../core/dataset-types';
import type { ReaderColours } from '../core/highlight-css';
import type { MatcherData } from '../core/matcher-data';
import type { SearchHit } from '../core/search-index';
import browser, { type Runtime } from './browser';
import type { PageSettings, Settings, SyncChoice, SyncList } from './settings';

/**
 * What one document (a page or a frame of it) found, as reported to the background. One report per
 * live document: a new report replaces the document's previous one, and `frameGone` drops it. The
 * site it belongs to is taken from the sender, never from the report.
 */
export interface FrameReport {
  /** The document's id, made once per document by its content script. */
  doc: string;
  /**
   * When the tab's top document started (its performance.timeOrigin, as this document reads it): ties
   * a frame's report to the page it belongs to, so a new page's frames outlive the old page's.
   */
  page: number;
  /** Mentions found per entity id, in the order the entities first appear in the document. */
  found: [string, number][];
  /** Whether highlighting runs in this document (false when switched off for the site). */
  active: boolean;
  /** Whether the first scan of the document is complete (false: still reading it). */
  done: boolean;
}

export interface TabEntity {
  id: string;
  name: string;
  type: EntityType;
  /** Mentions found in all the tab's frames (whatever the reader's choices paint). */
  count: number;
  /** The entities on the same page that the dataset relates it to, each with what ties them, read from this one. */
  related: { id: string; label: string }[];
  /**
   * The story it is listed under ("CBS News, 2019-11-19": its first story pack's publisher and
   * date), only when the page names entities of more than one story; the list groups by it.
   */
  story?: string;
}

/**
 * Where each entity's mentions are in a page (its top document), for the popup's X-Ray strips:
 * [entity id, the top of each mention as a fraction of the page's height, in reading order].
 */
export type MentionPositions = [string, number[]][];

/** Where a jump to a mention went: the mention's place among the entity's, and how many it has. */
export interface MentionPlace {
  index: number;
  total: number;
}

/** An entity of the story for the popup's relation views (background/story.ts). */
export interface StoryEntity {
  id: string;
  type: EntityType;
  /** Its name in the interface's language. */
  name: string;
  /** What it is, on the article's day (English, as the dataset writes it). */
  what: string;
  /** Every relation read from this side: "<this> — label — <id>". */
  related: { id: string; label: string }[];
}

/**
 * What the popup can say about a tab: `loading` (no report yet, the tab is loading), `unavailable`
 * (no report from a loaded page: one where extensions cannot run, or one opened before the
 * extension), `off` (switched off for the site or everywhere), `scanning`, `done`.
 */
export type PageStatus = 'loading' | 'unavailable' | 'off' | 'scanning' | 'done';

export interface TabState {
  status: PageStatus;
  /** Host of the tab's top document (from the sender), or null if it has not reported. */
  host: string | null;
  /** Entities found in all frames, grouped by type in order of first appearance. */
  entities: TabEntity[];
  /** Mentions of all of them. */
  total: number;
}

/**
 * Selected text the context menu could not look up in its page (no content script there, or the
 * site switched off): the popup shows the card, or says nothing matched.
 */
export interface PendingLookUp {
  text: string;
  entity: string | null;
}

/**
 * A change of the settings one of our pages asks the background for. The popup's switches: the
 * site, everywhere, a kind of entity, one entity muted. The options page also: a kind's colour,
 * settings replaced whole (a plain setting, an import, a reset, an undo; each value checked as a
 * stored one is), and, from the options page alone (where the reader consents), the sync switches
 * and what to do with another browser's removals held back (`SyncStatus.held`).
 */
export type SettingsChange =
  | { kind: 'site'; host: string; enabled: boolean }
  | { kind: 'everywhere'; enabled: boolean }
  | { kind: 'type'; type: EntityType; enabled: boolean }
  | { kind: 'muted'; entity: string; muted: boolean }
  | { kind: 'colour'; type: EntityType; colour: string | null }
  | { kind: 'replace'; settings: Partial<Settings> }
  | { kind: 'sync'; choice: SyncChoice }
  | { kind: 'removals'; list: SyncList; apply: boolean };

/** An entity's name and kind, for a list of them (the options page's muted names). */
export interface EntityName {
  name: string;
  type: EntityType;
}

/** What a card shows of an entity (the card asks for nothing more). */
export type CardContent = CardSource;

/**
 * The keyboard commands (manifest `commands`; the reader can change their keys in the browser's
 * shortcut settings): go to the next or previous visible mention and open its card without moving
 * focus, or move focus into the open card.
 */
export const CARD_COMMANDS = ['next-mention', 'previous-mention', 'focus-card'] as const;
export type CardCommand = (typeof CARD_COMMANDS)[number];

export function isCardCommand(value: unknown): value is CardCommand {
  return (CARD_COMMANDS as readonly unknown[]).includes(value);
}

/** One story pack as the options page lists it. */
export interface PackInfo {
  id: string;
  /** Its story line. */
  story: { title: string; publisher: string; date: string };
  entities: number;
  /** Its file's size in bytes. */
  bytes: number;
  version: string;
  enabled: boolean;
  /** Shipped with the extension: it can be switched and exported, not removed or replaced. */
  bundled: boolean;
}

/** What an import says: done (with the replaced file, for undo), refused (why, where), or the id is taken. */
export type PackImportReply =
  | { ok: true; id: string; previous: string | null }
  | { ok: false; errors: { message: string; line?: number; column?: number }[] }
  | { ok: false; exists: { id: string; story: PackInfo['story'] } };

/**
 * Every keyboard command a page carries out: the card commands, and two without a default key
 * (browsers limit how many an extension may suggest): the next mention of the open card's entity,
 * and highlights on this page off and on again.
 */
export const PAGE_COMMANDS = [...CARD_COMMANDS, 'next-same', 'toggle-highlights'] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];
/** The commands a run carries out (the toggle is the content script's: toggleHere, hideHere). */
export type RunCommand = Exclude<PageCommand, 'toggle-highlights'>;

export function isPageCommand(value: unknown): value is PageCommand {
  return (PAGE_COMMANDS as readonly unknown[]).includes(value);
}

export function isRunCommand(value: unknown): value is RunCommand {
  return value !== 'toggle-highlights' && isPageCommand(value);
}

export interface MessageMap {
  /**
   * The card's frame -> background: the keyboard commands' current shortcuts, for the card's footer
   * (Firefox gives a frame in a web page no commands API of its own). Names and keys only.
   */
  commandKeys: { request: Record<string, never>; reply: { name: string; shortcut: string }[] };
  /** Content script -> background: the data of one card, when it opens. */
  getCard: { request: { entity: string }; reply: CardContent | null };
  /** Content script -> background: what this document found (replaces its previous report). */
  report: { request: FrameReport; reply: void };
  /** Content script -> background: this document is gone (pagehide): forget its report. */
  frameGone: { request: { doc: string }; reply: void };
  /**
   * Content script -> background, at document start (early.js) and whenever the styles must be
   * put in again (colours changed, the site switched back on): the settings for this frame's site,
   * and, if they let us paint there, the highlight styles inserted into the frame's document under
   * the document's own token, with the reader's colours written in. `inserted` says whether they
   * went in (if not, the content script adopts a copy itself); `colours` are the ones written in
   * (removeStyles needs them back).
   */
  insertStyles: {
    request: { token: string; site: string };
    reply: { page: PageSettings; inserted: boolean; colours: ReaderColours };
  };
  /** Content script -> background: take out styles it inserted (the site switched off, or colours changed). */
  removeStyles: { request: { token: string; colours: ReaderColours }; reply: boolean };
  /** Content script -> background: the settings for this frame's site (after settingsChanged). */
  pageSettings: { request: { site: string }; reply: PageSettings };
  /** Background -> content scripts of every tab and frame: the settings changed; ask again. */
  settingsChanged: { request: Record<string, never>; reply: void };
  /**
   * Content script -> background: "Don't highlight this" on a card, and its undo. The one change a
   * content script may ask for: exactly `{entity, muted}`, for an entity of the dataset. Replies
   * whether it was made.
   */
  muteEntity: { request: { entity: string; muted: boolean }; reply: boolean };
  /** Background -> content script (top frame): its document's id (is the tab still on the page it reported?). */
  documentId: { request: Record<string, never>; reply: string };
  /** Popup -> background: what was found on a tab. */
  getTabState: { request: { tabId: number }; reply: TabState };
  /**
   * Popup -> background: scroll the tab's page to the entity's next mention and open its card (the
   * popup's list and graph). Replies whether the page has a highlighted mention of it.
   */
  revealEntity: { request: { tabId: number; entity: string }; reply: boolean };
  /**
   * Popup -> background: scroll the tab's page to one mention of the entity (its place in reading
   * order, as the X-Ray strip shows it) and open its card. Replies where it went, or null.
   */
  revealMention: { request: { tabId: number; entity: string; index: number }; reply: MentionPlace | null };
  /** Popup -> background: where the entities' mentions are in the tab's page (its top document). */
  getPositions: { request: { tabId: number }; reply: MentionPositions };
  /**
   * Extension page -> background: look selected text up in a frame, as the context menu's "Look up"
   * does (automation cannot click context menus). Replies the entity's id, or null.
   */
  lookUpSelection: { request: { tabId: number; frameId: number; text: string }; reply: string | null };
  /** Popup -> background: every entity of the story with its relations (the relation views). */
  getStory: { request: Record<string, never>; reply: StoryEntity[] };
  /** Popup -> background: entities whose name or alias matches, best first. */
  search: { request: { query: string }; reply: SearchHit[] };
  /**
   * Popup, options page -> background: change the settings (the background is their one writer; a
   * popup closing at once cannot cut the write short). Replies whether the change was made.
   */
  changeSettings: { request: SettingsChange; reply: boolean };
  /**
   * Options page -> background: the names and kinds of these entity ids (one message for a whole
   * list); ids the dataset does not have are left out of the reply.
   */
  entityNames: { request: { ids: string[] }; reply: Record<string, EntityName> };
  /** Options page -> background: the sync switches as the background holds them. */
  syncChoice: { request: Record<string, never>; reply: SyncChoice };
  /** Popup -> background: a look-up the context menu handed to the popup for this tab (taken once). */
  takeLookUp: { request: { tabId: number }; reply: PendingLookUp | null };
  /**
   * Extension page -> background: run a keyboard command in a tab (the active one if none is given),
   * exactly as its shortcut would. Browser shortcuts cannot be pressed by test automation, so the
   * tests come in here; the popup may too. Replies whether the page did something.
   */
  runCommand: { request: { name: PageCommand; tabId?: number }; reply: boolean };
  /** Background -> content script (top frame): a keyboard command to carry out. */
  command: { request: { name: RunCommand }; reply: boolean };
  /**
   * Background -> content script (top frame): the toggle command. Switches this page's highlights
   * off, or on again, and replies whether they are now hidden.
   */
  toggleHere: { request: Record<string, never>; reply: boolean };
  /** Background -> content scripts (every frame of the tab): follow the top frame's toggle. */
  hideHere: { request: { hidden: boolean }; reply: boolean };
  /**
   * Background -> content script (top frame): scroll to the entity's next painted mention (its first
   * at the first call) and open its card. Replies whether it is on the page.
   */
  reveal: { request: { entity: string }; reply: boolean };
  /** Background -> content script (top frame): go to one mention of the entity (revealMention). */
  revealAt: { request: { entity: string; index: number }; reply: MentionPlace | null };
  /** Background -> content script (top frame): where the mentions are (getPositions). */
  mentionPositions: { request: Record<string, never>; reply: MentionPositions };
  /**
   * Background -> content script (the frame where text was selected): show the card of the entity the
   * text names, next to the selection, or say that nothing matched. Replies the entity id, or null.
   */
  lookUp: { request: { text: string }; reply: string | null };
  /**
   * Content script -> background: the compiled matcher data of the enabled story packs, when the
   * page settings name an id other than the one the script carries (null: not that id any more).
   */
  packMatcher: { request: { id: string }; reply: { id: string; data: MatcherData } | null };
  /** Options page -> background: every story pack, bundled first. */
  packList: { request: Record<string, never>; reply: PackInfo[] };
  /** Options page -> background: switch a pack on or off. Replies whether it is known. */
  packSetEnabled: { request: { id: string; enabled: boolean }; reply: boolean };
  /**
   * Options page -> background: import a pack file's text (validated here; a bad file changes
   * nothing). A pack of the same id is replaced only with `replace`; `enabled` sets its switch (undo).
   */
  packImport: { request: { text: string; replace?: boolean; enabled?: boolean }; reply: PackImportReply };
  /** Options page -> background: remove an imported pack. Replies its file and switch, for undo. */
  packRemove: { request: { id: string }; reply: { text: string; enabled: boolean } | null };
  /** Options page -> background: a pack's file, to save. */
  packExport: { request: { id: string }; reply: string | null };
}

export type MessageType = keyof MessageMap;
export type Request<K extends MessageType> = MessageMap[K]['request'];
export type Reply<K extends MessageType> = MessageMap[K]['reply'];
export type Message = { [K in MessageType]: { type: K; data: Request<K> } }[MessageType];

export function sendMessage<K extends MessageType>(type: K, data: Request<K>): Promise<Reply<K>> {
  return browser.runtime.sendMessage({ type, data }) as Promise<Reply<K>>;
}

/** Sends a message to every frame of a tab (those without a content script do not answer). */
export function sendToFrames<K extends MessageType>(tabId: number, type: K, data: Request<K>): Promise<Reply<K>> {
  return browser.tabs.sendMessage(tabId, { type, data }) as Promise<Reply<K>>;
}

/** Sends a message to one frame of a tab (the top frame unless told). */
export function sendToTab<K extends MessageType>(
  tabId: number,
  type: K,
  data: Request<K>,
  frameId = 0,
): Promise<Reply<K>> {
  return browser.tabs.sendMessage(tabId, { type, data }, { frameId }) as Promise<Reply<K>>;
}

export type Handlers = {
  [K in MessageType]?: (data: Request<K>, sender: Runtime.MessageSender) => Reply<K> | Promise<Reply<K>>;
};

/** Every message name, derived from the map: adding a message without listing it here fails to compile. */
const TYPES: ReadonlySet<string> = new Set(
  Object.keys({
    getCard: true,
    commandKeys: true,
    report: true,
    frameGone: true,
    insertStyles: true,
    muteEntity: true,
    removeStyles: true,
    pageSettings: true,
    settingsChanged: true,
    documentId: true,
    getTabState: true,
    revealEntity: true,
    revealMention: true,
    getPositions: true,
    revealAt: true,
    mentionPositions: true,
    lookUpSelection: true,
    search: true,
    getStory: true,
    entityNames: true,
    syncChoice: true,
    takeLookUp: true,
    changeSettings: true,
    runCommand: true,
    command: true,
    toggleHere: true,
    hideHere: true,
    reveal: true,
    lookUp: true,
    packMatcher: true,
    packList: true,
    packSetEnabled: true,
    packImport: true,
    packRemove: true,
    packExport: true,
  } satisfies Record<MessageType, true>),
);

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    TYPES.has((value as { type?: unknown }).type as string) &&
    typeof (value as { data?: unknown }).data === 'object' &&
    (value as { data?: unknown }).data !== null
  );
}

/**
 * Answers the messages in `handlers`. Only messages from this extension are accepted, and the
 * listener returns a promise only for messages it handles (the polyfill treats any returned
 * promise as the answer).
 */
export function handleMessages(handlers: Handlers, runtime: Runtime.Static = browser.runtime): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    if (sender.id !== runtime.id || !isMessage(message)) return undefined;
    const handler = handlers[message.type] as ((data: unknown, sender: Runtime.MessageSender) => unknown) | undefined;
    if (!handler) return undefined;
    return Promise.resolve().then(() => handler(message.data, sender));
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}
