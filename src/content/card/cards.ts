/**
 * When cards open and close, whatever opens them: the pointer resting on a mention (hover intent,
 * with a grace period and a safe triangle on the way into the card), a tap, or a keyboard command
 * (next or previous mention, focus into the card; Escape closes and gives focus back). Only events
 * the browser marks as trusted count: a page cannot open, move or close cards by dispatching its own.
 */
import { cardView, type CardSource } from '../../core/card-view';
import { findHits } from '../../core/find-mentions';
import { RecordKind, type Matcher } from '../../core/matcher-data';
import { foldText } from '../../core/normalize';
import type { PageCommand } from '../../shared/messages';
import type { Mention, MentionStore } from '../mention-store';
import { writtenText } from '../mention-text';
import { rangeOf } from '../mention-ranges';
import { cardLanguage } from '../../shared/i18n';
import { readPageDate } from '../read/page-date';
import { Card, type CardActions } from './card';
import { HitTester } from './hit-test';
import { inTriangle, type Point } from '../../core/card-placement';
import { isRendered, mentionBox, mentionOrder, scrollToMention, type PaintedMentions } from './mention-order';

/** After the pointer leaves a mention (and is not on its way into the card), the card closes this much later. */
const CLOSE_DELAY_MS = 250;
/** While the pointer travels towards the card inside the safe triangle, it waits up to this long. */
const TRAVEL_MS = 700;

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

  private candidate: Mention | null = null;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private lastPoint: Point = { x: 0, y: 0 };
  /** The last point on the current mention: the apex of the safe triangle into the card. */
  private leftAt: Point | null = null;
  private insideCard = false;

  constructor(options: CardsOptions) {
    this.options = options;
    this.doc = options.doc;
    this.store = options.store;
    this.hits = new HitTester(options);
    this.card = new Card(options.doc, this.actions(), options.pageIsDark);
    const { doc, signal } = options;
    const passive = { passive: true, capture: true, signal };
    doc.addEventListener('pointermove', (e) => this.onMove(e), passive);
    doc.addEventListener('pointerdown', (e) => this.onDown(e), passive);
    doc.addEventListener('pointerup', (e) => this.onUp(e), passive);
    doc.addEventListener('keydown', (e) => this.onKey(e), { capture: true, signal });
    signal.addEventListener('abort', () => this.dispose(), { once: true });
  }

  /** Carries out a keyboard command; returns whether it did something. */
  command(name: Exclude<PageCommand, 'toggle-highlights'>): boolean {
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
      hover: (inside) => {
        this.insideCard = inside;
        if (inside) this.cancelClose();
        // As over the page: only a card the pointer opened closes when the pointer goes (one that
        // the keyboard or a step opened, or a tap, stays; it can move away from under the pointer).
        else if (this.openedBy === 'pointer') this.scheduleClose(CLOSE_DELAY_MS);
      },
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
      if (!this.options.signal.aborted)
        this.consider(this.hits.mentionAt(this.lastPoint.x, this.lastPoint.y), e.buttons);
    });
  }

  private consider(m: Mention | null, buttons: number): void {
    if (m && m === this.current && this.card.isOpen) {
      this.leftAt = { ...this.lastPoint };
      this.cancelClose();
      return;
    }
    if (m !== this.candidate) {
      clearTimeout(this.dwellTimer);
      this.candidate = m;
      // Not while a button is held (the reader is selecting or dragging).
      if (m && buttons === 0) {
        // The card's frame loads while the pointer rests (once per page): the first card is as quick as any.
        this.card.preload();
        const at = { ...this.lastPoint };
        this.dwellTimer = setTimeout(() => {
          if (this.candidate === m && this.mayOpenAt(m, at)) void this.open(m, 'pointer', at);
        }, this.options.hoverDelayMs());
      }
    }
    if (!m && this.card.isOpen && !this.insideCard && !this.pinned && this.openedBy === 'pointer') {
      this.scheduleClose(this.travellingToCard() ? TRAVEL_MS : CLOSE_DELAY_MS);
    }
  }

  /** Whether the pointer is inside the triangle from where it left the mention to the card's near edge. */
  private travellingToCard(): boolean {
    const apex = this.leftAt;
    const rect = this.card.rect();
    if (!apex || !rect) return false;
    // A card in the margin beside the column: towards its near side edge.
    if (rect.left >= apex.x || rect.right <= apex.x) {
      const x = rect.left >= apex.x ? rect.left : rect.right;
      return inTriangle(this.lastPoint, apex, { x, y: rect.top }, { x, y: rect.bottom });
    }
    const below = rect.top >= apex.y;
    const y = below ? rect.top : rect.bottom;
    return inTriangle(this.lastPoint, apex, { x: rect.left, y }, { x: rect.right, y });
  }

  /** Never over another element (an overlay, a form field), nor while text is selected. */
  private mayOpenAt(m: Mention, at: Point): boolean {
    const selection = this.doc.getSelection();
    if (selection && !selection.isCollapsed) return false;
    const top = this.doc.elementFromPoint(at.x, at.y);
    const parent = m.start.parentNode;
    if (!top || !parent) return false;
    // In a shadow tree the document sees the host at that point.
    const root = m.start.getRootNode();
    const reachable = root instanceof ShadowRoot ? root.host : parent;
    if (!(top === reachable || top.contains(reachable) || reachable.contains(top))) return false;
    return !(top as HTMLElement).isContentEditable && !top.closest('input, textarea, select');
  }

  private onDown(e: PointerEvent): void {
    if (!e.isTrusted || !this.card.isOpen || this.card.contains(e)) return;
    // A press elsewhere closes a card that is not pinned (a press on its own mention keeps it).
    const m = this.hits.mentionAt(e.clientX, e.clientY);
    if (m !== this.current && !this.pinned) this.close(false);
  }

  private onUp(e: PointerEvent): void {
    if (!e.isTrusted || e.pointerType !== 'touch' || this.card.contains(e)) return;
    const m = this.hits.mentionAt(e.clientX, e.clientY);
    if (!m) return;
    // A mention inside a link stays a link: the tap follows it (the card, opened otherwise, offers it too).
    if (m.start.parentElement?.closest('a[href]')) return;
    if (this.mayOpenAt(m, { x: e.clientX, y: e.clientY })) void this.open(m, 'touch', { x: e.clientX, y: e.clientY });
  }

  private scheduleClose(ms: number): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = undefined;
      if (!this.insideCard && !this.pinned) this.close(false);
    }, ms);
  }

  private cancelClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  // --- keyboard ------------------------------------------------------------------------------

  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted || !this.card.isOpen) return;
    if (e.key === 'Escape') {
      this.close(true);
      return;
    }
    // Enter moves into a card the keyboard opened, unless the page's own control has focus.
    if (e.key === 'Enter' && this.openedBy === 'keyboard' && !this.card.hasFocus && !this.pageControlFocused()) {
      e.preventDefault();
      this.focusCard();
    }
  }

  private pageControlFocused(): boolean {
    const active = this.doc.activeElement;
    if (!active || active === this.doc.body || active === this.doc.documentElement) return false;
    return (
      (active as HTMLElement).isContentEditable ||
      active.matches('a[href], button, input, select, textarea, summary, [tabindex], [role="button"], [role="link"]')
    );
  }

  private focusCard(): boolean {
    if (!this.card.isOpen) return false;
    if (!this.card.hasFocus) {
      const active = this.doc.activeElement;
      this.returnFocus = active && active !== this.doc.body ? active : null;
    }
    return this.card.focus();
  }

  /** The visible mention after (1) or before (-1) the current one; without one, the first from the screen's top (or the last above its bottom). */
  private neighbour(delta: 1 | -1): Mention | null {
    const list = mentionOrder(this.options.painted);
    const at = this.current ? list.indexOf(this.current) : -1;
    if (at >= 0) {
      for (let i = at + delta; i >= 0 && i < list.length; i += delta)
        if (isRendered(this.doc, list[i]!)) return list[i]!;
      return null;
    }
    const height = this.doc.documentElement.clientHeight;
    for (let k = 0; k < list.length; k++) {
      const m = list[delta > 0 ? k : list.length - 1 - k]!;
      const box = mentionBox(this.doc, m);
      if (box && (delta > 0 ? box.top >= 0 : box.bottom <= height)) return m;
    }
    return null;
  }

  /** To the previous or next mention of the entity shown (the first one after a switch to a related entity). */
  private step(delta: 1 | -1): void {
    const entity = this.shownEntity;
    if (!entity) return;
    const same = mentionOrder(this.options.painted).filter(
      (m) => this.entityId(m) === entity && isRendered(this.doc, m),
    );
    if (same.length === 0) return;
    const at = this.current ? same.indexOf(this.current) : -1;
    const next = at < 0 ? same[0]! : same[(at + delta + same.length) % same.length]!;
    scrollToMention(this.doc, next);
    void this.open(next, this.openedBy === 'pointer' ? 'keyboard' : this.openedBy, null);
  }

  // --- opening and drawing -------------------------------------------------------------------

  private entityId(m: Mention): string {
    return this.options.matcher.entities[m.entity]!.id;
  }

  /** Opens the card for a mention. Never throws: it runs from the page's events. */
  private async open(m: Mention, by: OpenedBy, point: Point | null): Promise<void> {
    this.cancelClose();
    clearTimeout(this.dwellTimer);
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
      this.leftAt = point;
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
    const anchor = this.selectionAnchor();
    const entity = this.entityNamedBy(text);
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

  /** The entity a text names: as the matcher reads it (any alias, whatever its page rules), else by a name or alias in any case. */
  private entityNamedBy(text: string): string | null {
    const { matcher } = this.options;
    for (const hit of findHits(matcher, text)) {
      const rec = matcher.records[hit.record]!;
      if (rec.kind === RecordKind.Mention) return matcher.entities[rec.entity]!.id;
    }
    const wanted = foldText(text);
    if (!wanted) return null;
    const rec = matcher.records.find((r) => r.kind === RecordKind.Mention && foldText(r.text) === wanted);
    return rec ? matcher.entities[rec.entity]!.id : null;
  }

  /** The current selection as a range to place a card beside, or the focused element's box. */
  private selectionAnchor(): AbstractRange | null {
    const selection = this.doc.getSelection();
    if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
      const r = selection.getRangeAt(0);
      return new StaticRange({
        startContainer: r.startContainer,
        startOffset: r.startOffset,
        endContainer: r.endContainer,
        endOffset: r.endOffset,
      });
    }
    // Text selected in a form field is not a range of the page: place the card by the field.
    const active = this.doc.activeElement;
    if (active && active !== this.doc.body && active.parentNode) {
      const index = [...active.parentNode.childNodes].indexOf(active as ChildNode);
      return new StaticRange({
        startContainer: active.parentNode,
        startOffset: index,
        endContainer: active.parentNode,
        endOffset: index + 1,
      });
    }
    return null;
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
    clearTimeout(this.dwellTimer);
    this.cancelClose();
    this.candidate = null;
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
    this.insideCard = false;
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

/** A selection's words for a message (quoted, at most a few words). */
function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}
