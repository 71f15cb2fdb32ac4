/**
 * The keyboard shortcuts: each command with its current keys, and a way to the browser's own page
 * for changing them. Chrome lets an extension open chrome://extensions/shortcuts in a tab; Firefox
 * refuses about: addresses from extensions but has commands.openShortcutSettings() (Firefox 137),
 * which opens the add-ons manager's "Manage Extension Shortcuts". Where neither works, the page
 * says where to find it.
 */
import browser from '../shared/browser';
import { PAGE_COMMANDS, type PageCommand } from '../shared/messages';
import { byId, make, type Page } from './page';
import type { OptionsWord } from './text';

const LABELS: Record<PageCommand, OptionsWord> = {
  'next-mention': 'options_command_next_mention',
  'previous-mention': 'options_command_previous_mention',
  'focus-card': 'options_command_focus_card',
  'next-same': 'options_command_next_same',
  'toggle-highlights': 'options_command_toggle_highlights',
};

/** Chromium's page for extension shortcuts. */
export const CHROMIUM_SHORTCUTS = 'chrome://extensions/shortcuts';

/** Keys as a reader reads them: Chromium and Firefox name the punctuation keys ("Period"). */
export function keysText(shortcut: string): string {
  return shortcut.replace(/\bPeriod\b/, '.').replace(/\bComma\b/, ',');
}

async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  if (typeof commands.openShortcutSettings === 'function') await commands.openShortcutSettings();
  else await browser.tabs.create({ url: CHROMIUM_SHORTCUTS });
}

export function setUpShortcuts(page: Page): void {
  const { doc, say } = page;
  const list = byId<HTMLDListElement>(doc, 'keys');
  const change = byId<HTMLButtonElement>(doc, 'keys-change');
  const manual = byId(doc, 'keys-manual');

  const show = async (): Promise<void> => {
    const keys = new Map((await browser.commands.getAll()).map((c) => [c.name, c.shortcut ?? '']));
    list.replaceChildren(
      ...PAGE_COMMANDS.flatMap((name) => {
        const shortcut = keys.get(name);
        const dd = make(doc, 'dd');
        dd.append(
          shortcut ? make(doc, 'kbd', '', keysText(shortcut)) : make(doc, 'span', 'none', say('options_key_none')),
        );
        return [make(doc, 'dt', '', say(LABELS[name])), dd];
      }),
    );
  };
  void show().catch(() => (manual.hidden = false));
  // The reader may come back from the browser's shortcut page with new keys.
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') void show().catch(() => {});
  });

  change.addEventListener('click', () => {
    openShortcutSettings().catch(() => {
      // Neither way is open in this browser: say where the setting is.
      manual.hidden = false;
      manual.focus();
    });
  });
}
