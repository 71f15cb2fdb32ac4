/**
 * The card, seen from the content script: what it shows is drawn in the card's frame (src/card/,
 * an extension page in the card's host, host.ts), out of the page's reach; here it is decided what
 * it shows (the view, worded by core/card-view.ts), where it goes and how big it is. Placed with
 * Floating UI beside the mention, never over it, on the side that hides less of the paragraph
 * being read (core/card-placement.ts), kept in the viewport while the page scrolls, and as tall as
 * its content (the frame reports it) up to a limit, scrolling inside beyond.
 *
 * The frame and this script talk through one MessagePort (shared/card-port.ts); a new port is
 * handed over each time a document loads in the frame. Before a card is first asked for, the frame
 * can be made ahead (preload) so that the first card opens as fast as any other.
 */
import { autoUpdate, computePosition, flip, hide, inline, offset, shift, size, type Placement } from '@floating-ui/dom';
import { marginSide, preferredSide } from '../../core/card-placement';
import type { CardView } from '../../core/card-view';
import browser from '../../shared/browser';
import {
  CARD_GUARD_MS,
  CARD_PAGE,
  isFromFrame,
  type CardAction,
  type CardLook,
  type CardState,
  type FromFrame,
  type ToFrame,
} from '../../shared/card-port';
import { isOwnElement } from '../own-elements';
import { CardHost } from './host';

export type { CardState };

/** What the card's controls do (the cards controller decides). */
export interface CardActions {
  close(): void;
  togglePin(): void;
  /** To the previous (-1) or next (1) mention of this entity. */
  step(delta: 1 | -1): void;
  showRelated(id: string): void;
  /** Back to the card shown before a related one. */
  back(): void;
  setMuted(muted: boolean): void;
  /** The pointer entered (true) or left (false) the card. */
  hover(inside: boolean): void;
  /** The page hid the card or made it unusable, and it could not be put back: close it. */
  lost(): void;
}

const GAP = 8;
const MARGIN = 8;
/**
 * The card's height is capped, with its own scrolling beyond: the expanded panel at 70 % of the
 * viewport's height; the glance is made to fit in 320 px at 360 px wide and is shown whole where
 * the viewport allows.
 */
const EXPANDED_SHARE = 0.7;
/** A viewport narrower than this shows the card as a bottom sheet, as a coarse pointer does. */
const SHEET_BELOW_PX = 600;

/** A random nonce for the frame's address (128 bits, hex). */
function makeNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The frame's origin, to post its port to nobody else. Chromium's use_dynamic_url gives the page a
 * per-session address (runtime.getURL) that loads the card page under the extension's own origin;
 * Firefox's address is the extension's origin already.
 */
function frameOrigin(url: string): string {
  const origin = new URL(url).origin;
  return origin.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : origin;
}

export class Card {
  private readonly host: CardHost;
  private readonly origin: string;
  private readonly nonce = makeNonce();
  private port: MessagePort | null = null;
  /** The drawing the frame was last asked for, sent (again) whenever a port is ready. */
  private pending: Extract<ToFrame, { seq: number }> | null = null;
  private seq = 0;
  /** The height the frame reported for the current drawing (null: not yet), and whether it is expanded. */
  private natural: number | null = null;
  private expanded = false;
  /** What the card is placed beside: the mention's range, and the pointer that picks its line. */
  private anchor: AbstractRange | null = null;
  private point: { x: number; y: number } | null = null;
  private stopUpdates: (() => void) | null = null;
  private shownId: string | null = null;
  /** A card is open (from show or showMessage to hide), whether or not it is on screen yet. */
  private open = false;
  /** Whether the host has been shown for the current card (the first placement shows it). */
  private onScreen = false;
  private focusWhenShown = false;
  /** The card to appear is a new one (it fades in). */
  private opening = false;
  private lastPlace = '';

