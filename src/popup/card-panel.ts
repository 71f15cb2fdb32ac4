/**
 * An entity's card shown in the popup itself (from the search box, a look-up the page could not
 * show, or an entity that is not highlighted): the same view model and words as the card on pages
 * (core/card-view.ts), drawn from the same parts (shared/card-dom.ts), with the popup's own
 * actions under the title instead of the page card's controls.
 */
import type { CardView, Say } from '../core/card-view';
import { cardParts } from '../shared/card-dom';
import { h } from './dom';

export interface CardPanelOptions {
  /** Buttons under the title: go to it on the page, highlight it again. */
  actions: { label: string; ariaLabel?: string; onClick: () => void }[];
  /** The card's words. */
  say: Say;
  onRelated: (id: string) => void;
}

/** Draws `view` into `container` (replacing what was there); returns the card's heading, to focus. */
export function renderCard(container: HTMLElement, view: CardView, options: CardPanelOptions): HTMLElement {
  const parts = cardParts(document, view, { say: options.say, titleId: 'card-title', onRelated: options.onRelated });
  parts.title.tabIndex = -1;
  const card = h(
    'article',
    { class: 'card', 'aria-labelledby': 'card-title', 'data-entity': view.id },
    parts.kicker,
    parts.title,
    parts.bridge ?? parts.written,
    h('p', { class: 'position' }, view.position),
    options.actions.length > 0
      ? h('div', { class: 'actions' }, ...options.actions.map((a) => btn(a.label, a.onClick, a.ariaLabel)))
      : null,
    // The same parts in the same order as the card on pages, glance then panel (src/card/panel.ts).
    parts.what,
    parts.why,
    parts.then,
    parts.now,
    parts.story,
    parts.report,
    ...parts.sections,
    parts.related,
    parts.wikipedia ? h('p', { class: 'links' }, parts.wikipedia) : null,
    parts.footer,
  );
  container.replaceChildren(card);
  return parts.title;
}

function btn(label: string, onClick: () => void, ariaLabel?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small-button', 'aria-label': ariaLabel }, label);
  b.addEventListener('click', onClick);
  return b;
}
