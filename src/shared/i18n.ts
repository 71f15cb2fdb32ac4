/**
 * Interface text through the browser's i18n API: `_locales/` is written by the build from the
 * catalogs (catalog.ts, catalogs.ts). Outside an extension (unit tests) English is used.
 */
import browser from './browser';
import type { CardLanguage } from '../core/card-view';
import { cardText } from './card-text';
import { popupText } from './popup-text';
import type { Catalog } from './catalog';

function substitute(text: string, subs: readonly string[]): string {
  return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

/** The message function of one catalog: the browser's translation, else the English text. */
export function translator<K extends string>(catalog: Catalog<K>): (key: K, ...subs: string[]) => string {
  return (key, ...subs) => {
    let text = '';
    try {
      text = browser.i18n?.getMessage(key, subs) ?? '';
    } catch {
      // No extension context (a unit test, an orphaned script): English below.
    }
    return text || substitute(catalog.en[key], subs);
  };
}

/** The browser's interface language, for dates and numbers ('en' outside an extension). */
export function uiLanguage(): string {
  try {
    // The locale the browser takes our messages from (Chromium's --lang can differ from
    // getUILanguage()), so that words and dates agree.
    return browser.i18n?.getMessage('@@ui_locale') || browser.i18n?.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** The card's language in this browser: its words, and its dates in the interface language. */
export function cardLanguage(): CardLanguage {
  // Dates in the language of the card's words: the catalog the browser took them from says which
  // (@@ui_locale can name another, as with Chromium's --lang; UX review #13).
  const say = translator(cardText);
  return { say, locale: say('card_locale') || 'en-GB' };
}

/**
 * The language the interface's words are in (the catalog the browser chose, which can differ from
 * getUILanguage() and @@ui_locale): entities' names follow it, so a German popup says "Peking".
 */
export function nameLanguage(): string {
  return translator(popupText)('popup_locale');
}
