/**
 * An in-memory stand-in for the WebExtension API, enough for unit tests of settings, messages and
 * the background: storage areas with change events and Chromium's access levels (storage.sync with
 * the browsers' quotas),
 * runtime messaging, tabs and action stubs that record what they were asked. vitest.config.ts
 * routes every import of src/shared/browser here.
 */
type Listener<A extends unknown[]> = (...args: A) => unknown;

class Event<A extends unknown[]> {
  readonly listeners = new Set<Listener<A>>();
  addListener(l: Listener<A>): void {
    this.listeners.add(l);
  }
  removeListener(l: Listener<A>): void {
    this.listeners.delete(l);
  }
  hasListener(l: Listener<A>): boolean {
    return this.listeners.has(l);
  }
  emit(...args: A): unknown[] {
    return [...this.listeners].map((l) => l(...args));
  }
}

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
const onChanged = new Event<[Changes, string]>();

export class StorageArea {
  data = new Map<string, unknown>();
  /** The access level set with setAccessLevel, as Chromium has it (undefined: never set). */
  accessLevel: string | undefined;
  /** Bytes the area holds at most (JSON of keys and values, as the browsers count); a write beyond fails. */
  quotaBytes = Infinity;
  /** Writes refused for the quota so far. */
  refused = 0;
  constructor(private readonly area: string) {}
  bytesInUse(): number {
    let n = 0;
    for (const [k, v] of this.data) n += k.length + JSON.stringify(v).length;
    return n;
  }
  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const list = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of list) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    let after = this.bytesInUse();
    for (const [k, v] of Object.entries(items)) {
      const old = this.data.get(k);
      if (old !== undefined) after -= k.length + JSON.stringify(old).length;
      after += k.length + JSON.stringify(v).length;
    }
    if (after > this.quotaBytes) {
      this.refused++;
      throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    }
    const changes: Changes = {};
    for (const [k, v] of Object.entries(items)) {
      changes[k] = { oldValue: this.data.get(k), newValue: structuredClone(v) };
      this.data.set(k, structuredClone(v));
    }
    onChanged.emit(changes, this.area);
  }
  async remove(keys: string | string[]): Promise<void> {
    const changes: Changes = {};
    for (const k of Array.isArray(keys) ? keys : [keys]) {
      if (!this.data.has(k)) continue;
      changes[k] = { oldValue: this.data.get(k) };
      this.data.delete(k);
    }
    if (Object.keys(changes).length) onChanged.emit(changes, this.area);
  }
  async clear(): Promise<void> {
    await this.remove([...this.data.keys()]);
  }
  async setAccessLevel(options: { accessLevel: string }): Promise<void> {
    if (options.accessLevel !== 'TRUSTED_CONTEXTS' && options.accessLevel !== 'TRUSTED_AND_UNTRUSTED_CONTEXTS') {
      throw new Error(`Invalid access level ${String(options.accessLevel)}`);
    }
    this.accessLevel = options.accessLevel;
  }
}

/** Bytes an item counts for in storage.sync, as Chrome counts them: its key plus its value as JSON. */
export function syncItemBytes(key: string, value: unknown): number {
  return Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
}

/** A value with every object's keys in sorted order, as Chrome's storage gives values back. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
  );
}

/**
 * storage.sync: a storage area that refuses writes over the documented limits (Chrome's, which
 * Firefox shares), with Chrome's messages, leaving what it held unchanged; `failWith` makes the
 * next writes fail as a browser without sync might. Like Chrome's, it gives objects back with
 * their keys sorted.
 */
