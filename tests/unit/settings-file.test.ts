/**
 * Export and import of the settings file: a round trip gives back the same settings; a file that
 * is not JSON, not ours, of a bad version, or with a value that cannot be used is refused whole, with
 * the reason; an older file is upgraded; a newer one gives what this version knows.
 */
import { describe, expect, it } from 'vitest';
import {
  FILE_FORMAT,
  FILE_KEYS,
  MAX_FILE_BYTES,
  readSettingsFile,
  settingsFileName,
  settingsFileText,
} from '../../src/options/settings-file';
import { bigSettingsFile } from '../fixtures/big-settings';
import {
  DEFAULT_SETTINGS,
  LIST_LIMITS,
  SETTINGS_VERSION,
  normalizeSettings,
  type Settings,
} from '../../src/shared/settings';

const CHANGED: Settings = {
  ...DEFAULT_SETTINGS,
  enabled: false,
  disabledSites: ['a.example', 'b.example'],
  highlightStyle: 'underline',
  typeColors: { person: '#123456', event: '#fedcba' },
  firstMentionOnly: true,
  hoverDelayMs: 650,
  mutedEntities: ['gazprom'],
  enabledTypes: ['person', 'place'],
};

const file = (settings: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: FILE_FORMAT, version: SETTINGS_VERSION, settings, ...extra });

describe('the exported file', () => {
  const text = settingsFileText(CHANGED, new Date('2026-12-05T10:00:00Z'));

  it('carries a format marker, the version, the date and every setting (the sync switches are none)', () => {
    const data = JSON.parse(text) as Record<string, unknown> & { settings: Record<string, unknown> };
    expect(data.format).toBe('contextual-highlights-settings');
    expect(data.version).toBe(SETTINGS_VERSION);
    expect(data.exportedAt).toBe('2026-12-05T10:00:00.000Z');
    expect(Object.keys(data.settings).sort()).toEqual([...FILE_KEYS].sort());
    expect(data.settings).not.toHaveProperty('sync');
    expect(FILE_KEYS).not.toContain('syncSites');
  });

  it('reads back as the same settings', () => {
    const reading = readSettingsFile(text);
    expect(reading).toMatchObject({ ok: true, repaired: [], newer: false });
    if (!reading.ok) return;
    expect(reading.settings).toEqual(CHANGED);
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, ...reading.settings })).toEqual(CHANGED);
  });

  it('is named by its date', () => {
    expect(settingsFileName(new Date('2026-12-05T23:59:00Z'))).toBe('contextual-highlights-settings-2026-12-05.json');
  });
});

describe('a file that is refused', () => {
  it.each([
    [
      'not JSON',
      '{"format": "contextual-highlights-settings",\n  "version": 2,\n  oops}',
      { reason: 'not-json', line: 3, column: 3 },
    ],
    ['empty', '', { reason: 'not-json', line: 1, column: 1 }],
    ['another program’s JSON', JSON.stringify({ theme: 'dark', fontSize: 14 }), { reason: 'foreign' }],
    ['a JSON list', '[1, 2]', { reason: 'foreign' }],
    ['a marker of another kind', file({}, { format: 'contextual-highlights-backup' }), { reason: 'foreign' }],
    ['a negative version', file({ enabled: true }, { version: -1 }), { reason: 'bad-version' }],
    ['a fractional version', file({ enabled: true }, { version: 1.5 }), { reason: 'bad-version' }],
    ['a version as text', file({ enabled: true }, { version: '2' }), { reason: 'bad-version' }],
    ['no settings', JSON.stringify({ format: FILE_FORMAT, version: 2 }), { reason: 'no-settings' }],
    ['settings as a list', file([{ enabled: false }]), { reason: 'no-settings' }],
    ['no known setting', file({ colour: 'red' }), { reason: 'no-settings' }],
    ['a delay in words', file({ hoverDelayMs: 'slow' }), { reason: 'bad-value', key: 'hoverDelayMs' }],
    [
      'an unknown look',
      file({ enabled: true, highlightStyle: 'blink' }),
      { reason: 'bad-value', key: 'highlightStyle' },
    ],
    ['sites as text', file({ disabledSites: 'a.example' }), { reason: 'bad-value', key: 'disabledSites' }],
  ])('%s', (_what, text, problem) => {
    expect(readSettingsFile(text)).toEqual({ ok: false, problem });
  });

  it('too large to be a settings file', () => {
    expect(readSettingsFile(' '.repeat(MAX_FILE_BYTES + 1))).toEqual({ ok: false, problem: { reason: 'too-large' } });
  });
});

