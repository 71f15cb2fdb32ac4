/**
 * An entity's card shown in the popup itself (from the search box, a look-up the page could not
 * show, or an entity that is not highlighted): the same view model and words as the card on pages
 * (core/card-view.ts), drawn as plain popup DOM.
 */
import type { CardView } from '../core/card-view';
import { h } from './dom';

export interface CardPanelOptions {
  /** Buttons under the title: go to it on the page, highlight it again. */
  actions: { label: string; ariaLabel?: string; onClick: () => void }[];
  /** Words for the related entities' buttons and the region. */
  say: { related: string; relatedLabel: string; showRelated: (name: string) => string; inArticle: string };
  onRelated: (id: string) => void;
}

const WIKIPEDIA = /^https:\/\/[a-z-]+\.wikipedia\.org\/wiki\/[^\s]+$/;

/** Draws `view` into `container` (replacing what was there); returns the card's heading, to focus. */
export function renderCard(container: HTMLElement, view: CardView, options: CardPanelOptions): HTMLElement {
  const { say } = options;
  const title = h('h2', { id: 'card-title', tabindex: -1 }, view.title);
  const sections = view.sections.map((section) =>
    h(
      'details',
      { open: section.open, 'data-period': section.period },
      h('summary', {}, section.heading),
      section.facts.length > 0
        ? h('ul', { class: 'facts' }, ...section.facts.map((f) => h('li', {}, h('time', {}, f.date), f.text)))
        : null,
    ),
  );
  const sources =
    view.sources.lines.length > 0
      ? h(
          'details',
          { class: 'sources' },
          h('summary', {}, view.sources.heading),
          h('ul', {}, ...view.sources.lines.map((line) => h('li', {}, line))),
        )
      : null;
  const related =
    view.related.length > 0
      ? [
          h('h3', {}, say.related),
          h(
            'ul',
            { class: 'related', 'aria-label': say.relatedLabel },
            // "<title> — label — name": the label, then the related entity's button.
            ...view.related.map((r) =>
              h(
                'li',
                {},
                `${r.label} `,
                btn(r.name, () => options.onRelated(r.id), say.showRelated(r.name)),
              ),
            ),
          ),
        ]
      : [];
  const link = WIKIPEDIA.test(view.link.href)
    ? h('p', {}, h('a', { href: view.link.href, target: '_blank', rel: 'noopener noreferrer' }, view.link.label))
    : null;
  const card = h(
    'article',
    { class: 'card', 'aria-labelledby': 'card-title', 'data-entity': view.id },
    h('p', { class: 'kicker' }, view.kicker),
    title,
    view.gloss ? h('p', { class: 'gloss' }, view.gloss) : null,
    h('p', { class: 'position' }, view.position),
    options.actions.length > 0
      ? h('div', { class: 'actions' }, ...options.actions.map((a) => btn(a.label, a.onClick, a.ariaLabel)))
      : null,
    h('p', { class: 'lead' }, view.lead),
    view.more ? h('p', { class: 'more' }, view.more) : null,
    h('h3', {}, say.inArticle),
    h('p', {}, view.inArticle),
    ...sections,
    ...related,
    sources,
    link,
    h('p', { class: 'footer' }, view.footer),
  );
  container.replaceChildren(card);
  return title;
}

function btn(label: string, onClick: () => void, ariaLabel?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small-button', 'aria-label': ariaLabel }, label);
  b.addEventListener('click', onClick);
  return b;
}
