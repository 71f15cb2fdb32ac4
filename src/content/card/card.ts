/**
 * The card: a panel next to a mention that says what the entity is, what the article says about
 * it, and what is true as of the article's day, in the days after, and since then. It lives in the
 * card host's closed shadow root (host.ts). Every piece of data goes in as text (textContent), never
 * as HTML. Positioned with Floating UI beside the mention, never over it, on the side that hides
 * less of the paragraph being read, and kept in the viewport while the page scrolls.
 */
import { autoUpdate, computePosition, flip, hide, inline, offset, shift, size, type Placement } from '@floating-ui/dom';
import { preferredSide } from '../../core/card-placement';
import { sayInEnglish, type CardView, type Say } from '../../core/card-view';
import { isDark } from '../../core/colors';
import { pageBackground } from '../paint/page-colours';
import { CARD_CSS } from './card-css';
import { CardHost } from './host';

/** What the card's controls do (the cards controller decides). */
export interface CardActions {
  close(): void;
  togglePin(): void;
  /** To the previous (-1) or next (1) mention of this entity. */
  step(delta: 1 | -1): void;
  showRelated(id: string): void;
  setMuted(muted: boolean): void;
  /** The pointer entered (true) or left (false) the card. */
  hover(inside: boolean): void;
}

export interface CardState {
  pinned: boolean;
  muted: boolean;
}

const GAP = 8;
const MARGIN = 8;
/** The card's height is capped, with its own scrolling beyond. */
const MAX_HEIGHT = 440;

/**
 * Elements that hold text take their direction from it: on a right-to-left page the card is
 * mirrored (its edge, its controls), while its English sentences still read left to right.
 */
const TEXT_TAGS = new Set(['p', 'li', 'h2', 'h3', 'summary', 'footer', 'a', 'button']);

