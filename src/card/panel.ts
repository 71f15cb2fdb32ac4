/**
 * The card as its frame draws it: a glance first (kind and name, what it is, why it matters, where
 * things stood by the page's date and now, whose story it is), and one control that expands it in
 * place into a panel with the rest (the report, the dated lists, relations, sources, the mention's
 * place, the links, "Don't highlight this"). Both from the parts of the view (shared/card-dom.ts),
 * with the card's own controls (Pin, ×, Back, ‹ ›), as a dialog named after the entity, with a
 * short live announcement when a card opens. Tab and Shift+Tab go round the controls that are
 * shown and Escape closes. A click that comes just after the card appeared or moved is not taken
 * (the guard): a page can move or uncover the card under a click meant for something else. After
 * each drawing, and whenever what it shows changes height, the frame reports the height it needs
 * and whether it is expanded; the content script sizes and places the frame.
 */
import type { CardView, Say } from '../core/card-view';
import { button, cardParts, el } from '../shared/card-dom';
import { CARD_GUARD_MS, type CardLook, type CardState, type FromFrame, type ToFrame } from '../shared/card-port';
import { Layout } from './layout';
import { StillPointer } from './still-pointer';
import { swipeDown } from './swipe';

/** Set by the build: true only in a measurement build. */
declare const __MARKS__: boolean;

const TITLE_ID = 'ch-title';
const PANEL_ID = 'ch-panel';

export interface PanelOptions {
  /** The reader's last choice, glance or expanded (kept by the frame itself, layout.ts). */
  layout: Layout;
  /** The keyboard shortcuts line for the footer ("Keys: Alt+Shift+. next mention · …"), when known. */
  keys: () => string | null;
}

export class Panel {
  private readonly card: HTMLElement;
  private readonly content: HTMLElement;
  private readonly live: HTMLElement;
  /** The drawing shown, which size reports name. */
  private seq = 0;
  /** The last size reported, and for which drawing. */
  private reported = -1;
  private lastHeight = -1;
  private lastExpanded = false;
  /** Clicks before this time (performance.now()) are not taken. */
  private guardUntil = 0;
  private expandButton: HTMLButtonElement | null = null;
  private title = '';

