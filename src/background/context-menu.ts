/**
 * The context menu's "Look up in Contextual Highlights", on selected text. Firefox lets the popup
 * open only at once in the click's handler, so there the menu asks, as it is shown, whether the
 * tab's page can show the card itself (Chromium opens the popup later, when it turns out it cannot).
 */
import browser, { type Tabs } from '../shared/browser';

export const LOOK_UP_MENU = 'look-up';

type Menus = typeof browser.contextMenus;

export interface LookUpMenuOptions {
  title: string;
  /** Whether the tab's top frame highlights (and can show a card beside the selection). */
  pageAnswers: (tabId: number) => Promise<boolean>;
  /** A click: `popupOpen` says whether the popup was opened for it already. */
  onLookUp: (tabId: number, frameId: number, text: string, popupOpen: boolean) => void;
  menus?: Menus | undefined;
}

/** Creates the menu item (again, at each start of the background) and handles its clicks. */
export function setUpLookUpMenu(options: LookUpMenuOptions): void {
  const menus = options.menus ?? (browser.contextMenus as Menus | undefined);
  if (!menus) return;
  menus
    .removeAll()
    .then(() => menus.create({ id: LOOK_UP_MENU, title: options.title, contexts: ['selection'] }))
    .catch((e: unknown) => console.debug('[contextual-highlights] could not create the menu', e));

  // Firefox only: whether the page shown in the menu's tab can answer, known before a click.
  let shown: { tabId: number; answers: boolean } | null = null;
  menus.onShown?.addListener((_info: unknown, tab: Tabs.Tab) => {
    shown = null;
    const tabId = tab.id;
    if (tabId === undefined) return;
    void options.pageAnswers(tabId).then((answers) => (shown = { tabId, answers }));
  });

  menus.onClicked.addListener((info, tab) => {
    const tabId = tab?.id;
    if (info.menuItemId !== LOOK_UP_MENU || tabId === undefined || !info.selectionText) return;
    let popupOpen = false;
    if (shown?.tabId === tabId && !shown.answers) {
      // Synchronously, while Firefox still counts it as the reader's action.
      void browser.action.openPopup().catch(() => {});
      popupOpen = true;
    }
    options.onLookUp(tabId, info.frameId ?? 0, info.selectionText, popupOpen);
  });
}
