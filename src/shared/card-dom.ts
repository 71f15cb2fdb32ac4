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
const TEXT_TAGS = new Set(['p', 'li', 'h2', 'h3', 'footer', 'a', 'button']);

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
  /** For a phrase alias: what the phrase stands for here. */
  bridge: HTMLElement | null;
  what: HTMLElement;
  why: HTMLElement;
  /** "By this page's date (…): …", when the page is dated after the story. */
  then: HTMLElement | null;
  /** "Now (…): …": the newest dated item. */
  now: HTMLElement | null;
  /** "From The Hindu, 19 May 2014 · ‘…’", a link to the article. */
  story: HTMLElement;
  /** What the report says, the summary and their sources. */
  report: HTMLElement;
  /** The dated lists, in the view's order (days after, by the page's date, since then, key dates). */
  sections: HTMLElement[];
  related: HTMLElement | null;
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

/** A labelled line: "Now (2 September 2025): …". */
function labelled(doc: Document, className: string, label: string, text: string): HTMLElement {
  return el(
    doc,
    'p',
    { className },
    el(doc, 'span', { className: 'label', text: `${label} ` }),
    doc.createTextNode(text),
  );
}

/** A link that opens in a new tab, only to an https address. */
function outLink(doc: Document, href: string, text: string, className: string): HTMLAnchorElement {
  const a = el(doc, 'a', { className, text });
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/** Draws the parts of `view`'s card. */
export function cardParts(doc: Document, view: CardView, options: CardPartsOptions): CardParts {
  const { say } = options;
  const title = el(doc, 'h2', { text: view.title });
  title.id = options.titleId;
  const section = (s: CardView['sections'][number]): HTMLElement =>
    el(
      doc,
      'section',
      { className: `period ${s.period}` },
      el(doc, 'h3', { text: s.heading }),
      el(
        doc,
        'ul',
        {},
        ...s.facts.map((f) =>
          el(
            doc,
            'li',
            {},
            el(doc, 'span', { className: 'date', text: f.date }),
            doc.createTextNode(` ${f.text} `),
            f.sources ? el(doc, 'span', { className: 'src', text: `(${f.sources})` }) : null,
          ),
        ),
      ),
    );
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
                button(doc, r.name, say('card_show_related', r.name), () => options.onRelated(r.id), 'relation'),
              ),
            ),
          ),
        )
      : null;
  related?.setAttribute('aria-label', say('card_related_label'));
  const wikipedia = isWikipediaArticle(view.link.href)
    ? outLink(doc, view.link.href, view.link.label, 'wikipedia')
    : null;
  let pageLink: HTMLAnchorElement | null = null;
  if (view.pageLink && webHost(view.pageLink.href)) {
    pageLink = el(doc, 'a', { className: 'page-link', text: view.pageLink.label });
    pageLink.href = view.pageLink.href;
    // The page's own link opens where the page is (the card is a frame of it).
    pageLink.target = '_top';
    pageLink.rel = 'noreferrer';
  }
  let story: HTMLElement;
  if (view.story.href) {
    story = el(doc, 'p', { className: 'story' }, outLink(doc, view.story.href, view.story.text, 'story-link'));
  } else story = el(doc, 'p', { className: 'story', text: view.story.text });
  const footer = el(doc, 'footer', { text: view.footer });
  footer.title = view.footerTitle;
  return {
    kicker: el(doc, 'p', { className: 'kicker', text: view.kicker }),
    title,
    written: view.writtenAs ? el(doc, 'p', { className: 'written', text: view.writtenAs }) : null,
    bridge: view.bridge ? el(doc, 'p', { className: 'written bridge', text: view.bridge }) : null,
    what: el(doc, 'p', { className: 'what', text: view.what }),
    why: el(doc, 'p', { className: 'why', text: view.why }),
    then: view.then ? labelled(doc, 'then', view.then.label, view.then.text) : null,
    now: view.now ? labelled(doc, 'now', view.now.label, view.now.text) : null,
    story,
    report: el(
      doc,
      'section',
      { className: 'period report' },
      el(doc, 'h3', { text: view.report.label }),
      el(doc, 'p', { text: view.report.text }),
      el(doc, 'p', { className: 'summary', text: view.report.more }),
      el(doc, 'p', { className: 'src', text: view.report.sources }),
    ),
    sections: view.sections.map(section),
    related,
    wikipedia,
    pageLink,
    footer,
  };
}
