/**
 * When cards open and close, whatever opens them: the pointer resting on a mention (hover-intent.ts),
 * a tap (touch.ts), a keyboard command (keyboard.ts: next or previous mention, the next of the open
 * card's entity, focus into the card; Escape closes and gives focus back), or a look-up of selected
 * text (look-up.ts); and what the card shows (core/card-view.ts, with the page's own date and
 * address). Only events the browser marks as trusted count: a page cannot open, move or close cards
 * by dispatching its own.
 */
import { cardView, type CardSource } from '../../core/card-view';
import type { Matcher } from '../../core/matcher-data';
import type { RunCommand } from '../../shared/messages';
import type { Mention, MentionStore } from '../mention-store';
import { writtenText } from '../mention-text';
import { rangeOf } from '../mention-ranges';
import { cardLanguage } from '../../shared/i18n';
import { readPageDate } from '../read/page-date';
import { Card, type CardActions } from './card';
import { HitTester } from './hit-test';
import type { Point } from '../../core/card-placement';
import { HoverIntent } from './hover-intent';
import { entersCard, neighbour, stepWithin } from './keyboard';
import { entityNamedBy, selectionAnchor, short } from './look-up';
import { pressCloses, tapOpens } from './touch';
import { isRendered, mentionOrder, scrollToMention, type PaintedMentions } from './mention-order';

export interface CardsOptions {
  doc: Document;
  store: MentionStore;
  /** The painted mentions, which the keyboard walks. */
  painted: PaintedMentions;
  painter: { setFocus(range: AbstractRange | null): void };
  matcher: Matcher;
  /** The card data of an entity (asked of the background; null if unknown). */
  loadCard: (entityId: string) => Promise<CardSource | null>;
  signal: AbortSignal;
  /** The open shadow roots we paint in (hit-testing looks into them too). */
  shadowRoots: () => ShadowRoot[];
  /** The reader's settings that cards follow. */
  hoverDelayMs: () => number;
  isMuted: (entityId: string) => boolean;
  setMuted: (entityId: string, muted: boolean) => void;
  /** Whether the page is dark (its background, as the painter reads it): the card follows. */
  pageIsDark: () => boolean;
}

type OpenedBy = 'pointer' | 'touch' | 'keyboard';

export class Cards {
  private readonly doc: Document;
  private readonly store: MentionStore;
  private readonly options: CardsOptions;
  private readonly hits: HitTester;
  private readonly card: Card;
  /** The card's words and dates in the reader's language. */
  private readonly language = cardLanguage();

  /** The mention the card is anchored to, and the entity it shows (a related one after a switch). */
  private current: Mention | null = null;
  /** What the card is placed beside: the current mention's range, or a selection (a lookup). */
  private anchor: AbstractRange | null = null;
  /** How the page writes what the card is about, when it is not a mention (a looked-up selection). */
  private anchorText: string | null = null;
  private shownEntity: string | null = null;
  private source: CardSource | null = null;
  /** The title of the card drawn last, and the cards opened before it through relations (Back). */
  private shownTitle: string | null = null;
  private trail: { id: string; title: string }[] = [];
  /** The reading page's publication date, read when the first card needs it (undefined: not yet). */
  private pageDate: string | null | undefined;
  private openedBy: OpenedBy = 'pointer';
  private pinned = false;
  /** Where focus was before it moved into the card (given back on Escape). */
  private returnFocus: Element | null = null;
  /** Bumped by every open and close, so a slow open that was overtaken gives up. */
  private opening = 0;

  private readonly intent: HoverIntent<Mention>;
  /** The animation frame a pointer move waits for (hit-tested once a frame), and where it was last. */
  private frame = 0;
  private lastPoint: Point = { x: 0, y: 0 };

  constructor(options: CardsOptions) {
    this.options = options;
    this.doc = options.doc;
    this.store = options.store;
    this.hits = new HitTester(options);
    this.card = new Card(options.doc, this.actions(), options.pageIsDark);
    this.intent = new HoverIntent<Mention>({
      delayMs: () => options.hoverDelayMs(),
      openMention: () => (this.card.isOpen ? this.current : null),
      closesWithPointer: () => this.card.isOpen && this.openedBy === 'pointer' && !this.pinned,
      cardRect: () => this.card.rect(),
      mayOpenAt: (m, at) => this.hits.mayOpenAt(m, at),
      preload: () => this.card.preload(),
      open: (m, at) => void this.open(m, 'pointer', at),
      close: () => this.close(false),
    });
    const { doc, signal } = options;
    const passive = { passive: true, capture: true, signal };
    doc.addEventListener('pointermove', (e) => this.onMove(e), passive);
    doc.addEventListener('pointerdown', (e) => this.onDown(e), passive);
    doc.addEventListener('pointerup', (e) => this.onUp(e), passive);
    doc.addEventListener('keydown', (e) => this.onKey(e), { capture: true, signal });
    signal.addEventListener('abort', () => this.dispose(), { once: true });
  }

