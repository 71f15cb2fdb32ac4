// @vitest-environment jsdom
/**
 * Options → Stories in jsdom, against the real background on the in-memory browser (its messages
 * sent as the options page sends them): each pack listed with its story line, names, size and
 * switch; a bad file refused with the reason, line and column while nothing changes; import,
 * replace only after asking (and undo), remove (and undo), the switch. jsdom has no layout: what
 * the page looks like is the e2e suite's (options.e2e.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import browser, { fake } from '../fakes/browser';
import { translator } from '../../src/shared/i18n';
import { optionsText } from '../../src/options/text';
import type { Page } from '../../src/options/page';
import { setUpStories } from '../../src/options/stories';
import type { Pack } from '../../src/core/pack';
import { PACKS_KEY } from '../../src/shared/storage-keys';

const ROOT = resolve(import.meta.dirname, '../..');
const HTML = readFileSync(resolve(ROOT, 'src/options/options.html'), 'utf8');
const SECOND = readFileSync(resolve(ROOT, 'assets/packs/impeachment-inquiry-2019.json'), 'utf8');
const OPTIONS = { id: fake.EXTENSION_ID, url: `chrome-extension://${fake.EXTENSION_ID}/options/options.html` };

/** The second bundled pack as one of the reader's own, under another id, with its first `keep` entities. */
function ownPack(keep = 16, title = 'My own story'): string {
  const pack = JSON.parse(SECOND) as Pack;
  pack.id = 'my-story';
  pack.story.title = title;
  const kept = new Set(pack.entities.slice(0, keep).map((e) => e.id));
  pack.entities = pack.entities.filter((e) => kept.has(e.id));
  for (const e of pack.entities) {
    e.related = e.related.filter((r) => kept.has(r.id));
    e.aliases = e.aliases.flatMap((a) => {
      if (typeof a === 'string' || !a.when) return [a];
      const groups = (a.when.every((g) => typeof g === 'string') ? [a.when as string[]] : (a.when as string[][])).map(
        (g) => g.filter((x) => kept.has(x)),
      );
      return groups.every((g) => g.length > 0) ? [{ ...a, when: groups }] : [];
    });
  }
  return JSON.stringify(pack, null, 2);
}

let refresh: () => Promise<void>;
const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const items = (): string[] => [...$('packs').querySelectorAll('li')].map((li) => li.textContent ?? '');
const message = (): string => $('pack-message').textContent ?? '';
const problems = (): string[] => [...$('pack-errors').querySelectorAll('li')].map((li) => li.textContent ?? '');

/** Chooses a file in the import input, as the reader does, and waits for the page to say something new. */
async function choose(name: string, text: string): Promise<void> {
  const before = message();
  const input = $<HTMLInputElement>('pack-file');
  Object.defineProperty(input, 'files', {
    value: [new File([text], name, { type: 'application/json' })],
    configurable: true,
  });
  input.dispatchEvent(new Event('change'));
  await vi.waitFor(
    () => {
      expect(message()).not.toBe(before);
      expect(message()).not.toMatch(/^Checking /);
    },
    { timeout: 10_000 },
  );
}

async function click(id: string, settle: () => void): Promise<void> {
  $(id).click();
  await vi.waitFor(settle, { timeout: 10_000 });
}

beforeAll(async () => {
  fake.reset();
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((m: unknown) => fake.deliver(m, OPTIONS as never));
  const { listen } = await import('../../src/background/listen');
  listen();
  document.documentElement.innerHTML = HTML.replace(/^<!doctype html>/i, '').replace(/<script[^>]*><\/script>/g, '');
  const say = translator(optionsText);
  const page = { doc: document, say } as unknown as Page;
  refresh = setUpStories(page);
  await refresh();
});

