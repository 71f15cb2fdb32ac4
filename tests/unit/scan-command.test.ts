/**
 * The scan command (docs/architecture.md, "scan command"): one JSON object per file per line,
 * offsets into the scanned text, clear errors for unreadable files while the others are reported.
 */
import { execFile } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'ch-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, whatever its exit code. */
function run(file: string, args: string[]): Promise<Ran> {
  return new Promise((done) => {
    execFile(file, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      done({ status: code, stdout, stderr });
    });
  });
}

function scan(...args: string[]): Promise<Ran> {
  return run(TSX, ['scripts/scan.ts', ...args]);
}

/** The scan command with a small stack, so that a page of modest depth overflows it as a deeper one would. */
function scanWithSmallStack(...args: string[]): Promise<Ran> {
  return run(process.execPath, ['--stack-size=200', '--import', 'tsx', 'scripts/scan.ts', ...args]);
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

// Each test runs its own processes on files of its own: they run at once. Each process starts a
// TypeScript runtime and loads the dataset (about 1.5 s of one core); several at once on a busy
// two-core machine take far longer than the default 20 s, so each test gets 60 s.
describe.concurrent('npm run scan -- --json', { timeout: 60_000 }, () => {
  it('prints one object per file with counts and mentions as UTF-16 offsets into the scanned text', async () => {
    const a = page(
      'a.html',
      '<h1>PUTIN IN BEIJING</h1><p>Mr. Putin’s talks with <b>Xi Jin<wbr>ping</b>.</p><script>Putin</script>',
    );
    const b = page('b.html', '<p>Nothing here.</p>');
    const run = await scan('--json', a, b);
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

  it('uses the German genitive on German pages only', async () => {
    const de = page('de.html', '<p>Wladimir Putins Regime und Chinas Rolle</p>', 'de');
    const en = page('en.html', '<p>Wladimir Putins Regime und Chinas Rolle</p>', 'en');
    const [l1, l2] = (await scan('--json', de, en)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(l1!.mentions.map((m) => m.text)).toEqual(['Wladimir Putins', 'Chinas']);
    expect(l2!.mentions).toEqual([]);
  });

  it('reads the page language from <html lang>, else <body lang>: German aliases only on German pages', async () => {
    const body = '<p>Moskau und der Kreml</p>';
    const de = page('de-at.html', body, 'de-AT');
    const en = page('en-gb.html', body, 'en-GB');
    const file = join(dir, 'body-lang.html');
    writeFileSync(file, `<!doctype html><html><body lang="de">${body}</body></html>`);
    const none = join(dir, 'no-lang.html');
    writeFileSync(none, `<!doctype html><html><body>${body}</body></html>`);
    const counts = (await scan('--json', de, en, file, none)).stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as Line).counts);
    expect(counts).toEqual([{ moscow: 1, kremlin: 1 }, {}, { moscow: 1, kremlin: 1 }, {}]);
  });

  it('names a missing or unreadable file on stderr, exits non-zero, and still reports the others', async () => {
    const good = page('good.html', '<p>Kyiv</p>');
    const run = await scan('--json', join(dir, 'missing.html'), good, dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`scan: ${join(dir, 'missing.html')}: no such file`);
    expect(run.stderr).toContain(`scan: ${dir}: is a directory`);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.counts).toEqual({ kyiv: 1 });
  });

  it('refuses what is not a page (binary, a device, too large) by name and goes on', async () => {
    const binary = join(dir, 'image.html');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const huge = join(dir, 'huge.html');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 33 * 2 ** 20); // sparse: no disk used
    closeSync(fd);
    const good = page('after.html', '<p>Kyiv</p>');
    const run = await scan('--json', binary, '/dev/zero', huge, good);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`scan: ${binary}: looks binary`);
    expect(run.stderr).toContain('scan: /dev/zero: is not a regular file');
    expect(run.stderr).toContain(`scan: ${huge}: is too large to scan (33 MB; the limit is 32 MB)`);
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Line).file),
    ).toEqual([good]);
  });

  it('scans a deeply nested page; one deeper than the parser can hold is named and the next file scanned', async () => {
    const deep = page('deep.html', `${'<div>'.repeat(3000)}Putin${'</div>'.repeat(3000)}`);
    const good = page('next.html', '<p>Kyiv</p>');
    const normal = await scan('--json', deep);
    expect(normal.status).toBe(0);
    expect((JSON.parse(normal.stdout) as Line).counts).toEqual({ 'vladimir-putin': 1 });
    const small = await scanWithSmallStack('--json', deep, good);
    expect(small.status).toBe(1);
    expect(small.stderr).toContain(`scan: ${deep}: nested too deeply to read`);
    expect((JSON.parse(small.stdout) as Line).counts).toEqual({ kyiv: 1 });
  });

  it('decodes bytes as a browser does: a declared charset, else UTF-8; undecodable bytes are warned about, and the page still counts as read', async () => {
    const latin = join(dir, 'cp1252.html');
    // ï is 0xEF and ’ is 0x92 in windows-1252; both would be invalid as UTF-8.
    const head = '<!doctype html><html lang="en"><head><meta charset="windows-1252"></head><body>';
    writeFileSync(
      latin,
      Buffer.concat([Buffer.from(`${head}<p>Ky\u00efv and Putin`, 'latin1'), Buffer.from([0x92, 0x73])]),
    );
    const utf8 = page('utf8.html', '<p>Kyïv and Putin’s</p>');
    const broken = join(dir, 'broken.html');
    writeFileSync(broken, Buffer.from([...Buffer.from('<p>Kyiv '), 0xff, 0xfe, ...Buffer.from(' here</p>')]));
    const run = await scan('--json', latin, utf8, broken);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines[0]!.mentions.map((m) => m.text)).toEqual(['Kyïv', 'Putin']);
    expect(lines[1]!.mentions.map((m) => m.text)).toEqual(['Kyïv', 'Putin']);
    expect(lines[2]!.counts).toEqual({ kyiv: 1 });
    expect(run.stderr).toContain(`scan: ${broken}: warning: 2 characters could not be decoded`);
    expect(run.status).toBe(0);
  });

  it('prints a readable table without --json', async () => {
    const run = await scan(page('t.html', '<p>Putin met Xi Jinping in Shanghai. Putin left.</p>'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/t\.html: 4 mentions/);
    expect(run.stdout).toMatch(/vladimir-putin\s+2\s+Putin/);
  });

  it('explains its usage when given no file', async () => {
    const run = await scan('--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage:');
  });
});