  constructor(
    private readonly doc: Document,
    private readonly actions: CardActions,
    /** Whether the page is dark (the painter reads its background; the card follows it). */
    private readonly pageIsDark: () => boolean,
  ) {
    const url = browser.runtime.getURL(CARD_PAGE);
    this.origin = frameOrigin(url);
    this.host = new CardHost({
      doc,
      src: `${url}#${this.nonce}`,
      onFrameLoad: (frame) => this.connect(frame),
      onTampered: () => this.open && this.actions.lost(),
    });
    this.host.onRaised = () => this.afterRaise();
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** The entity whose card is shown, if one is. */
  get entityId(): string | null {
    return this.open ? this.shownId : null;
  }

  /** Makes the frame ahead of the first card (at the first hover intent), so that its page is loaded by then. */
  preload(): void {
    this.host.ensure();
  }

  /** Hands a new port to the document that just loaded in the frame, and sends it the card it should show. */
  private connect(frame: HTMLIFrameElement): void {
    this.port?.close();
    const channel = new MessageChannel();
    const port = channel.port1;
    port.onmessage = (e: MessageEvent) => {
      if (port === this.port && isFromFrame(e.data)) this.onFrameMessage(e.data);
    };
    this.port = port;
    try {
      frame.contentWindow?.postMessage({ nonce: this.nonce }, this.origin, [channel.port2]);
    } catch {
      // The frame is not ours any more (it was navigated): nothing can be shown in it.
      this.port = null;
      return;
    }
    if (this.pending) port.postMessage(this.pending);
  }

  private send(message: ToFrame): void {
    this.port?.postMessage(message);
  }

  private onFrameMessage(message: FromFrame): void {
    if (!this.open) return;
    if (message.type === 'size') {
      if (message.seq !== this.seq) return;
      this.natural = message.height;
      this.expanded = message.expanded;
      if (this.update) this.update();
      else this.place();
      return;
    }
    if (message.type === 'hover') {
      this.actions.hover(message.inside);
      return;
    }
    this.act(message.action);
  }

  private act(action: CardAction): void {
    const a = this.actions;
    switch (action.name) {
      case 'close':
        return a.close();
      case 'pin':
        return a.togglePin();
      case 'step':
        return a.step(action.delta);
      case 'related':
        return a.showRelated(action.id);
      case 'back':
        return a.back();
      case 'mute':
        return a.setMuted(action.muted);
    }
  }

  private look(anchor: AbstractRange): CardLook {
    const block = anchor.startContainer.parentElement;
    const rtl = block ? this.doc.defaultView?.getComputedStyle(block).direction === 'rtl' : false;
    return { dark: this.pageIsDark(), dir: rtl ? 'rtl' : 'ltr', sheet: this.asSheet() };
  }

  /** A coarse pointer (touch) or a narrow viewport: the card is a bottom sheet. */
  private asSheet(): boolean {
    const view = this.doc.defaultView;
    if (!view) return false;
    return view.matchMedia('(pointer: coarse)').matches || this.doc.documentElement.clientWidth < SHEET_BELOW_PX;
  }

  /** The most the card may be high now. */
  private maxHeight(sheet: boolean): number {
    const vh = this.doc.documentElement.clientHeight;
    if (this.expanded) return Math.floor(vh * EXPANDED_SHARE);
    return sheet ? Math.floor(vh * 0.85) : vh - 2 * MARGIN;
  }

  /** Draws the card for `view` next to `anchor`; `point` (the pointer) picks the line of a wrapped mention. */
  show(view: CardView, state: CardState, anchor: AbstractRange, point: { x: number; y: number } | null): void {
    const opening = !this.open || this.shownId !== view.id;
    this.shownId = view.id;
    this.host.ensure();
    this.host.setTitle(view.title);
    this.draw({ type: 'card', seq: 0, view, state, look: this.look(anchor), opening }, anchor, point, opening);
  }

  /** A short note beside `anchor` instead of a card (a look-up that matched nothing). */
  showMessage(text: string, anchor: AbstractRange): void {
    this.shownId = null;
    this.host.ensure();
    this.host.setTitle('Contextual Highlights');
    this.draw({ type: 'note', seq: 0, text, look: this.look(anchor) }, anchor, null, true);
  }

  private draw(
    message: Extract<ToFrame, { seq: number }>,
    anchor: AbstractRange,
    point: { x: number; y: number } | null,
    opening: boolean,
  ): void {
    this.host.ensure();
    const moved = anchor !== this.anchor;
    if (!this.open) {
      // Shown once the frame says how tall this card is, and it is placed.
      this.onScreen = false;
      this.host.hide();
    }
    this.open = true;
    this.seq++;
    message.seq = this.seq;
    this.pending = message;
    this.anchor = anchor;
    this.point = point;
    this.opening = this.opening || opening;
    if (moved) {
      // Placed afresh beside the new anchor once the frame says how tall this card is.
      this.stopUpdates?.();
      this.stopUpdates = null;
      this.update = null;
      this.natural = null;
    }
    this.send(message);
  }

  /** Re-runs the placement (after a size report, while the card is on screen). */
  private update: (() => void) | null = null;

  private place(): void {
    const anchor = this.anchor;
    const frame = this.host.frameElement;
    if (!anchor || !frame) return;
    const live = this.doc.createRange();
    try {
      live.setStart(anchor.startContainer, anchor.startOffset);
      live.setEnd(anchor.endContainer, anchor.endOffset);
    } catch {
      // The mention's text changed under it: no anchor, so no card.
      this.actions.lost();
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
    const point = this.point;
    const sheet = this.pending?.look.sheet === true;
    frame.classList.toggle('sheet', sheet);
    const update = (): void => {
      const natural = this.natural ?? 0;
      const max = this.maxHeight(sheet);
      if (sheet) {
        this.placeSheet(frame, Math.min(natural, max), live);
        return;
      }
      const first = live.getClientRects()[0] ?? live.getBoundingClientRect();
      const block = paragraph?.getBoundingClientRect() ?? first;
      let height = Math.min(natural, max);
      frame.style.height = `${height}px`;
      const side = preferredSide({
        mention: first,
        paragraph: block,
        viewportHeight: this.doc.documentElement.clientHeight,
        cardHeight: height,
        gap: GAP,
      });
      const rtl = this.pending?.look.dir === 'rtl';
      frame.style.direction = rtl ? 'rtl' : 'ltr';
      // The margin beside the text column first, where it hides nothing of what is being read:
      // after the column in reading order (a sidebar there is not what is being read), or before
      // it when that is empty (before a sidebar lies the article itself).
      const side2 = paragraph
        ? marginSide({
            column: block,
            viewportWidth: this.doc.documentElement.clientWidth,
            cardWidth: frame.offsetWidth,
            gap: 2 * GAP,
            dir: rtl ? 'rtl' : 'ltr',
          })
        : null;
      const after = rtl ? 'left' : 'right';
      const margin =
        side2 && (side2 === after || this.marginIsEmpty(side2, block, first.top, frame.offsetWidth, height, paragraph!))
          ? side2
          : null;
      // Beside the column, at the mention's line: a reference as wide as the column there.
      const beside = margin
        ? {
            getBoundingClientRect: (): DOMRect => {
              const line = live.getClientRects()[0] ?? live.getBoundingClientRect();
              const column = paragraph!.getBoundingClientRect();
              return new DOMRect(column.left, line.top, column.width, line.height);
            },
            contextElement: reference.contextElement,
          }
        : null;
      // "start" is the mention's left edge, or its right edge when the card is right-to-left
      // (Floating UI mirrors alignment by the floating element's direction).
      const placement = (margin ? `${margin}-start` : `${side}-start`) as Placement;
      void computePosition(beside ?? reference, frame, {
        strategy: 'fixed',
        placement,
        middleware: [
          ...(beside ? [offset(2 * GAP), shift({ padding: MARGIN })] : [inline(point ?? undefined), offset(GAP)]),
          ...(beside
            ? []
            : [
                flip({ padding: MARGIN, fallbackAxisSideDirection: 'none' as const, crossAxis: false }),
                shift({ padding: MARGIN }),
              ]),
          size({
            padding: MARGIN,
            apply: ({ availableHeight }) => {
              const room = Math.max(120, Math.min(max, Math.floor(beside ? max : availableHeight)));
              height = Math.min(natural, room);
              frame.style.height = `${height}px`;
            },
          }),
          hide(),
        ],
      }).then(({ x, y, middlewareData }) => {
        if (!this.open || this.update !== update) return;
        frame.style.left = `${Math.round(x)}px`;
        frame.style.top = `${Math.round(y)}px`;
        // Scrolled out of sight with its mention: hidden until the mention is back.
        const away = middlewareData.hide?.referenceHidden === true;
        this.host.setOffScreen(away);
        if (!away) frame.style.height = `${height}px`;
        if (!this.onScreen) this.appear();
        else this.moved(`${Math.round(x)},${Math.round(y)}`);
      });
    };
    this.stopUpdates?.();
    this.update = update;
    this.stopUpdates = autoUpdate(reference, frame, update);
  }

  /**
   * Whether the page shows nothing but the column's own background where a card beside the column
   * would go (`side` of `column`, from the mention's line down, as tall as the card): sampled at a
   * few points, each must hit an element that holds the paragraph (its column, the page), or the
   * card itself.
   */
  private marginIsEmpty(
    side: 'left' | 'right',
    column: DOMRect,
    top: number,
    width: number,
    height: number,
    paragraph: Element,
  ): boolean {
    const vh = this.doc.documentElement.clientHeight;
    const x = side === 'right' ? column.right + 2 * GAP + width / 2 : column.left - 2 * GAP - width / 2;
    const from = Math.max(MARGIN, Math.min(top, vh - height - MARGIN));
    for (const dx of [-width / 3, 0, width / 3]) {
      for (const y of [from, from + height / 2, from + height - 1]) {
        const hit = this.doc.elementFromPoint(x + dx, Math.min(y, vh - 1));
        if (hit && !hit.contains(paragraph) && !isOwnElement(hit)) return false;
      }
    }
    return true;
  }

  /** A bottom sheet: the viewport's width, at its bottom, as tall as it needs up to its limit. */
  private placeSheet(frame: HTMLIFrameElement, height: number, mention: Range): void {
    if (!this.open) return;
    const vh = this.doc.documentElement.clientHeight;
    // A new sheet never hides its own mention: the page scrolls it up above the sheet (once).
    const box = mention.getBoundingClientRect();
    if (!this.onScreen && box.bottom > vh - height - GAP) {
      this.doc.defaultView?.scrollBy({ top: box.bottom - (vh - height) + 3 * GAP, behavior: 'instant' });
    }
    frame.style.left = '0px';
    frame.style.top = `${vh - height}px`;
    frame.style.height = `${height}px`;
    this.host.setOffScreen(false);
    frame.style.height = `${height}px`;
    if (!this.onScreen) this.appear();
    else this.moved(`sheet,${vh - height}`);
  }

  /** The first placement of a card: on screen, on top, and checked that the reader can reach it. */
  private appear(): void {
    this.onScreen = true;
    const opening = this.opening;
    this.opening = false;
    if (!this.host.show(opening) || !this.host.reachable()) {
      // The page refused the top layer, or keeps the card under a modal dialog of its own.
      this.actions.lost();
      return;
    }
    this.guard();
    if (this.focusWhenShown) {
      this.focusWhenShown = false;
      this.focus();
    }
  }

  /** The card moved (the page scrolled or changed): a click that comes at once was not aimed at it. */
  private moved(where: string): void {
    if (where === this.lastPlace) return;
    this.lastPlace = where;
    this.guard();
  }

  private afterRaise(): void {
    if (!this.host.reachable()) this.actions.lost();
    else this.guard();
  }

  private guard(): void {
    this.send({ type: 'guard', ms: CARD_GUARD_MS });
  }

  /** The card's box on screen, while it is open. */
  rect(): DOMRect | null {
    return this.open && this.onScreen ? (this.host.frameElement?.getBoundingClientRect() ?? null) : null;
  }

  /** Moves keyboard focus into the card (its first control); false if no card is open. */
  focus(): boolean {
    if (!this.open) return false;
    const frame = this.host.frameElement;
    if (!this.onScreen || !frame) {
      this.focusWhenShown = true;
      return true;
    }
    frame.focus({ preventScroll: true });
    this.send({ type: 'focus' });
    return true;
  }

  /** Whether keyboard focus is inside the card. */
  get hasFocus(): boolean {
    return this.open && this.host.hasFocus;
  }

  /** Whether an event's target is the card (events inside its frame never reach the page). */
  contains(e: Event): boolean {
    return this.host.contains(e);
  }

  hide(): void {
    this.stopUpdates?.();
    this.stopUpdates = null;
    this.update = null;
    this.open = false;
    this.onScreen = false;
    this.focusWhenShown = false;
    this.opening = false;
    this.shownId = null;
    this.pending = null;
    this.anchor = null;
    this.lastPlace = '';
    this.host.hide();
  }

  dispose(): void {
    this.hide();
    this.port?.close();
    this.port = null;
    this.host.dispose();
  }
}
