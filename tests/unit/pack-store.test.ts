/**
 * The background's story packs on the in-memory browser: the default serves the build's data and
 * compiles nothing; switching a pack on compiles the enabled packs once and keeps the compiled form
 * (a restarted background reads it back); an import is validated whole (a bad file changes
 * nothing, and says why, where); a pack of a taken id is replaced only when asked, with the old
 * file given back for undo; remove gives back what undo needs; only the options page may ask.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import builtInCards from 'virtual:card-bundle';
import builtInSearch from 'virtual:search-index';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import browser, { fake } from '../fakes/browser';
import { PackStore } from '../../src/background/packs';
import { cardSource } from '../../src/background/card-source';
import type { Pack } from '../../src/core/pack';
import { settingsFileText } from '../../src/options/settings-file';
import { getSettings } from '../../src/shared/settings';
import { PACKS_COMPILED_KEY, PACKS_KEY, packKey } from '../../src/shared/storage-keys';

const SECOND = readFileSync(resolve(import.meta.dirname, '../../assets/packs/impeachment-inquiry-2019.json'), 'utf8');

/** A pack of the reader's own: the second bundled pack under another id, with fewer entities. */
function ownPack(id = 'my-story', keep = 16): string {
  const pack = JSON.parse(SECOND) as Pack;
  pack.id = id;
  pack.story.title = `My story ${id}`;
  const kept = new Set(pack.entities.slice(0, keep).map((e) => e.id));
  pack.entities = pack.entities.filter((e) => kept.has(e.id));
  // Relations and rule groups that name entities left out go with them (a rule left empty too).
  const groups = (when: string[] | string[][]): string[][] =>
    (when.every((g) => typeof g === 'string') ? [when as string[]] : (when as string[][])).map((g) =>
      g.filter((x) => kept.has(x)),
    );
  for (const e of pack.entities) {
    e.related = e.related.filter((r) => kept.has(r.id));
    e.aliases = e.aliases.flatMap((a) => {
      if (typeof a === 'string' || !a.when) return [a];
      const when = groups(a.when);
      return when.every((g) => g.length > 0) ? [{ ...a, when }] : [];
    });
  }
  return JSON.stringify(pack, null, 2);
}

const store = (onChange = () => {}): PackStore =>
  new PackStore({ cards: builtInCards, search: builtInSearch }, browser.storage.local as never, onChange);

beforeEach(() => fake.reset());

describe('the default', () => {
  it('serves the build’s data and compiles nothing', async () => {
    const packs = store();
    const active = await packs.current();
    expect(active.matcherId).toBeNull();
    expect(active.cards).toBe(builtInCards);
    expect(browser.storage.local.data.has(PACKS_COMPILED_KEY)).toBe(false);
    const list = await packs.list();
    expect(list.map((p) => [p.id, p.enabled, p.bundled])).toEqual([
      ['sino-russia-2014', true, true],
      ['impeachment-inquiry-2019', false, true],
    ]);
    expect(list[1]!.entities).toBe(27);
    expect(list[1]!.story.publisher).toBe('CBS News');
  });
});

describe('switching packs', () => {
  it('compiles the enabled packs once, keeps the compiled form, and tells every tab', async () => {
    const told = vi.fn();
    const packs = store(told);
    expect(await packs.setEnabled('impeachment-inquiry-2019', true)).toBe(true);
    expect(told).toHaveBeenCalledOnce();
    const active = await packs.current();
    expect(active.matcherId).toMatch(/^p[0-9a-f]{16}$/);
    expect(active.matcher!.entities.filter((e) => e.id === 'ukraine')).toHaveLength(1);
    expect(cardSource(active.cards, 'ukraine')!.stories).toHaveLength(2);
    expect(active.search.some((s) => s.id === 'kurt-volker')).toBe(true);
    // A restarted background reads the compiled form back.
    const again = store();
    expect((await again.current()).matcherId).toBe(active.matcherId);
    // Back to the default: the build's data again, the compiled form gone.
    await packs.setEnabled('impeachment-inquiry-2019', false);
    expect((await packs.current()).matcherId).toBeNull();
    expect(browser.storage.local.data.has(PACKS_COMPILED_KEY)).toBe(false);
    expect(await packs.setEnabled('no-such-pack', true)).toBe(false);
  });

  it('where content scripts could write storage (Firefox), keeps no compiled form and trusts none', async () => {
    const open = (): PackStore =>
      new PackStore(
        { cards: builtInCards, search: builtInSearch },
        browser.storage.local as never,
        () => {},
        async () => false,
      );
    const packs = open();
    await packs.setEnabled('impeachment-inquiry-2019', true);
    const id = (await packs.current()).matcherId;
    expect(browser.storage.local.data.has(PACKS_COMPILED_KEY)).toBe(false);
    // A compiled form written by someone else, under the right key, is not read: the packs are
    // compiled from their files.
    await store().current();
    const key = (browser.storage.local.data.get(PACKS_COMPILED_KEY) as { key: string }).key;
    browser.storage.local.data.set(PACKS_COMPILED_KEY, {
      key,
      matcherId: 'forged',
      matcher: null,
      cards: {},
      search: [],
    });
    expect((await store().current()).matcherId).toBe('forged');
    const restarted = open();
    expect((await restarted.current()).matcherId).toBe(id);
  });

  it('every pack off finds nothing', async () => {
    const packs = store();
    await packs.setEnabled('sino-russia-2014', false);
    const active = await packs.current();
    expect(active.matcherId).toBe('none');
    expect(active.matcher!.records).toEqual([]);
  });
});

