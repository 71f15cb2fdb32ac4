// @vitest-environment jsdom
/**
 * What a document reports to the background: its mentions per entity, the entities in the order
 * they first appear in the document, whatever order the page was read in (a scrolled page reads
 * what is on screen first; changes are read again later) and as mentions come and go.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MentionStore, type Mention, type PaintSink } from '../../src/content/mention-store';
import { PageScanner } from '../../src/content/read/scanner';
import { Slicer } from '../../src/content/read/slicer';
import { smallMatcher as m } from './fixtures/content';

const sink: PaintSink = { show: (_: Mention) => {}, hide: (_: Mention) => {} };

async function read(store: MentionStore, root: Node): Promise<void> {
  const scanner = new PageScanner({ matcher: m, store, page: {}, walk: {}, commit: () => store.settle() });
  const slicer = new Slicer();
  slicer.begin();
  await scanner.scan(root, { slicer, signal: new AbortController().signal, skipRead: false });
  slicer.end();
}

afterEach(() => document.body.replaceChildren());

describe('the frame report', () => {
  it('lists entities in the order they first appear in the document, with their counts', async () => {
    document.body.innerHTML = '<p>Moscow.</p><p>Putin and Xi Jinping in Moscow.</p><p>China and Putin.</p>';
    const store = new MentionStore(m, sink);
    await read(store, document.body);
    expect(store.foundInOrder()).toEqual([
      ['moscow', 2],
      ['vladimir-putin', 2],
      ['xi-jinping', 1],
      ['china', 1],
    ]);
    expect(Object.fromEntries(store.foundInOrder())).toEqual(store.countsById());
  });

  it('keeps document order when the end of the page is read first (a scrolled page)', async () => {
    document.body.innerHTML = '<p id="a">Xi Jinping.</p><p id="b">Moscow, then Putin.</p><p id="c">Putin.</p>';
    const store = new MentionStore(m, sink);
    await read(store, document.getElementById('c')!);
    await read(store, document.getElementById('b')!);
    expect(store.foundInOrder().map(([id]) => id)).toEqual(['moscow', 'vladimir-putin']);
    await read(store, document.getElementById('a')!);
    expect(store.foundInOrder().map(([id]) => id)).toEqual(['xi-jinping', 'moscow', 'vladimir-putin']);
  });

  it('finds the new first mention when the first one leaves the page', async () => {
    document.body.innerHTML = '<p id="a">Putin.</p><p id="b">Moscow.</p><p id="c">Putin again.</p>';
    const store = new MentionStore(m, sink);
    await read(store, document.body);
    expect(store.foundInOrder()).toEqual([
      ['vladimir-putin', 2],
      ['moscow', 1],
    ]);
    const a = document.getElementById('a')!;
    store.removeUnder(a);
    a.remove();
    expect(store.foundInOrder()).toEqual([
      ['moscow', 1],
      ['vladimir-putin', 1],
    ]);
    store.clear();
    expect(store.foundInOrder()).toEqual([]);
  });
});
