// @vitest-environment jsdom
/**
 * The content script's state without a browser: the mention store (the hinge between reading and
 * painting), the paint window (what is registered, and when), mutation batching and slicing. Parts
 * a browser provides (the highlight registry, IntersectionObserver) are injected fakes here
 * (fixtures/content.ts); the end-to-end suites check them for real.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MentionStore, type Mention, type PaintSink } from '../../src/content/mention-store';
import { writtenText } from '../../src/content/mention-text';
import loadMatcherData from 'virtual:matcher-data';
import { createMatcher, loadMatcher, type Matcher } from '../../src/core/matcher-data';
import type { Dataset } from '../../src/core/dataset-types';
import { QUOTE_MAX, quotable } from '../../src/core/quotable';
import { PaintFilter } from '../../src/content/paint/paint-filter';
import { PAINT_ALL_LIMIT, PaintWindow, type PaintWindowOptions } from '../../src/content/paint/paint-window';
import { Painter } from '../../src/content/paint/painter';
import { MutationWatcher, type ChangeBatch } from '../../src/content/read/mutation-watcher';
import { scanDocument } from '../../src/content/read/scan-document';
import { PageScanner } from '../../src/content/read/scanner';
import { Run } from '../../src/content/run';
import { Slicer } from '../../src/content/read/slicer';
import { highlightName } from '../../src/core/highlight-css';
import {
  FakeHighlight,
  FakeNear,
  RecordingPainter,
  fakeRegistry,
  mentionText,
  smallMatcher as m,
  textOf,
} from './fixtures/content';

/** A sink that keeps the shown mentions. */
class ShownSet implements PaintSink {
  readonly shown = new Set<Mention>();
  show(x: Mention): void {
    this.shown.add(x);
  }
  hide(x: Mention): void {
    this.shown.delete(x);
  }
  texts(): string[] {
    return [...this.shown].map(mentionText).sort();
  }
}

/** Reads `root` into `store` the way the content script does (sliced, committing after each slice). */
async function scanInto(
  store: MentionStore,
  root: Node,
  options: { sliceMs?: number; commit?: () => void; signal?: AbortSignal; matcher?: Matcher } = {},
): Promise<Slicer> {
  const scanner = new PageScanner({
    matcher: options.matcher ?? m,
    store,
    page: {},
    walk: {},
    commit: options.commit ?? (() => store.settle()),
  });
  const slicer = new Slicer('user-visible', options.sliceMs);
  slicer.begin();
  await scanner.scan(root, { slicer, signal: options.signal ?? new AbortController().signal, skipRead: false });
  slicer.end();
  return slicer;
}

/**
 * Two story packs give "Xi" to different entities: Xi Jinping's (a person) counts only with him
 * named on the page; the other pack's (a river, a place) has no rule.
 */
function xiMatcher(): Matcher {
  return createMatcher({
    entities: [
      {
        id: 'xi-jinping',
        type: 'person',
        names: { en: 'Xi Jinping' },
        aliases: ['Xi Jinping', { text: 'Xi', when: ['xi-jinping'] }],
        related: [],
      },
      { id: 'xi-river', type: 'place', names: { en: 'Xi River' }, aliases: ['Xi'], related: [] },
    ],
  } as unknown as Dataset);
}

