/**
 * Hover intent: when the pointer resting on a mention opens its card, and when the pointer going
 * away closes it. A card opens after the pointer has rested on one mention for the reader's delay
 * (not while a button is held: the reader is selecting or dragging). A card the pointer opened
 * closes a moment after the pointer leaves both its mention and the card, and waits longer while
 * the pointer travels towards the card inside the safe triangle (from where it left the mention to
 * the card's near edge). Touch never comes here: a finger is no pointer resting anywhere.
 */
import { inTriangle, type Point } from '../../core/card-placement';

/** After the pointer leaves a mention (and is not on its way into the card), the card closes this much later. */
export const CLOSE_DELAY_MS = 250;
/** While the pointer travels towards the card inside the safe triangle, it waits up to this long. */
export const TRAVEL_MS = 700;

export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What hover intent needs of the cards it drives (M: a mention). */
export interface HoverHost<M> {
  /** The reader's hover delay. */
  delayMs(): number;
  /** The mention whose card is open, or null when no card is open. */
  openMention(): M | null;
  /** Whether the open card goes when the pointer goes: opened by the pointer, and not pinned. */
  closesWithPointer(): boolean;
  /** The open card's box on screen. */
  cardRect(): Rect | null;
  /** Whether a card may open for `m` at `at` (nothing over it, no selection). */
  mayOpenAt(m: M, at: Point): boolean;
  /** The pointer rests on a mention: get the card's frame ready. */
  preload(): void;
  open(m: M, at: Point): void;
  close(): void;
}

/** Whether `p` is on its way from `apex` (where it left the mention) to the card's near edge. */
export function travellingTo(card: Rect, apex: Point, p: Point): boolean {
  // A card in the margin beside the column: towards its near side edge.
  if (card.left >= apex.x || card.right <= apex.x) {
    const x = card.left >= apex.x ? card.left : card.right;
    return inTriangle(p, apex, { x, y: card.top }, { x, y: card.bottom });
  }
  const y = card.top >= apex.y ? card.top : card.bottom;
  return inTriangle(p, apex, { x: card.left, y }, { x: card.right, y });
}

export class HoverIntent<M> {
  private candidate: M | null = null;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private point: Point = { x: 0, y: 0 };
  /** The last point on the open card's mention: the apex of the safe triangle. */
  private leftAt: Point | null = null;
  /** The pointer is over the card (its frame says so). */
  private inside = false;

  constructor(private readonly host: HoverHost<M>) {}

  /** The pointer is at `p` over `m` (a mention, or null), with `buttons` held. */
  consider(m: M | null, p: Point, buttons: number): void {
    this.point = { ...p };
    const host = this.host;
    if (m !== null && m === host.openMention()) {
      this.leftAt = { ...p };
      this.cancelClose();
      return;
    }
    if (m !== this.candidate) {
      clearTimeout(this.dwellTimer);
      this.candidate = m;
      if (m !== null && buttons === 0) {
        // The card's frame loads while the pointer rests (once per page): the first card is as quick as any.
        host.preload();
        const at = { ...p };
        this.dwellTimer = setTimeout(() => {
          if (this.candidate === m && host.mayOpenAt(m, at)) host.open(m, at);
        }, host.delayMs());
      }
    }
    if (m === null && host.openMention() !== null && !this.inside && host.closesWithPointer()) {
      const rect = host.cardRect();
      const travelling = rect !== null && this.leftAt !== null && travellingTo(rect, this.leftAt, this.point);
      this.scheduleClose(travelling ? TRAVEL_MS : CLOSE_DELAY_MS);
    }
  }

  /** The pointer came into (true) or left (false) the card. */
  cardHover(inside: boolean): void {
    this.inside = inside;
    if (inside) this.cancelClose();
    else if (this.host.closesWithPointer()) this.scheduleClose(CLOSE_DELAY_MS);
  }

  /** A card opened (by whatever means), at `at` when the pointer opened it. */
  opened(at: Point | null): void {
    clearTimeout(this.dwellTimer);
    this.cancelClose();
    this.leftAt = at;
  }

  /** The card closed: nothing pending. */
  reset(): void {
    clearTimeout(this.dwellTimer);
    this.cancelClose();
    this.candidate = null;
    this.inside = false;
    this.leftAt = null;
  }

  private scheduleClose(ms: number): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = undefined;
      if (!this.inside && this.host.closesWithPointer()) this.host.close();
    }, ms);
  }

  private cancelClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }
}
