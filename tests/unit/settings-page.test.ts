/**
 * The options page without a browser: its words (every key in English and German, with the same
 * substitutions, written into _locales/ by the build), its markup (every key and id the scripts use
 * exists), and the messages it relies on, answered only for our own extension.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import browser, { fake } from '../fakes/browser';
import { LOCALE_CATALOGS } from '../../scripts/build';
import { LOCALES, messagesJson } from '../../src/shared/catalog';
import { optionsText } from '../../src/options/text';
import { keysText } from '../../src/options/shortcuts';
import { CARD_COMMANDS, type CardContent } from '../../src/shared/messages';
import { getSettings } from '../../src/shared/settings';

const OPTIONS = resolve(import.meta.dirname, '../../src/options');
const html = readFileSync(resolve(OPTIONS, 'options.html'), 'utf8');
const scripts = readdirSync(OPTIONS)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(resolve(OPTIONS, f), 'utf8'))
  .join('\n');
const placeholders = (s: string): string[] => [...s.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('the options page’s words', () => {
  it('has every key in German, with the same substitutions as the English', () => {
    const keys = Object.keys(optionsText.en).sort();
    expect(keys.length).toBeGreaterThan(80);
    // French and Russian where the page has them (else the browsers fall back to English).
    for (const locale of LOCALES.filter((l) => optionsText[l] !== undefined)) {
      const words = optionsText[locale]!;
      expect(Object.keys(words).sort()).toEqual(keys);
      for (const key of keys) {
        const text = words[key as keyof typeof optionsText.en];
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(optionsText.en[key as never]));
      }
    }
    expect(optionsText.de.options_title).not.toBe(optionsText.en.options_title);
    // The page's lang comes from the catalog the browser chose.
    for (const locale of LOCALES) {
      if (optionsText[locale]) expect(optionsText[locale].options_language).toBe(locale);
    }
  });

  it('goes into _locales/ with the shared catalogs, every key once', () => {
    expect(LOCALE_CATALOGS).toContain(optionsText);
    for (const locale of LOCALES) {
      const words = optionsText[locale];
      const messages = messagesJson(locale, LOCALE_CATALOGS);
      // A locale the page has no words for falls back to English in the browsers.
      if (words) expect(messages.options_title).toEqual({ message: words.options_title });
      else expect(messages.options_title).toBeUndefined();
      expect(messages.extensionName).toBeDefined();
    }
  });

  it('names only keys the catalog has in the markup, and the title is one of them', () => {
    const keys = [...html.matchAll(/data-text="([^"]+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(Object.hasOwn(optionsText.en, key), key).toBe(true);
    expect(html).toMatch(/<title data-text="options_title"><\/title>/);
  });

  it('labels every keyboard command', () => {
    for (const name of CARD_COMMANDS) expect(scripts).toContain(`'${name}':`);
    expect(keysText('Alt+Shift+Period')).toBe('Alt+Shift+.');
    expect(keysText('Alt+Shift+Comma')).toBe('Alt+Shift+,');
    expect(keysText('Ctrl+L')).toBe('Ctrl+L');
  });
});

describe('the options page’s markup', () => {
  it('has every element the scripts look up', () => {
    const ids = [...scripts.matchAll(/byId(?:<[^>]+>)?\(doc, '([^']+)'\)/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(html, `#${id}`).toContain(`id="${id}"`);
  });

  it('loads nothing from elsewhere and runs no inline script or style', () => {
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<script>|<style|\sstyle="|\son[a-z]+="/);
    expect(scripts).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML|document\.write/);
  });
});

describe('messages from the options page', () => {
  beforeEach(async () => {
    fake.reset();
    const { listen } = await import('../../src/background/listen');
    listen();
  });

  const optionsPage = { id: fake.EXTENSION_ID, url: `chrome-extension://${fake.EXTENSION_ID}/options/options.html` };

  it('get a muted entity’s name and kind, and nothing for an id the data does not have', async () => {
    const card = (await fake.deliver({ type: 'getCard', data: { entity: 'gazprom' } }, optionsPage)) as CardContent;
    expect(card).toMatchObject({ id: 'gazprom', name: 'Gazprom', type: 'organization' });
    expect(await fake.deliver({ type: 'getCard', data: { entity: 'not-an-entity' } }, optionsPage)).toBeNull();
  });

  it('are not answered for another extension or a page', async () => {
    const other = { id: 'another-extension', url: 'chrome-extension://another-extension/options.html' };
    expect(await fake.deliver({ type: 'getCard', data: { entity: 'gazprom' } }, other)).toBeUndefined();
    expect(await fake.deliver({ type: 'getTabState', data: { tabId: 1 } }, other)).toBeUndefined();
    const contentScript = { id: fake.EXTENSION_ID, tab: { id: 3 }, frameId: 0, url: 'https://news.example/' };
    expect(await fake.deliver({ type: 'getTabState', data: { tabId: 1 } }, contentScript)).toEqual({
      status: 'unavailable',
      host: null,
      entities: [],
      total: 0,
    });
    expect(await fake.deliver({ type: 'runCommand', data: { name: 'next-mention', tabId: 1 } }, contentScript)).toBe(
      false,
    );
  });

  it('change the settings: the page writes no storage itself, the background does, and syncs from there', async () => {
    expect(scripts).not.toMatch(/storage\.local\.set|storage\.sync\.set|updateSettings/);
    expect(
      await fake.deliver(
        { type: 'changeSettings', data: { kind: 'sync', choice: { sync: true, sites: false } } },
        optionsPage,
      ),
    ).toBe(true);
    expect(
      await fake.deliver(
        { type: 'changeSettings', data: { kind: 'replace', settings: { highlightStyle: 'underline' } } },
        optionsPage,
      ),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect((await getSettings()).highlightStyle).toBe('underline');
    expect(browser.storage.sync.data.get('settings')).toMatchObject({ fields: { highlightStyle: 'underline' } });
  });

  it('name every setting as the page labels it, in English and German, never by its key', async () => {
    const { SETTING_LABELS, repairText } = await import('../../src/options/backup');
    const { translator } = await import('../../src/shared/i18n');
    for (const locale of LOCALES) {
      for (const [key, word] of Object.entries(SETTING_LABELS)) {
        const label = (optionsText[locale] ?? optionsText.en)[word];
        expect(label, `${locale} ${key}`).not.toContain(key);
        expect(html.includes(`data-text="${word}"`) || word === 'options_setting_colours', word).toBe(true);
      }
    }
    const say = translator(optionsText);
    expect(repairText(say, { key: 'hoverDelayMs', from: 5000, to: 2000 })).toBe(
      'Wait before a card opens (5,000 ms → 2,000 ms)',
    );
    expect(repairText(say, { key: 'disabledSites', from: 139_795, to: 5000 })).toBe(
      'Sites where highlights are off (139,795 → 5,000 entries)',
    );
    expect(repairText(say, { key: 'mutedEntities', from: 5, to: 3 }, 2)).toBe(
      'Names you chose not to highlight (5 → 3 entries: 2 this version does not know were left out)',
    );
    expect(repairText(say, { key: 'disabledSites', from: 2, to: 2 })).toBe(
      'Sites where highlights are off (written as this version writes them)',
    );
    const de = (key: string, ...subs: string[]): string =>
      subs.reduce((text, sub, i) => text.replace(`$${i + 1}`, sub), optionsText.de[key as keyof typeof optionsText.de]);
    expect(repairText(de as never, { key: 'hoverDelayMs', from: 5000, to: 2000 })).toBe(
      'Wartezeit, bis eine Karte aufgeht (5.000 ms → 2.000 ms)',
    );
  });
});
