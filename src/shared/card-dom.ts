/**
 * The parts a card is drawn from, as DOM: the card on pages (in its frame, src/card/) and the
 * card in the popup put the same parts together, each with its own controls around them. Every
 * piece of data goes in as text (textContent), never as HTML. The links are checked here, where
 * they are shown: Wikipedia's must be an article of a Wikipedia edition, the page's an ordinary web
 * address named by its host (core/links.ts).
 */
import type { CardView, Say } from '../core/card-view';
import { isWikipediaArticle, webHost } from '../core/links';

/**
 * Elements that hold text take their direction from it: on a right-to-left page the card is
 * mirrored (its edge, its controls), while its English sentences still read left to right.
 */
const TEXT_TAGS = new Set(['p', 'li', 'h2', 'h3', 'summary', 'footer', 'a', 'button']);

/** An element with a class and text (or children), its direction from its text where it holds some. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: (Node | null)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (TEXT_TAGS.has(tag)) node.dir = 'auto';
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A button that acts on the reader's own clicks and keys only (a page's made-up events do nothing). */
export function button(
  doc: Document,
  text: string,
  label: string,
  onClick: () => void,
  className = '',
): HTMLButtonElement {
  const b = el(doc, 'button', { className, text });
  b.type = 'button';
  if (label !== text) b.setAttribute('aria-label', label);
  b.addEventListener('click', (e) => {
    if (e.isTrusted) onClick();
  });
  return b;
}

export interface CardParts {
  kicker: HTMLElement;
  title: HTMLElement;
  written: HTMLElement | null;
  gloss: HTMLElement | null;
  lead: HTMLElement;
  /** What changed since, read first (no reader should take 2014 for today). */
  since: HTMLElement | null;
  article: HTMLElement;
  after: HTMLElement | null;
  /** The rest of the summary and the dates before the article, folded. */
  more: HTMLElement | null;
  related: HTMLElement | null;
  /** What every line rests on, folded. */
  sources: HTMLElement | null;
  /** "Read more on Wikipedia", only to a Wikipedia article. */
  wikipedia: HTMLAnchorElement | null;
  /** The page's own link, named by its host (the card on pages only). */
  pageLink: HTMLAnchorElement | null;
  footer: HTMLElement;
}

export interface CardPartsOptions {
  say: Say;
  /** The id of the title, which names the card (aria-labelledby). */
  titleId: string;
  /** What choosing a related entity does. */
  onRelated: (id: string) => void;
}

/** Draws the parts of `view`'s card. */
export function cardParts(doc: Document, view: CardView, options: CardPartsOptions): CardParts {
  const { say } = options;
  const title = el(doc, 'h2', { text: view.title });
  title.id = options.titleId;
  const section = (s: CardView['sections'][number], open = s.open): HTMLDetailsElement => {
    const list =
      s.facts.length > 0
        ? el(
            doc,
            'ul',
            {},
            ...s.facts.map((f) =>
              el(doc, 'li', {}, el(doc, 'span', { className: 'date', text: f.date }), doc.createTextNode(` ${f.text}`)),
            ),
          )
        : null;
    const details = el(
      doc,
      'details',
      { className: `period ${s.period}` },
      el(doc, 'summary', { text: s.heading }),
      list,
    );
    details.open = open;
    return details;
  };
  const byPeriod = (p: string): CardView['sections'][number] | undefined => view.sections.find((s) => s.period === p);
  const since = byPeriod('since');
  const after = byPeriod('after');
  const before = byPeriod('article');
  const related =
    view.related.length > 0
      ? el(
          doc,
          'nav',
          { className: 'related' },
          el(doc, 'h3', { text: say('card_related') }),
          el(
            doc,
            'ul',
            {},
            // "<title> — label — name": the label, then the related entity's button.
            ...view.related.map((r) =>
              el(
                doc,
                'li',
                {},
                doc.createTextNode(`${r.label} `),
                button(doc, r.name, say('card_show_related', r.name), () => options.onRelated(r.id)),
              ),
            ),
          ),
        )
      : null;
  related?.setAttribute('aria-label', say('card_related_label'));
  let wikipedia: HTMLAnchorElement | null = null;
  if (isWikipediaArticle(view.link.href)) {
    wikipedia = el(doc, 'a', { className: 'wikipedia', text: view.link.label });
    wikipedia.href = view.link.href;
    wikipedia.target = '_blank';
    wikipedia.rel = 'noopener noreferrer';
  }
  let pageLink: HTMLAnchorElement | null = null;
  if (view.pageLink && webHost(view.pageLink.href)) {
    pageLink = el(doc, 'a', { className: 'page-link', text: view.pageLink.label });
    pageLink.href = view.pageLink.href;
    // The page's own link opens where the page is (the card is a frame of it).
    pageLink.target = '_top';
    pageLink.rel = 'noreferrer';
  }
  return {
    kicker: el(doc, 'p', { className: 'kicker', text: view.kicker }),
    title,
    written: view.writtenAs ? el(doc, 'p', { className: 'written', text: view.writtenAs }) : null,
    gloss: view.gloss ? el(doc, 'p', { className: 'written gloss', text: view.gloss }) : null,
    lead: el(doc, 'p', { className: 'lead', text: view.lead }),
    since: since ? section(since) : null,
    article: el(
      doc,
      'p',
      { className: 'article' },
      el(doc, 'span', { className: 'label', text: `${say('card_in_article')} ` }),
      doc.createTextNode(view.inArticle),
    ),
    after: after ? section(after) : null,
    more:
      view.more || before
        ? el(
            doc,
            'details',
            { className: 'period more' },
            el(doc, 'summary', { text: say('card_more_about', view.title) }),
            view.more ? el(doc, 'p', { text: view.more }) : null,
            before ? section(before, true) : null,
          )
        : null,
    related,
    sources:
      view.sources.lines.length > 0
        ? el(
            doc,
            'details',
            { className: 'period sources' },
            el(doc, 'summary', { text: view.sources.heading }),
            el(doc, 'ul', {}, ...view.sources.lines.map((line) => el(doc, 'li', { text: line }))),
          )
        : null,
    wikipedia,
    pageLink,
    footer: el(doc, 'footer', { text: view.footer }),
  };
}
