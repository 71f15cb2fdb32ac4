/**
 * Every message between the parts of the extension, declared once: name -> request and reply.
 * Senders and handlers are both typed from this map, so they cannot drift apart.
 */
import type { CardSource } from '../core/card-view';
import type { EntityType } from '../core/dataset-types';
import browser, { type Runtime } from './browser';

/** What one frame found, as reported to the background. */
export interface FrameReport {
  /** Host name of the page (the top frame's host is the site the popup's switch acts on). */
  host: string;
  /** Mentions shown per entity id. */
  counts: Record<string, number>;
  /** Whether highlighting runs in this frame (false when switched off for the site). */
  active: boolean;
}

export interface TabEntity {
  id: string;
  name: string;
  type: EntityType;
  count: number;
}

export interface TabState {
  /** Host of the tab's top frame, or null if no content script has reported (e.g. a browser page). */
  host: string | null;
  /** Entities found in all frames, most mentioned first. */
  entities: TabEntity[];
  total: number;
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

export interface MessageMap {
  /** Content script -> background: the data of one card, when it opens. */
  getCard: { request: { entity: string }; reply: CardContent | null };
  /** Content script -> background: what this frame found (replaces its previous report). */
  report: { request: FrameReport; reply: void };
  /** Popup -> background: what was found on a tab. */
  getTabState: { request: { tabId: number }; reply: TabState };
  /**
   * Extension page -> background: run a keyboard command in a tab (the active one if none is given),
   * exactly as its shortcut would. Browser shortcuts cannot be pressed by test automation, so the
   * tests come in here; the popup may too. Replies whether the page did something.
   */
  runCommand: { request: { name: CardCommand; tabId?: number }; reply: boolean };
  /** Background -> content script (top frame): a keyboard command to carry out. */
  command: { request: { name: CardCommand }; reply: boolean };
  /**
   * Background -> content script (top frame): scroll to the entity's next painted mention (its first
   * at the first call) and open its card. Replies whether it is on the page.
   */
  reveal: { request: { entity: string }; reply: boolean };
  /**
   * Background -> content script (the frame where text was selected): show the card of the entity the
   * text names, next to the selection, or say that nothing matched. Replies the entity id, or null.
   */
  lookUp: { request: { text: string }; reply: string | null };
}

export type MessageType = keyof MessageMap;
export type Request<K extends MessageType> = MessageMap[K]['request'];
export type Reply<K extends MessageType> = MessageMap[K]['reply'];
export type Message = { [K in MessageType]: { type: K; data: Request<K> } }[MessageType];

export function sendMessage<K extends MessageType>(type: K, data: Request<K>): Promise<Reply<K>> {
  return browser.runtime.sendMessage({ type, data }) as Promise<Reply<K>>;
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
    report: true,
    getTabState: true,
    runCommand: true,
    command: true,
    reveal: true,
    lookUp: true,
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
