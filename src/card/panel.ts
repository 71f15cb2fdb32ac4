/**
 * The card as its frame draws it: the parts of the view (shared/card-dom.ts) with the card's own
 * controls (Pin, close, ‹ ›, "Don't highlight this" and its undo), as a dialog named after the
 * entity, with a short live announcement when a card opens. Tab and Shift+Tab go round the
 * controls and Escape closes. A click that comes just after the card appeared or moved is not
 * taken (the guard): a page can move or uncover the card under a click meant for something else.
 * After each drawing, and whenever what it shows changes height, the frame reports the height it
 * needs; the content script sizes and places the frame.
 */
import type { CardView, Say } from '../core/card-view';
import { button, cardParts, el } from '../shared/card-dom';
import type { CardLook, CardState, FromFrame, ToFrame } from '../shared/card-port';

/** Set by the build: true only in a measurement build. */
declare const __MARKS__: boolean;

const TITLE_ID = 'ch-title';

export class Panel {
  private readonly card: HTMLElement;
  private readonly content: HTMLElement;
  private readonly live: HTMLElement;
  /** The drawing shown, which size reports name. */
  private seq = 0;
  /** The last size reported, and for which drawing. */
  private reported = -1;
  private lastHeight = -1;
  /** Clicks before this time (performance.now()) are not taken. */
  private guardUntil = 0;

  constructor(
    private readonly doc: Document,
    private readonly send: (message: FromFrame) => void,
    private readonly say: Say,
  ) {
    this.card = doc.querySelector<HTMLElement>('.card')!;
    this.content = this.card.querySelector<HTMLElement>('.content')!;
    this.live = doc.querySelector<HTMLElement>('.live')!;
    doc.addEventListener('keydown', (e) => this.onKey(e));
    // In the capture phase of the window, before any control acts: a link, a summary, a button.
    const view = doc.defaultView!;
    for (const type of ['click', 'auxclick'] as const) view.addEventListener(type, (e) => this.onClick(e), true);
    new ResizeObserver(() => this.report()).observe(this.content);
    // The pointer over the card keeps it open (the page's document does not see it come in here).
    const root = doc.documentElement;
    root.addEventListener('pointerenter', (e) => e.isTrusted && send({ type: 'hover', inside: true }));
    root.addEventListener('pointerleave', (e) => e.isTrusted && send({ type: 'hover', inside: false }));
  }

  handle(message: ToFrame): void {
    switch (message.type) {
      case 'card':
        this.drawCard(message.seq, message.view, message.state, message.look, message.opening);
        break;
      case 'note':
        this.drawNote(message.seq, message.text, message.look);
        break;
      case 'focus':
        (this.controls()[0] ?? this.card).focus({ preventScroll: true });
        break;
      case 'guard':
        this.guardUntil = Math.max(this.guardUntil, performance.now() + message.ms);
        break;
    }
  }

  private drawCard(seq: number, view: CardView, state: CardState, look: CardLook, opening: boolean): void {
    const doc = this.doc;
    const say = this.say;
    const send = this.send;
    const act = (action: Extract<FromFrame, { type: 'act' }>['action']): void => send({ type: 'act', action });
    const parts = cardParts(doc, view, { say, titleId: TITLE_ID, onRelated: (id) => act({ name: 'related', id }) });
    const pin = button(
      doc,
      say(state.pinned ? 'card_pinned' : 'card_pin'),
      say(state.pinned ? 'card_unpin_label' : 'card_pin_label'),
      () => act({ name: 'pin' }),
      'pin',
    );
    pin.setAttribute('aria-pressed', String(state.pinned));
    const close = button(doc, '×', say('card_close_label'), () => act({ name: 'close' }), 'close');
    const head = el(
      doc,
      'header',
      { className: 'head' },
      el(doc, 'div', {}, parts.kicker, parts.title),
      el(doc, 'div', { className: 'tools' }, pin, close),
    );
    const steps = el(
      doc,
      'div',
      { className: 'steps' },
      el(doc, 'span', { text: view.position }),
      view.canStep ? button(doc, '‹', say('card_previous'), () => act({ name: 'step', delta: -1 })) : null,
      view.canStep ? button(doc, '›', say('card_next'), () => act({ name: 'step', delta: 1 })) : null,
    );
    const mute = state.muted
      ? el(
          doc,
          'p',
          { className: 'muted' },
          doc.createTextNode(`${say('card_muted', view.title)} `),
          button(
            doc,
            say('card_undo'),
            say('card_undo_label', view.title),
            () => act({ name: 'mute', muted: false }),
            'linkish',
          ),
        )
      : button(
          doc,
          say('card_mute'),
          say('card_mute_label', view.title),
          () => act({ name: 'mute', muted: true }),
          'linkish',
        );
    const actions = el(doc, 'div', { className: 'actions' }, parts.pageLink, parts.wikipedia, mute);
    this.card.removeAttribute('aria-label');
    this.card.setAttribute('aria-labelledby', TITLE_ID);
    this.draw(
      seq,
      look,
      opening,
      [
        head,
        parts.written,
        parts.gloss,
        parts.lead,
        parts.since,
        parts.article,
        parts.after,
        parts.more,
        parts.related,
        parts.sources,
        steps,
        actions,
        parts.footer,
      ],
      opening ? view.announcement : null,
    );
  }

