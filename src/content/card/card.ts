/**
 * The card: a small panel next to a mention with what the entity is and what the article says
 * about it. It lives in a closed shadow root under one host element, which is added to the page
 * only when a card first opens. All text goes in as text (textContent), never as HTML.
 */
import { autoUpdate, computePosition, flip, inline, offset, shift } from '@floating-ui/dom';
import type { CardContent } from '../../shared/messages';
import { firstSentence, formatMonth } from '../../core/card-text';
import { isDark } from '../../core/colors';
import { TYPE_LABEL } from '../../shared/type-labels';
import { pageBackground } from '../paint/page-colours';

export const CARD_TAG = 'contextual-highlights-card';

/** Whether an element is our own UI (the card's host): never read, never watched. */
export function isOwnElement(el: Element): boolean {
  return el.localName === CARD_TAG;
}

export type { CardContent };

const CARD_CSS = `
:host { all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647; }
.card {
  position: fixed; top: 0; left: 0; box-sizing: border-box; width: max-content; max-width: min(360px, calc(100vw - 16px));
  padding: 12px 14px; border-radius: 10px; border: 1px solid var(--line);
  background: var(--bg); color: var(--fg); box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
  --bg: #ffffff; --fg: #16181d; --muted: #545b68; --line: #d5dae2; --accent: #1f4e8c;
}
.card.dark { --bg: #1f232b; --fg: #eef1f5; --muted: #aeb6c4; --line: #3a414e; --accent: #9cbcf0; }
.card[hidden] { display: none; }
.kicker { margin: 0; font-size: 12px; letter-spacing: 0.02em; text-transform: uppercase; color: var(--muted); }
h2 { margin: 2px 0 6px; font-size: 16px; line-height: 1.3; }
p { margin: 0 0 6px; }
.article { border-top: 1px solid var(--line); padding-top: 6px; }
.article strong { font-weight: 600; }
.meta { margin: 0; font-size: 12px; color: var(--muted); }
a { color: var(--accent); }
@media (prefers-reduced-motion: no-preference) { .card { transition: opacity 120ms ease-out; } }
@media (forced-colors: active) { .card { border: 1px solid CanvasText; } }
@media print { :host { display: none; } }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; text?: string } = {},
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  return node;
}

export class Card {
  private host: HTMLElement | null = null;
  private panel: HTMLElement | null = null;
  private stopUpdates: (() => void) | null = null;
  /** Called when the pointer enters (true) or leaves (false) the card. */
  onHover: (inside: boolean) => void = () => {};

  constructor(private readonly doc: Document) {}

  private ensure(): HTMLElement {
    if (this.panel) {
      // The page may have removed our host (a framework re-rendering <html>): put it back.
      if (this.host && !this.host.isConnected) this.doc.documentElement.append(this.host);
      return this.panel;
    }
    const host = this.doc.createElement(CARD_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    root.adoptedStyleSheets = [sheet];
    const panel = el(this.doc, 'div', { className: 'card' });
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'false');
    panel.setAttribute('aria-labelledby', 'ch-title');
    panel.hidden = true;
    panel.addEventListener('pointerenter', () => this.onHover(true));
    panel.addEventListener('pointerleave', () => this.onHover(false));
    root.append(panel);
    this.doc.documentElement.append(host);
    this.host = host;
    this.panel = panel;
    return panel;
  }

  /** Shows `content` next to `anchor` (the mention's range). */
  show(content: CardContent, anchor: AbstractRange): void {
    const panel = this.ensure();
    const doc = this.doc;
    panel.classList.toggle('dark', isDark(pageBackground(doc)));
    const kicker = el(doc, 'p', { className: 'kicker', text: TYPE_LABEL[content.type] });
    const title = el(doc, 'h2', { text: content.name });
    title.id = 'ch-title';
    const summary = el(doc, 'p', { className: 'summary', text: firstSentence(content.summary) });
    const article = el(doc, 'p', { className: 'article' });
    article.append(el(doc, 'strong', { text: 'In this article: ' }), doc.createTextNode(content.inArticle));
    const meta = el(doc, 'p', { className: 'meta' });
    const link = el(doc, 'a', { text: 'Wikipedia' });
    link.href = content.wikipedia;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    meta.append(doc.createTextNode(`As of ${formatMonth(content.asOf)} · `), link);
    panel.replaceChildren(kicker, title, summary, article, meta);
    panel.hidden = false;
    this.place(anchor);
  }

  private place(anchor: AbstractRange): void {
    const panel = this.panel!;
    const live = this.doc.createRange();
    try {
      live.setStart(anchor.startContainer, anchor.startOffset);
      live.setEnd(anchor.endContainer, anchor.endOffset);
    } catch {
      return;
    }
    const reference = {
      getBoundingClientRect: () => live.getBoundingClientRect(),
      getClientRects: () => live.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    const update = (): void => {
      void computePosition(reference, panel, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [inline(), offset(6), flip({ padding: 8 }), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        panel.style.left = `${x}px`;
        panel.style.top = `${y}px`;
      });
    };
    this.stopUpdates?.();
    this.stopUpdates = autoUpdate(reference, panel, update);
  }

  hide(): void {
    this.stopUpdates?.();
    this.stopUpdates = null;
    if (this.panel) this.panel.hidden = true;
  }

  dispose(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.panel = null;
  }
}
