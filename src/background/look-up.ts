/**
 * "Look up in Contextual Highlights" on selected text. The content script of the frame the text was
 * selected in shows the card beside the selection, or says that nothing matched. Where no content
 * script highlights (the site switched off, a frame the extension does not read), the popup shows
 * the card instead: the look-up waits for it in storage.session, for a minute.
 */
import { entityNamedIn, type SearchIndex } from '../core/search-index';
import browser, { type Storage } from '../shared/browser';
import { sendToTab, type PendingLookUp } from '../shared/messages';
import type { TabStore } from './tab-state';

const PENDING_PREFIX = 'look-up:';
const PENDING_MS = 60_000;
/** A selection longer than this is not a name. */
const MAX_TEXT = 500;

interface Stored extends PendingLookUp {
  at: number;
}

export class LookUps {
  /** Look-ups being written, which the popup waits for (it may open before the write ends). */
  private readonly writing = new Map<number, Promise<void>>();

  constructor(
    private readonly tabs: TabStore,
    private readonly index: () => SearchIndex,
    private readonly storage: Storage.StorageArea = browser.storage.session,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the frame has a content script that highlights (and so can show a card). */
  async frameAnswers(tabId: number, frameId: number): Promise<boolean> {
    const tab = await this.tabs.get(tabId);
    return Object.values(tab.frames).some((f) => f.frameId === frameId && f.active);
  }

  /**
   * Looks `text` up in the tab's frame; resolves with the entity's id, or null. `popupOpen`: the
   * caller has opened the popup already (Firefox allows that only at once in the menu's handler).
   */
  async lookUp(tabId: number, frameId: number, text: string, popupOpen = false): Promise<string | null> {
    const selection = text.slice(0, MAX_TEXT);
    if (!popupOpen && (await this.frameAnswers(tabId, frameId))) {
      try {
        return await sendToTab(tabId, 'lookUp', { text: selection }, frameId);
      } catch {
        // The frame went away meanwhile: the popup answers below.
      }
    }
    const entity = entityNamedIn(this.index(), selection);
    const stored: Stored = { text: selection, entity, at: this.now() };
    const write = this.storage.set({ [`${PENDING_PREFIX}${tabId}`]: stored });
    this.writing.set(tabId, write);
    await write;
    if (!popupOpen) {
      try {
        await browser.action.openPopup();
      } catch (e) {
        console.debug('[contextual-highlights] could not open the popup for a look-up', e);
      }
    }
    return entity;
  }

  /** The look-up waiting for the tab's popup, taken (once), if it is recent. */
  async take(tabId: number): Promise<PendingLookUp | null> {
    await this.writing.get(tabId);
    this.writing.delete(tabId);
    const key = `${PENDING_PREFIX}${tabId}`;
    const got = (await this.storage.get(key))[key] as Stored | undefined;
    if (!got) return null;
    await this.storage.remove(key);
    if (this.now() - got.at > PENDING_MS) return null;
    return { text: got.text, entity: got.entity };
  }

  /** Forgets a closed tab's look-up. */
  forget(tabId: number): Promise<void> {
    return this.storage.remove(`${PENDING_PREFIX}${tabId}`);
  }
}
