/**
 * The background with the in-memory browser: one report per live document, summed per tab for the
 * popup and the badge (security review findings 3, 4, 11 and 19: state that survives anchors,
 * pushState and the back/forward cache, removed frames that leave nothing behind, caps and a full
 * store, and reports that cannot lie about their site or their entities); messages only from our own
 * extension; cards, search, "go to it on the page" and the context menu's look-up.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import browser, { fake, type Sender } from '../fakes/browser';
import { LOOK_UP_MENU } from '../../src/background/context-menu';
import { checkReport, reportSource } from '../../src/background/report';
import { MAX_FRAMES, MAX_TAB_BYTES, TabStore, badgeText, summarize } from '../../src/background/tab-state';
import { compileCards } from '../../src/core/card-data';
import type { Dataset } from '../../src/core/dataset-types';
import type { SearchHit } from '../../src/core/search-index';
import {
  handleMessages,
  isMessage,
  isRunCommand,
  type CardContent,
  type FrameReport,
  type TabState,
} from '../../src/shared/messages';
import { tabStateKey } from '../../src/shared/storage-keys';

const dataset = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../assets/data/entities.json'), 'utf8'),
) as Dataset;
const bundle = compileCards(dataset);
const isKnown = (id: string): boolean => Object.hasOwn(bundle.cards, id);

beforeEach(() => fake.reset());
afterEach(() => vi.restoreAllMocks());

/** The background's listeners, on the (reset) fake browser. */
async function startBackground(): Promise<void> {
  const { listen } = await import('../../src/background/listen');
  listen();
}

const PAGE_A = 1_700_000_000_000.125;
const PAGE_B = 1_700_000_005_000.5;

let docs = 0;
/** A document id as a content script makes them. */
function docId(): string {
  return `doc-${String(++docs).padStart(8, '0')}`;
}

function report(doc: string, found: [string, number][], more: Partial<FrameReport> = {}): FrameReport {
  return { doc, page: PAGE_A, found, active: true, done: true, ...more };
}

/** A content script's sender: the top frame unless a frame id is given. */
function frame(tabId: number, frameId = 0, more: Partial<Sender> = {}): Sender {
  return { id: fake.EXTENSION_ID, tab: { id: tabId }, frameId, url: 'https://news.example/story', ...more };
}

async function send(type: string, data: unknown, sender?: Sender): Promise<unknown> {
  return fake.deliver({ type, data }, sender);
}

const stateOf = (tabId: number): Promise<TabState> => send('getTabState', { tabId }) as Promise<TabState>;
const idsOf = (state: TabState): [string, number][] => state.entities.map((e) => [e.id, e.count]);
/** The polyfill types a sender's tab in full; the fake's is enough for what reportSource reads. */
const sourceOf = (sender: Sender): ReturnType<typeof reportSource> => reportSource(sender as never);
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

