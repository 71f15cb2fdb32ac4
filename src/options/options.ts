/**
 * The options page: every setting in one place. Its words come from the catalog through the
 * browser's i18n (options.html names them by key); each part builds its controls once and renders
 * whenever the settings change, here or elsewhere (a card, the popup, another browser), so the page
 * never shows stale settings.
 */
import browser from '../shared/browser';
import { translator } from '../shared/i18n';
import { sendMessage } from '../shared/messages';
import { getSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { setUpBackup } from './backup';
import { setUpGeneral } from './general';
import { setUpKinds } from './kinds';
import { setUpMuted, setUpSites } from './lists';
import { byId, type Page, type Render } from './page';
import { setUpShortcuts } from './shortcuts';
import { setUpStories } from './stories';
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

async function main(doc: Document = document): Promise<void> {
  // The language of the catalog the browser chose: Chromium started with --lang=de shows German
  // messages while i18n.getUILanguage() still says en-US.
  doc.documentElement.lang = say('options_language');
  fillText(doc);
  byId(doc, 'footer').textContent = say('options_footer', browser.runtime.getManifest().version);

  let settings: Settings = await getSettings();
  const renders: Render[] = [];
  const render = (s: Settings): void => {
    settings = s;
    for (const r of renders) r(s);
  };
  // One change at a time: two quick changes must not both start from the same stored settings.
  let last: Promise<unknown> = Promise.resolve();
  const page: Page = {
    doc,
    say,
    current: () => settings,
    update: (change) => {
      const next = last.then(async () => {
        const made = await sendMessage('changeSettings', change);
        render(await getSettings());
        return made;
      });
      last = next.catch(() => {});
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
  const stories = setUpStories(page);
  render(settings);
  await stories().catch((e: unknown) => console.debug('[contextual-highlights] packs not listed', e));
  onSettingsChanged(render, new AbortController().signal);
  doc.body.dataset.ready = 'true';
}

void main();