describe('importing', () => {
  it('refuses a bad file whole, with the reason, line and column, and changes nothing', async () => {
    const packs = store();
    const before = structuredClone([...browser.storage.local.data]);
    const bad = await packs.importPack(ownPack().replace('"formatVersion": 1,', '"formatVersion": 1,,'));
    expect(bad).toMatchObject({ ok: false, errors: [{ line: 3, column: expect.any(Number) }] });
    const http = await packs.importPack(
      ownPack().replace(/"url": "https:\/\/www\.cbsnews/, '"url": "http://www.cbsnews'),
    );
    expect(http.ok).toBe(false);
    expect(JSON.stringify(http)).toMatch(/story\.url.*https/);
    expect([...browser.storage.local.data]).toEqual(before);
    expect((await packs.list()).length).toBe(2);
  });

  it('imports a pack switched on; the same id is replaced only when asked, giving the old file back', async () => {
    const packs = store();
    const first = await packs.importPack(ownPack());
    expect(first).toEqual({ ok: true, id: 'my-story', previous: null });
    expect((await packs.list()).find((p) => p.id === 'my-story')).toMatchObject({ enabled: true, entities: 16 });
    expect((await packs.current()).matcherId).not.toBeNull();
    const changed = ownPack('my-story', 20);
    const asked = await packs.importPack(changed);
    expect(asked).toMatchObject({ ok: false, exists: { id: 'my-story', story: { title: 'My story my-story' } } });
    expect((await packs.list()).find((p) => p.id === 'my-story')!.entities).toBe(16);
    const replaced = await packs.importPack(changed, { replace: true });
    expect(replaced).toEqual({ ok: true, id: 'my-story', previous: ownPack() });
    expect((await packs.list()).find((p) => p.id === 'my-story')!.entities).toBe(20);
    expect(await packs.exportPack('my-story')).toBe(changed);
    // Undo: the old file back.
    await packs.importPack(ownPack(), { replace: true });
    expect((await packs.list()).find((p) => p.id === 'my-story')!.entities).toBe(16);
    // A settings export carries the settings alone: no pack, no pack's name.
    const exported = settingsFileText(await getSettings(), new Date('2026-12-07T12:00:00Z'));
    expect(exported).not.toMatch(/my-story|impeachment|pack/i);
  });

  it('refuses the id of a bundled pack, and a 51st pack', async () => {
    const packs = store();
    const bundled = await packs.importPack(SECOND);
    expect(JSON.stringify(bundled)).toMatch(/comes with the extension/);
    // 48 imported beside the two bundled ones.
    browser.storage.local.data.set(PACKS_KEY, {
      imported: Array.from({ length: 48 }, (_, j) => ({ id: `p${j}`, story: {}, entities: 1, bytes: 1, version: '1' })),
      enabled: ['sino-russia-2014'],
    });
    const full = await packs.importPack(ownPack('one-more'));
    expect(JSON.stringify(full)).toMatch(/already 50 packs/);
  });
});

describe('removing', () => {
  it('removes a pack and gives back its file and switch; importing them again undoes it', async () => {
    const packs = store();
    await packs.importPack(ownPack());
    const removed = await packs.remove('my-story');
    expect(removed).toEqual({ text: ownPack(), enabled: true });
    expect(browser.storage.local.data.has(packKey('my-story'))).toBe(false);
    expect((await packs.current()).matcherId).toBeNull();
    expect(await packs.remove('sino-russia-2014')).toBeNull();
    await packs.importPack(removed!.text, { enabled: removed!.enabled });
    expect((await packs.list()).find((p) => p.id === 'my-story')!.enabled).toBe(true);
  });

  it('exports a bundled pack as a pack file that imports under its own id only', async () => {
    const text = (await store().exportPack('impeachment-inquiry-2019'))!;
    expect(JSON.parse(text)).toMatchObject({ format: 'contextual-highlights-pack', id: 'impeachment-inquiry-2019' });
  });
});

describe('who may ask', () => {
  it('only the options page lists, switches, imports, removes and exports; any content script may have the matcher', async () => {
    const { listen } = await import('../../src/background/listen');
    listen();
    const popup = { id: fake.EXTENSION_ID, url: `chrome-extension://${fake.EXTENSION_ID}/popup/popup.html` };
    const options = { id: fake.EXTENSION_ID, url: `chrome-extension://${fake.EXTENSION_ID}/options/options.html` };
    const page = { id: fake.EXTENSION_ID, url: 'https://example.com/', tab: { id: 1 }, frameId: 0 };
    const ask = (type: string, data: unknown, sender: object) => fake.deliver({ type, data }, sender as never);
    expect(await ask('packList', {}, popup)).toEqual([]);
    expect(await ask('packSetEnabled', { id: 'impeachment-inquiry-2019', enabled: true }, page)).toBe(false);
    expect(await ask('packImport', { text: ownPack() }, popup)).toMatchObject({ ok: false });
    expect(await ask('packList', {}, options)).toHaveLength(2);
    expect(await ask('packSetEnabled', { id: 'impeachment-inquiry-2019', enabled: true }, options)).toBe(true);
    const settings = (await ask('pageSettings', { site: 'example.com' }, page)) as { packs?: string };
    expect(settings.packs).toMatch(/^p/);
    const data = (await ask('packMatcher', { id: settings.packs }, page)) as {
      id: string;
      data: { entities: unknown[] };
    };
    expect(data.id).toBe(settings.packs);
    expect(data.data.entities.length).toBeGreaterThan(60);
    expect(await ask('packMatcher', { id: 'p-old' }, page)).toBeNull();
    expect(fake.sentToTabs.some((m) => (m.message as { type: string }).type === 'settingsChanged')).toBe(true);
  });
});
