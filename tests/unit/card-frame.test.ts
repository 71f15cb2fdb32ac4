// @vitest-environment jsdom
/**
 * The card's frame without a browser: how it takes its port (only the first message with its
 * nonce), what crosses the port (each side takes only messages of the shape it expects), and the
 * card's parts as DOM (text as text; only a Wikipedia article and an ordinary web address as links).
 * Layout, focus, clicks and the frame in a real page are tested in the browsers
 * (tests/e2e/card-isolation.e2e.ts, cards.e2e.ts, card-a11y.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import { acceptPort } from '../../src/card/connect';
import { sayInEnglish, type CardView } from '../../src/core/card-view';
import { cardParts } from '../../src/shared/card-dom';
import { isFromFrame, isToFrame } from '../../src/shared/card-port';

const NONCE = '0123456789abcdef0123456789abcdef';

/** A window that hands its message listener over, to call it with made-up events. */
function fakeWindow(): { win: Pick<Window, 'addEventListener' | 'removeEventListener'>; post(e: object): void } {
  let listener: ((e: MessageEvent) => void) | null = null;
  return {
    win: {
      addEventListener: ((_: string, l: (e: MessageEvent) => void) => (listener = l)) as Window['addEventListener'],
      removeEventListener: (() => (listener = null)) as Window['removeEventListener'],
    },
    post: (e) => listener?.(e as MessageEvent),
  };
}

const port = (name: string): MessagePort => ({ name }) as unknown as MessagePort;

describe('the frame’s handshake', () => {
  it('takes the first message with its nonce and one port, and nothing before or after', async () => {
    const { win, post } = fakeWindow();
    const accepted = acceptPort(win, NONCE);
    post({ data: { nonce: 'guess' }, ports: [port('wrong nonce')] });
    post({ data: { nonce: NONCE }, ports: [] });
    post({ data: { nonce: NONCE }, ports: [port('a'), port('b')] });
    post({ data: null, ports: [port('no data')] });
    post({ data: 'text', ports: [port('text')] });
    post({ data: { nonce: NONCE }, ports: [port('ours')] });
    post({ data: { nonce: NONCE }, ports: [port('later')] });
    expect(await accepted).toEqual({ name: 'ours' });
  });

  it('never connects without a nonce of its own in its address', async () => {
    const { win, post } = fakeWindow();
    let connected = false;
    void acceptPort(win, '').then(() => (connected = true));
    post({ data: { nonce: '' }, ports: [port('empty')] });
    post({ data: {}, ports: [port('none')] });
    await new Promise((r) => setTimeout(r, 10));
    expect(connected).toBe(false);
  });
});