/** A run over this document with the small matcher and no settings of note. */
function testRun(): Run {
  return new Run({
    doc: document,
    matcher: m,
    startedAt: performance.now(),
    mode: 'background',
    loadCard: () => Promise.resolve(null),
    hoverDelayMs: () => 300,
    isMuted: () => false,
    setMuted: () => {},
    onChange: () => {},
  });
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the mention store', () => {
  it('shows what it stores and forgets what leaves the page', async () => {
    document.body.innerHTML = '<p id="a">Putin in Moscow.</p><p id="b">Moscow again.</p>';
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    await scanInto(store, document.body);
    expect(sink.texts()).toEqual(['Moscow', 'Moscow', 'Putin']);
    expect(store.countsById()).toEqual({ 'vladimir-putin': 1, moscow: 2 });

    const b = document.getElementById('b')!;
    store.removeUnder(b);
    expect(sink.texts()).toEqual(['Moscow', 'Putin']);
    expect(store.countsById()).toEqual({ 'vladimir-putin': 1, moscow: 1 });
    store.removeAt(document.getElementById('a')!.firstChild as Text);
    expect(sink.shown.size).toBe(0);
    expect(store.all.size).toBe(0);
  });

  it('shows a bare "Xi" only while the page names Xi Jinping, and re-decides when that changes', async () => {
    document.body.innerHTML = '<p>Xi arrived.</p><p id="full">Later: Xi Jinping spoke.</p>';
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    await scanInto(store, document.body);
    expect(sink.texts()).toEqual(['Xi', 'Xi Jinping']);

    const before = store.version;
    store.removeUnder(document.getElementById('full')!);
    store.settle();
    expect(sink.texts()).toEqual([]);
    expect(store.all.size).toBe(1); // the conditional "Xi" stays stored, waiting for support
    expect(store.version).toBeGreaterThan(before);
  });

  it('gives a shared alias to the next entity while the first one’s rule fails, and back', async () => {
    // Two story packs give "Xi" to different entities: Xi Jinping's counts only with him named on
    // the page; the other pack's (a river, say) has no rule.
    const shared = xiMatcher();
    document.body.innerHTML = '<p id="bare">Xi arrived.</p><p id="full">Later: Xi Jinping spoke.</p>';
    const sink = new ShownSet();
    const store = new MentionStore(shared, sink);
    await scanInto(store, document.body, { matcher: shared });
    expect(store.countsById()).toEqual({ 'xi-jinping': 2 });

    store.removeUnder(document.getElementById('full')!);
    store.settle();
    // The same mention, now the river's: hidden as the one and shown as the other.
    expect(store.countsById()).toEqual({ 'xi-river': 1 });
    expect([...sink.shown].map((x) => [shared.entities[x.entity]!.id, mentionText(x)])).toEqual([['xi-river', 'Xi']]);

    const p = document.createElement('p');
    p.textContent = 'Xi Jinping is back.';
    document.body.append(p);
    await scanInto(store, p, { matcher: shared });
    expect(store.countsById()).toEqual({ 'xi-jinping': 2 });
    expect(store.foundInOrder()).toEqual([['xi-jinping', 2]]);
  });

  it('keeps "China" on a page about porcelain only where a related entity supports it', async () => {
    document.body.innerHTML = '<p>A china plate from China.</p>';
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    await scanInto(store, document.body);
    expect(sink.texts()).toEqual([]);

    const p = document.createElement('p');
    p.textContent = 'Xi Jinping visited.';
    document.body.append(p);
    await scanInto(store, p);
    expect(sink.texts()).toEqual(['China', 'Xi Jinping']);
  });

  it('reading a unit again replaces its mentions instead of adding to them', async () => {
    document.body.innerHTML = '<p>Putin and Putin.</p>';
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    await scanInto(store, document.body);
    await scanInto(store, document.body);
    expect(store.countsById()).toEqual({ 'vladimir-putin': 2 });
  });
});

// Security review F3: the card's "Written here as …" quotes the text the walker read, and nothing else.
describe('the text a card quotes', () => {
  async function quoted(html: string): Promise<[string, string | null][]> {
    document.body.innerHTML = html;
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    await scanInto(store, document.body);
    return [...store.all].map((x) => [mentionText(x), writtenText(x)]);
  }

  it.each<[string, [string, string | null][]]>([
    ['<p>Vladimir <b>Pu</b>tin spoke.</p>', [['Vladimir Putin', 'Vladimir Putin']]],
    // A name ends at an excluded element: neither its range nor its quote holds the hidden text.
    [
      '<p>Vladimir <script type="text/plain">[SECURITY NOTICE: call 555-0100]</script>Putin spoke.</p>',
      [['Putin', 'Putin']],
    ],
    ['<p>Vladimir <span><textarea hidden>INJECTED</textarea></span>Putin spoke.</p>', [['Putin', 'Putin']]],
    // Bidi controls and invisible characters the matcher reads through are not quoted.
    ['<p>Vla\u202edimir Pu\u200btin\u2066 spoke.</p>', [['Vla\u202edimir Pu\u200btin', 'Vladimir Putin']]],
    [
      '<p>Mos\u00adcow\ufeff and Mos<wbr>\u2069cow.</p>',
      [
        ['Mos\u00adcow', 'Moscow'],
        ['Mos\u2069cow', 'Moscow'],
      ],
    ],
    ['<p>Vladimir\n\t  Putin spoke.</p>', [['Vladimir\n\t  Putin', 'Vladimir Putin']]],
  ])('%s', async (html, expected) => {
    expect(await quoted(html)).toEqual(expected);
  });

  it('quotes nothing once the page changed the text under the mention', async () => {
    document.body.innerHTML = '<p id="p">Putin in Moscow.</p>';
    const store = new MentionStore(m, new ShownSet());
    await scanInto(store, document.body);
    const [putin, moscow] = [...store.all].sort((a, b) => a.startOffset - b.startOffset);
    const text = document.getElementById('p')!.firstChild as Text;
    expect([writtenText(putin!), writtenText(moscow!)]).toEqual(['Putin', 'Moscow']);
    // The same length, other letters (no rescan has happened yet).
    text.data = 'PUTIN in M\u202eoscow';
    expect([writtenText(putin!), writtenText(moscow!)]).toEqual([null, null]);
    // Shorter than the mention's offsets.
    text.data = 'Putin';
    expect([writtenText(putin!), writtenText(moscow!)]).toEqual(['Putin', null]);
    text.remove();
    expect(writtenText(putin!)).toBeNull();
  });

  it(`never quotes more than ${QUOTE_MAX} characters, whatever the page wrote, and every name whole`, async () => {
    // A name the matcher reads through 200 invisible characters and a run of 300 spaces.
    const [[said, written]] = (await quoted(`<p>Vla${'\u200b'.repeat(200)}dimir${' '.repeat(300)}Putin</p>`)) as [
      [string, string | null],
    ];
    expect(said.length).toBeGreaterThan(500);
    expect(written).toBe('Vladimir Putin');
    expect(quotable('x'.repeat(500))).toBe(`${'x'.repeat(QUOTE_MAX - 1)}…`);
    expect(quotable('Путин '.repeat(20))).toHaveLength(QUOTE_MAX);
    // A pair of surrogates is never split.
    const long = Array.from(quotable('𝐏'.repeat(QUOTE_MAX + 10)));
    expect([long.length, long.at(-2)]).toEqual([QUOTE_MAX, '𝐏']);
    // Every alias and declined form of the shipped dataset is quoted whole.
    const shipped = loadMatcher(loadMatcherData());
    const cut = shipped.records.map((r) => r.text).filter((t) => quotable(t) !== t.replace(/\s+/g, ' ').trim());
    expect(cut).toEqual([]);
  });
});