  constructor(
    private readonly doc: Document,
    private readonly send: (message: FromFrame) => void,
    private readonly say: Say,
    private readonly options: PanelOptions,
  ) {
    this.card = doc.querySelector<HTMLElement>('.card')!;
    this.content = this.card.querySelector<HTMLElement>('.content')!;
    this.live = doc.querySelector<HTMLElement>('.live')!;
    doc.addEventListener('keydown', (e) => this.onKey(e));
    // In the capture phase of the window, before any control acts: a link, a summary, a button.
    const view = doc.defaultView!;
    for (const type of ['click', 'auxclick'] as const) view.addEventListener(type, (e) => this.onClick(e), true);
    // The frame moved under a still pointer: the guard goes up here, before the click that follows.
    const still = new StillPointer();
    for (const type of ['pointerover', 'pointermove', 'pointerdown'] as const) {
      view.addEventListener(
        type,
        (e) => {
          if (e.isTrusted && e.pointerType !== 'touch' && still.moved(e)) this.raiseGuard(CARD_GUARD_MS);
        },
        true,
      );
    }
    new ResizeObserver(() => this.report()).observe(this.content);
    // The pointer over the card keeps it open (the page's document does not see it come in here).
    // A finger is no pointer resting anywhere: lifting it fires pointerleave, which must not close
    // the card it just tapped or swiped in (UX review #1).
    const root = doc.documentElement;
    const hover = (e: PointerEvent, inside: boolean): void => {
      if (e.isTrusted && e.pointerType !== 'touch') send({ type: 'hover', inside });
    };
    root.addEventListener('pointerenter', (e) => hover(e, true));
    root.addEventListener('pointerleave', (e) => hover(e, false));
    // A bottom sheet closes when swiped down from its top (its body scrolled to the top).
    swipeDown(
      this.card,
      () => this.card.classList.contains('sheet') && this.card.scrollTop <= 0,
      () => this.act({ name: 'close' }),
    );
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
        this.raiseGuard(message.ms);
        break;
    }
  }

  private raiseGuard(ms: number): void {
    this.guardUntil = Math.max(this.guardUntil, performance.now() + ms);
    // The end-to-end tests wait for the guard's end instead of sleeping past it.
    if (__MARKS__) this.doc.documentElement.dataset.guardUntil = String(this.guardUntil);
  }

  private act(action: Extract<FromFrame, { type: 'act' }>['action']): void {
    this.send({ type: 'act', action });
  }

  private drawCard(seq: number, view: CardView, state: CardState, look: CardLook, opening: boolean): void {
    const doc = this.doc;
    const say = this.say;
    const act = (action: Extract<FromFrame, { type: 'act' }>['action']): void => this.act(action);
    const parts = cardParts(doc, view, { say, titleId: TITLE_ID, onRelated: (id) => act({ name: 'related', id }) });
    this.title = view.title;
    const pin = button(
      doc,
      say(state.pinned ? 'card_pinned' : 'card_pin'),
      say(state.pinned ? 'card_unpin_label' : 'card_pin_label'),
      () => act({ name: 'pin' }),
      'pin',
    );
    pin.setAttribute('aria-pressed', String(state.pinned));
    const close = button(doc, '×', say('card_close_label'), () => act({ name: 'close' }), 'close');
    const back = state.back
      ? button(doc, `‹ ${state.back}`, say('card_back', state.back), () => act({ name: 'back' }), 'back linkish')
      : null;
    const handle = look.sheet ? el(doc, 'div', { className: 'handle' }) : null;
    handle?.setAttribute('title', say('card_drag_label'));
    const head = el(
      doc,
      'header',
      { className: 'head' },
      handle,
      el(doc, 'div', { className: 'names' }, back, parts.kicker, parts.title),
      el(doc, 'div', { className: 'tools' }, pin, close),
    );
    const expand = button(doc, '', '', () => this.setExpanded(!this.options.layout.expanded), 'expand');
    expand.setAttribute('aria-controls', PANEL_ID);
    this.expandButton = expand;
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
          'linkish mute',
        );
    const actions = el(doc, 'div', { className: 'actions' }, parts.pageLink, parts.wikipedia, mute);
    const keys = this.options.keys();
    const panel = el(
      doc,
      'div',
      { className: 'panel' },
      parts.report,
      ...parts.sections,
      parts.related,
      steps,
      actions,
      keys ? el(doc, 'p', { className: 'keys', text: keys }) : null,
    );
    panel.id = PANEL_ID;
    const bar = el(doc, 'div', { className: 'bar' }, expand, parts.footer);
    this.card.removeAttribute('aria-label');
    this.card.setAttribute('aria-labelledby', TITLE_ID);
    this.draw(
      seq,
      look,
      opening,
      [head, parts.bridge ?? parts.written, parts.what, parts.why, parts.then, parts.now, parts.story, bar, panel],
      opening ? view.announcement : null,
    );
  }

  /** Glance or panel: the panel's part shown or hidden, the control saying which, the choice remembered. */
  private setExpanded(expanded: boolean, remember = true): void {
    if (remember) this.options.layout.set(expanded);
    this.card.classList.toggle('expanded', expanded);
    const panel = this.doc.getElementById(PANEL_ID);
    if (panel) panel.hidden = !expanded;
    const b = this.expandButton;
    if (b) {
      b.textContent = this.say(expanded ? 'card_less' : 'card_more');
      b.setAttribute('aria-label', this.say(expanded ? 'card_less_label' : 'card_more_label', this.title));
      b.setAttribute('aria-expanded', String(expanded));
    }
    if (!expanded) this.card.scrollTop = 0;
    this.report();
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
    this.expandButton = null;
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
    this.card.classList.toggle('sheet', look.sheet === true);
    this.content.replaceChildren(...nodes.filter((n): n is Node => n !== null));
    this.card.hidden = false;
    this.seq = seq;
    if (this.expandButton) this.setExpanded(this.options.layout.expanded, false);
    else this.card.classList.remove('expanded');
    if (opening) this.card.scrollTop = 0;
    if (focused >= 0) (this.controls()[focused] ?? this.card).focus({ preventScroll: true });
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
    const expanded = this.card.classList.contains('expanded');
    if (this.seq === this.reported && height === this.lastHeight && expanded === this.lastExpanded) return;
    this.reported = this.seq;
    this.lastHeight = height;
    this.lastExpanded = expanded;
    this.send({ type: 'size', seq: this.seq, height, expanded });
  }

  private announce(text: string): void {
    const live = this.live;
    // Cleared first so that the same words are spoken again for a card opened twice in a row.
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 50);
  }

  /** The controls a reader can reach: those shown (not in the glance's hidden panel), in document order. */
  private controls(): HTMLElement[] {
    return [...this.card.querySelectorAll<HTMLElement>('button, a[href]')].filter((c) => !c.closest('[hidden]'));
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
   * A pointer's click (or middle click) while the guard is up does nothing: not the button's action
   * nor a link's navigation. Keys are not guarded (their `detail` is 0): a page cannot move the
   * keyboard's focus inside the card.
   */
  private onClick(e: MouseEvent): void {
    if (e.detail === 0 || performance.now() >= this.guardUntil) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}