describe('tab state', () => {
  const store = (): TabStore => new TabStore(browser.storage.session as never);
  const top = (tabId: number) => ({ tabId, frameId: 0, top: true, host: 'news.example' });
  const sub = (tabId: number, frameId: number) => ({ tabId, frameId, top: false, host: null });

  it('groups by story only when the page names entities of more than one', async () => {
    const s = store();
    const t = docId();
    await s.report(
      top(9),
      report(t, [
        ['russia', 2],
        ['vladimir-putin', 1],
        ['gazprom', 1],
      ]),
    );
    // One story: no story on any entity.
    expect(summarize(await s.get(9), bundle).entities.some((e) => e.story !== undefined)).toBe(false);
    // Gazprom as if from a second pack's story: each entity under its story, in order of appearance.
    const cbs = { ...bundle.article, publisher: 'CBS News', date: '2019-11-19' };
    const two = { ...bundle, cards: { ...bundle.cards, gazprom: { ...bundle.cards.gazprom!, article: cbs } } };
    const state = summarize(await s.get(9), two);
    expect(state.entities.map((e) => [e.id, e.story])).toEqual([
      ['russia', 'The Hindu, 2014-05-19'],
      ['vladimir-putin', 'The Hindu, 2014-05-19'],
      ['gazprom', 'CBS News, 2019-11-19'],
    ]);
  });

  it('sums a tab’s documents by type, in the order entities first appear (the top’s, then each frame’s), ignoring inactive ones', async () => {
    const s = store();
    const [t, f1, f2] = [docId(), docId(), docId()];
    await s.report(
      top(7),
      report(t, [
        ['russia', 3],
        ['vladimir-putin', 5],
        ['moscow', 1],
      ]),
    );
    await s.report(
      sub(7, 4),
      report(f1, [
        ['china', 2],
        ['xi-jinping', 1],
        ['russia', 4],
      ]),
    );
    await s.report(sub(7, 5), report(f2, [['gazprom', 9]], { active: false }));
    const state = summarize(await s.get(7), bundle);
    expect(state.host).toBe('news.example');
    expect(state.status).toBe('done');
    // Countries first (Russia appears first), then people, then places.
    expect(idsOf(state)).toEqual([
      ['russia', 7],
      ['china', 2],
      ['vladimir-putin', 5],
      ['xi-jinping', 1],
      ['moscow', 1],
    ]);
    expect(state.entities[2]).toMatchObject({ name: 'Vladimir Putin', type: 'person' });
    const related = state.entities[2]!.related;
    expect(related.map((r) => r.id)).toEqual(expect.arrayContaining(['xi-jinping', 'russia', 'china']));
    expect(related.map((r) => r.id)).not.toContain('gazprom');
    expect(related).toContainEqual({ id: 'russia', label: 'is the president of' });
    expect(state.total).toBe(16);
  });

  it('replaces a document’s earlier report, and forgets a document that is gone', async () => {
    const s = store();
    const [t, f] = [docId(), docId()];
    await s.report(top(1), report(t, [['russia', 3]]));
    await s.report(top(1), report(t, [['russia', 1]]));
    await s.report(sub(1, 3), report(f, [['china', 2]]));
    expect(summarize(await s.get(1), bundle).total).toBe(3);
    await s.gone(1, f);
    expect(idsOf(summarize(await s.get(1), bundle))).toEqual([['russia', 1]]);
    await s.gone(1, t);
    expect(browser.storage.session.data.has(tabStateKey(1))).toBe(false);
    expect(summarize(await s.get(1), bundle)).toEqual({ status: 'unavailable', host: null, entities: [], total: 0 });
  });

  it('keeps reports made at the same time (updates to one tab are serialised)', async () => {
    const s = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.report(sub(3, i + 1), report(docId(), [['china', 1]]))));
    expect(summarize(await s.get(3), bundle).total).toBe(20);
  });

  it('a new top document drops the earlier page’s frames, but not its own frames that reported first', async () => {
    const s = store();
    const [a, aFrame, bFrame, b] = [docId(), docId(), docId(), docId()];
    await s.report(top(2), report(a, [['russia', 1]]));
    await s.report(sub(2, 6), report(aFrame, [['china', 1]]));
    // B's frame reports before B's top does (frames may finish first); A's goodbyes were lost.
    await s.report(sub(2, 9), report(bFrame, [['gazprom', 2]], { page: PAGE_B }));
    // Until B's top reports, the tab still shows A.
    expect(idsOf(summarize(await s.get(2), bundle))).toEqual([
      ['russia', 1],
      ['china', 1],
    ]);
    await s.report(top(2), report(b, [['kyiv', 1]], { page: PAGE_B }));
    expect(idsOf(summarize(await s.get(2), bundle))).toEqual([
      ['kyiv', 1],
      ['gazprom', 2],
    ]);
    // A late report from A's frame is not let back in.
    await s.report(sub(2, 6), report(aFrame, [['china', 5]]));
    expect(Object.keys((await s.get(2)).frames).sort()).toEqual([b, bFrame].sort());
  });

  it('one document per frame: a frame’s new document replaces its last, should the goodbye be lost', async () => {
    const s = store();
    await s.report(top(4), report(docId(), [['russia', 1]]));
    await s.report(sub(4, 3), report(docId(), [['china', 1]]));
    await s.report(sub(4, 3), report(docId(), [['japan', 1]]));
    expect(idsOf(summarize(await s.get(4), bundle))).toEqual([
      ['russia', 1],
      ['japan', 1],
    ]);
  });

  it(`keeps at most ${MAX_FRAMES} frames and ${MAX_TAB_BYTES / 1024} KB per tab, dropping the oldest frames, never the top`, async () => {
    const s = store();
    const everything = dataset.entities.map((e) => [e.id, 99] as [string, number]);
    const t = docId();
    await s.report(top(5), report(t, [['russia', 1]]));
    for (let i = 1; i <= 150; i++) await s.report(sub(5, i), report(docId(), everything));
    const tab = await s.get(5);
    const frames = Object.values(tab.frames);
    expect(frames.length).toBeLessThanOrEqual(MAX_FRAMES);
    expect(JSON.stringify(tab).length).toBeLessThanOrEqual(MAX_TAB_BYTES);
    expect(tab.frames[t]?.top).toBe(true);
    // The newest frame is kept.
    expect(frames.some((f) => f.frameId === 150)).toBe(true);
    expect(frames.some((f) => f.frameId === 1)).toBe(false);
  });

  it('makes room in a full store by dropping the tabs written longest ago, and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let clock = 0;
    const s = new TabStore(browser.storage.session as never, () => ++clock);
    const big = dataset.entities.slice(0, 20).map((e) => [e.id, 5] as [string, number]);
    for (let tab = 100; tab < 110; tab++) await s.report(top(tab), report(docId(), big));
    // The store is now full: nothing more fits.
    browser.storage.session.quotaBytes = browser.storage.session.bytesInUse();
    await s.report(top(200), report(docId(), big));
    await s.report(top(201), report(docId(), big));
    expect(browser.storage.session.refused).toBeGreaterThan(0);
    expect(summarize(await s.get(200), bundle).entities).toHaveLength(20);
    expect(summarize(await s.get(201), bundle).entities).toHaveLength(20);
    // The oldest went first; the newest stayed.
    expect(browser.storage.session.data.has(tabStateKey(100))).toBe(false);
    expect(browser.storage.session.data.has(tabStateKey(109))).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('shows numbers on the badge: none is empty, big numbers are capped', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(42)).toBe('42');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('checking reports', () => {
  it('takes the site and the frame’s place from the browser, not from the report', () => {
    expect(sourceOf(frame(3))).toEqual({ tabId: 3, frameId: 0, top: true, host: 'news.example' });
    expect(sourceOf(frame(3, 7, { url: 'about:srcdoc' }))).toMatchObject({ top: false, host: null });
    expect(sourceOf(frame(3, 0, { url: 'file:///home/me/a.html' }))?.host).toBe('local files');
    // Chromium: the frame type decides; an activated prerender's top has another frame id.
    expect(sourceOf(frame(3, 12, { frameType: 'outermost_frame' }))?.top).toBe(true);
    expect(sourceOf(frame(3, 0, { frameType: 'fenced_frame' }))?.top).toBe(false);
    // A page being prerendered reports once shown; no tab, no report.
    expect(sourceOf(frame(3, 12, { frameType: 'outermost_frame', documentLifecycle: 'prerender' }))).toBeNull();
    expect(sourceOf({ id: fake.EXTENSION_ID, url: 'https://x.example/' })).toBeNull();
  });

  it('keeps only known entity ids with whole, sane counts', () => {
    const checked = checkReport(
      {
        doc: 'doc-12345678',
        page: PAGE_A,
        host: 'spoofed.example',
        found: [
          ['vladimir-putin', 2],
          ['constructor', 5],
          ['__proto__', 1],
          ['atlantis', 1],
          ['russia', -1],
          ['china', 1.5],
          ['japan', Number.NaN],
          ['kyiv', Number.POSITIVE_INFINITY],
          ['moscow', '3'],
          ['gazprom', 1e12],
          ['cnpc', 0],
          ['vladimir-putin', 7],
          'crimea',
          ['beijing', 1, 2],
        ],
        active: true,
        done: true,
      },
      isKnown,
    );
    expect(checked).toEqual({
      doc: 'doc-12345678',
      page: PAGE_A,
      found: [['vladimir-putin', 2]],
      active: true,
      done: true,
    });
    for (const bad of [null, 'x', { doc: 'x', page: 1, found: [] }, { doc: 'doc-12345678', page: 'now', found: [] }]) {
      expect(checkReport(bad, isKnown)).toBeNull();
    }
    expect(checkReport({ doc: 'doc-12345678', page: 1, found: {} }, isKnown)).toBeNull();
  });

  it('a spoofed report shows neither its site nor its made-up entities in the popup', async () => {
    await startBackground();
    await send(
      'report',
      {
        doc: 'doc-00000001',
        page: PAGE_A,
        host: 'spoofed.example',
        found: [
          ['constructor', 5],
          ['russia', 1000004],
        ],
        active: true,
        done: true,
      },
      frame(8),
    );
    const state = await stateOf(8);
    expect(state.host).toBe('news.example');
    expect(state.entities.map((e) => e.name)).toEqual(['Russia']);
  });
});

describe('messages', () => {
  it('answers only messages it owns, only from this extension', async () => {
    handleMessages({
      getTabState: async ({ tabId }) => ({ status: 'done', host: `tab-${tabId}`, entities: [], total: 0 }),
    });
    await expect(send('getTabState', { tabId: 2 })).resolves.toMatchObject({ host: 'tab-2' });
    await expect(send('getTabState', { tabId: 2 }, { id: 'someone-else' })).resolves.toBeUndefined();
    await expect(send('getCard', { entity: 'russia' })).resolves.toBeUndefined();
    await expect(send('bogus', {})).resolves.toBeUndefined();
  });

  it('recognises only well-formed messages', () => {
    expect(isMessage({ type: 'report', data: { doc: 'x', page: 1, found: [], active: true, done: true } })).toBe(true);
    expect(isMessage({ type: 'frameGone', data: { doc: 'x' } })).toBe(true);
    expect(isMessage({ type: 'report' })).toBe(false);
    expect(isMessage('report')).toBe(false);
    expect(isMessage(null)).toBe(false);
  });
});

describe('the background script', () => {
  it('serves cards with only what the card shows', async () => {
    await startBackground();
    const card = (await send('getCard', { entity: 'dmitry-rogozin' })) as CardContent;
    const rogozin = dataset.entities.find((e) => e.id === 'dmitry-rogozin')!;
    expect(Object.keys(card).sort()).toEqual(
      [
        'article',
        'dataset',
        'id',
        'inArticle',
        'name',
        'names',
        'what',
        'why',
        'sources',
        'periods',
        'related',
        'glosses',
        'sinceThen',
        'summary',
        'type',
        'wikipedia',
      ].sort(),
    );
    expect(card.name).toBe('Dmitry Rogozin');
    expect(card.names).toEqual(rogozin.names);
    expect(card.summary).toBe(rogozin.summary);
    expect(card.sources).toEqual(rogozin.sources);
    expect(card.periods.article.every((f) => f.sources.length > 0)).toBe(true);
    expect(card.sinceThen!.items).toEqual(rogozin.sinceThen!.items);
    expect(card.dataset).toEqual({ version: dataset.version, date: dataset.date });
    // Its own relations first, then those written on the other side, each read from Rogozin.
    expect(card.related.slice(0, rogozin.related.length)).toEqual(
      rogozin.related.map((r) => expect.objectContaining({ id: r.id, label: r.label })),
    );
    const gazprom = (await send('getCard', { entity: 'gazprom' })) as CardContent;
    // With the other entity's names per language, for a card in another language.
    expect(gazprom.related).toContainEqual({
      id: 'izvestia',
      name: 'Izvestia',
      label: 'was cited as a source by',
      names: dataset.entities.find((e) => e.id === 'izvestia')!.names,
    });
    // Only own properties are entity ids.
    expect(await send('getCard', { entity: 'constructor' })).toBeNull();
    expect(await send('getCard', { entity: 'atlantis' })).toBeNull();
  });

  it('shows the number of entities (not mentions) on the badge, and tells the popup only', async () => {
    await startBackground();
    const doc = docId();
    await send(
      'report',
      report(doc, [
        ['russia', 2],
        ['china', 1],
        ['vladimir-putin', 6],
      ]),
      frame(9),
    );
    expect(fake.badge.get(9)?.text).toBe('3');
    expect((await stateOf(9)).total).toBe(9);
    // A content script may not read a tab's findings.
    const asPage = (await send('getTabState', { tabId: 9 }, frame(9))) as TabState;
    expect(asPage).toEqual({ status: 'unavailable', host: null, entities: [], total: 0 });
    // Gone (pagehide): the badge is cleared.
    await send('frameGone', { doc }, frame(9));
    expect(fake.badge.get(9)?.text).toBe('');
    expect((await stateOf(9)).status).toBe('unavailable');
  });

  it('tells the popup what it can say: loading, closed to extensions, off, still reading, done', async () => {
    await startBackground();
    fake.tabStatus.set(10, 'loading');
    expect((await stateOf(10)).status).toBe('loading');
    fake.tabStatus.set(10, 'complete');
    expect((await stateOf(10)).status).toBe('unavailable');
    const doc = docId();
    await send('report', report(doc, [], { done: false }), frame(10));
    expect(await stateOf(10)).toMatchObject({ status: 'scanning', host: 'news.example' });
    await send('report', report(doc, [['kyiv', 2]], { done: false }), frame(10));
    expect(await stateOf(10)).toMatchObject({ status: 'scanning', total: 2 });
    await send('report', report(doc, [['kyiv', 3]]), frame(10));
    expect(await stateOf(10)).toMatchObject({ status: 'done', total: 3 });
    await send('report', report(doc, [], { active: false }), frame(10));
    expect(await stateOf(10)).toMatchObject({ status: 'off', host: 'news.example', total: 0 });
  });

  it('keeps a tab’s state through an in-page anchor, pushState and the back/forward cache (finding 3)', async () => {
    await startBackground();
    const [a, aFrame] = [docId(), docId()];
    await send('report', report(a, [['russia', 2]]), frame(11));
    await send('report', report(aFrame, [['china', 1]]), frame(11, 4, { url: 'https://news.example/frame' }));
    // An anchor or pushState: the browser says 'loading' and 'complete', the top document stays
    // the same (it answers with its id), and the top may report again (a restarted run).
    fake.tabReply = (m) => ((m as { type: string }).type === 'documentId' ? a : true);
    browser.tabs.onUpdated.emit(11, { status: 'loading' });
    browser.tabs.onUpdated.emit(11, { status: 'complete' });
    await send('report', report(a, [['russia', 3]]), frame(11, 0, { url: 'https://news.example/other' }));
    await settle();
    expect(idsOf(await stateOf(11))).toEqual([
      ['russia', 3],
      ['china', 1],
    ]);
    expect(fake.badge.get(11)?.text).toBe('2');
    // Into the back/forward cache and on to B: A's documents say goodbye.
    await send('frameGone', { doc: aFrame }, frame(11, 4));
    await send('frameGone', { doc: a }, frame(11));
    const b = docId();
    await send('report', report(b, [['gazprom', 1]], { page: PAGE_B }), frame(11));
    expect(idsOf(await stateOf(11))).toEqual([['gazprom', 1]]);
    // Back: B goes, A comes back from the cache and reports again, with the same ids.
    await send('frameGone', { doc: b }, frame(11));
    await send('report', report(a, [['russia', 3]]), frame(11));
    await send('report', report(aFrame, [['china', 1]]), frame(11, 4));
    expect(idsOf(await stateOf(11))).toEqual([
      ['russia', 3],
      ['china', 1],
    ]);
    expect(fake.badge.get(11)?.text).toBe('2');
  });

  it('forgets a tab whose top document no longer answers once a page has loaded (a page closed to extensions)', async () => {
    await startBackground();
    await send('report', report(docId(), [['russia', 2]]), frame(12));
    fake.tabReply = () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    browser.tabs.onUpdated.emit(12, { status: 'complete' });
    await settle();
    expect((await stateOf(12)).status).toBe('unavailable');
    expect(fake.badge.get(12)?.text).toBe('');
  });

  it('150 frames created and removed leave one live frame and a true badge (finding 4)', async () => {
    await startBackground();
    await send('report', report(docId(), [['russia', 1]]), frame(13));
    let live = '';
    for (let i = 1; i <= 150; i++) {
      live = docId();
      await send(
        'report',
        report(live, [
          ['vladimir-putin', 1],
          ['gazprom', 1],
        ]),
        frame(13, i, { url: 'about:srcdoc' }),
      );
      if (i < 150) await send('frameGone', { doc: live }, frame(13, i));
    }
    const state = await stateOf(13);
    expect(idsOf(state)).toEqual([
      ['russia', 1],
      ['vladimir-putin', 1],
      ['gazprom', 1],
    ]);
    expect(fake.badge.get(13)?.text).toBe('3');
    expect(Object.keys((browser.storage.session.data.get(tabStateKey(13)) as { frames: object }).frames)).toHaveLength(
      2,
    );
  });

  it('routes “go to it on the page” to the tab’s top document, only for our own pages', async () => {
    await startBackground();
    // An activated prerender: its top has frame id 12.
    await send('report', report(docId(), [['russia', 2]]), frame(14, 12, { frameType: 'outermost_frame' }));
    expect(await send('revealEntity', { tabId: 14, entity: 'russia' })).toBe(true);
    expect(fake.sentToTabs.at(-1)).toEqual({
      tabId: 14,
      message: { type: 'reveal', data: { entity: 'russia' } },
      frameId: 12,
    });
    const sent = fake.sentToTabs.length;
    expect(await send('revealEntity', { tabId: 14, entity: 'russia' }, frame(14))).toBe(false);
    expect(await send('revealEntity', { tabId: 14, entity: 'constructor' })).toBe(false);
    expect(fake.sentToTabs.length).toBe(sent);
    fake.tabReply = () => {
      throw new Error('no content script');
    };
    expect(await send('revealEntity', { tabId: 14, entity: 'russia' })).toBe(false);
  });

  it('searches names and aliases for our own pages', async () => {
    await startBackground();
    const first = async (query: string): Promise<SearchHit | undefined> =>
      ((await send('search', { query })) as SearchHit[])[0];
    expect(await first('kiev')).toMatchObject({ id: 'kyiv', matched: 'Kiev' });
    expect(await first('Lugansk')).toMatchObject({ id: 'luhansk', matched: 'Lugansk' });
    expect(await first('普京')).toMatchObject({ id: 'vladimir-putin', matched: '普京' });
    expect(await send('search', { query: 'kiev' }, frame(1))).toEqual([]);
  });
});

describe('the highlight styles', () => {
  const TOKEN = 'k3x9q2m7zz';
  const page = (site: string, more: Partial<Sender> = {}): Sender =>
    frame(4, 0, { url: `https://${site}/story`, tab: { id: 4, url: `https://${site}/story` } as never, ...more });

  it('go into a content script’s own frame under the token it sends, with the page’s settings, and come out again', async () => {
    await startBackground();
    const reply = (await send('insertStyles', { token: TOKEN, site: 'news.example' }, page('news.example'))) as {
      page: { paint: boolean };
      inserted: boolean;
    };
    expect(reply).toMatchObject({ inserted: true, colours: {}, page: { paint: true, highlightStyle: 'background' } });
    // Nothing a frame has no need of: where the reader switched highlights off, or syncs.
    expect(Object.keys(reply.page).sort()).toEqual(
      [
        'enabledTypes',
        'firstMentionOnly',
        'highlightStyle',
        'hoverDelayMs',
        'mutedEntities',
        'pageMarkers',
        'paint',
        'typeColors',
      ].sort(),
    );
    expect(fake.styles).toHaveLength(1);
    expect(fake.styles[0]!.target).toEqual({ tabId: 4, frameIds: [0] });
    expect(fake.styles[0]!.css).toContain(`::highlight(contextual-highlights-${TOKEN}-person)`);
    expect(fake.styles[0]!.css).not.toMatch(/contextual-highlights-person\b/);
    // Nothing is kept per install: a token is the document's own.
    expect([...browser.storage.local.data.keys()]).not.toContain('installToken');
    expect(await send('removeStyles', { token: TOKEN, colours: {} }, page('news.example'))).toBe(true);
    expect(fake.styles[0]!.removed).toBe(true);
  });

  it('write the reader’s colours into the rules, and take out exactly what went in (F4)', async () => {
    await startBackground();
    browser.storage.local.data.set('settings', { version: 2, typeColors: { place: '#ffd700' } });
    const reply = await send('insertStyles', { token: TOKEN, site: 'news.example' }, page('news.example'));
    expect(reply).toMatchObject({ inserted: true, colours: { place: '#ffd700' } });
    expect(fake.styles[0]!.css).toContain('background-color: rgb(255 215 0)');
    expect(fake.styles[0]!.css).not.toMatch(/var\(|--contextual/);
    expect(await send('removeStyles', { token: TOKEN, colours: {} }, page('news.example'))).toBe(true);
    expect(fake.styles[0]!.removed).toBe(false);
    expect(await send('removeStyles', { token: TOKEN, colours: { place: '#ffd700' } }, page('news.example'))).toBe(
      true,
    );
    expect(fake.styles[0]!.removed).toBe(true);
  });

  it('put them in only on a site where highlights are on, the site told by the browser, not the script', async () => {
    await startBackground();
    await send('changeSettings', { kind: 'site', host: 'www.off.example', enabled: false });
    const ask = (site: string, sender: Sender): Promise<unknown> =>
      send('insertStyles', { token: TOKEN, site }, sender);
    expect(await ask('off.example', page('off.example'))).toMatchObject({ inserted: false, page: { paint: false } });
    expect(await ask('off.example', page('www.off.example'))).toMatchObject({
      inserted: false,
      page: { paint: false },
    });
    // A script that claims another site is answered for its own.
    expect(await ask('news.example', page('off.example'))).toMatchObject({ inserted: false, page: { paint: false } });
    // A frame inside a page belongs to the page's site.
    const inner = page('off.example', { frameId: 3, url: 'https://widgets.example/frame' });
    expect(await ask('widgets.example', inner)).toMatchObject({ inserted: false, page: { paint: false } });
    expect(fake.styles).toHaveLength(0);
    expect(await ask('news.example', page('news.example'))).toMatchObject({ inserted: true, page: { paint: true } });
    await send('changeSettings', { kind: 'everywhere', enabled: false });
    expect(await ask('news.example', page('news.example'))).toMatchObject({ inserted: false, page: { paint: false } });
    expect(fake.styles).toHaveLength(1);
  });

  it('refuse a token that is not one, say when a frame cannot be styled, and answer no other extension', async () => {
    await startBackground();
    expect(await send('insertStyles', { token: 'x"){}*{', site: 'news.example' }, page('news.example'))).toMatchObject({
      inserted: false,
    });
    fake.failStyles = true;
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    expect(await send('insertStyles', { token: TOKEN, site: 'news.example' }, page('news.example'))).toMatchObject({
      inserted: false,
    });
    expect(debug).toHaveBeenCalledWith('[contextual-highlights] styles not inserted', expect.any(Error));
    // Not for our own pages (no frame to style), nor for another extension.
    expect(await send('insertStyles', { token: TOKEN, site: 'news.example' })).toMatchObject({ inserted: false });
    const other = { id: 'another-extension', tab: { id: 1 }, frameId: 0 };
    expect(await send('insertStyles', { token: TOKEN, site: 'x' }, other)).toBeUndefined();
  });

  it('tells every tab when the settings change, so that each frame asks for its site’s', async () => {
    await startBackground();
    fake.openTabs = [{ id: 1 }, { id: 2 }];
    const sent = fake.sentToTabs.length;
    await send('changeSettings', { kind: 'everywhere', enabled: false });
    await settle();
    const told = fake.sentToTabs.slice(sent).filter((m) => (m.message as { type: string }).type === 'settingsChanged');
    expect(told.map((m) => m.tabId).sort()).toEqual([1, 2]);
    expect(await send('pageSettings', { site: 'news.example' }, page('news.example'))).toMatchObject({ paint: false });
  });
});

describe('the popup’s switches', () => {
  const stored = (): Record<string, unknown> => browser.storage.local.data.get('settings') as Record<string, unknown>;

  it('are written by the background, one after another, only for our own pages', async () => {
    await startBackground();
    // Clicked in quick succession: neither write is lost.
    const done = await Promise.all([
      send('changeSettings', { kind: 'site', host: 'www.news.example', enabled: false }),
      send('changeSettings', { kind: 'type', type: 'person', enabled: false }),
      send('changeSettings', { kind: 'muted', entity: 'russia', muted: true }),
      send('changeSettings', { kind: 'everywhere', enabled: false }),
    ]);
    expect(done).toEqual([true, true, true, true]);
    expect(stored()).toMatchObject({
      enabled: false,
      disabledSites: ['news.example'],
      mutedEntities: ['russia'],
    });
    expect(stored().enabledTypes).not.toContain('person');
    await send('changeSettings', { kind: 'muted', entity: 'russia', muted: false });
    expect(stored().mutedEntities).toEqual([]);
  });

  it('refuse content scripts and anything that is not a switch', async () => {
    await startBackground();
    expect(await send('changeSettings', { kind: 'everywhere', enabled: false }, frame(1))).toBe(false);
    for (const bad of [
      { kind: 'everywhere', enabled: 'no' },
      { kind: 'type', type: 'weapon', enabled: false },
      { kind: 'site', host: '', enabled: false },
      { kind: 'muted', entity: 'constructor', muted: true },
      { kind: 'sync', enabled: true },
    ]) {
      expect(await send('changeSettings', bad), JSON.stringify(bad)).toBe(false);
    }
    expect(browser.storage.local.data.has('settings')).toBe(false);
  });
});

describe('the context menu’s look-up', () => {
  it('is one item on selected text, sent to the frame the text was selected in', async () => {
    await startBackground();
    await settle();
    expect(fake.menus.get(LOOK_UP_MENU)).toMatchObject({
      title: 'Look up in Contextual Highlights',
      contexts: ['selection'],
    });
    await send('report', report(docId(), [['russia', 1]]), frame(15));
    await send('report', report(docId(), [['china', 1]]), frame(15, 3, { url: 'https://news.example/f' }));
    fake.tabReply = (m) => ((m as { type: string }).type === 'lookUp' ? 'xi-jinping' : null);
    browser.contextMenus.onClicked.emit({ menuItemId: LOOK_UP_MENU, selectionText: 'Xi', frameId: 3 }, { id: 15 });
    await settle();
    expect(fake.sentToTabs.at(-1)).toEqual({
      tabId: 15,
      message: { type: 'lookUp', data: { text: 'Xi' } },
      frameId: 3,
    });
    expect(fake.popupsOpened).toBe(0);
    // The same from our own pages (tests cannot click context menus), never from a content script.
    expect(await send('lookUpSelection', { tabId: 15, frameId: 0, text: 'President Xi' })).toBe('xi-jinping');
    expect(fake.sentToTabs.at(-1)?.frameId).toBe(0);
    expect(await send('lookUpSelection', { tabId: 15, frameId: 0, text: 'Xi' }, frame(15))).toBeNull();
  });

  it('where the page cannot show the card (switched off), the popup shows it', async () => {
    await startBackground();
    await send('report', report(docId(), [], { active: false }), frame(16));
    expect(await send('lookUpSelection', { tabId: 16, frameId: 0, text: 'the Kiev government' })).toBe('kyiv');
    expect(fake.sentToTabs).toEqual([]);
    expect(fake.popupsOpened).toBe(1);
    expect(await send('takeLookUp', { tabId: 16 })).toEqual({ text: 'the Kiev government', entity: 'kyiv' });
    // Taken once; and only by our own pages.
    expect(await send('takeLookUp', { tabId: 16 })).toBeNull();
    await send('lookUpSelection', { tabId: 16, frameId: 0, text: 'porcelain' });
    expect(await send('takeLookUp', { tabId: 16 }, frame(16))).toBeNull();
    expect(await send('takeLookUp', { tabId: 16 })).toEqual({ text: 'porcelain', entity: null });
  });

  it('in Firefox opens the popup at once in the click’s handler, when the menu knew the page cannot answer', async () => {
    await startBackground();
    await send('report', report(docId(), [], { active: false }), frame(17));
    browser.contextMenus.onShown.emit({}, { id: 17 });
    await settle();
    browser.contextMenus.onClicked.emit({ menuItemId: LOOK_UP_MENU, selectionText: '普京', frameId: 0 }, { id: 17 });
    // Synchronously: Firefox allows openPopup only while handling the click.
    expect(fake.popupsOpened).toBe(1);
    await settle();
    expect(fake.popupsOpened).toBe(1);
    expect(await send('takeLookUp', { tabId: 17 })).toEqual({ text: '普京', entity: 'vladimir-putin' });
  });
});

describe('keyboard commands', () => {
  it('reach the top frame of the tab, from the shortcut or from our own pages, and never from content scripts', async () => {
    await startBackground();
    browser.commands.onCommand.emit('next-mention', { id: 4 });
    await settle();
    expect(fake.sentToTabs).toEqual([
      { tabId: 4, message: { type: 'command', data: { name: 'next-mention' } }, frameId: 0 },
    ]);

    fake.tabReply = () => false;
    expect(await send('runCommand', { name: 'focus-card', tabId: 7 })).toBe(false);
    expect(fake.sentToTabs.at(-1)).toEqual({
      tabId: 7,
      message: { type: 'command', data: { name: 'focus-card' } },
      frameId: 0,
    });

    const contentScript = frame(7);
    const sent = fake.sentToTabs.length;
    expect(await send('runCommand', { name: 'next-mention', tabId: 7 }, contentScript)).toBe(false);
    expect(await send('runCommand', { name: 'rm -rf', tabId: 7 })).toBe(false);
    browser.commands.onCommand.emit('unknown-command', { id: 4 });
    expect(fake.sentToTabs.length).toBe(sent);
  });

  it('a run takes every page command but the toggle, which the content script keeps (a toggle given to the cards would step back)', () => {
    expect(['next-mention', 'previous-mention', 'focus-card', 'next-same'].every(isRunCommand)).toBe(true);
    expect(isRunCommand('toggle-highlights')).toBe(false);
    expect(isRunCommand('rm -rf')).toBe(false);
  });

  it('toggle the highlights in the top frame, then in every frame of the tab as the top one says', async () => {
    await startBackground();
    fake.tabReply = () => true;
    expect(await send('runCommand', { name: 'toggle-highlights', tabId: 5 })).toBe(true);
    expect(fake.sentToTabs).toEqual([
      { tabId: 5, message: { type: 'toggleHere', data: {} }, frameId: 0 },
      // No frame id: every frame.
      { tabId: 5, message: { type: 'hideHere', data: { hidden: true } }, frameId: undefined },
    ]);
    fake.sentToTabs.length = 0;
    fake.tabReply = (message) => ((message as { type: string }).type === 'toggleHere' ? false : true);
    expect(await send('runCommand', { name: 'toggle-highlights', tabId: 5 })).toBe(true);
    expect(fake.sentToTabs.at(-1)).toEqual({
      tabId: 5,
      message: { type: 'hideHere', data: { hidden: false } },
      frameId: undefined,
    });
    // A top frame that does not answer as a page does: nothing is passed on.
    fake.sentToTabs.length = 0;
    fake.tabReply = () => null;
    expect(await send('runCommand', { name: 'toggle-highlights', tabId: 5 })).toBe(false);
    expect(fake.sentToTabs.map((x) => (x.message as { type: string }).type)).toEqual(['toggleHere']);
  });
});
