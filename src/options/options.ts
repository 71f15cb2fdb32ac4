/**
 * The options page: every setting in one place. Its words come from the catalog through the
 * browser's i18n (options.html names them by key); each part builds its controls once and renders
 * whenever the settings change, here or elsewhere (a card, the popup, another browser), so the page
 * never shows stale settings.
 */
import browser from '../shared/browser';
import { LOCALES } from '../shared/catalog';
import { translator, uiLanguage } from '../shared/i18n';
import { getSettings, onSettingsChanged, updateSettings, type Settings } from '../shared/settings';
import { setUpBackup } from './backup';
import { setUpGeneral } from './general';
import { setUpKinds } from './kinds';
import { setUpMuted, setUpSites } from './lists';
import { byId, type Page, type Render } from './page';
import { setUpShortcuts } from './shortcuts';
import { setUpSync } from './sync-section';
import { optionsText, type OptionsWord } from './text';

const say = translator(optionsText);

/** The page's fixed words: each element with `data-text` gets the text of that key. */
function fillText(doc: Document): void {
  for (const el of doc.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = el.dataset.text;
    if (key !== undefined && Object.hasOwn(optionsText.en, key)) el.textContent = say(key as OptionsWord);
  }
}

/** The page's language: the browser's, if the extension speaks it, else English (what i18n falls back to). */
function pageLanguage(): string {
  const ui = uiLanguage().toLowerCase();
  return LOCALES.find((l) => ui === l || ui.startsWith(`${l}-`)) ?? 'en';
}

async function main(doc: Document = document): Promise<void> {
  doc.documentElement.lang = pageLanguage();
  fillText(doc);
  byId(doc, 'footer').textContent = say('options_footer', browser.runtime.getManifest().version);

  let settings: Settings = await getSettings();
  const renders: Render[] = [];
  const render = (s: Settings): void => {
    settings = s;
    for (const r of renders) r(s);
  };
  const page: Page = {
    doc,
    say,
    current: () => settings,
    update: async (change) => {
      const next = await updateSettings(change);
      render(next);
      return next;
    },
  };
  renders.push(
    setUpGeneral(page),
    setUpKinds(page),
    setUpSites(page),
    setUpMuted(page),
    setUpSync(page),
    setUpBackup(page),
  );
  setUpShortcuts(page);
  render(settings);
  onSettingsChanged(render, new AbortController().signal);
  doc.body.dataset.ready = 'true';
}

void main();