describe('Options → Stories', () => {
  it('lists each pack with its story line, names, size and switch, and says the limits', () => {
    expect(items()).toHaveLength(2);
    expect(items()[0]).toMatch(
      /^The Hindu, 19 May 2014: A Sino-Russia strategic embrace likely\d+ names · \d+(\.\d)? KB/,
    );
    expect(items()[1]).toMatch(/^CBS News, 19 November 2019: Key moments .*27 names/);
    const boxes = [...$('packs').querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
    expect(boxes[1]!.getAttribute('aria-label')).toMatch(/^Highlight the names of “Key moments/);
    expect($('stories-limits').textContent).toBe(
      'You can keep up to 50 packs of up to 10 MB each. Packs stay in this browser: they are not synced and not part of a settings export.',
    );
    // Bundled packs are exported, never removed.
    expect($('packs').querySelectorAll('button').length).toBe(2);
  });

  it('refuses a bad file whole, with the reason, line and column, and nothing changes', async () => {
    const before = JSON.stringify([...browser.storage.local.data]);
    await choose('broken.json', ownPack().replace('"formatVersion": 1,', '"formatVersion": 1,,'));
    expect(message()).toBe('broken.json was not imported, and nothing changed:');
    expect(problems()).toHaveLength(1);
    expect(problems()[0]).toMatch(/is not valid JSON.*\(line 3, column \d+\)$/);
    await choose('newer.json', ownPack().replace('"formatVersion": 1,', '"formatVersion": 2,'));
    expect(problems()[0]).toMatch(/formatVersion: is 2, newer than this version.*\(line 3, column 20\)$/);
    expect(JSON.stringify([...browser.storage.local.data])).toBe(before);
    expect(items()).toHaveLength(2);
  });

  it('imports a pack, switched on', async () => {
    await choose('mine.json', ownPack());
    expect(message()).toBe('Imported mine.json; its names are highlighted now.');
    await vi.waitFor(() => expect(items()).toHaveLength(3));
    expect(items()[2]).toMatch(/^CBS News, 19 November 2019: My own story16 names/);
    expect($('packs').querySelectorAll<HTMLInputElement>('input[type=checkbox]')[2]!.checked).toBe(true);
    expect(problems()).toEqual([]);
  });

  it('replaces a pack of the same id only after asking, and undoes it', async () => {
    await choose('mine-2.json', ownPack(20, 'My own story, longer'));
    expect(message()).toBe(
      'A pack “My own story, longer” (my-story) is already here. Replace it with the one in mine-2.json?',
    );
    expect($('pack-replace').hidden).toBe(false);
    expect(items()[2]).toMatch(/16 names/);
    await click('pack-replace-yes', () => expect(items()[2]).toMatch(/My own story, longer20 names/));
    expect(message()).toBe('Replaced my-story.');
    expect($('pack-undo').hidden).toBe(false);
    await click('pack-undo', () => expect(items()[2]).toMatch(/My own story16 names/));
    expect(message()).toBe('“my-story” is back as it was.');
  });

  it('keeps the pack here when the reader says so', async () => {
    await choose('mine-3.json', ownPack(18));
    await click('pack-replace-no', () => expect(message()).toBe('The pack here is kept; nothing changed.'));
    expect(items()[2]).toMatch(/16 names/);
  });

  it('removes a pack, and undoes it with its switch', async () => {
    const remove = [...$('packs').querySelectorAll('button')].find((b) => b.textContent === 'Remove')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove “My own story”');
    remove.click();
    await vi.waitFor(() => expect(items()).toHaveLength(2));
    expect(message()).toBe('Removed “My own story”.');
    await click('pack-undo', () => expect(items()).toHaveLength(3));
    expect($('packs').querySelectorAll<HTMLInputElement>('input[type=checkbox]')[2]!.checked).toBe(true);
  });

  it('switches a pack on and off through the background', async () => {
    const box = $('packs').querySelectorAll<HTMLInputElement>('input[type=checkbox]')[1]!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await vi.waitFor(() => {
      const stored = browser.storage.local.data.get(PACKS_KEY) as { enabled: string[] };
      expect(stored.enabled).toContain('impeachment-inquiry-2019');
    });
    await refresh();
    expect($('packs').querySelectorAll<HTMLInputElement>('input[type=checkbox]')[1]!.checked).toBe(true);
  });
});