class SyncStorageArea extends StorageArea {
  readonly QUOTA_BYTES = 102_400;
  readonly QUOTA_BYTES_PER_ITEM = 8192;
  readonly MAX_ITEMS = 512;
  /** Every successful set() or remove(), in order (each is one write operation). */
  writes: { set?: string[]; remove?: string[] }[] = [];
  failWith: string | null = null;
  override async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    const after = new Map(this.data);
    for (const [k, v] of Object.entries(items)) {
      if (syncItemBytes(k, v) > this.QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      after.set(k, v);
    }
    if (after.size > this.MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
    let total = 0;
    for (const [k, v] of after) total += syncItemBytes(k, v);
    if (total > this.QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    this.writes.push({ set: Object.keys(items) });
    await super.set(items);
  }
  override async remove(keys: string | string[]): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.writes.push({ remove: Array.isArray(keys) ? keys : [keys] });
    await super.remove(keys);
  }
  override async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    return sortedKeys(await super.get(keys)) as Record<string, unknown>;
  }
  /** Bytes in use, as the sync quota counts them (UTF-8 bytes). */
  override bytesInUse(): number {
    let total = 0;
    for (const [k, v] of this.data) total += syncItemBytes(k, v);
    return total;
  }
}

export interface Sender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
  url?: string;
  /** Chromium only: 'outermost_frame', 'sub_frame', 'fenced_frame'. */
  frameType?: string;
  /** Chromium only: 'prerender', 'active', 'cached', 'pending_deletion'. */
  documentLifecycle?: string;
}

/** What a tab's content scripts answer, by frame (tests replace it); throwing is "no content script". */
type TabReply = (message: unknown, frameId: number | undefined, tabId: number) => unknown;

const onMessage = new Event<[unknown, Sender]>();
const EXTENSION_ID = 'fake-extension-id';