describe('the paint window', () => {
  function setUp(
    html: string,
    layout: Pick<PaintWindowOptions, 'boxOf' | 'viewportHeight'> = {},
  ): {
    painter: RecordingPainter;
    window: PaintWindow;
    filter: PaintFilter;
    store: MentionStore;
    near: FakeNear;
  } {
    document.body.innerHTML = html;
    const painter = new RecordingPainter();
    const near = new FakeNear();
    const window = new PaintWindow({
      painter,
      typeOf: (x) => m.entities[x.entity]!.type,
      doc: document,
      signal: new AbortController().signal,
      observeNear: near.observeNear,
      ...layout,
    });
    const filter: PaintFilter = new PaintFilter(window, () => store.shownMentions());
    const store = new MentionStore(m, filter);
    return { painter, window, filter, store, near };
  }

  it('paints nothing until released, then what was found, in one commit per slice', async () => {
    const { painter, window, store } = setUp('<p>Putin in Moscow.</p>');
    await scanInto(store, document.body, { commit: () => window.commit() });
    expect(painter.attached).toBe(false);
    expect(painter.texts()).toEqual([]);
    window.release();
    expect(painter.attached).toBe(true);
    expect(painter.texts()).toEqual(['Moscow', 'Putin']);
    expect([...painter.painted.values()].sort()).toEqual(['person', 'place']);
  });

  it('moves a mention to its new kind when it changes entity, and takes it out whole when it goes', async () => {
    // "Xi" is Xi Jinping's (a person) while he is named on the page, else the Xi River's (a place).
    const shared = xiMatcher();
    document.body.innerHTML = '<p>Xi arrived.</p><p id="full">Later: Xi Jinping spoke.</p>';
    const painter = new RecordingPainter();
    const window = new PaintWindow({
      painter,
      typeOf: (x) => shared.entities[x.entity]!.type,
      doc: document,
      signal: new AbortController().signal,
      observeNear: new FakeNear().observeNear,
    });
    const filter: PaintFilter = new PaintFilter(window, () => store.shownMentions());
    const store = new MentionStore(shared, filter);
    window.release();
    const commit = (): void => {
      store.settle();
      window.commit();
    };
    await scanInto(store, document.body, { matcher: shared, commit });
    const kinds = (): [string, string][] =>
      [...painter.painted].map(([r, t]): [string, string] => [textOf(r), t]).sort();
    expect(kinds()).toEqual([
      ['Xi Jinping', 'person'],
      ['Xi', 'person'],
    ]);
    store.removeUnder(document.getElementById('full')!);
    commit();
    expect(kinds()).toEqual([['Xi', 'place']]);
    store.clear();
    commit();
    expect(kinds()).toEqual([]);
  });

  it('queues changes until commit', async () => {
    const { painter, window, store } = setUp('<p>Putin.</p>');
    window.release();
    await scanInto(store, document.body, { commit: () => {} });
    expect(painter.texts()).toEqual([]);
    window.commit();
    expect(painter.texts()).toEqual(['Putin']);
    store.clear();
    expect(painter.texts()).toEqual(['Putin']);
    window.commit();
    expect(painter.texts()).toEqual([]);
  });

  it('registers what is off screen only once the first scan is over', async () => {
    const { painter, window, store } = setUp(
      Array.from({ length: 10 }, (_, i) => `<p id="p${i}">Putin ${i}</p>`).join(''),
    );
    window.release();
    window.setPriority([document.getElementById('p0')!]);
    let most = 0;
    await scanInto(store, document.body, {
      commit: () => {
        window.commit();
        most = Math.max(most, painter.painted.size);
      },
    });
    expect(most).toBe(1);
    window.scanDone();
    window.commit();
    expect(painter.painted.size).toBe(10);
  });

  it('paints at once the blocks a page scrolled to after the first slice, and still nothing else off screen', async () => {
    const { painter, window, store } = setUp(
      Array.from({ length: 10 }, (_, i) => `<p id="p${i}">Putin ${i}</p>`).join(''),
    );
    window.release();
    window.setPriority([document.getElementById('p0')!]);
    await scanInto(store, document.body, { commit: () => window.commit() });
    expect(painter.painted.size).toBe(1);
    window.addPriority([document.getElementById('p7')!]);
    window.commit();
    expect(painter.texts()).toEqual(['Putin', 'Putin']);
    expect([...painter.painted.keys()].map((r) => r.startContainer.parentElement!.id).sort()).toEqual(['p0', 'p7']);
    window.scanDone();
    window.commit();
    expect(painter.painted.size).toBe(10);
  });

  it(`above ${PAINT_ALL_LIMIT} mentions, paints the blocks a page scrolled to during the first scan`, async () => {
    const n = PAINT_ALL_LIMIT + 100;
    const { painter, window, store } = setUp(
      Array.from({ length: n }, (_, i) => `<p id="p${i}">Putin ${i}</p>`).join(''),
      { boxOf: () => ({ top: 0, bottom: 10 }), viewportHeight: () => 800 },
    );
    window.release();
    window.setPriority([document.getElementById('p0')!]);
    await scanInto(store, document.body, { commit: () => window.commit() });
    expect(painter.painted.size).toBe(1);
    window.addPriority([document.getElementById(`p${n - 1}`)!]);
    window.commit();
    expect([...painter.painted.keys()].map((r) => r.startContainer.parentElement!.id).sort()).toEqual([
      'p0',
      `p${n - 1}`,
    ]);
  });

  it(`never registers, while scanning a page of over ${PAINT_ALL_LIMIT} mentions, what is not on screen`, async () => {
    const n = PAINT_ALL_LIMIT + 100;
    const { painter, window, store } = setUp(
      Array.from({ length: n }, (_, i) => `<p id="p${i}">Putin ${i}</p>`).join(''),
      { boxOf: () => ({ top: 0, bottom: 10 }), viewportHeight: () => 800 },
    );
    const added = vi.spyOn(painter, 'add');
    window.release();
    window.setPriority([document.getElementById('p0')!]);
    await scanInto(store, document.body, { commit: () => window.commit() });
    window.scanDone();
    window.commit();
    expect(added).toHaveBeenCalledTimes(1);
    expect(painter.painted.size).toBe(1);
  });

  it(`above ${PAINT_ALL_LIMIT} mentions paints the blocks on screen, then follows what the observer reports`, async () => {
    const n = PAINT_ALL_LIMIT + 100;
    const { painter, window, store, near } = setUp(
      Array.from({ length: n }, (_, i) => `<p id="p${i}">Putin ${i}</p>`).join(''),
      // jsdom has no layout: every mention is taken to be on screen (only the blocks decide here).
      { boxOf: () => ({ top: 0, bottom: 10 }), viewportHeight: () => 800 },
    );
    window.release();
    const first = [document.getElementById('p0')!, document.getElementById('p1')!];
    window.setPriority(first);
    await scanInto(store, document.body, { commit: () => window.commit() });
    // Windowed before the observer runs: only the first screen's blocks stay painted.
    expect(painter.painted.size).toBe(2);

    await window.scanDone();
    expect(near.observed.size).toBe(n);
    const far = document.getElementById(`p${n - 1}`)!;
    near.report([
      [far, true],
      [first[0]!, false],
      [first[1]!, false],
    ]);
    expect(painter.texts()).toEqual([`Putin`]);
    expect([...painter.painted.keys()][0]!.startContainer.parentNode).toBe(far);
    // Every mention stays counted.
    expect(store.countsById()).toEqual({ 'vladimir-putin': n });
  });
});

