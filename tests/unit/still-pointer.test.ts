import { describe, expect, it } from 'vitest';
import { StillPointer } from '../../src/card/still-pointer';

const at = (screenX: number, screenY: number, clientX: number, clientY: number) => ({
  screenX,
  screenY,
  clientX,
  clientY,
});

describe('a frame moved under a still pointer', () => {
  it('is noticed when the pointer stays on the screen and its place in the frame changes', () => {
    const still = new StillPointer();
    expect(still.moved(at(500, 400, 60, 80))).toBe(false);
    // The page scrolled the card 40 px down: the pointer, still, is 40 px higher in the frame.
    expect(still.moved(at(500, 400, 60, 40))).toBe(true);
    // Once: the next event at that place is an ordinary one.
    expect(still.moved(at(500, 400, 60, 40))).toBe(false);
  });

  it('is not a pointer that moves, with or without the frame', () => {
    const still = new StillPointer();
    still.moved(at(500, 400, 60, 80));
    expect(still.moved(at(510, 400, 70, 80))).toBe(false);
    expect(still.moved(at(510, 430, 70, 80))).toBe(false);
    // The first event says nothing: there is no place before it.
    expect(new StillPointer().moved(at(1, 2, 3, 4))).toBe(false);
  });
});
