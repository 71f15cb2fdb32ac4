/**
 * The card component on a test page of its own, in an open shadow root, so that axe-core (which
 * cannot see into the closed root the extension uses on pages) can check what a screen reader
 * and a keyboard user get. Built by card-a11y.e2e.ts; the page calls renderCard(source).
 */
import { Card } from '../../../src/content/card/card';
import { cardView, type CardSource } from '../../../src/core/card-view';

declare global {
  interface Window {
    renderCard(source: CardSource, written: string): void;
  }
}

window.renderCard = (source, written) => {
  const text = document.getElementById('mention')!.firstChild as Text;
  const range = new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: text.length });
  const ignore = (): void => {};
  const card = new Card(
    document,
    { close: ignore, togglePin: ignore, step: ignore, showRelated: ignore, setMuted: ignore, hover: ignore },
    undefined,
    'open',
  );
  const view = cardView(source, {
    written,
    index: 2,
    total: 5,
    link: { href: 'https://news.example/story' },
  });
  card.show(view, { pinned: false, muted: false }, range, null);
};