  /** Carries out a keyboard command; returns whether it did something. */
  command(name: RunCommand): boolean {
    if (name === 'focus-card') return this.focusCard();
    // The next mention of the open card's entity (without a card, as next-mention).
    if (name === 'next-same' && this.card.isOpen && this.shownEntity) {
      this.step(1);
      return true;
    }
    const m = this.neighbour(name === 'next-mention' ? 1 : -1);
    if (!m) return false;
    scrollToMention(this.doc, m);
    void this.open(m, 'keyboard', null);
    return true;
  }

  private actions(): CardActions {
    return {
      close: () => this.close(true),
      togglePin: () => {
        this.pinned = !this.pinned;
        this.redraw();
      },
      step: (delta) => this.step(delta),
      showRelated: (id) => {
        // A way back to the card the reader came from.
        if (this.shownEntity && this.shownTitle) this.trail.push({ id: this.shownEntity, title: this.shownTitle });
        void this.showEntity(id);
      },
      back: () => {
        const previous = this.trail.pop();
        if (previous) void this.showEntity(previous.id);
      },
      setMuted: (muted) => {
        if (!this.shownEntity) return;
        this.options.setMuted(this.shownEntity, muted);
        this.redraw(muted);
      },
      hover: (inside) => this.intent.cardHover(inside),
      lost: () => this.close(false),
    };
  }

  // --- pointer -------------------------------------------------------------------------------

