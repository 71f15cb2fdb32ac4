/**
 * Back up and restore: export the settings to a JSON file, import one (refused whole, with the
 * reason, if it is not a settings file or a value in it cannot be used), reset everything to the
 * defaults. Import and reset can be undone. The sync switches are each browser's own: no file
 * carries them and a reset leaves them as they are.
 */
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import {
  MAX_FILE_BYTES,
  fileSettings,
  readSettingsFile,
  settingsFileName,
  settingsFileText,
  type FileProblem,
} from './settings-file';
import { byId, type Page, type Render } from './page';

function problemText(page: Page, problem: FileProblem): string {
  switch (problem.reason) {
    case 'too-large':
      return page.say('options_file_too_large');
    case 'not-json':
      return page.say('options_file_not_json', String(problem.line), String(problem.column));
    case 'foreign':
      return page.say('options_file_foreign');
    case 'bad-version':
      return page.say('options_file_bad_version');
    case 'no-settings':
      return page.say('options_file_no_settings');
    case 'bad-value':
      return page.say('options_file_bad_value', problem.key);
  }
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
  const replace = async (change: Partial<Settings>, done: string): Promise<void> => {
    const before = page.current();
    const after = await page.update(() => change);
    undoable = { before, after: JSON.stringify(after) };
    tell(done);
    undo.hidden = false;
  };

  byId(doc, 'export').addEventListener('click', () => {
    const now = new Date();
    const name = settingsFileName(now);
    const url = URL.createObjectURL(new Blob([settingsFileText(page.current(), now)], { type: 'application/json' }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    // Long enough for the browser to have started the download.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    tell(say('options_exported', name));
  });

  byId(doc, 'import').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again is a change too.
    input.value = '';
    if (!file) return;
    const reject = (why: string): void => tell(say('options_file_rejected', file.name, why));
    if (file.size > MAX_FILE_BYTES) return reject(say('options_file_too_large'));
    file.text().then(
      (text) => {
        const reading = readSettingsFile(text);
        if (!reading.ok) return reject(problemText(page, reading.problem));
        const done = reading.newer
          ? say('options_imported_newer', file.name)
          : reading.repaired.length
            ? say('options_imported_repaired', file.name, reading.repaired.join(', '))
            : say('options_imported', file.name);
        return replace(reading.settings, done);
      },
      () => reject(say('options_file_unreadable')),
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
    void page.update(() => fileSettings(previous)).then(() => tell(say('options_undone')));
  });

  return (s) => {
    // Undo only restores what the import or reset replaced: any later change withdraws it.
    if (undoable && JSON.stringify(s) !== undoable.after) {
      undoable = null;
      undo.hidden = true;
    }
  };
}