// Security review F5: a page that passes the limit only after its first scan (a feed that grows,
// shadow roots read later) must follow the viewport as one that passed it during the first scan.
describe('windowed painting entered after the first scan', () => {
  const paragraphs = (from: number, n: number): string =>
    Array.from({ length: n }, (_, i) => `<p id="p${from + i}">Putin ${from + i}</p>`).join('');

  it('follows what the observer reports from then on, keeping what was painted until its first report', async () => {
    const first = 100;
    const painter = new RecordingPainter();
    const near = new FakeNear();
    document.body.innerHTML = `<div id="feed">${paragraphs(0, first)}</div>`;
    const window = new PaintWindow({
      painter,
      typeOf: (x) => m.entities[x.entity]!.type,
      doc: document,
      signal: new AbortController().signal,
      observeNear: near.observeNear,
      boxOf: () => ({ top: 0, bottom: 10 }),
      viewportHeight: () => 800,
    });
    const filter: PaintFilter = new PaintFilter(window, () => store.shownMentions());
    const store = new MentionStore(m, filter);
    window.release();
    window.setPriority([document.getElementById('p0')!]);
    await scanInto(store, document.body, { commit: () => window.commit() });
    await window.scanDone();
    window.commit();
    expect(painter.painted.size).toBe(first);
    expect(near.observed.size).toBe(0);

    // The feed grows past the limit, read as a rescan reads what was added.
    const more = document.createElement('div');
    more.innerHTML = paragraphs(first, PAINT_ALL_LIMIT);
    document.getElementById('feed')!.append(more);
    await scanInto(store, more, { commit: () => window.commit() });
    const total = first + PAINT_ALL_LIMIT;
    expect(store.countsById()).toEqual({ 'vladimir-putin': total });
    // Every block is watched; until the observer's first report, what was painted stays painted
    // (what the rescan registered before the limit was passed too: never more than the limit).
    expect(near.observed.size).toBe(total);
    expect(painter.painted.size).toBeGreaterThanOrEqual(first);
    expect(painter.painted.size).toBeLessThanOrEqual(PAINT_ALL_LIMIT);
    expect(new Set(painter.texts())).toEqual(new Set(['Putin']));

    // Its first report covers every block: the reader is at the end of the feed.
    const p = (i: number): Element => document.getElementById(`p${i}`)!;
    const onScreen = (from: number, to: number): [Element, boolean][] =>
      Array.from({ length: total }, (_, i) => [p(i), i >= from && i < to]);
    near.report(onScreen(total - 5, total));
    const paintedIds = (): string[] =>
      [...painter.painted.keys()].map((r) => (r.startContainer.parentNode as Element).id).sort();
    expect(paintedIds()).toEqual(['p1595', 'p1596', 'p1597', 'p1598', 'p1599']);
    // Scrolling back up: what comes near is painted, what leaves is dropped.
    near.report([
      [p(1597), false],
      [p(1598), false],
      [p(1599), false],
      [p(700), true],
    ]);
    expect(paintedIds()).toEqual(['p1595', 'p1596', 'p700']);
  });

  it('the run follows the viewport once shadow roots read after the first scan pass the limit', async () => {
    // 500 feed items, each an open shadow root holding four mentions; the hosts hold no light
    // text, so their roots are found by the search after the first scan.
    const items = 500;
    document.body.innerHTML = '<p>Top: Moscow.</p><div id="feed"></div>';
    const feed = document.getElementById('feed')!;
    for (let i = 0; i < items; i++) {
      const host = document.createElement('feed-item');
      host.attachShadow({ mode: 'open' }).innerHTML =
        `<p>Item ${i}: Vladimir Putin met Xi Jinping in Moscow; Putin left.</p>`;
      feed.append(host);
    }
    const registry = fakeRegistry();
    const observers: RecordingObserver[] = [];
    class RecordingObserver {
      readonly observed = new Set<Element>();
      constructor(private readonly onChange: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
        observers.push(this);
      }
      observe(el: Element): void {
        this.observed.add(el);
      }
      unobserve(el: Element): void {
        this.observed.delete(el);
      }
      disconnect(): void {
        this.observed.clear();
      }
      report(near: (el: Element) => boolean): void {
        this.onChange([...this.observed].map((target) => ({ target, isIntersecting: near(target) })));
      }
    }
    const saved = { Highlight: globalThis.Highlight, CSS: globalThis.CSS, IO: globalThis.IntersectionObserver };
    Object.assign(globalThis, {
      Highlight: FakeHighlight,
      CSS: { ...(globalThis.CSS ?? {}), highlights: registry },
      IntersectionObserver: RecordingObserver,
    });
    const run = testRun();
    try {
      run.setToken('k3x9q2m7zz');
      run.choosePainted({ allowed: () => true, firstOnly: false });
      run.release();
      await run.start();
      const registered = (): Set<AbstractRange>[] =>
        [...(registry as unknown as Map<string, Set<AbstractRange>>)]
          .filter(([name]) => !name.endsWith('-focus'))
          .map(([, h]) => h);
      const count = (): number => registered().reduce((n, h) => n + h.size, 0);
      const inRoots = (): Element[] => [...feed.children].map((host) => host.shadowRoot!.firstElementChild!);
      await vi.waitFor(() => expect(observers[0]?.observed.size ?? 0).toBeGreaterThan(items), { timeout: 10_000 });
      expect(observers).toHaveLength(1);
      for (const block of inRoots()) expect(observers[0]!.observed.has(block)).toBe(true);
      expect(count()).toBeLessThanOrEqual(PAINT_ALL_LIMIT);
      // What is near the viewport (items 200 to 209) is painted, and nothing else.
      const near = new Set(inRoots().slice(200, 210));
      observers[0]!.report((el) => near.has(el));
      expect(count()).toBe(40);
      for (const h of registered())
        for (const r of h) expect(near.has(r.startContainer.parentNode as Element)).toBe(true);
    } finally {
      run.stop();
      Object.assign(globalThis, { Highlight: saved.Highlight, CSS: saved.CSS, IntersectionObserver: saved.IO });
    }
  });
});

