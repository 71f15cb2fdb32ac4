/**
 * A compromised content script (security review F6, modelled on its t-messaging.ts): the real build
 * plus one extra content script of the same extension, in the same world as content.js, which the
 * page drives through postMessage (tests/e2e/evil/evil.js, built into a test-only copy of dist/).
 * It tries to write the settings and to switch sync on. In Chromium storage.sync is closed to it,
 * and storage.local too once content scripts no longer read it (CONTENT_SCRIPTS_READ_LOCAL); in both
 * browsers the background never syncs without the options page's consent, whatever it writes, and
 * of our messages it gets only its own site's content settings and the mute of a known entity.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/dataset';
import { serve, type Served } from '../../scripts/lib/server';
import { CONTENT_SCRIPTS_READ_LOCAL } from '../../src/background/storage-access';
import {
  BROWSERS,
  FIXTURES,
  extensionPage,
  openBrowser,
  pollUntil,
  sleep,
  waitReady,
  waitUntil,
  type TestBrowser,
} from './harness';

type Json = Record<string, unknown>;
type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Whether Chromium closes storage.local to content scripts: the one place this suite's
 * expectations turn on. It follows the background's own constant (background/storage-access.ts).
 */
const LOCAL_CLOSED_IN_CHROMIUM = !CONTENT_SCRIPTS_READ_LOCAL;