function el<K extends keyof HTMLElementTagNameMap>(
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

function button(doc: Document, text: string, label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = el(doc, 'button', { className, text });
  b.type = 'button';
  if (label !== text) b.setAttribute('aria-label', label);
  b.addEventListener('click', (e) => {
    if (e.isTrusted) onClick();
  });
  return b;
}

export class Card {
  private readonly host: CardHost;
  private panel: HTMLElement | null = null;
  private live: HTMLElement | null = null;
  private stopUpdates: (() => void) | null = null;
  private shownId: string | null = null;

  constructor(
    private readonly doc: Document,
    private readonly actions: CardActions,
    /** The card's own words (its labels and buttons), in the reader's language. */
    private readonly say: Say = sayInEnglish,
    shadowMode: ShadowRootMode = 'closed',
  ) {
    this.host = new CardHost(doc, CARD_CSS, shadowMode);
  }

  get isOpen(): boolean {
    return this.panel !== null && !this.panel.hidden;
  }

  /** The entity whose card is shown, if one is. */
  get entityId(): string | null {
    return this.isOpen ? this.shownId : null;
  }

  private ensure(): HTMLElement {
    const root = this.host.root();
    if (this.panel && this.panel.isConnected) return this.panel;
    const panel = el(this.doc, 'section', { className: 'card' });
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'false');
    panel.setAttribute('aria-labelledby', 'ch-title');
    panel.tabIndex = -1;
    panel.hidden = true;
    panel.addEventListener('pointerenter', (e) => e.isTrusted && this.actions.hover(true));
    panel.addEventListener('pointerleave', (e) => e.isTrusted && this.actions.hover(false));
    panel.addEventListener('keydown', (e) => this.onKey(e));
    // A polite live region beside the card: says which entity is open, once per card, and
    // nothing about the highlights themselves.
    const live = el(this.doc, 'div', { className: 'live' });
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    this.panel?.remove();
    this.live?.remove();
    root.append(panel, live);
    this.panel = panel;
    this.live = live;
    return panel;
  }

  /** Draws the card for `view` next to `anchor`; `point` (the pointer) picks the line of a wrapped mention. */
  show(view: CardView, state: CardState, anchor: AbstractRange, point: { x: number; y: number } | null): void {
    const panel = this.ensure();
    const doc = this.doc;
    const opening = panel.hidden || this.shownId !== view.id;
    this.shownId = view.id;
    panel.removeAttribute('aria-label');
    panel.setAttribute('aria-labelledby', 'ch-title');
    const block = anchor.startContainer.parentElement;
    const rtl = block ? doc.defaultView?.getComputedStyle(block).direction === 'rtl' : false;
    panel.dir = rtl ? 'rtl' : 'ltr';
    panel.classList.toggle('dark', isDark(pageBackground(doc)));
    // Drawing again (pinned, muted, another mention) keeps the keyboard on the same control.
    const focused = this.hasFocus
      ? this.controls().indexOf((panel.getRootNode() as ShadowRoot).activeElement as HTMLElement)
      : -1;
    panel.replaceChildren(...this.render(view, state));
    panel.hidden = false;
    if (opening) this.host.raise();
    this.place(anchor, point);
    if (focused >= 0) (this.controls()[focused] ?? panel).focus({ preventScroll: true });
    if (opening) this.announce(view.announcement);
  }

  /** A short note beside `anchor` instead of a card (a look-up that matched nothing). */
  showMessage(text: string, anchor: AbstractRange): void {
    const panel = this.ensure();
    const doc = this.doc;
    this.shownId = null;
    panel.classList.toggle('dark', isDark(pageBackground(doc)));
    panel.removeAttribute('aria-labelledby');
    panel.setAttribute('aria-label', 'Contextual Highlights');
    const close = button(doc, '×', this.say('card_close_label'), () => this.actions.close(), 'close');
    panel.replaceChildren(
      el(doc, 'header', { className: 'head' }, el(doc, 'p', { className: 'message', text }), close),
    );
    panel.hidden = false;
    this.host.raise();
    this.place(anchor, null);
    this.announce(text);
  }

  private render(view: CardView, state: CardState): Node[] {
    const doc = this.doc;
    const a = this.actions;
    const pin = button(
      doc,
      this.say(state.pinned ? 'card_pinned' : 'card_pin'),
      this.say(state.pinned ? 'card_unpin_label' : 'card_pin_label'),
      () => a.togglePin(),
      'pin',
    );
    pin.setAttribute('aria-pressed', String(state.pinned));
    const close = button(doc, '×', this.say('card_close_label'), () => a.close(), 'close');
    const title = el(doc, 'h2', { text: view.title });
    title.id = 'ch-title';
    const head = el(
      doc,
      'header',
      { className: 'head' },
      el(doc, 'div', {}, el(doc, 'p', { className: 'kicker', text: view.kicker }), title),
      el(doc, 'div', { className: 'tools' }, pin, close),
    );
    const written = view.writtenAs ? el(doc, 'p', { className: 'written', text: view.writtenAs }) : null;
    const gloss = view.gloss ? el(doc, 'p', { className: 'written gloss', text: view.gloss }) : null;
    const lead = el(doc, 'p', { className: 'lead', text: view.lead });
    const article = el(
      doc,
      'p',
      { className: 'article' },
      el(doc, 'span', { className: 'label', text: `${this.say('card_in_article')} ` }),
      doc.createTextNode(view.inArticle),
    );
    const section = (s: CardView['sections'][number], open = s.open): HTMLDetailsElement => {
      const list =
        s.facts.length > 0
          ? el(
              doc,
              'ul',
              {},
              ...s.facts.map((f) =>
                el(
                  doc,
                  'li',
                  {},
                  el(doc, 'span', { className: 'date', text: f.date }),
                  doc.createTextNode(` ${f.text}`),
                ),
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
    // What changed since is read first, right under the lead: no reader should take 2014 for today.
    // The rest of the summary and the dates before the article are folded.
    const more =
      view.more || before
        ? el(
            doc,
            'details',
            { className: 'period more' },
            el(doc, 'summary', { text: this.say('card_more_about', view.title) }),
            view.more ? el(doc, 'p', { text: view.more }) : null,
            before ? section(before, true) : null,
          )
        : null;
    // What every line rests on, folded at the end (the redesign of the cards will place them).
    const sources =
      view.sources.lines.length > 0
        ? el(
            doc,
            'details',
            { className: 'period sources' },
            el(doc, 'summary', { text: view.sources.heading }),
            el(doc, 'ul', {}, ...view.sources.lines.map((line) => el(doc, 'li', { text: line }))),
          )
        : null;
    const sections = [since ? section(since) : null, article, after ? section(after) : null, more];
    const related =
      view.related.length > 0
        ? el(
            doc,
            'nav',
            { className: 'related' },
            el(doc, 'h3', { text: this.say('card_related') }),
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
                  button(doc, r.name, this.say('card_show_related', r.name), () => a.showRelated(r.id)),
                ),
              ),
            ),
          )
        : null;
    if (related) related.setAttribute('aria-label', this.say('card_related_label'));
    const steps = el(
      doc,
      'div',
      { className: 'steps' },
      el(doc, 'span', { text: view.position }),
      view.canStep ? button(doc, '‹', this.say('card_previous'), () => a.step(-1)) : null,
      view.canStep ? button(doc, '›', this.say('card_next'), () => a.step(1)) : null,
    );
    const link = el(doc, 'a', { className: 'more', text: view.link.label });
    link.href = view.link.href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    const mute = state.muted
      ? el(
          doc,
          'p',
          { className: 'muted' },
          doc.createTextNode(`${this.say('card_muted', view.title)} `),
          button(
            doc,
            this.say('card_undo'),
            this.say('card_undo_label', view.title),
            () => a.setMuted(false),
            'linkish',
          ),
        )
      : button(doc, this.say('card_mute'), this.say('card_mute_label', view.title), () => a.setMuted(true), 'linkish');
    let pageLink: HTMLAnchorElement | null = null;
    if (view.pageLink) {
      pageLink = el(doc, 'a', { className: 'page-link', text: view.pageLink.label });
      pageLink.href = view.pageLink.href;
    }
    const actions = el(doc, 'div', { className: 'actions' }, pageLink, link, mute);
    const footer = el(doc, 'footer', { text: view.footer });
    return [head, written, gloss, lead, ...sections, related, sources, steps, actions, footer].filter(
      (n): n is HTMLElement => n !== null,
    );
  }

  private place(anchor: AbstractRange, point: { x: number; y: number } | null): void {
    const panel = this.panel!;
    const live = this.doc.createRange();
    try {
      live.setStart(anchor.startContainer, anchor.startOffset);
      live.setEnd(anchor.endContainer, anchor.endOffset);
    } catch {
      // The mention's text changed under it: no anchor, so no card.
      this.hide();
      return;
    }
    const reference = {
      getBoundingClientRect: () => live.getBoundingClientRect(),
      getClientRects: () => live.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    const paragraph = anchor.startContainer.parentElement?.closest(
      'p, li, blockquote, td, dd, h1, h2, h3, h4, h5, h6, div',
    );
    const update = (): void => {
      const first = live.getClientRects()[0] ?? live.getBoundingClientRect();
      const block = paragraph?.getBoundingClientRect() ?? first;
      panel.style.maxHeight = `${MAX_HEIGHT}px`;
      const side = preferredSide({
        mention: first,
        paragraph: block,
        viewportHeight: this.doc.documentElement.clientHeight,
        cardHeight: Math.min(panel.scrollHeight, MAX_HEIGHT),
        gap: GAP,
      });
      // "start" is the mention's left edge, or its right edge when the card is right-to-left
      // (Floating UI mirrors alignment by the floating element's direction).
      const placement = `${side}-start` as Placement;
      void computePosition(reference, panel, {
        strategy: 'fixed',
        placement,
        middleware: [
          inline(point ?? undefined),
          offset(GAP),
          flip({ padding: MARGIN, fallbackAxisSideDirection: 'none', crossAxis: false }),
          shift({ padding: MARGIN }),
          size({
            padding: MARGIN,
            apply: ({ availableHeight }) => {
              panel.style.maxHeight = `${Math.max(120, Math.min(MAX_HEIGHT, Math.floor(availableHeight)))}px`;
            },
          }),
          hide(),
        ],
      }).then(({ x, y, placement: final, middlewareData }) => {
        panel.style.left = `${Math.round(x)}px`;
        panel.style.top = `${Math.round(y)}px`;
        panel.dataset.side = final.split('-')[0];
        // Scrolled out of sight with its mention: hidden until the mention is back.
        panel.style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : '';
      });
    };
    this.stopUpdates?.();
    this.stopUpdates = autoUpdate(reference, panel, update);
  }

  private announce(text: string): void {
    const live = this.live;
    if (!live) return;
    // Cleared first so that the same words are spoken again for a card opened twice in a row.
    live.textContent = '';
    setTimeout(() => {
      if (live.isConnected) live.textContent = text;
    }, 50);
  }

  /** The card's box on screen, while it is open. */
  rect(): DOMRect | null {
    return this.isOpen ? this.panel!.getBoundingClientRect() : null;
  }

  /** Moves keyboard focus into the card (its first control); false if no card is open. */
  focus(): boolean {
    if (!this.isOpen) return false;
    const first = this.controls()[0] ?? this.panel!;
    first.focus({ preventScroll: true });
    return true;
  }

  /** Whether keyboard focus is inside the card. */
  get hasFocus(): boolean {
    const active = this.panel?.getRootNode() as ShadowRoot | undefined;
    return Boolean(active?.activeElement && this.panel?.contains(active.activeElement));
  }

  private controls(): HTMLElement[] {
    return this.panel ? [...this.panel.querySelectorAll<HTMLElement>('button, a[href], summary')] : [];
  }

  /** Tab and Shift+Tab go round the card's controls while focus is in it; Escape is the controller's. */
  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted || e.key !== 'Tab') return;
    const controls = this.controls();
    if (controls.length === 0) return;
    const root = this.panel!.getRootNode() as ShadowRoot;
    const at = controls.indexOf(root.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : at === controls.length - 1 ? 0 : at + 1;
    e.preventDefault();
    controls[next]!.focus();
  }

  /** Whether an event happened inside the card. */
  contains(e: Event): boolean {
    return this.host.contains(e);
  }

  hide(): void {
    this.stopUpdates?.();
    this.stopUpdates = null;
    if (this.panel) this.panel.hidden = true;
    this.shownId = null;
    this.host.lower();
  }

  dispose(): void {
    this.hide();
    this.host.dispose();
    this.panel = null;
    this.live = null;
  }
}
