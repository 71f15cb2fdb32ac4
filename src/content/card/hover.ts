/**
 * Opens a card when the pointer rests on a mention (or a finger taps one) and closes it when the
 * pointer leaves both the mention and the card, or on Escape. Hit-testing uses
 * CSS.highlights.highlightsFromPoint where available and caret positions otherwise.
 */
import { Card, type CardContent } from './card';
import type { Mention, MentionStore } from '../mention-store';
import { rangeOf } from '../paint/paint-window';
import type { Painter } from '../paint/painter';
import { isText } from '../dom';

const OPEN_DELAY_MS = 150;
const CLOSE_DELAY_MS = 300;

type HitDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
};
type HitRegistry = HighlightRegistry & {
  highlightsFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots: ShadowRoot[] },
  ) => { highlight: Highlight; ranges: AbstractRange[] }[];
};

function rangeContains(doc: Document, r: AbstractRange, x: number, y: number): boolean {
  const live = doc.createRange();
  try {
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
  } catch {
    return false;
  }
  for (const rect of live.getClientRects()) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  }
  return false;
}

export interface HoverCardsOptions {
  doc: Document;
  store: MentionStore;
  painter: Painter;
  /** The card's content for an entity id (asked of the background; null if unknown). */
  loadCard: (entityId: string) => Promise<CardContent | null>;
  /** The id of an entity index. */
  entityId: (entity: number) => string;
  signal: AbortSignal;
  /** The open shadow roots we paint in (hit-testing looks into them too). */
  shadowRoots: () => ShadowRoot[];
}

export class HoverCards {
  private readonly doc: Document;
  private readonly store: MentionStore;
  private readonly painter: Painter;
  private readonly load: (entityId: string) => Promise<CardContent | null>;
  private readonly entityId: (entity: number) => string;
  private readonly signal: AbortSignal;
  private readonly shadowRoots: () => ShadowRoot[];
  private readonly card: Card;
  private current: Mention | null = null;
  private pending: Mention | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private lastPoint: [number, number] = [0, 0];
  private insideCard = false;
  private readonly byRange = new WeakMap<AbstractRange, Mention>();
  /** Bumped by every open and close, so a slow open that was overtaken gives up. */
  private opening = 0;

  constructor(options: HoverCardsOptions) {
    this.doc = options.doc;
    this.store = options.store;
    this.painter = options.painter;
    this.load = options.loadCard;
    this.entityId = options.entityId;
    this.signal = options.signal;
    this.shadowRoots = options.shadowRoots;
    const { doc, signal } = options;
    this.card = new Card(doc);
    this.card.onHover = (inside) => {
      this.insideCard = inside;
      if (inside) clearTimeout(this.closeTimer);
      else this.scheduleClose();
    };
    const opts = { passive: true, capture: true, signal };
    doc.addEventListener('pointermove', (e) => this.onMove(e), opts);
    doc.addEventListener('pointerup', (e) => this.onTap(e), opts);
    doc.addEventListener('keydown', (e) => e.key === 'Escape' && this.close(), opts);
    signal.addEventListener('abort', () => this.dispose(), { once: true });
  }

  /** The shown mention under a viewport point, if any. */
  private mentionAt(x: number, y: number): Mention | null {
    const registry = CSS.highlights as HitRegistry;
    if (typeof registry.highlightsFromPoint === 'function') {
      for (const hit of registry.highlightsFromPoint(x, y, { shadowRoots: this.shadowRoots() })) {
        for (const range of hit.ranges) {
          const m = this.findByRange(range);
          if (m?.shown) return m;
        }
      }
      return null;
    }
    const pos = (this.doc as HitDoc).caretPositionFromPoint?.(x, y);
    if (!pos || !isText(pos.offsetNode)) return null;
    for (const m of this.store.mentionsAt(pos.offsetNode as Text)) {
      if (m.shown && rangeContains(this.doc, rangeOf(m), x, y)) return m;
    }
    return null;
  }

  private findByRange(range: AbstractRange): Mention | undefined {
    const cached = this.byRange.get(range);
    if (cached && this.store.has(cached)) return cached;
    if (!isText(range.startContainer)) return undefined;
    for (const m of this.store.mentionsAt(range.startContainer as Text)) {
      if (m.range === range) {
        this.byRange.set(range, m);
        return m;
      }
    }
    return undefined;
  }

  private onMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') return;
    this.lastPoint = [e.clientX, e.clientY];
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.signal.aborted) return;
      this.consider(this.mentionAt(...this.lastPoint));
    });
  }

  private onTap(e: PointerEvent): void {
    if (e.pointerType !== 'touch') return;
    const m = this.mentionAt(e.clientX, e.clientY);
    if (m) void this.open(m);
    else if (!this.insideCard) this.close();
  }

  private consider(m: Mention | null): void {
    if (m && m === this.current) {
      clearTimeout(this.closeTimer);
      return;
    }
    if (m !== this.pending) {
      clearTimeout(this.openTimer);
      this.pending = m;
      if (m) this.openTimer = setTimeout(() => void this.open(m), OPEN_DELAY_MS);
    }
    if (!m && this.current && !this.insideCard) this.scheduleClose();
  }

  private scheduleClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => {
      if (!this.insideCard) this.close();
    }, CLOSE_DELAY_MS);
  }

  /** Opens the card for a mention. Never throws: it runs from the page's pointer events. */
  private async open(m: Mention): Promise<void> {
    clearTimeout(this.closeTimer);
    this.pending = null;
    const ticket = ++this.opening;
    try {
      const content = await this.load(this.entityId(m.entity));
      // Closed (or another card asked for) while the data was on its way: do not pop up late.
      if (!content || ticket !== this.opening || this.signal.aborted || !this.store.has(m)) return;
      this.current = m;
      this.painter.setFocus(rangeOf(m));
      this.card.show(content, rangeOf(m));
    } catch (e) {
      console.debug('[contextual-highlights] card failed', e);
    }
  }

  private close(): void {
    this.opening++;
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.pending = null;
    if (!this.current) return;
    this.current = null;
    this.painter.setFocus(null);
    this.card.hide();
  }

  private dispose(): void {
    this.close();
    cancelAnimationFrame(this.frame);
    this.card.dispose();
  }
}
