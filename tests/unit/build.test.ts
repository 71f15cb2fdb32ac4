/**
 * The build: two unpacked extensions from one manifest, the dataset split between content script
 * (matching only) and background (cards), and a bad dataset failing with a precise message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFor } from '../../scripts/build';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = JSON.parse(readFileSync(resolve(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

describe('manifestFor', () => {
  it('gives Chrome the service worker and drops Gecko settings', () => {
    const m = manifestFor('chrome', SOURCE) as {
      background: Record<string, unknown>;
      browser_specific_settings?: unknown;
    };
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('gives Firefox the event page and keeps its fixed id and minimum version', () => {
    const m = manifestFor('firefox', SOURCE) as {
      background: Record<string, unknown>;
      browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
    };
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.browser_specific_settings.gecko.id).toBe('contextual-highlights@example.org');
    expect(m.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
  });

  it('makes the card page web-accessible, in Chromium only by its per-session address', () => {
    const war = (target: 'chrome' | 'firefox'): unknown =>
      (manifestFor(target, SOURCE) as { web_accessible_resources: unknown }).web_accessible_resources;
    expect(war('chrome')).toEqual([{ resources: ['card/card.html'], matches: ['<all_urls>'], use_dynamic_url: true }]);
    // Firefox has no such flag (its addresses carry an id made at install).
    expect(war('firefox')).toEqual([{ resources: ['card/card.html'], matches: ['<all_urls>'] }]);
  });

  it('asks only for what it uses: storage, the context menu, inserting its styles where it paints (README, Privacy)', () => {
    expect(SOURCE.permissions).toEqual(['storage', 'unlimitedStorage', 'contextMenus', 'scripting']);
    // Story packs of up to 10 MB each do not fit Chromium's 10 MB storage.local without it; Firefox has no such cap.
    expect((manifestFor('chrome', SOURCE) as { permissions: string[] }).permissions).toContain('unlimitedStorage');
    expect((manifestFor('firefox', SOURCE) as { permissions: string[] }).permissions).toEqual([
      'storage',
      'contextMenus',
      'scripting',
    ]);
    // The content script reads every page it runs on anyway; the host permission lets the background
    // style those pages (no request of any kind is made).
    expect(SOURCE.host_permissions).toEqual(['<all_urls>']);
    const scripts = SOURCE.content_scripts as { css?: string[] }[];
    expect(scripts.every((c) => c.css === undefined)).toBe(true);
    // The one web-accessible file is the card page, which holds no data (the card's data reaches it
    // by message): a page cannot detect the extension by loading our files.
    expect((SOURCE.web_accessible_resources as { resources: string[] }[]).flatMap((w) => w.resources)).toEqual([
      'card/card.html',
    ]);
    const csp = (SOURCE.content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
  });
});

describe('npm run build', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'ch-build-'));
    execFileSync(TSX, ['scripts/build.ts'], { cwd: ROOT, env: { ...process.env, OUT_DIR: out }, stdio: 'pipe' });
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes both unpacked extensions with their manifests', () => {
    for (const target of ['chrome', 'firefox']) {
      const m = JSON.parse(readFileSync(join(out, target, 'manifest.json'), 'utf8')) as { manifest_version: number };
      expect(m.manifest_version).toBe(3);
      for (const file of [
        'content.js',
        'background.js',
        'popup/popup.html',
        'popup/popup.js',
        'card/card.html',
        'card/card.js',
        'card/card.css',
        'icons/icon-128.png',
      ]) {
        expect(() => readFileSync(join(out, target, file)), `${target}/${file}`).not.toThrow();
      }
    }
  });

  it('ships card text only in the background, and matching data only in the content script', () => {
    const dataset = JSON.parse(readFileSync(resolve(ROOT, 'assets/data/entities.json'), 'utf8')) as {
      entities: { summary: string; facts: { text: string }[] }[];
    };
    const content = readFileSync(join(out, 'chrome/content.js'), 'utf8');
    const background = readFileSync(join(out, 'chrome/background.js'), 'utf8');
    const summary = dataset.entities[0]!.summary.slice(0, 40);
    expect(background).toContain(summary);
    expect(content).not.toContain(summary);
    expect(content).not.toContain(dataset.entities[0]!.facts[0]!.text.slice(0, 40));
    // As one string, parsed when first asked for (an object literal would be built in every frame).
    expect(content).toMatch(/JSON\.parse\(`\{"entities":.*"automaton":\{"alphabet":/);
    // The search index (names and aliases) is the background's alone.
    expect(background).toContain('function searchEntities(');
    expect(content).not.toContain('function searchEntities(');
  });

  it('contains no network code and no HTML built from strings', () => {
    for (const file of ['content.js', 'background.js', 'popup/popup.js', 'card/card.js']) {
      const js = readFileSync(join(out, 'chrome', file), 'utf8');
      expect(js, file).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|\.innerHTML\s*=|insertAdjacentHTML/);
    }
  });

  it('builds a card page that talks through its port only, never to the page around it', () => {
    const card = readFileSync(join(out, 'chrome/card/card.js'), 'utf8');
    expect(card).toContain('port.postMessage(');
    // A message to the parent (or a look at a message's source) would hand the page a window.
    expect(card).not.toMatch(/\b(parent|top|opener)\b\s*\.|\.source\b|window\.frames/);
    expect(card.match(/\.postMessage\(/g)).toHaveLength(1);
    const html = readFileSync(join(out, 'chrome/card/card.html'), 'utf8');
    // The extension pages' CSP allows no inline script or style: the page only links its files.
    expect(html).not.toMatch(/<script>|<style|style=/);
    expect(html).toContain('<script src="card.js" defer></script>');
  });

  it('rebuilds into its own folder, and refuses to delete one it did not make', () => {
    const again = spawnSync(TSX, ['scripts/build.ts'], { cwd: ROOT, env: { ...process.env, OUT_DIR: out } });
    expect(again.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'ch-not-ours-'));
    try {
      // Someone's folder that happens to have a "firefox" folder in it, as ~/.mozilla has.
      mkdirSync(join(dir, 'firefox', 'profile'), { recursive: true });
      writeFileSync(join(dir, 'firefox', 'profile', 'places.sqlite'), 'precious');
      mkdirSync(join(dir, 'chrome'));
      writeFileSync(join(dir, 'chrome', 'keep.txt'), 'precious');
      const run = spawnSync(TSX, ['scripts/build.ts'], {
        cwd: ROOT,
        env: { ...process.env, OUT_DIR: dir },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        `build failed: refusing to delete ${join(dir, 'chrome')}: its folder ${dir} has no .contextual-highlights-build file`,
      );
      expect(readFileSync(join(dir, 'firefox', 'profile', 'places.sqlite'), 'utf8')).toBe('precious');
      expect(readFileSync(join(dir, 'chrome', 'keep.txt'), 'utf8')).toBe('precious');
      expect(existsSync(join(dir, '.contextual-highlights-build'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails on a broken dataset, naming the entity, the field, its line and column, and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ch-bad-'));
    try {
      const dataset = JSON.parse(readFileSync(resolve(ROOT, 'assets/data/entities.json'), 'utf8')) as {
        entities: Record<string, unknown>[];
      };
      const gazprom = dataset.entities.find((e) => e.id === 'gazprom')!;
      delete gazprom.summary;
      (gazprom.facts as { date: string }[])[0]!.date = '2014-13-01';
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(dataset, null, 2));
      const run = spawnSync(TSX, ['scripts/build.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATASET: file, OUT_DIR: join(dir, 'dist') },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      // A missing field is placed where the entity that lacks it starts.
      expect(run.stderr).toMatch(/gazprom: summary \(line \d+, column 5\): is missing/);
      expect(run.stderr).toMatch(/gazprom: facts\[0\]\.date \(line \d+, column 19\): must be a real date/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