describe('the first scan of a fresh load', () => {
  it('asks whether the page scrolled itself only once the first slice has painted the top', async () => {
    // Asked before the slice, the frame that answers can come first, when there is no screen read
    // yet to follow a scroll from, and the check is lost.
    document.body.innerHTML = '<p>Vladimir Putin met Xi Jinping in Moscow.</p>';
    const registry = fakeRegistry();
    const saved = { Highlight: globalThis.Highlight, CSS: globalThis.CSS };
    Object.assign(globalThis, { Highlight: FakeHighlight, CSS: { ...(globalThis.CSS ?? {}), highlights: registry } });
    const painted = (): number =>
      [...(registry as unknown as Map<string, Set<AbstractRange>>).values()].reduce((n, h) => n + h.size, 0);
    // A fresh load: navigated to, no anchor (jsdom has no navigation entry of its own).
    const entries = vi
      .spyOn(performance, 'getEntriesByType')
      .mockImplementation((type) =>
        type === 'navigation' ? [{ type: 'navigate' } as unknown as PerformanceEntry] : [],
      );
    const paintedAtFrameRequests: number[] = [];
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => {
      paintedAtFrameRequests.push(painted());
      return 1;
    });
    const run = testRun();
    try {
      run.setToken('k3x9q2m7zz');
      run.choosePainted({ allowed: () => true, firstOnly: false });
      run.release();
      await run.start();
      expect(paintedAtFrameRequests.length).toBeGreaterThan(0);
      expect(paintedAtFrameRequests[0]).toBe(3);
    } finally {
      run.stop();
      frames.mockRestore();
      entries.mockRestore();
      Object.assign(globalThis, saved);
    }
  });
});