export const fake = {
  EXTENSION_ID,
  badge: new Map<number, { text?: string; color?: unknown; textColor?: unknown }>(),
  /** Delivers a message as if sent by `sender`; resolves with the first listener's promised answer. */
  async deliver(
    message: unknown,
    sender: Sender = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup/popup.html` },
  ): Promise<unknown> {
    for (const answer of onMessage.emit(message, sender)) if (answer instanceof Promise) return answer;
    return undefined;
  },
  /** Every message sent to a tab, in order. */
  sentToTabs: [] as { tabId: number; message: unknown; frameId: number | undefined }[],
  /** What a tab's content script answers (tests replace it). */
  tabReply: ((_message: unknown) => true) as TabReply,
  /** The open tabs tabs.query({}) answers with (tests replace them). */
  tabs: [{ id: 1 }] as { id?: number }[],
  /** The status of each tab ('complete' unless told). */
  tabStatus: new Map<number, string>(),
  /** The tabs tabs.query finds (a tab 1 without an address unless told). */
  openTabs: [{ id: 1 }] as { id?: number; url?: string }[],
  /** The context menu items created, by id. */
  menus: new Map<string | number, Record<string, unknown>>(),
  /** How many times the popup was opened by the extension. */
  popupsOpened: 0,
  /** Tabs opened with tabs.create, by URL. */
  createdTabs: [] as string[],
  /** CSS put into frames with scripting.insertCSS (and whether removeCSS took it out again). */
  styles: [] as { target: { tabId: number; frameIds?: number[] }; css: string; removed: boolean }[],
  /** Makes insertCSS fail, as for a frame the browser does not let extensions style. */
  failStyles: false,
  /** How often commands.openShortcutSettings() was called. */
  shortcutSettingsOpened: 0,
  reset(): void {
    this.sentToTabs.length = 0;
    this.tabReply = () => true;
    this.tabs = [{ id: 1 }];
    this.tabStatus.clear();
    this.openTabs = [{ id: 1 }];
    this.menus.clear();
    this.popupsOpened = 0;
    for (const area of [browser.storage.local, browser.storage.session, browser.storage.sync]) {
      area.data.clear();
      area.quotaBytes = Infinity;
      area.refused = 0;
      area.accessLevel = undefined;
    }
    browser.storage.sync.writes = [];
    browser.storage.sync.failWith = null;
    this.createdTabs.length = 0;
    this.shortcutSettingsOpened = 0;
    this.styles.length = 0;
    this.failStyles = false;
    browser.runtime.onInstalled.listeners.clear();
    browser.contextMenus.onClicked.listeners.clear();
    browser.contextMenus.onShown.listeners.clear();
    onChanged.listeners.clear();
    onMessage.listeners.clear();
    browser.commands.onCommand.listeners.clear();
    browser.tabs.onUpdated.listeners.clear();
    browser.tabs.onRemoved.listeners.clear();
    this.badge.clear();
  },
};

const badgeFor = (tabId: number) => {
  let b = fake.badge.get(tabId);
  if (!b) fake.badge.set(tabId, (b = {}));
  return b;
};

const browser = {
  runtime: {
    id: EXTENSION_ID,
    onMessage,
    onConnect: new Event<[unknown]>(),
    onInstalled: new Event<[{ reason: string }]>(),
    sendMessage: (message: unknown) =>
      fake.deliver(message, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup/popup.html` }),
    getURL: (path: string) => `chrome-extension://${EXTENSION_ID}/${path}`,
    connect: () => ({ onDisconnect: new Event<[]>(), disconnect() {} }),
  },
  storage: {
    local: new StorageArea('local'),
    session: new StorageArea('session'),
    sync: new SyncStorageArea('sync'),
    onChanged,
  },
  tabs: {
    onUpdated: new Event<[number, { status?: string }]>(),
    onRemoved: new Event<[number]>(),
    query: async () => fake.openTabs.map((t) => ({ ...t })),
    create: async ({ url }: { url: string }) => {
      fake.createdTabs.push(url);
      return { id: 100 + fake.createdTabs.length };
    },
    get: async (tabId: number) => ({ id: tabId, status: fake.tabStatus.get(tabId) ?? 'complete' }),
    /** Messages sent to tabs, answered by `fake.tabReply` (a content script's stand-in). */
    sendMessage: async (tabId: number, message: unknown, options?: { frameId?: number }) => {
      fake.sentToTabs.push({ tabId, message, frameId: options?.frameId });
      return fake.tabReply(message, options?.frameId, tabId);
    },
  },
  commands: {
    onCommand: new Event<[string, { id?: number } | undefined]>(),
    getAll: async () => [
      { name: 'next-mention', shortcut: 'Alt+Shift+Period', description: 'Show the card of the next highlighted name' },
    ],
    openShortcutSettings: async () => void fake.shortcutSettingsOpened++,
  },
  scripting: {
    insertCSS: async (injection: { target: { tabId: number; frameIds?: number[] }; css: string }) => {
      if (fake.failStyles) throw new Error('Cannot access contents of the page');
      fake.styles.push({ ...injection, removed: false });
    },
    removeCSS: async (injection: { target: { tabId: number; frameIds?: number[] }; css: string }) => {
      const found = fake.styles.find(
        (x) => !x.removed && x.css === injection.css && JSON.stringify(x.target) === JSON.stringify(injection.target),
      );
      if (found) found.removed = true;
    },
  },
  contextMenus: {
    removeAll: async () => void fake.menus.clear(),
    create: (props: Record<string, unknown>) => {
      fake.menus.set(props.id as string, props);
      return props.id as string;
    },
    onClicked: new Event<
      [{ menuItemId: string | number; selectionText?: string; frameId?: number }, { id?: number }]
    >(),
    onShown: new Event<[unknown, { id?: number }]>(),
  },
  i18n: {
    getMessage: () => '',
    getUILanguage: () => 'en',
  },
  action: {
    openPopup: async () => void fake.popupsOpened++,
    setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void (badgeFor(tabId).text = text),
    setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: unknown }) =>
      void (badgeFor(tabId).color = color),
    setBadgeTextColor: async ({ tabId, color }: { tabId: number; color: unknown }) =>
      void (badgeFor(tabId).textColor = color),
  },
};

export default browser;
export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