  /** A short note instead of a card (a look-up that matched nothing). */
  private drawNote(seq: number, text: string, look: CardLook): void {
    const doc = this.doc;
    const close = button(
      doc,
      '×',
      this.say('card_close_label'),
      () => this.send({ type: 'act', action: { name: 'close' } }),
      'close',
    );
    this.card.removeAttribute('aria-labelledby');
    this.card.setAttribute('aria-label', 'Contextual Highlights');
    this.draw(
      seq,
      look,
      true,
      [el(doc, 'header', { className: 'head' }, el(doc, 'p', { className: 'message', text }), close)],
      text,
    );
  }

  private draw(seq: number, look: CardLook, opening: boolean, nodes: (Node | null)[], announce: string | null): void {
    // Drawn again (pinned, muted, another mention), the card keeps the keyboard on the same control.
    const focused = this.controls().indexOf(this.doc.activeElement as HTMLElement);
    this.card.dir = look.dir;
    this.card.classList.toggle('dark', look.dark);
    this.content.replaceChildren(...nodes.filter((n): n is Node => n !== null));
    this.card.hidden = false;
    if (opening) this.card.scrollTop = 0;
    if (focused >= 0) (this.controls()[focused] ?? this.card).focus({ preventScroll: true });
    this.seq = seq;
    this.report();
    if (announce !== null) this.announce(announce);
    if (__MARKS__) requestAnimationFrame(() => performance.mark('contextual-highlights:card-painted'));
  }

  /** The height the card needs: its content, padding and border (the frame is sized to it, up to a limit). */
  private report(): void {
    if (this.card.hidden) return;
    const style = getComputedStyle(this.card);
    const chrome =
      parseFloat(style.paddingTop) +
      parseFloat(style.paddingBottom) +
      parseFloat(style.borderTopWidth) +
      parseFloat(style.borderBottomWidth);
    const height = Math.ceil(this.content.getBoundingClientRect().height + chrome);
    if (this.seq === this.reported && height === this.lastHeight) return;
    this.reported = this.seq;
    this.lastHeight = height;
    this.send({ type: 'size', seq: this.seq, height });
  }

  private announce(text: string): void {
    const live = this.live;
    // Cleared first so that the same words are spoken again for a card opened twice in a row.
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 50);
  }

  private controls(): HTMLElement[] {
    return [...this.card.querySelectorAll<HTMLElement>('button, a[href], summary')];
  }

  /** Tab and Shift+Tab go round the card's controls; Escape closes it (focus goes back to the page). */
  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.send({ type: 'act', action: { name: 'close' } });
      return;
    }
    if (e.key !== 'Tab') return;
    const controls = this.controls();
    if (controls.length === 0) return;
    const at = controls.indexOf(this.doc.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : at === controls.length - 1 ? 0 : at + 1;
    e.preventDefault();
    controls[next]!.focus();
  }

  /**
   * A pointer's click (or middle click) while the guard is up does nothing: not the button's action,
   * a link's navigation or a summary's unfolding. Keys are not guarded (their `detail` is 0): a page
   * cannot move the keyboard's focus inside the card.
   */
  private onClick(e: MouseEvent): void {
    if (e.detail === 0 || performance.now() >= this.guardUntil) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}