describe('the first slice of a fresh load', () => {
  // Ahead of them (at the highest priority) it met the page's pending work on a busy machine.
  it('runs after the page’s pending tasks, not ahead of them', async () => {
    document.body.innerHTML = '<p>Vladimir Putin met Xi Jinping in Moscow.</p>';
    const registry = fakeRegistry();
    const savedGlobals = { Highlight: globalThis.Highlight, CSS: globalThis.CSS };
    Object.assign(globalThis, { Highlight: FakeHighlight, CSS: { ...(globalThis.CSS ?? {}), highlights: registry } });
    const painted = (): number =>
      [...(registry as unknown as Map<string, Set<AbstractRange>>).values()].reduce((n, h) => n + h.size, 0);
    const entries = vi
      .spyOn(performance, 'getEntriesByType')
      .mockImplementation((type) =>
        type === 'navigation' ? [{ type: 'navigate' } as unknown as PerformanceEntry] : [],
      );
    // The priority of each task the run waits for, and how much was painted by then.
    const asked: [string, number][] = [];
    const savedScheduler = Object.getOwnPropertyDescriptor(globalThis, 'scheduler');
    Object.defineProperty(globalThis, 'scheduler', {
      configurable: true,
      value: {
        postTask: (task: () => void, options: { priority: string }) => {
          asked.push([options.priority, painted()]);
          return new Promise<void>((resolve) => setTimeout(() => resolve(task()), 0));
        },
      },
    });
    const run = testRun();
    try {
      run.setToken('k3x9q2m7zz');
      run.choosePainted({ allowed: () => true, firstOnly: false });
      run.release();
      await run.start();
      expect(painted()).toBe(3);
      expect(asked[0]).toEqual(['user-visible', 0]);
    } finally {
      run.stop();
      entries.mockRestore();
      if (savedScheduler) Object.defineProperty(globalThis, 'scheduler', savedScheduler);
      else delete (globalThis as { scheduler?: unknown }).scheduler;
      Object.assign(globalThis, savedGlobals);
    }
  });
});

describe('a long block (a paragraph with thousands of mentions)', () => {
  it('registers only the mentions on the band around the viewport, and follows scrolling', async () => {
    // One text node of 3,000 mentions; each "Putin " is 6 characters, laid out 10 px apart.
    let scroll = 0;
    const height = 100;
    const boxOf = (x: Mention): { top: number; bottom: number } => {
      const top = (x.startOffset / 6) * 10 - scroll;
      return { top, bottom: top + 10 };
    };
    document.body.innerHTML = `<p id="long">${'Putin '.repeat(3000)}</p>`;
    const painter = new RecordingPainter();
    const near = new FakeNear();
    const win = new PaintWindow({
      painter,
      typeOf: () => 'person',
      doc: document,
      signal: new AbortController().signal,
      observeNear: near.observeNear,
      boxOf,
      viewportHeight: () => height,
    });
    const filter: PaintFilter = new PaintFilter(win, () => store.shownMentions());
    const store = new MentionStore(m, filter);
    const long = document.getElementById('long')!;
    win.release();
    win.setPriority([long]);
    await scanInto(store, document.body, { commit: () => win.commit() });
    const offsets = (): number[] => [...painter.painted.keys()].map((r) => r.startOffset / 6).sort((a, b) => a - b);
    // The band is found at the next frame (measuring boxes before the page is laid out is costly).
    const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
    await frame();
    // From one screen above to one screen below: boxes from -100 to 200 px, mentions 0 to 20.
    expect(offsets()).toEqual(Array.from({ length: 21 }, (_, i) => i));

    await win.scanDone();
    near.report([[long, true]]);
    await frame();
    expect(offsets()).toEqual(Array.from({ length: 21 }, (_, i) => i));

    // Scrolled to the end of the paragraph: the band moves with the reader.
    scroll = 29_900;
    window.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50));
    expect(offsets()).toEqual(Array.from({ length: 21 }, (_, i) => 2979 + i));
    expect(store.countsById()).toEqual({ 'vladimir-putin': 3000 });
  });
});

