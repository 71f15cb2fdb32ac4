/**
 * The background's bookkeeping with the in-memory browser: per-tab, per-frame reports summed for
 * the popup and the badge; messages only from our own extension; cards from the bundled data.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import browser, { fake } from '../fakes/browser';
import { TabStore, badgeText, summarize } from '../../src/background/tab-state';
import { compileCards } from '../../src/core/card-data';
import type { Dataset } from '../../src/core/dataset-types';
import { handleMessages, isMessage, type CardContent } from '../../src/shared/messages';

const dataset = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../assets/data/entities.json'), 'utf8'),
) as Dataset;
const bundle = compileCards(dataset);

beforeEach(() => fake.reset());

/** The background's listeners, on the (reset) fake browser. */
async function startBackground(): Promise<void> {
  const { listen } = await import('../../src/background/listen');
  listen();
}

describe('tab state', () => {
  it('sums the frames of a tab, most mentioned first, ignoring inactive frames', async () => {
    const store = new TabStore(browser.storage.session as never);
    await store.report(7, 0, { host: 'news.example', counts: { russia: 3, 'vladimir-putin': 5 }, active: true });
    await store.report(7, 4, { host: 'news.example', counts: { russia: 4 }, active: true });
    await store.report(7, 5, { host: 'news.example', counts: { china: 9 }, active: false });
    const state = summarize(await store.get(7), bundle);
    expect(state.host).toBe('news.example');
    expect(state.entities.map((e) => [e.id, e.count])).toEqual([
      ['russia', 7],
      ['vladimir-putin', 5],
    ]);
    expect(state.entities[1]).toMatchObject({ name: 'Vladimir Putin', type: 'person' });
    expect(state.total).toBe(12);
  });

  it('replaces a frame’s earlier report and forgets a closed tab', async () => {
    const store = new TabStore(browser.storage.session as never);
    await store.report(1, 0, { host: 'a.example', counts: { russia: 3 }, active: true });
    await store.report(1, 0, { host: 'a.example', counts: { russia: 1 }, active: true });
    expect(summarize(await store.get(1), bundle).total).toBe(1);
    await store.clear(1);
    expect(summarize(await store.get(1), bundle)).toEqual({ host: null, entities: [], total: 0 });
  });

  it('keeps reports made at the same time (updates to one tab are serialised)', async () => {
    const store = new TabStore(browser.storage.session as never);
    await Promise.all(
      Array.from({ length: 20 }, (_, frame) =>
        store.report(3, frame, { host: 'h', counts: { china: 1 }, active: true }),
      ),
    );
    expect(summarize(await store.get(3), bundle).total).toBe(20);
  });

  it('shows counts on the badge: none is empty, big numbers are capped', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(42)).toBe('42');
    expect(badgeText(1000)).toBe('999+');
  });
});

describe('messages', () => {
  it('answers only messages it owns, only from this extension', async () => {
    handleMessages({ getTabState: async ({ tabId }) => ({ host: `tab-${tabId}`, entities: [], total: 0 }) });
    await expect(fake.deliver({ type: 'getTabState', data: { tabId: 2 } })).resolves.toEqual({
      host: 'tab-2',
      entities: [],
      total: 0,
    });
    await expect(
      fake.deliver({ type: 'getTabState', data: { tabId: 2 } }, { id: 'someone-else' }),
    ).resolves.toBeUndefined();
    await expect(fake.deliver({ type: 'getCard', data: { entity: 'russia' } })).resolves.toBeUndefined();
    await expect(fake.deliver({ type: 'bogus', data: {} })).resolves.toBeUndefined();
  });

  it('recognises only well-formed messages', () => {
    expect(isMessage({ type: 'report', data: { host: 'x', counts: {}, active: true } })).toBe(true);
    expect(isMessage({ type: 'report' })).toBe(false);
    expect(isMessage('report')).toBe(false);
    expect(isMessage(null)).toBe(false);
  });
});

describe('the background script', () => {
  it('serves cards, keeps the badge per tab, and clears a tab on navigation', async () => {
    await startBackground();
    const card = (await fake.deliver({ type: 'getCard', data: { entity: 'dmitry-rogozin' } })) as CardContent;
    const rogozin = dataset.entities.find((e) => e.id === 'dmitry-rogozin')!;
    // Only what the card shows crosses to the page (no aliases, no matching rules).
    expect(Object.keys(card).sort()).toEqual(
      [
        'article',
        'dataset',
        'id',
        'inArticle',
        'name',
        'periods',
        'related',
        'sinceThen',
        'summary',
        'type',
        'wikipedia',
      ].sort(),
    );
    expect(card.name).toBe('Dmitry Rogozin');
    expect(card.summary).toBe(rogozin.summary);
    expect(card.dataset).toEqual({ version: dataset.version, date: dataset.date });
    expect(card.related.map((r) => r.id)).toEqual(rogozin.related);
    // Only own properties are entity ids.
    expect(await fake.deliver({ type: 'getCard', data: { entity: 'constructor' } })).toBeNull();
    expect(await fake.deliver({ type: 'getCard', data: { entity: 'atlantis' } })).toBeNull();

    const sender = { id: fake.EXTENSION_ID, tab: { id: 9 }, frameId: 0 };
    await fake.deliver(
      { type: 'report', data: { host: 'n.example', counts: { russia: 2, china: 1 }, active: true } },
      sender,
    );
    expect(fake.badge.get(9)?.text).toBe('3');
    const state = (await fake.deliver({ type: 'getTabState', data: { tabId: 9 } })) as { total: number };
    expect(state.total).toBe(3);
    // A content script may not read another tab's findings.
    const asPage = (await fake.deliver({ type: 'getTabState', data: { tabId: 9 } }, sender)) as { total: number };
    expect(asPage.total).toBe(0);

    browser.tabs.onUpdated.emit(9, { status: 'loading' });
    await new Promise((r) => setTimeout(r, 10));
    expect(((await fake.deliver({ type: 'getTabState', data: { tabId: 9 } })) as { total: number }).total).toBe(0);
  });
});

describe('keyboard commands', () => {
  it('reach the top frame of the tab, from the shortcut or from our own pages, and never from content scripts', async () => {
    await startBackground();
    browser.commands.onCommand.emit('next-mention', { id: 4 });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.sentToTabs).toEqual([
      { tabId: 4, message: { type: 'command', data: { name: 'next-mention' } }, frameId: 0 },
    ]);

    fake.tabReply = () => false;
    expect(await fake.deliver({ type: 'runCommand', data: { name: 'focus-card', tabId: 7 } })).toBe(false);
    expect(fake.sentToTabs.at(-1)).toEqual({
      tabId: 7,
      message: { type: 'command', data: { name: 'focus-card' } },
      frameId: 0,
    });

    const contentScript = { id: fake.EXTENSION_ID, tab: { id: 7 }, frameId: 0, url: 'https://news.example/' };
    const sent = fake.sentToTabs.length;
    expect(await fake.deliver({ type: 'runCommand', data: { name: 'next-mention', tabId: 7 } }, contentScript)).toBe(
      false,
    );
    expect(await fake.deliver({ type: 'runCommand', data: { name: 'rm -rf', tabId: 7 } })).toBe(false);
    browser.commands.onCommand.emit('unknown-command', { id: 4 });
    expect(fake.sentToTabs.length).toBe(sent);
  });
});
