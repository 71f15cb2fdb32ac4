/**
 * The footer's line of keys, read from the browser's own shortcut settings through the background
 * (the reader may have changed them, and two commands have no key until the reader gives them one):
 * only the commands that have a key are named, and Escape, which always closes the card.
 */
import type { CardWord, Say } from '../core/card-view';
import { sendMessage } from '../shared/messages';

const WORDS: Record<string, CardWord> = {
  'next-mention': 'card_key_next',
  'next-same': 'card_key_same',
  'focus-card': 'card_key_focus',
  'toggle-highlights': 'card_key_toggle',
};

export async function keysLine(say: Say): Promise<string | null> {
  try {
    const commands = await sendMessage('commandKeys', {});
    const named = commands.flatMap((c) => {
      const word = Object.hasOwn(WORDS, c.name) ? WORDS[c.name] : undefined;
      return word && c.shortcut ? [say(word, keyText(c.shortcut))] : [];
    });
    return say('card_keys', [...named, say('card_key_escape')].join(' · '));
  } catch {
    return null;
  }
}

/** "Alt+Shift+Period" as the keys read: "Alt+Shift+.". */
function keyText(shortcut: string): string {
  return shortcut.replace(/\bPeriod\b/g, '.').replace(/\bComma\b/g, ',');
}