describe('the paint filter (the reader’s choices)', () => {
  const putin = m.entities.findIndex((e) => e.id === 'vladimir-putin');
  const moscow = m.entities.findIndex((e) => e.id === 'moscow');

  async function setUp(html: string): Promise<{ sink: ShownSet; filter: PaintFilter; store: MentionStore }> {
    document.body.innerHTML = html;
    const sink = new ShownSet();
    const filter: PaintFilter = new PaintFilter(sink, () => store.shownMentions());
    const store = new MentionStore(m, filter);
    await scanInto(store, document.body);
    return { sink, filter, store };
  }

  it('paints nothing of an entity switched off, but still counts it', async () => {
    const { sink, filter, store } = await setUp('<p>Putin in Moscow, Putin again.</p>');
    filter.choose({ allowed: (e) => e !== putin, firstOnly: false });
    expect(sink.texts()).toEqual(['Moscow']);
    expect(store.countsById()).toEqual({ 'vladimir-putin': 2, moscow: 1 });
    filter.choose({ allowed: () => true, firstOnly: false });
    expect(sink.texts()).toEqual(['Moscow', 'Putin', 'Putin']);
  });

  it('with first mention only, paints the earliest of each entity, and the next when that one goes', async () => {
    const { sink, filter, store } = await setUp('<p id="a">Putin in Moscow.</p><p id="b">Putin and Moscow again.</p>');
    filter.choose({ allowed: () => true, firstOnly: true });
    const parents = (): string[] => [...sink.shown].map((x) => `${mentionText(x)}@${x.start.parentElement!.id}`).sort();
    expect(parents()).toEqual(['Moscow@a', 'Putin@a']);
    store.removeUnder(document.getElementById('a')!);
    expect(parents()).toEqual(['Moscow@b', 'Putin@b']);
    // A mention found later but earlier in the page takes over.
    const p = document.createElement('p');
    p.id = 'top';
    p.textContent = 'Moscow first.';
    document.body.prepend(p);
    await scanInto(store, p);
    expect(parents()).toEqual(['Moscow@top', 'Putin@b']);
    expect(m.entities[moscow]!.id).toBe('moscow');
  });
});

describe('the painter', () => {
  it('registers one highlight per type under the look’s name, renames on a new look, and removes all on dispose', () => {
    const registry = fakeRegistry();
    const painter = new Painter({
      doc: document,
      registry,
      newHighlight: () => new FakeHighlight() as unknown as Highlight,
    });
    // A page's own highlight under our prefix, registered before us, is not ours to touch.
    const theirs = new FakeHighlight() as unknown as Highlight;
    registry.set('contextual-highlights-person', theirs);
    expect(() => painter.attach()).toThrow(/setToken/);
    painter.setToken('k3x9q2m7zz');
    painter.attach();
    expect(registry.has(highlightName('k3x9q2m7zz', 'person'))).toBe(true);
    painter.restyle('underline');
    expect(registry.has(highlightName('k3x9q2m7zz', 'person'))).toBe(false);
    expect(registry.has(highlightName('k3x9q2m7zz', 'person', { mode: 'underline', dark: false }))).toBe(true);
    painter.dispose();
    expect([...(registry as unknown as Map<string, Highlight>)]).toEqual([['contextual-highlights-person', theirs]]);
  });
});

