/**
 * The settings file a reader exports and imports: JSON with a format marker and the settings
 * version, so a file is recognised as ours and upgraded by the same migrations as storage. Reading
 * a file either yields the settings it holds or says exactly why not; nothing is half-imported.
 * Pure: tested in Node.
 */
import { scanJson } from '../core/json-syntax';
import {
  SETTINGS_VERSION,
  SETTING_KEYS,
  readSetting,
  storedVersion,
  upgradeStored,
  type Settings,
} from '../shared/settings';

/** The marker that makes a JSON file a settings file of ours. */
export const FILE_FORMAT = 'contextual-highlights-settings';

/** Larger than any real settings file by far; a bigger file is not one. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Levels of [ and { a settings file may have: it needs three. A deeper file is refused before it is
 * parsed (a file nested 100,000 levels deep would otherwise overflow the stack somewhere on its way).
 */
export const MAX_FILE_DEPTH = 16;

/**
 * The settings a file carries: every setting (the sync switches are not settings: they belong to
 * each browser, background/sync-choice.ts).
 */
export const FILE_KEYS = SETTING_KEYS;

/** The settings a file carries (and a reset or an undo replaces). */
export function fileSettings(settings: Settings): Partial<Settings> {
  const carried: Record<string, unknown> = {};
  for (const key of FILE_KEYS) carried[key] = settings[key];
  return carried as Partial<Settings>;
}

/** The text of an exported file. */
export function settingsFileText(settings: Settings, exportedAt: Date): string {
  return `${JSON.stringify(
    {
      format: FILE_FORMAT,
      version: SETTINGS_VERSION,
      exportedAt: exportedAt.toISOString(),
      settings: fileSettings(settings),
    },
    null,
    2,
  )}\n`;
}

/** The name an export is saved under: the date, so several backups sort in order. */
export function settingsFileName(exportedAt: Date): string {
  return `contextual-highlights-settings-${exportedAt.toISOString().slice(0, 10)}.json`;
}

/** Why a file was not imported. */
export type FileProblem =
  | { reason: 'too-large' }
  | { reason: 'not-json'; line: number; column: number }
  | { reason: 'too-deep' }
  | { reason: 'foreign' }
  | { reason: 'bad-version' }
  | { reason: 'no-settings' }
  | { reason: 'bad-value'; key: keyof Settings };

/**
 * A setting whose value had to be repaired: a delay brought into range (`from` and `to` in ms), a
 * list or the colours with entries dropped or rewritten (`from` and `to` count them).
 */
export interface Repair {
  key: keyof Settings;
  from: number;
  to: number;
}

export type FileReading =
  | {
      ok: true;
      /** The settings the file holds (those it leaves out keep their current values). */
      settings: Partial<Settings>;
      /** Settings whose values had to be repaired. */
      repaired: Repair[];
      /** Made by a newer version: settings this version does not know were left out. */
      newer: boolean;
    }
  | { ok: false; problem: FileProblem };

const fail = (problem: FileProblem): FileReading => ({ ok: false, problem });

/**
 * Whether a setting's value as read is the file's value as written: primitives alike, lists entry
 * by entry, the colours key by key (without writing either out: a list can run to a megabyte).
 */
function sameValue(read: unknown, written: unknown): boolean {
  if (Array.isArray(read)) {
    return Array.isArray(written) && read.length === written.length && read.every((v, i) => v === written[i]);
  }
  if (typeof read === 'object' && read !== null) {
    if (typeof written !== 'object' || written === null || Array.isArray(written)) return false;
    const a = Object.entries(read as Record<string, unknown>);
    return (
      a.length === Object.keys(written).length && a.every(([k, v]) => (written as Record<string, unknown>)[k] === v)
    );
  }
  return Object.is(read, written);
}

/** What a repaired value was and became: a number as it is, a list or the colours by their entries. */
function repairOf(key: keyof Settings, before: unknown, after: unknown): Repair {
  const size = (v: unknown): number =>
    typeof v === 'number'
      ? v
      : Array.isArray(v)
        ? v.length
        : typeof v === 'object' && v !== null
          ? Object.keys(v).length
          : 0;
  return { key, from: size(before), to: size(after) };
}

/** Reads a settings file: every value checked as storage's are, a value that cannot be read refuses the file. */
export function readSettingsFile(text: string): FileReading {
  if (text.length > MAX_FILE_BYTES) return fail({ reason: 'too-large' });
  const body = text.replace(/^\uFEFF/, '');
  // Read without building values (iteratively) first: only a valid file of a few levels is parsed.
  const broken = scanJson(body, { maxDepth: MAX_FILE_DEPTH });
  if (broken) {
    return fail(
      broken.tooDeep ? { reason: 'too-deep' } : { reason: 'not-json', line: broken.line, column: broken.column },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return fail({ reason: 'not-json', line: 1, column: 1 });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail({ reason: 'foreign' });
  const file = data as Record<string, unknown>;
  if (file.format !== FILE_FORMAT) return fail({ reason: 'foreign' });
  const version = file.version;
  if (typeof version !== 'number' || storedVersion({ version }) !== version) return fail({ reason: 'bad-version' });
  const raw = file.settings;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail({ reason: 'no-settings' });
  const stored = upgradeStored({ ...(raw as Record<string, unknown>), version });
  const settings: Partial<Settings> = {};
  const repaired: Repair[] = [];
  for (const key of FILE_KEYS) {
    if (!Object.hasOwn(stored, key)) continue;
    const value = readSetting(key, stored[key]);
    if (value === undefined) return fail({ reason: 'bad-value', key });
    if (!sameValue(value, stored[key])) repaired.push(repairOf(key, stored[key], value));
    (settings as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(settings).length === 0) return fail({ reason: 'no-settings' });
  return { ok: true, settings, repaired, newer: version > SETTINGS_VERSION };
}
