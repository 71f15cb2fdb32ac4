/**
 * Interface text: every catalog has the same keys in every locale, each translation takes the same
 * substitutions as its English, no key is defined twice, and the manifest's name and description
 * come from the catalogs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, messagesJson } from '../../src/shared/catalog';
import { UI_CATALOGS } from '../../src/shared/catalogs';
import { translator } from '../../src/shared/i18n';
import { cardText } from '../../src/shared/card-text';
import { popupText } from '../../src/shared/popup-text';
import { sharedText } from '../../src/shared/text';

const placeholders = (s: string): string[] => [...s.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('interface text', () => {
  it('has every key in every locale, with the same substitutions as the English', () => {
    for (const catalog of UI_CATALOGS) {
      const keys = Object.keys(catalog.en).sort();
      for (const locale of LOCALES) {
        const words = catalog[locale];
        // French and Russian are optional per catalog (the next test says which must have them).
        if (!words && (locale === 'fr' || locale === 'ru')) continue;
        expect(Object.keys(words!).sort()).toEqual(keys);
        for (const key of keys) {
          const text = words![key]!;
          expect(text.trim(), `${locale} ${key}`).not.toBe('');
          expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(catalog.en[key]!));
        }
      }
    }
  });

  it('has the popup, the context menu, the manifest and the commands in French and Russian too', () => {
    for (const catalog of [popupText, sharedText]) {
      for (const locale of ['fr', 'ru'] as const) expect(catalog[locale], locale).toBeDefined();
    }
    // Entities' names follow the catalog the browser chose.
    for (const locale of LOCALES) expect(popupText[locale]?.popup_locale).toBe(locale);
    expect(popupText.fr!.popup_tab_list).not.toBe(popupText.en.popup_tab_list);
    expect(popupText.ru!.popup_tab_list).not.toBe(popupText.en.popup_tab_list);
  });

  it('makes one messages.json per locale with every key once', () => {
    const en = messagesJson('en', UI_CATALOGS);
    const de = messagesJson('de', UI_CATALOGS);
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(en.card_mention_of).toEqual({ message: 'Mention $1 of $2 on this page' });
    expect(() => messagesJson('en', [cardText, cardText])).toThrow(/defined twice/);
  });

  it('gives the manifest its name, description and commands’ descriptions from the catalogs', () => {
    const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.name).toBe('__MSG_extensionName__');
    expect(manifest.description).toBe('__MSG_extensionDescription__');
    expect(manifest.default_locale).toBe('en');
    const en = messagesJson('en', UI_CATALOGS);
    const de = messagesJson('de', UI_CATALOGS);
    const commands = manifest.commands as Record<string, { description: string }>;
    for (const [name, { description }] of Object.entries(commands)) {
      const key = /^__MSG_(\w+)__$/.exec(description)?.[1];
      expect(key, `${name}'s description is a message`).toBeDefined();
      expect(en[key!], key).toBeDefined();
      expect(de[key!]!.message, key).not.toBe(en[key!]!.message);
    }
  });

  it('falls back to English, with substitutions, outside an extension', () => {
    const say = translator(cardText);
    expect(say('card_mention_of', '2', '7')).toBe('Mention 2 of 7 on this page');
  });
});