/** The build with evil.js as one more content script of the extension, in a folder of its own. */
function evilBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'ch-evil-dist-'));
  for (const target of ['chrome', 'firefox']) {
    const dir = join(root, target);
    cpSync(resolve(ROOT, 'dist', target), dir, { recursive: true });
    cpSync(resolve(ROOT, 'tests/e2e/evil/evil.js'), join(dir, 'evil.js'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      content_scripts: { matches: string[]; js: string[]; run_at: string }[];
    };
    manifest.content_scripts.push({ matches: ['<all_urls>'], js: ['evil.js'], run_at: 'document_end' });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return root;
}

/** The page's side of evil.js: posts an operation, resolves with its reply. */
const EVIL_CLIENT = `<script>
window.evil = (op, arg) => new Promise((res) => {
  const id = Math.random().toString(36).slice(2);
  const h = (e) => {
    if (typeof e.data !== 'string' || !e.data.startsWith('EVILREPLY:')) return;
    const r = JSON.parse(e.data.slice(10));
    if (r.id !== id) return;
    removeEventListener('message', h);
    res(JSON.parse(r.text));
  };
  addEventListener('message', h);
  postMessage('EVIL:' + JSON.stringify({ id, op, arg }), '*');
});
</script>`;

const VICTIM = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>victim</title></head><body>
<p>Vladimir Putin met Xi Jinping in Shanghai. Gazprom and CNPC signed the gas deal.</p>${EVIL_CLIENT}</body></html>`;

describe.each(BROWSERS)('a compromised content script in %s', (kind) => {
  let dist: string;
  let server: Served;
  let b: TestBrowser;
  let victim: Page;
  let options: Page;

  /** Runs one of evil.js's operations from the victim page. */
  const evil = (op: string, arg?: unknown): Promise<Reply> =>
    victim.evaluate(
      (o, a) => (window as unknown as { evil(o: string, a: unknown): Promise<Reply> }).evil(o, a),
      op,
      arg ?? null,
    );
  /** A message to the background, sent by the compromised content script; its reply. */
  const ask = async (type: string, data: unknown): Promise<unknown> => {
    const reply = await evil('send', { type, data });
    if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
    return reply.value;
  };
  /** A storage area as our own (trusted) page reads it. */
  const area = (name: 'local' | 'sync', key: string | null = null): Promise<Json> =>
    options.evaluate(
      async (n, k) => {
        type Area = { get(k: string | null): Promise<Json> };
        const api = globalThis as unknown as {
          browser?: { storage: Record<string, Area> };
          chrome?: { storage: Record<string, Area> };
        };
        return (api.browser ?? api.chrome)!.storage[n]!.get(k);
      },
      name,
      key,
    );
  /** A message from the options page (the reader's own page). */
  const fromOptions = (type: string, data: unknown): Promise<unknown> =>
    options.evaluate(
      (t, d) => {
        type Runtime = { sendMessage(m: unknown): Promise<unknown> };
        const api = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
        return (api.browser ?? api.chrome)!.runtime.sendMessage({ type: t, data: d });
      },
      type,
      data,
    );
  /** Nothing of ours in storage.sync, after a while (proving that something does not happen takes waiting). */
  async function expectNothingSynced(what: RegExp): Promise<void> {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      expect(JSON.stringify(await area('sync'))).not.toMatch(what);
      await sleep(200);
    }
  }

  beforeAll(async () => {
    dist = evilBuild();
    server = await serve(FIXTURES, { pages: new Map([['/victim.html', VICTIM]]) });
    b = await openBrowser(kind, { distRoot: dist });
    options = await extensionPage(b, 'options/options.html');
    await options.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    // The reader switched a site off, and hides a name.
    expect(await fromOptions('changeSettings', { kind: 'site', host: 'bank.example', enabled: false })).toBe(true);
    victim = await b.browser.newPage();
    await victim.goto(`${server.url}/victim.html`);
    await waitReady(victim);
    await waitUntil(victim, () => document.documentElement.dataset.evil === 'ready');
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it(`cannot use storage.sync${kind === 'chromium' ? '' : ' (Firefox has no access levels: it can)'}, nor storage.local once it is closed`, async () => {
    const sync = await evil('syncSet', { probe: 1 });
    const local = await evil('localSet', { probe: 1 });
    const read = await evil('localGet', 'settings');
    if (kind === 'chromium') {
      expect(sync).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed|access/i) });
      expect(local.ok).toBe(!LOCAL_CLOSED_IN_CHROMIUM);
      expect(read.ok).toBe(!LOCAL_CLOSED_IN_CHROMIUM);
    } else {
      // Firefox: content scripts keep storage.local and storage.sync (bug 1724754).
      expect([sync.ok, local.ok, read.ok]).toEqual([true, true, true]);
    }
  });

  it('cannot switch sync on, nor the sites, by writing storage.local or by asking', async () => {
    // The review's attack: settings that say sync on, sites too; the new copy of the switches; the
    // options page's own message.
    const writes = [
      await evil('localSet', {
        settings: { version: 2, enabled: true, sync: true, syncSites: true, disabledSites: ['bank.example'] },
      }),
      await evil('localSet', {
        settings: { version: 3, sync: true, syncSites: true, disabledSites: ['bank.example'] },
      }),
      await evil('localSet', { syncChoice: { sync: true, sites: true } }),
    ];
    expect(writes.every((w) => w.ok)).toBe(kind === 'firefox' || !LOCAL_CLOSED_IN_CHROMIUM);
    expect(await ask('changeSettings', { kind: 'sync', choice: { sync: true, sites: true } })).toBe(false);
    await expectNothingSynced(/settings|bank\.example/);
    expect(await fromOptions('syncChoice', {})).toEqual({ sync: false, sites: false });
    // The copy the options page follows is put back, and the page shows sync off.
    await pollUntil(
      () => area('local', 'syncChoice'),
      (items) => {
        const copy = items.syncChoice as Json | undefined;
        return copy?.sync === false && copy.sites === false;
      },
      (items) => `the copy of the switches: ${JSON.stringify(items)}`,
      5000,
    );
    await waitUntil(options, () => !(document.getElementById('sync') as HTMLInputElement).checked);
  });

  it('cannot add the sites to what syncs once the reader syncs the settings only', async () => {
    await options.bringToFront();
    await options.click('#sync');
    await pollUntil(
      () => area('sync', 'settings'),
      (items) => items.settings !== undefined,
      (items) => `the settings were not synced: ${JSON.stringify(items)}`,
    );
    await victim.bringToFront();
    await evil('localSet', { syncChoice: { sync: true, sites: true } });
    await evil('localSet', {
      settings: { version: 3, sync: true, syncSites: true, disabledSites: ['bank.example', 'clinic.example'] },
    });
    expect(await ask('changeSettings', { kind: 'sync', choice: { sync: true, sites: true } })).toBe(false);
    await expectNothingSynced(/bank\.example|clinic\.example|"sites"/);
    expect(await fromOptions('syncChoice', {})).toEqual({ sync: true, sites: false });
    // Off again, from the options page.
    expect(await fromOptions('changeSettings', { kind: 'sync', choice: { sync: false, sites: false } })).toBe(true);
  });

  it('may mute and unmute a known entity, and nothing else', async () => {
    for (const data of [
      { entity: 'not-an-entity', muted: true },
      { entity: '__proto__', muted: true },
      { entity: 'gazprom', muted: true, sync: true },
      { kind: 'muted', entity: 'gazprom', muted: true },
    ]) {
      expect(await ask('muteEntity', data), JSON.stringify(data)).toBe(false);
    }
    const before = ((await area('local', 'settings')).settings ?? {}) as Json;
    expect(before.mutedEntities ?? []).not.toContain('gazprom');
    expect(await ask('muteEntity', { entity: 'gazprom', muted: true })).toBe(true);
    await pollUntil(
      async () => (((await area('local', 'settings')).settings ?? {}) as Json).mutedEntities,
      (muted) => Array.isArray(muted) && muted.includes('gazprom'),
      (muted) => `gazprom not muted: ${JSON.stringify(muted)}`,
    );
    expect(await ask('muteEntity', { entity: 'gazprom', muted: false })).toBe(true);
  });

  it('gets its own site’s page settings whatever site it names, never the list of sites, and no other message of our pages', async () => {
    // bank.example is switched off; this page (127.0.0.1) is not.
    const own = (await ask('pageSettings', { site: 'bank.example' })) as Json;
    expect(own).toMatchObject({ paint: true });
    expect(JSON.stringify(own)).not.toContain('bank.example');
    expect(await ask('changeSettings', { kind: 'everywhere', enabled: false })).toBe(false);
    expect(await ask('changeSettings', { kind: 'replace', settings: { disabledSites: [] } })).toBe(false);
    expect(await ask('entityNames', { ids: ['gazprom'] })).toEqual({});
    expect(await ask('syncChoice', {})).toEqual({ sync: false, sites: false });
    expect(((await area('local', 'settings')).settings as Json).disabledSites).toContain('bank.example');
  });
});