describe('mutation batching', () => {
  function watch(): { batches: ChangeBatch[]; stop: () => void } {
    const batches: ChangeBatch[] = [];
    const controller = new AbortController();
    const watcher = new MutationWatcher({
      doc: document,
      isOwn: (el) => el.localName === 'our-card',
      onBatch: (b) => batches.push(b),
      signal: controller.signal,
    });
    watcher.observe(document);
    return { batches, stop: () => controller.abort() };
  }
  // The observer's callback (a microtask queued by the first change) runs before this timer is set,
  // so the watcher's batch timer always comes first, however busy the machine (it did not when the
  // timer was set first: a loaded run saw no batch).
  const settle = async (): Promise<void> => {
    await null;
    await new Promise((r) => setTimeout(r, 60));
  };

  it('turns a burst of changes into one batch with the smallest blocks to read again', async () => {
    document.body.innerHTML = '<div id="feed"><p id="a">Putin</p><p id="b">Moscow</p></div>';
    const { batches, stop } = watch();
    const a = document.getElementById('a')!;
    (a.firstChild as Text).data = 'Xi Jinping';
    const added = document.createElement('p');
    added.textContent = 'new';
    document.getElementById('feed')!.append(added);
    for (let i = 0; i < 50; i++) added.append(` ${i}`);
    await settle();
    stop();
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch!.scopes).toEqual(expect.arrayContaining([a, added]));
    expect(batch!.scopes).toHaveLength(2); // the text appended inside `added` is covered by it
    expect(batch!.gone).toContain(a.firstChild);
    expect(batch!.added).toEqual([added]);
  });

  it('reads the block again when inline text is added, and ignores our own UI and the head', async () => {
    document.body.innerHTML = '<p id="p">Putin <b>met</b></p>';
    const { batches, stop } = watch();
    document.getElementById('p')!.append(document.createElement('span'));
    document.body.append(document.createElement('our-card'));
    document.head.append(document.createElement('style'));
    await settle();
    stop();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.scopes).toEqual([document.getElementById('p')]);
  });

  it('in a long block, reads again only the inline run around a change (a clock in a page of inline text)', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `<span id="s${i}">Line ${i} about Putin</span><br>`).join('');
    document.body.innerHTML = `Clock: <span id="clock">0</span><br>${lines}`;
    const { batches, stop } = watch();
    // A page's clock replaces its text node (the element's textContent), a common way to update one.
    document.getElementById('clock')!.textContent = '1';
    (document.getElementById('s50')!.firstChild as Text).data = 'Line 50 about Moscow';
    await settle();
    stop();
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch!.scopes).toEqual([]);
    const spans = batch!.spans!.map(({ span }) => [span.first.textContent, span.last.textContent]);
    expect(spans).toEqual(
      expect.arrayContaining([
        ['Clock: ', '1'],
        ['Line 50 about Moscow', 'Line 50 about Moscow'],
      ]),
    );
    expect(spans).toHaveLength(2);

    // Reading those runs again replaces their mentions and leaves the rest alone.
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    await scanInto(store, document.body);
    expect(store.countsById()).toEqual({ 'vladimir-putin': 99, moscow: 1 });
  });

  it('reads only the clock’s run when several ticks fall into one batch (a text node added, then replaced)', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `<span>Line ${i} about Putin</span><br>`).join('');
    document.body.innerHTML = `Clock: <span id="clock">0</span><br>${lines}`;
    const { batches, stop } = watch();
    const clock = document.getElementById('clock')!;
    for (let tick = 1; tick <= 3; tick++) clock.textContent = String(tick);
    await settle();
    stop();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.scopes).toEqual([]);
    expect(batches[0]!.spans!.map(({ span }) => [span.first.textContent, span.last.textContent])).toEqual([
      ['Clock: ', '3'],
    ]);
  });

  it('joins two runs when the separator between them goes', async () => {
    document.body.innerHTML = Array.from({ length: 80 }, (_, i) => `<b id="b${i}">w${i}</b><br id="br${i}">`).join('');
    const { batches, stop } = watch();
    document.getElementById('br10')!.remove();
    await settle();
    stop();
    const spans = batches[0]!.spans!.map(({ span }) => [span.first.textContent, span.last.textContent]);
    expect(spans).toEqual([['w10', 'w11']]);
  });

  it('hands over nothing after the run stops', async () => {
    document.body.innerHTML = '<p id="p">Putin</p>';
    const { batches, stop } = watch();
    document.getElementById('p')!.append('!');
    stop();
    await settle();
    expect(batches).toEqual([]);
  });
});

describe('slicing', () => {
  it('finds the same mentions whether the page is read in one slice or yields at every chance', async () => {
    document.body.innerHTML = Array.from(
      { length: 400 },
      (_, i) => `<p>${i % 3 === 0 ? 'Putin' : 'Xi Jinping'} went to ${i % 2 ? 'Moscow' : 'China'} (${i}).</p>`,
    ).join('');
    const expected = scanDocument(document, m)
      .mentions.map((x) => x.text)
      .sort();
    let commits = 0;
    const sink = new ShownSet();
    const store = new MentionStore(m, sink);
    const slicer = await scanInto(store, document.body, {
      sliceMs: 0,
      commit: () => {
        commits++;
        store.settle();
      },
    });
    expect(sink.texts()).toEqual(expected);
    // Yielding every 256 text nodes (the walker's check) plus the end: several slices.
    expect(commits).toBeGreaterThan(2);
    expect(slicer.busy).toBeGreaterThan(0);
  });

  it('stops at the next pause once its signal is aborted', async () => {
    document.body.innerHTML = Array.from({ length: 2000 }, () => '<p>Putin</p>').join('');
    const controller = new AbortController();
    const store = new MentionStore(m, new ShownSet());
    let commits = 0;
    const scan = scanInto(store, document.body, {
      sliceMs: 0,
      signal: controller.signal,
      commit: () => {
        if (++commits === 2) controller.abort(new Error('stopped'));
      },
    });
    await expect(scan).rejects.toThrow('stopped');
    expect(store.all.size).toBeLessThan(2000);
  });
});
