/**
 * Back up and restore: export the settings to a JSON file, import one (refused whole, with the
 * reason, if it is not a settings file or a value in it cannot be used), reset everything to the
 * defaults. Import and reset can be undone. The sync switches are each browser's own: no file
 * carries them and a reset leaves them as they are.
 */
import { sendMessage } from '../shared/messages';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import {
  MAX_FILE_BYTES,
  fileSettings,
  readSettingsFile,
  settingsFileName,
  settingsFileText,
  type FileProblem,
  type Repair,
} from './settings-file';
import { byId, downloadJson, type Page, type Render, type Say } from './page';
import type { OptionsWord } from './text';

/** Each setting by the words the page labels it with (messages name settings so, never by key). */
export const SETTING_LABELS: Record<keyof Settings, OptionsWord> = {
  enabled: 'options_enabled',
  disabledSites: 'options_section_sites',
  highlightStyle: 'options_look',
  typeColors: 'options_setting_colours',
  firstMentionOnly: 'options_first_only',
  hoverDelayMs: 'options_delay',
  mutedEntities: 'options_section_muted',
  enabledTypes: 'options_section_types',
  pageMarkers: 'options_page_markers',
};

function problemText(say: Say, problem: FileProblem): string {
  switch (problem.reason) {
    case 'too-large':
      return say('options_file_too_large');
    case 'not-json':
      return say('options_file_not_json', String(problem.line), String(problem.column));
    case 'too-deep':
      return say('options_file_too_deep');
    case 'foreign':
      return say('options_file_foreign');
    case 'bad-version':
      return say('options_file_bad_version');
    case 'no-settings':
      return say('options_file_no_settings');
    case 'bad-value':
      return say('options_file_bad_value', say(SETTING_LABELS[problem.key]));
  }
}

/**
 * One repaired setting as the reader is told: its label, what it was and what it is now
 * ("Wait before a card opens (5,000 ms → 2,000 ms)"); `unknown` ids left out of the muted names.
 */
export function repairText(say: Say, repair: Repair, unknown = 0): string {
  const number = new Intl.NumberFormat(say('options_language'));
  const label = say(SETTING_LABELS[repair.key]);
  const [from, to] = [number.format(repair.from), number.format(repair.to)];
  if (repair.key === 'hoverDelayMs') return say('options_repair_delay', label, from, to);
  if (unknown > 0) return say('options_repair_unknown', label, from, to, number.format(unknown));
  return repair.from === repair.to
    ? say('options_repair_rewritten', label)
    : say('options_repair_count', label, from, to);
}

/**
 * A file's muted names without those the extension's data does not have (the background knows the
 * data): the settings to import, and what to tell of the list.
 */
async function withKnownNames(
  settings: Partial<Settings>,
  repaired: Repair[],
): Promise<{ settings: Partial<Settings>; repaired: Repair[]; unknown: number }> {
  const ids = settings.mutedEntities;
  if (!ids?.length) return { settings, repaired, unknown: 0 };
  const known = await sendMessage('entityNames', { ids });
  const kept = ids.filter((id) => Object.hasOwn(known, id));
  const unknown = ids.length - kept.length;
  if (unknown === 0) return { settings, repaired, unknown };
  const before = repaired.find((r) => r.key === 'mutedEntities')?.from ?? ids.length;
  return {
    settings: { ...settings, mutedEntities: kept },
    repaired: [
      ...repaired.filter((r) => r.key !== 'mutedEntities'),
      { key: 'mutedEntities', from: before, to: kept.length },
    ],
    unknown,
  };
}

export function setUpBackup(page: Page): Render {
  const { doc, say } = page;
  const message = byId(doc, 'backup-message');
  const undo = byId<HTMLButtonElement>(doc, 'undo');
  const input = byId<HTMLInputElement>(doc, 'import-file');
  /** The settings before the last import or reset, and the settings it produced. */
  let undoable: { before: Settings; after: string } | null = null;

  const tell = (text: string): void => {
    message.textContent = text;
  };

  /** Stores a change that can be undone, then offers Undo. */
  const replace = async (change: Partial<Settings>, done: string): Promise<boolean> => {
    const before = page.current();
    if (!(await page.update({ kind: 'replace', settings: change }))) return false;
    undoable = { before, after: JSON.stringify(page.current()) };
    tell(done);
    undo.hidden = false;
    return true;
  };

  byId(doc, 'export').addEventListener('click', () => {
    const now = new Date();
    const name = settingsFileName(now);
    downloadJson(doc, name, settingsFileText(page.current(), now));
    tell(say('options_exported', name));
  });

  /** Reads and imports a file; whatever goes wrong is said on the page, and changes nothing. */
  const importFile = async (file: File): Promise<void> => {
    const reject = (why: string): void => tell(say('options_file_rejected', file.name, why));
    if (file.size > MAX_FILE_BYTES) return reject(say('options_file_too_large'));
    let text: string;
    try {
      text = await file.text();
    } catch {
      return reject(say('options_file_unreadable'));
    }
    const reading = readSettingsFile(text);
    if (!reading.ok) return reject(problemText(say, reading.problem));
    const { settings, repaired, unknown } = await withKnownNames(reading.settings, reading.repaired);
    const done = reading.newer
      ? say('options_imported_newer', file.name)
      : repaired.length
        ? say(
            'options_imported_repaired',
            file.name,
            repaired.map((r) => repairText(say, r, r.key === 'mutedEntities' ? unknown : 0)).join('; '),
          )
        : say('options_imported', file.name);
    if (!(await replace(settings, done))) reject(say('options_file_not_stored'));
  };

  byId(doc, 'import').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again is a change too.
    input.value = '';
    if (!file) return;
    importFile(file).catch((e: unknown) =>
      tell(say('options_file_failed', file.name, e instanceof Error ? e.message : String(e))),
    );
  });

  byId(doc, 'reset').addEventListener('click', () => {
    void replace(fileSettings(structuredClone(DEFAULT_SETTINGS)), say('options_reset_done'));
  });

  undo.addEventListener('click', () => {
    const previous = undoable?.before;
    undoable = null;
    undo.hidden = true;
    message.setAttribute('tabindex', '-1');
    message.focus();
    if (!previous) return;
    void page.update({ kind: 'replace', settings: fileSettings(previous) }).then(() => tell(say('options_undone')));
  });

  return (s) => {
    // Undo only restores what the import or reset replaced: any later change withdraws it.
    if (undoable && JSON.stringify(s) !== undoable.after) {
      undoable = null;
      undo.hidden = true;
    }
  };
}
