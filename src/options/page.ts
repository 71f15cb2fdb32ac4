/**
 * What every part of the options page is handed: the page's words, the current settings and the
 * one way to change them (asking the background, their one writer). Parts build their controls once
 * and render whenever the settings change (in this page or anywhere else: a card, the popup,
 * another browser).
 */
import type { SettingsChange } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { OptionsWord } from './text';

export type Say = (key: OptionsWord, ...subs: string[]) => string;

export interface Page {
  doc: Document;
  say: Say;
  /** The settings as last read or written. */
  current(): Settings;
  /**
   * Asks the background to make a change (every open tab follows at once), one after another, and
   * shows the settings that result. Resolves whether the change was made.
   */
  update(change: SettingsChange): Promise<boolean>;
}

/** A part's render function: called with the settings at start and after every change. */
export type Render = (settings: Settings) => void;

/** The element with this id (the page's markup has every id the scripts use). */
export function byId<T extends HTMLElement = HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`options.html has no #${id}`);
  return el as T;
}

/** A new element with a class and text (never markup). */
export function make<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className = '',
  text = '',
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  return el;
}

/** Offers `text` as a JSON file named `name` for download (a settings file, a story pack). */
export function downloadJson(doc: Document, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Long enough for the browser to have started the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