describe('messages across the port', () => {
  it('from the frame: sizes, hovers and the controls’ actions only', () => {
    for (const ok of [
      { type: 'size', seq: 3, height: 412, expanded: false },
      { type: 'hover', inside: true },
      { type: 'act', action: { name: 'close' } },
      { type: 'act', action: { name: 'back' } },
      { type: 'act', action: { name: 'step', delta: -1 } },
      { type: 'act', action: { name: 'related', id: 'gazprom' } },
      { type: 'act', action: { name: 'mute', muted: true } },
    ]) {
      expect(isFromFrame(ok), JSON.stringify(ok)).toBe(true);
    }
    for (const bad of [
      null,
      'size',
      { type: 'size', seq: 1.5, height: 10, expanded: false },
      { type: 'size', seq: 1, height: 10 },
      { type: 'size', seq: 1, height: -1, expanded: true },
      { type: 'act', action: { name: 'step', delta: 2 } },
      { type: 'act', action: { name: 'navigate', url: 'https://evil.example/' } },
      { type: 'hover', inside: 'yes' },
      { type: 'focus' },
    ]) {
      expect(isFromFrame(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('to the frame: drawings, focus and the guard only', () => {
    expect(isToFrame({ type: 'guard', ms: 500 })).toBe(true);
    expect(isToFrame({ type: 'focus' })).toBe(true);
    expect(isToFrame({ type: 'note', seq: 1, text: 'No match', look: { dark: false, dir: 'ltr' } })).toBe(true);
    expect(isToFrame({ type: 'note', seq: 1, text: 7, look: {} })).toBe(false);
    expect(isToFrame({ type: 'card', seq: 1, view: null, state: {}, look: {} })).toBe(false);
    expect(isToFrame({ type: 'eval', code: '1' })).toBe(false);
  });
});

const view: CardView = {
  id: 'kyiv',
  kind: 'Place',
  kicker: 'Place · as of 19 May 2014',
  title: 'Kyiv <img src=x onerror=alert(1)>',
  writtenAs: 'Written here as “Kiev”',
  bridge: null,
  what: 'Ukraine’s capital.',
  why: 'Where the new government sat.',
  then: null,
  now: { label: 'Now (April 2022):', text: 'x' },
  story: { text: 'From The Hindu', label: 'The story', href: 'https://www.thehindu.com/a' },
  report: { label: 'In The Hindu’s report', text: 'Named once.', more: 'More text.', sources: 'Sources: Reuters' },
  sections: [
    { period: 'since', heading: 'Since then, to October 2025', facts: [{ date: '2022', text: 'x', sources: '' }] },
  ],
  related: [{ id: 'ukraine', name: 'Ukraine', label: 'is the capital of' }],
  position: 'Mention 1 of 1 on this page',
  canStep: false,
  link: { href: 'https://en.wikipedia.org/wiki/Kyiv', label: 'Read more on Wikipedia' },
  pageLink: { href: 'https://news.example/live', label: 'Open the page’s link (news.example)' },
  footer: 'Facts to October 2025 · checked December 2026',
  footerTitle: 'Dataset 1.3.0, checked 7 December 2026',
  announcement: 'Kyiv, place: card open.',
};

describe('the card’s parts', () => {
  const parts = (v: CardView) => cardParts(document, v, { say: sayInEnglish, titleId: 't', onRelated: () => {} });

  it('puts data in as text, never as markup', () => {
    const p = parts(view);
    expect(p.title.textContent).toBe(view.title);
    expect(p.title.querySelector('img')).toBeNull();
    expect(p.title.id).toBe('t');
  });

  it('links to Wikipedia only for an article of one of its editions', () => {
    expect(parts(view).wikipedia?.href).toBe('https://en.wikipedia.org/wiki/Kyiv');
    expect(parts(view).wikipedia?.rel).toBe('noopener noreferrer');
    for (const href of ['https://evil.example/wiki/Kyiv', 'http://en.wikipedia.org/wiki/Kyiv', 'javascript:alert(1)']) {
      expect(parts({ ...view, link: { ...view.link, href } }).wikipedia, href).toBeNull();
    }
  });

  it('offers the page’s own link only to a web address, opened where the page is, without a referrer', () => {
    const link = parts(view).pageLink!;
    expect([link.href, link.target, link.rel, link.textContent]).toEqual([
      'https://news.example/live',
      '_top',
      'noreferrer',
      'Open the page’s link (news.example)',
    ]);
    expect(parts({ ...view, pageLink: { href: 'javascript:alert(1)', label: 'x' } }).pageLink).toBeNull();
    expect(parts({ ...view, pageLink: null }).pageLink).toBeNull();
  });
});

describe('the story line', () => {
  const parts = (v: CardView) => cardParts(document, v, { say: sayInEnglish, titleId: 't', onRelated: () => {} });

  it('links to the article only at an https address, in a new tab', () => {
    const a = parts(view).story.querySelector('a')!;
    expect([a.href, a.target, a.rel]).toEqual(['https://www.thehindu.com/a', '_blank', 'noopener noreferrer']);
    const plain = parts({ ...view, story: { ...view.story, href: null } }).story;
    expect(plain.querySelector('a')).toBeNull();
    expect(plain.textContent).toBe('From The Hindu');
  });
});