describe('a file that is read', () => {
  it('with a byte order mark, as some editors save it', () => {
    expect(readSettingsFile(`\uFEFF${file({ enabled: false })}`)).toMatchObject({
      ok: true,
      settings: { enabled: false },
    });
  });

  it('leaves out what it does not carry (those settings keep their current values)', () => {
    const reading = readSettingsFile(file({ highlightStyle: 'underline' }));
    expect(reading).toEqual({ ok: true, settings: { highlightStyle: 'underline' }, repaired: [], newer: false });
  });

  it('never takes the sync switches from a file', () => {
    for (const version of [2, SETTINGS_VERSION]) {
      const reading = readSettingsFile(file({ enabled: false, sync: true, syncSites: true }, { version }));
      expect(reading).toMatchObject({ ok: true, settings: { enabled: false } });
      if (reading.ok) expect(Object.keys(reading.settings)).toEqual(['enabled']);
    }
  });

  it('repairs what can be repaired and says which settings it touched', () => {
    const reading = readSettingsFile(
      file({ hoverDelayMs: 10_000, typeColors: { person: '#ABCDEF', place: 'teal' }, mutedEntities: ['gazprom'] }),
    );
    expect(reading).toEqual({
      ok: true,
      settings: { hoverDelayMs: 2000, typeColors: { person: '#abcdef' }, mutedEntities: ['gazprom'] },
      repaired: [
        { key: 'typeColors', from: 2, to: 1 },
        { key: 'hoverDelayMs', from: 10_000, to: 2000 },
      ],
      newer: false,
    });
  });

  it('from version 1, upgraded by the migrations', () => {
    const reading = readSettingsFile(file({ enabled: false, highlightStyle: 'underline' }, { version: 1 }));
    expect(reading).toMatchObject({ ok: true, settings: { enabled: false, highlightStyle: 'underline' } });
  });

  it('from a newer version: what this version knows, and a note that the rest was left out', () => {
    const reading = readSettingsFile(file({ enabled: false, laterSetting: 3 }, { version: SETTINGS_VERSION + 1 }));
    expect(reading).toEqual({ ok: true, settings: { enabled: false }, repaired: [], newer: true });
  });
});

describe('a hostile file (security review F12–F14)', () => {
  it.each([
    ['300,000 [ (invalid)', '['.repeat(300_000)],
    ['a valid array 100,000 levels deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    [
      'a settings file with a value 100,000 levels deep',
      file({ enabled: false, mutedEntities: JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`) }).replace(
        '"mutedEntities":[',
        `"mutedEntities":[${'['.repeat(99_000)}${']'.repeat(99_000)}`,
      ),
    ],
    [
      'an unknown field 20 levels deep',
      file({ enabled: false, later: JSON.parse(`${'['.repeat(20)}${']'.repeat(20)}`) }),
    ],
  ])('%s is refused as nested too deeply, without a stack overflow', (_what, text) => {
    expect(readSettingsFile(text)).toEqual({ ok: false, problem: { reason: 'too-deep' } });
  });

  it('a file of the levels it needs is read', () => {
    expect(readSettingsFile(file({ typeColors: { person: '#123456' } }))).toMatchObject({ ok: true });
  });

  it('normalises every site as the site switch does, and drops what names no site', () => {
    const reading = readSettingsFile(
      file({
        disabledSites: [
          '\u202Emoc.knab',
          'EXAMPLE.COM',
          'www.example.org',
          'пример.рф',
          'a'.repeat(253),
          '<b>x</b>',
          'a b',
          'z\u200Bw.example',
        ],
      }),
    );
    expect(reading).toEqual({
      ok: true,
      settings: { disabledSites: ['moc.knab', 'example.com', 'example.org', 'xn--e1afmkfd.xn--p1ai', 'zw.example'] },
      repaired: [{ key: 'disabledSites', from: 8, to: 5 }],
      newer: false,
    });
  });

  it.each(['disabledSites', 'mutedEntities'] as const)(
    'a list of %s just under 1 MB: read at once, capped, and counted',
    (list) => {
      const big = bigSettingsFile(list);
      expect(big.text.length).toBeLessThan(MAX_FILE_BYTES);
      expect(big.count).toBeGreaterThan(100_000);
      const started = performance.now();
      const reading = readSettingsFile(big.text);
      const ms = performance.now() - started;
      expect(reading).toMatchObject({ ok: true, repaired: [{ key: list, from: big.count, to: LIST_LIMITS[list] }] });
      if (reading.ok) expect(reading.settings[list]).toEqual(big.entries.slice(0, LIST_LIMITS[list]));
      // A generous bound for a shared machine: the options page took minutes before (the review).
      expect(ms).toBeLessThan(1000);
    },
  );
});
