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
    await import('../../src/background/main');
    const card = (await fake.deliver({ type: 'getCard', data: { entity: 'dmitry-rogozin' } })) as CardContent;
    const rogozin = dataset.entities.find((e) => e.id === 'dmitry-rogozin')!;
    // Only what the card shows crosses to the page.
    expect(Object.keys(card).sort()).toEqual(['asOf', 'inArticle', 'name', 'summary', 'type', 'wikipedia']);
    expect(card.name).toBe('Dmitry Rogozin');
    expect(card.summary).toBe(rogozin.summary);
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
