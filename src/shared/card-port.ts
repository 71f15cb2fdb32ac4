/**
 * What the content script and the card's frame say to each other. The card is drawn in an
 * extension page (src/card/) inside the card's host, so that no page can select, read or rewrite
 * it; the content script decides what the card shows and where it goes. They talk through one
 * MessagePort only: the content script makes it, and hands its other end to the frame in one
 * window message carrying the nonce it put in the frame's address (the frame takes the first such
 * message and no other). The frame never posts to its parent, whose window a page could then read
 * from the message's `source`.
 */
import type { CardView } from '../core/card-view';

/** The card page, as web_accessible_resources lists it (in the build's folders). */
export const CARD_PAGE = 'card/card.html';

/** How many milliseconds after the card appears or moves a click in it is not taken (click-jacking). */
export const CARD_GUARD_MS = 500;

export interface CardState {
  pinned: boolean;
  muted: boolean;
  /** The card shown before a related entity's (its title): the Back control returns to it. */
  back: string | null;
}

/** The page's look the card follows: dark or light, and its direction (the card mirrors on right-to-left pages). */
export interface CardLook {
  dark: boolean;
  dir: 'ltr' | 'rtl';
  /** Drawn as a bottom sheet (a coarse pointer, or a viewport under 600 px): a handle, larger targets. */
  sheet?: boolean;
}

/** Content script → frame. `seq` numbers each drawing: the frame's size reports name the one they measured. */
export type ToFrame =
  /** Draw an entity's card (`opening`: a new card, announced and scrolled to its top). */
  | { type: 'card'; seq: number; view: CardView; state: CardState; look: CardLook; opening: boolean }
  /** Draw a short note instead (a look-up that matched nothing). */
  | { type: 'note'; seq: number; text: string; look: CardLook }
  /** Move keyboard focus to the card's first control (the frame element itself has focus already). */
  | { type: 'focus' }
  /** The card appeared or moved: take no click for this long. */
  | { type: 'guard'; ms: number };

/** What a control of the card asks for. */
export type CardAction =
  | { name: 'close' }
  | { name: 'pin' }
  | { name: 'step'; delta: 1 | -1 }
  | { name: 'related'; id: string }
  /** Back to the card shown before a related one. */
  | { name: 'back' }
  | { name: 'mute'; muted: boolean };

/** Frame → content script. */
export type FromFrame =
  /**
   * The height the drawing `seq` needs at the frame's width, and whether it is the glance or the
   * expanded panel (the content script sizes the frame: the glance in full, the panel up to 70 % of
   * the viewport's height, its body scrolling).
   */
  | { type: 'size'; seq: number; height: number; expanded: boolean }
  /** A control was used (Escape in the card is `close`). */
  | { type: 'act'; action: CardAction }
  /**
   * The pointer came into (true) or left (false) the card. Seen by the frame itself: Chromium does
   * not tell the page's document (nor the content script there) when the pointer crosses into an
   * out-of-process frame.
   */
  | { type: 'hover'; inside: boolean };

/** The one window message that hands the frame its port. */
export interface CardHandshake {
  nonce: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isAction(v: unknown): v is CardAction {
  if (!isObject(v)) return false;
  switch (v.name) {
    case 'close':
    case 'pin':
    case 'back':
      return true;
    case 'step':
      return v.delta === 1 || v.delta === -1;
    case 'related':
      return typeof v.id === 'string';
    case 'mute':
      return typeof v.muted === 'boolean';
    default:
      return false;
  }
}

/** Whether a port message is one the frame sends (the content script takes nothing else). */
export function isFromFrame(v: unknown): v is FromFrame {
  if (!isObject(v)) return false;
  if (v.type === 'size')
    return Number.isInteger(v.seq) && typeof v.height === 'number' && v.height >= 0 && typeof v.expanded === 'boolean';
  if (v.type === 'hover') return typeof v.inside === 'boolean';
  return v.type === 'act' && isAction(v.action);
}

/** Whether a port message is one the content script sends (its shape; the frame draws text only). */
export function isToFrame(v: unknown): v is ToFrame {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'card':
      return Number.isInteger(v.seq) && isObject(v.view) && isObject(v.state) && isObject(v.look);
    case 'note':
      return Number.isInteger(v.seq) && typeof v.text === 'string' && isObject(v.look);
    case 'focus':
      return true;
    case 'guard':
      return typeof v.ms === 'number';
    default:
      return false;
  }
}