  private onMove(e: PointerEvent): void {
    if (!e.isTrusted || e.pointerType === 'touch') return;
    this.lastPoint = { x: e.clientX, y: e.clientY };
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.options.signal.aborted) return;
      const { x, y } = this.lastPoint;
      this.intent.consider(this.hits.mentionAt(x, y), this.lastPoint, e.buttons);
    });
  }

  private onDown(e: PointerEvent): void {
    if (!e.isTrusted || !this.card.isOpen || this.card.contains(e)) return;
    if (pressCloses(this.hits.mentionAt(e.clientX, e.clientY), this.current, this.pinned)) this.close(false);
  }

  private onUp(e: PointerEvent): void {
    if (!e.isTrusted || e.pointerType !== 'touch' || this.card.contains(e)) return;
    const m = this.hits.mentionAt(e.clientX, e.clientY);
    const at = { x: e.clientX, y: e.clientY };
    if (m && tapOpens(m) && this.hits.mayOpenAt(m, at)) void this.open(m, 'touch', at);
  }

  // --- keyboard ------------------------------------------------------------------------------

  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted || !this.card.isOpen) return;
    if (e.key === 'Escape') {
      this.close(true);
      return;
    }
    if (entersCard(this.doc, e.key, { openedByKeyboard: this.openedBy === 'keyboard', hasFocus: this.card.hasFocus })) {
      e.preventDefault();
      this.focusCard();
    }
  }

  private focusCard(): boolean {
    if (!this.card.isOpen) return false;
    if (!this.card.hasFocus) {
      const active = this.doc.activeElement;
      this.returnFocus = active && active !== this.doc.body ? active : null;
    }
    return this.card.focus();
  }

  /** The visible mention after (1) or before (-1) the current one (keyboard.ts). */
  private neighbour(delta: 1 | -1): Mention | null {
    return neighbour(this.doc, mentionOrder(this.options.painted), this.current, delta);
  }

  /** To the previous or next mention of the entity shown (the first one after a switch to a related entity). */
  private step(delta: 1 | -1): void {
    const entity = this.shownEntity;
    if (!entity) return;
    const same = mentionOrder(this.options.painted).filter(
      (m) => this.entityId(m) === entity && isRendered(this.doc, m),
    );
    const next = stepWithin(same, this.current, delta);
    if (!next) return;
    scrollToMention(this.doc, next);
    void this.open(next, this.openedBy === 'pointer' ? 'keyboard' : this.openedBy, null);
  }

  // --- opening and drawing -------------------------------------------------------------------

  private entityId(m: Mention): string {
    return this.options.matcher.entities[m.entity]!.id;
  }

  /** Opens the card for a mention. Never throws: it runs from the page's events. */
  private async open(m: Mention, by: OpenedBy, point: Point | null): Promise<void> {
    this.intent.opened(point);
    const ticket = ++this.opening;
    try {
      const source = await this.options.loadCard(this.entityId(m));
      // Closed, or another card asked for, while the data was on its way: do not pop up late.
      if (!source || ticket !== this.opening || this.options.signal.aborted || !this.store.has(m)) return;
      if (this.current !== m) this.pinned = this.pinned && this.card.isOpen;
      this.current = m;
      this.trail = [];
      this.anchor = rangeOf(m);
      this.anchorText = null;
      this.openedBy = by;
      this.intent.opened(point);
      this.source = source;
      this.shownEntity = source.id;
      this.options.painter.setFocus(rangeOf(m));
      this.draw(point);
    } catch (e) {
      console.debug('[contextual-highlights] card failed', e);
    }
  }

  /** Shows another entity's card (a related one) on the same mention. */
  private async showEntity(id: string): Promise<void> {
    const ticket = ++this.opening;
    const source = await this.options.loadCard(id).catch(() => null);
    if (!source || ticket !== this.opening || !this.anchor) return;
    this.source = source;
    this.shownEntity = id;
    this.draw(null);
  }

  /** Scrolls to one painted mention and opens its card (the popup's X-Ray strip: "3 of 13"). */
  revealMention(m: Mention): boolean {
    if (!m.painted) return false;
    scrollToMention(this.doc, m);
    void this.open(m, 'keyboard', null);
    return true;
  }

  /** Scrolls to the entity's next painted mention (its first, unless its card is open) and opens its card. */
  reveal(entityId: string): boolean {
    const same = mentionOrder(this.options.painted).filter((m) => this.entityId(m) === entityId);
    const rendered = same.filter((m) => isRendered(this.doc, m));
    const list = rendered.length > 0 ? rendered : same;
    if (list.length === 0) return false;
    const at = this.current ? list.indexOf(this.current) : -1;
    const next = list[(at + 1) % list.length]!;
    scrollToMention(this.doc, next);
    void this.open(next, 'keyboard', null);
    return true;
  }

  /**
   * The card of the entity a selected text names (the context menu's "Look up"), beside the
   * selection; or a short note that nothing matched. Returns the entity's id, or null.
   */
  lookUp(text: string): string | null {
    const anchor = selectionAnchor(this.doc);
    const entity = entityNamedBy(this.options.matcher, text);
    const ticket = ++this.opening;
    this.current = null;
    this.options.painter.setFocus(null);
    if (!anchor) return entity;
    this.anchor = anchor;
    this.anchorText = text.trim();
    this.openedBy = 'keyboard';
    if (entity === null) {
      this.source = null;
      this.shownEntity = null;
      this.card.showMessage(this.language.say('card_no_match', short(text)), anchor);
      return null;
    }
    void this.options
      .loadCard(entity)
      .then((source) => {
        if (!source || ticket !== this.opening) return;
        this.source = source;
        this.shownEntity = source.id;
        this.draw(null);
      })
      .catch((e: unknown) => console.debug('[contextual-highlights] look-up failed', e));
    return entity;
  }

  /** The page's own date, read once (the top document's: a card in a frame asks its own document). */
  private readPageDate(): string | null {
    if (this.pageDate === undefined) this.pageDate = readPageDate(this.doc);
    return this.pageDate;
  }

  private redraw(muted?: boolean): void {
    if (this.card.isOpen) this.draw(null, muted);
  }

  private draw(point: Point | null, muted?: boolean): void {
    const m = this.current;
    const source = this.source;
    const anchor = this.anchor;
    if (!anchor || !source) return;
    const sameEntity = m !== null && this.entityId(m) === source.id;
    const mentions = mentionOrder(this.options.painted).filter((x) => this.entityId(x) === source.id);
    const written = sameEntity ? writtenText(m) : this.anchorText;
    const link = m?.start.parentElement?.closest('a[href]') as HTMLAnchorElement | null | undefined;
    const view = cardView(
      source,
      {
        written,
        index: sameEntity ? mentions.indexOf(m) + 1 : 0,
        total: mentions.length,
        link: link ? { href: link.href } : null,
        pageDate: this.readPageDate(),
        pageUrl: pageAddress(this.doc),
      },
      this.language,
    );
    this.shownTitle = view.title;
    const back = this.trail.at(-1)?.title ?? null;
    const state = { pinned: this.pinned, muted: muted ?? this.options.isMuted(source.id), back };
    this.card.show(view, state, anchor, point);
  }

  private close(giveFocusBack: boolean): void {
    this.opening++;
    this.intent.reset();
    if (!this.card.isOpen && !this.current) return;
    const hadFocus = this.card.hasFocus;
    this.current = null;
    this.anchor = null;
    this.anchorText = null;
    this.source = null;
    this.shownEntity = null;
    this.shownTitle = null;
    this.trail = [];
    this.pinned = false;
    this.options.painter.setFocus(null);
    this.card.hide();
    if ((giveFocusBack || hadFocus) && this.returnFocus?.isConnected) {
      (this.returnFocus as HTMLElement).focus?.({ preventScroll: true });
    }
    this.returnFocus = null;
  }

  private dispose(): void {
    this.close(false);
    cancelAnimationFrame(this.frame);
    this.card.dispose();
  }
}

/** The page's address as it names itself: its canonical link where it gives one, else its own. */
function pageAddress(doc: Document): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]');
  return canonical?.href || doc.location?.href || '';
}
