/**
 * Notices the card's frame moving under a pointer that stays still: a pointer event at the same
 * place on the screen as the one before, but at another place in the frame. The content script
 * tells the frame when it moves the card (the 'guard' message), but on a busy machine that message
 * can come after the click it is meant to stop (the frame's process takes input before messages);
 * this needs no message, and does not depend on the page's zoom.
 */
export interface PointerPlace {
  screenX: number;
  screenY: number;
  clientX: number;
  clientY: number;
}

export class StillPointer {
  private last: PointerPlace | null = null;

  /** Takes the next pointer event; true if the frame moved under the pointer since the one before. */
  moved(e: PointerPlace): boolean {
    const last = this.last;
    this.last = { screenX: e.screenX, screenY: e.screenY, clientX: e.clientX, clientY: e.clientY };
    return (
      last !== null &&
      last.screenX === e.screenX &&
      last.screenY === e.screenY &&
      (last.clientX !== e.clientX || last.clientY !== e.clientY)
    );
  }
}
