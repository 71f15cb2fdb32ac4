/**
 * The scan command (docs/architecture.md, "scan command"): one JSON object per file per line,
 * offsets into the scanned text, clear errors for unreadable files while the others are reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'ch-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scan(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(TSX, ['scripts/scan.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

function page(name: string, body: string, lang = 'en'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `<!doctype html><html lang="${lang}"><head><title>Putin in the title</title></head><body>${body}</body></html>`,
  );
  return file;
}

interface Line {
  file: string;
  counts: Record<string, number>;
  mentions: { entity: string; text: string; start: number; end: number }[];
}

describe('npm run scan -- --json', () => {
  it('prints one object per file with counts and mentions as UTF-16 offsets into the scanned text', () => {
    const a = page(
      'a.html',
      '<h1>PUTIN IN BEIJING</h1><p>Mr. Putin’s talks with <b>Xi Jin<wbr>ping</b>.</p><script>Putin</script>',
    );
    const b = page('b.html', '<p>Nothing here.</p>');
    const run = scan('--json', a, b);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.file)).toEqual([a, b]);
    expect(lines[0]!.counts).toEqual({ 'vladimir-putin': 2, beijing: 1, 'xi-jinping': 1 });
    // Scanned text: "PUTIN IN BEIJING\nMr. Putin’s talks with Xi Jinping." (title and script excluded).
    expect(lines[0]!.mentions).toEqual([
      { entity: 'vladimir-putin', text: 'PUTIN', start: 0, end: 5 },
      { entity: 'beijing', text: 'BEIJING', start: 9, end: 16 },
      { entity: 'vladimir-putin', text: 'Mr. Putin', start: 17, end: 26 },
      { entity: 'xi-jinping', text: 'Xi Jinping', start: 40, end: 50 },
    ]);
    expect(lines[1]).toEqual({ file: b, counts: {}, mentions: [] });
  });

  it('uses the German genitive on German pages only', () => {
    const de = page('de.html', '<p>Wladimir Putins Regime und Chinas Rolle</p>', 'de');
    const en = page('en.html', '<p>Wladimir Putins Regime und Chinas Rolle</p>', 'en');
    const [l1, l2] = scan('--json', de, en)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(l1!.mentions.map((m) => m.text)).toEqual(['Wladimir Putin', 'China']);
    expect(l2!.mentions).toEqual([]);
  });

  it('reads the page language from <html lang>, else <body lang>: German aliases only on German pages', () => {
    const body = '<p>Moskau und der Kreml</p>';
    const de = page('de-at.html', body, 'de-AT');
    const en = page('en-gb.html', body, 'en-GB');
    const file = join(dir, 'body-lang.html');
    writeFileSync(file, `<!doctype html><html><body lang="de">${body}</body></html>`);
    const none = join(dir, 'no-lang.html');
    writeFileSync(none, `<!doctype html><html><body>${body}</body></html>`);
    const counts = scan('--json', de, en, file, none)
      .stdout.trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as Line).counts);
    expect(counts).toEqual([{ moscow: 1, kremlin: 1 }, {}, { moscow: 1, kremlin: 1 }, {}]);
  });

  it('names a missing or unreadable file on stderr, exits non-zero, and still reports the others', () => {
    const good = page('good.html', '<p>Kyiv</p>');
    const run = scan('--json', join(dir, 'missing.html'), good, dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`cannot read ${join(dir, 'missing.html')}: no such file`);
    expect(run.stderr).toContain(`cannot read ${dir}: is a directory`);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.counts).toEqual({ kyiv: 1 });
  });

  it('prints a readable table without --json', () => {
    const run = scan(page('t.html', '<p>Putin met Xi Jinping in Shanghai. Putin left.</p>'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/t\.html: 4 mentions/);
    expect(run.stdout).toMatch(/vladimir-putin\s+2\s+Putin/);
  });

  it('explains its usage when given no file', () => {
    const run = scan('--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage:');
  });
});
