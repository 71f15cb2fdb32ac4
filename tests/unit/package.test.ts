/**
 * npm run package: versioned zips for both stores and the source archive AMO asks for, from one
 * version number, refusing a Firefox build that web-ext lint finds anything wrong with.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVersions } from '../../scripts/package';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The entries of a zip file, by name (read from its central directory). */
function unzip(file: string): Map<string, () => Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('npm run package', () => {
  let out: string;
  let run: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'ch-package-'));
    run = spawnSync(TSX, ['scripts/package.ts'], {
      cwd: ROOT,
      env: { ...process.env, ARTIFACTS_DIR: out, OUT_DIR: join(out, 'dist') },
      encoding: 'utf8',
    });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('makes the Chrome and Firefox zips and the source archive, named by the version', () => {
    expect(run.status, String(run.stderr)).toBe(0);
    for (const kind of ['chrome', 'firefox', 'source']) {
      expect(String(run.stdout)).toContain(`contextual-highlights-${VERSION}-${kind}.zip`);
    }
  });

  it('packs each store its own manifest, with the one version, and nothing else of the build', () => {
    for (const target of ['chrome', 'firefox']) {
      const files = unzip(join(out, `contextual-highlights-${VERSION}-${target}.zip`));
      const manifest = JSON.parse(files.get('manifest.json')!().toString()) as Record<string, unknown>;
      expect(manifest.version).toBe(VERSION);
      expect('browser_specific_settings' in manifest).toBe(target === 'firefox');
      for (const f of [
        'content.js',
        'background.js',
        'popup/popup.html',
        'options/options.html',
        '_locales/en/messages.json',
      ]) {
        expect(files.has(f), `${target}: ${f}`).toBe(true);
      }
      expect([...files.keys()].filter((f) => /\.map$|^\.|\/\./.test(f))).toEqual([]);
    }
  });

  it('archives the committed source with what rebuilds it: the lock, the build script, the dataset', () => {
    const files = unzip(join(out, `contextual-highlights-${VERSION}-source.zip`));
    const prefix = `contextual-highlights-${VERSION}-source/`;
    for (const f of [
      'package.json',
      'package-lock.json',
      'manifest.json',
      'scripts/build.ts',
      'src/content/main.ts',
      'assets/data/entities.json',
      'README.md',
      'PRIVACY.md',
    ]) {
      expect(files.has(prefix + f), f).toBe(true);
    }
    expect([...files.keys()].some((f) => f.includes('node_modules/') || f.includes('/dist/'))).toBe(false);
  });

  it('has one version: package.json and manifest.json agree, and it refuses when they do not', () => {
    expect(checkVersions()).toBe(VERSION);
    const dir = mkdtempSync(join(tmpdir(), 'ch-versions-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"version": "1.2.0"}');
      writeFileSync(join(dir, 'manifest.json'), '{"version": "1.1.9"}');
      expect(() => checkVersions(dir)).toThrow('package.json says 1.2.0 but manifest.json says 1.1.9');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
