/**
 * The reader's last choice between the glance and the expanded panel, remembered by the card's
 * frame itself: it is an extension page, so it may use the extension's storage.local, which content
 * scripts may not (background/storage-access.ts). One key of its own (`cardLayout`), never the
 * settings, which the background alone writes. Read once when the frame loads, followed when
 * another tab's card changes it; a failing storage leaves the glance.
 */
import browser from '../shared/browser';
import { CARD_LAYOUT_KEY } from '../shared/storage-keys';

export class Layout {
  expanded = false;

  /** Starts reading the stored choice (a card drawn before it arrives shows the glance). */
  load(): Promise<void> {
    try {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && CARD_LAYOUT_KEY in changes)
          this.expanded = changes[CARD_LAYOUT_KEY]?.newValue === 'expanded';
      });
      return browser.storage.local.get(CARD_LAYOUT_KEY).then(
        (stored) => {
          this.expanded = stored[CARD_LAYOUT_KEY] === 'expanded';
        },
        () => {},
      );
    } catch {
      return Promise.resolve();
    }
  }

  set(expanded: boolean): void {
    this.expanded = expanded;
    try {
      void browser.storage.local.set({ [CARD_LAYOUT_KEY]: expanded ? 'expanded' : 'glance' }).catch(() => {});
    } catch {
      // No storage here (a unit test): remembered for this page only.
    }
  }
}
