// @vitest-environment jsdom
/**
 * How cards open and close, concern by concern, without a browser: hover intent with fake timers
 * (the reader's delay, the grace period, the safe triangle, a pinned or tapped card that stays),
 * touch (a tap opens unless in a link; a press outside closes unless pinned), the keyboard (which
 * mention comes next, when Enter moves into the card) and looking up a selection. The same rules
 * in real browsers: tests/e2e/cards.e2e.ts and card-glance.e2e.ts.
 */
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CLOSE_DELAY_MS,
  HoverIntent,
  TRAVEL_MS,
  travellingTo,
  type HoverHost,
} from '../../src/content/card/hover-intent';
import { entersCard, pageControlFocused, stepWithin } from '../../src/content/card/keyboard';
import { entityNamedBy, selectionAnchor, short } from '../../src/content/card/look-up';
import { pressCloses, tapOpens } from '../../src/content/card/touch';
import { smallMatcher } from './fixtures/content';

type M = { name: string };
const putin: M = { name: 'Putin' };
const xi: M = { name: 'Xi' };

/** A host that keeps one card (open or not) and records what hover intent asked of it. */
function fakeHost(over: Partial<HoverHost<M>> = {}) {
  const state = { open: null as M | null, byPointer: true, pinned: false, calls: [] as string[] };
  const host: HoverHost<M> = {
    delayMs: () => 300,
    openMention: () => state.open,
    closesWithPointer: () => state.open !== null && state.byPointer && !state.pinned,
    cardRect: () => (state.open ? { left: 100, right: 460, top: 140, bottom: 440 } : null),
    mayOpenAt: () => true,
    preload: () => state.calls.push('preload'),
    open: (m) => {
      state.open = m;
      state.calls.push(`open ${m.name}`);
    },
    close: () => {
      state.open = null;
      state.calls.push('close');
    },
    ...over,
  };
  return { host, state, intent: new HoverIntent<M>(host) };
}

describe('hover intent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens after the pointer rests for the reader’s delay, not before, and not while a button is held', () => {
    const { intent, state } = fakeHost();
    intent.consider(putin, { x: 120, y: 120 }, 1);
    vi.advanceTimersByTime(1000);
    expect(state.calls).toEqual([]);
    intent.consider(null, { x: 10, y: 10 }, 0);
    intent.consider(putin, { x: 120, y: 120 }, 0);
    vi.advanceTimersByTime(299);
    expect(state.calls).toEqual(['preload']);
    vi.advanceTimersByTime(1);
    expect(state.calls).toEqual(['preload', 'open Putin']);
  });

  it('does not open for a mention the pointer only passed over', () => {
    const { intent, state } = fakeHost();
    intent.consider(putin, { x: 120, y: 120 }, 0);
    vi.advanceTimersByTime(200);
    intent.consider(xi, { x: 200, y: 120 }, 0);
    vi.advanceTimersByTime(300);
    expect(state.calls.filter((c) => c.startsWith('open'))).toEqual(['open Xi']);
  });

  it('closes a moment after the pointer leaves, and waits longer on its way into the card', () => {
    const { intent, state } = fakeHost();
    state.open = putin;
    intent.opened({ x: 120, y: 120 });
    intent.consider(putin, { x: 120, y: 120 }, 0);
    // Away from the card (it is below): the grace period.
    intent.consider(null, { x: 120, y: 60 }, 0);
    vi.advanceTimersByTime(CLOSE_DELAY_MS - 1);
    expect(state.open).toBe(putin);
    vi.advanceTimersByTime(1);
    expect(state.calls).toEqual(['close']);
    // Towards the card, inside the triangle: it waits for the pointer to arrive.
    state.open = putin;
    intent.opened({ x: 120, y: 120 });
    intent.consider(putin, { x: 120, y: 120 }, 0);
    intent.consider(null, { x: 130, y: 130 }, 0);
    vi.advanceTimersByTime(CLOSE_DELAY_MS + 10);
    expect(state.open).toBe(putin);
    intent.cardHover(true);
    vi.advanceTimersByTime(TRAVEL_MS);
    expect(state.open).toBe(putin);
    // Leaving the card closes it.
    intent.cardHover(false);
    vi.advanceTimersByTime(CLOSE_DELAY_MS);
    expect(state.open).toBeNull();
  });

  it('leaves a pinned card, or one a tap or the keyboard opened, where it is', () => {
    for (const setUp of [
      (s: { pinned: boolean }) => (s.pinned = true),
      (s: { byPointer: boolean }) => (s.byPointer = false),
    ]) {
      const { intent, state } = fakeHost();
      state.open = putin;
      setUp(state as never);
      intent.opened(null);
      intent.consider(null, { x: 10, y: 10 }, 0);
      intent.cardHover(true);
      intent.cardHover(false);
      vi.advanceTimersByTime(5000);
      expect(state.calls).toEqual([]);
    }
  });

  it('knows the way into a card below, above or beside the mention', () => {
    const below = { left: 100, right: 460, top: 140, bottom: 440 };
    expect(travellingTo(below, { x: 120, y: 120 }, { x: 140, y: 132 })).toBe(true);
    expect(travellingTo(below, { x: 120, y: 120 }, { x: 120, y: 100 })).toBe(false);
    const beside = { left: 820, right: 1180, top: 60, bottom: 380 };
    expect(travellingTo(beside, { x: 500, y: 200 }, { x: 600, y: 210 })).toBe(true);
    expect(travellingTo(beside, { x: 500, y: 200 }, { x: 450, y: 200 })).toBe(false);
  });
});

describe('touch', () => {
  const { document } = new JSDOM('<p id="plain">Putin</p><p><a href="/x" id="linked">Putin</a></p>').window;

  it('opens on a tap, except on a name inside a link (the tap follows the link)', () => {
    expect(tapOpens({ start: document.getElementById('plain')!.firstChild! })).toBe(true);
    expect(tapOpens({ start: document.getElementById('linked')!.firstChild! })).toBe(false);
    expect(tapOpens(null)).toBe(false);
  });

  it('closes on a press elsewhere, not on its own mention, nor when pinned', () => {
    expect(pressCloses(null, putin, false)).toBe(true);
    expect(pressCloses(xi, putin, false)).toBe(true);
    expect(pressCloses(putin, putin, false)).toBe(false);
    expect(pressCloses(null, putin, true)).toBe(false);
  });
});

describe('the keyboard', () => {
  it('moves into a card a shortcut opened with Enter, unless a control of the page has focus', () => {
    const { document } = new JSDOM('<a href="/x" id="a">link</a><p id="p">text</p><input id="i">').window;
    const card = { openedByKeyboard: true, hasFocus: false };
    expect(pageControlFocused(document)).toBe(false);
    expect(entersCard(document, 'Enter', card)).toBe(true);
    expect(entersCard(document, 'Enter', { ...card, openedByKeyboard: false })).toBe(false);
    expect(entersCard(document, 'Enter', { ...card, hasFocus: true })).toBe(false);
    expect(entersCard(document, 'Tab', card)).toBe(false);
    for (const id of ['a', 'i']) {
      document.getElementById(id)!.focus();
      expect(pageControlFocused(document), id).toBe(true);
      expect(entersCard(document, 'Enter', card), id).toBe(false);
    }
  });

  it('steps round one entity’s mentions, from the first when the card is on another', () => {
    const same = [putin, { name: 'Putin 2' }, { name: 'Putin 3' }];
    expect(stepWithin(same, putin, 1)).toBe(same[1]);
    expect(stepWithin(same, same[2]!, 1)).toBe(putin);
    expect(stepWithin(same, putin, -1)).toBe(same[2]);
    expect(stepWithin(same, xi, 1)).toBe(putin);
    expect(stepWithin([], putin, 1)).toBeNull();
  });
});

describe('looking up a selection', () => {
  it('finds the entity a text names, by any alias and in any case', () => {
    expect(entityNamedBy(smallMatcher, 'President Vladimir Putin')).toBe('vladimir-putin');
    expect(entityNamedBy(smallMatcher, 'MOSCOW')).toBe('moscow');
    // An alias whose rules the selection alone cannot meet still names its entity.
    expect(entityNamedBy(smallMatcher, 'Xi')).toBe('xi-jinping');
    expect(entityNamedBy(smallMatcher, 'Paris')).toBeNull();
    expect(entityNamedBy(smallMatcher, '   ')).toBeNull();
    expect(short('a  very\\n long '.repeat(8))).toHaveLength(40);
  });

  it('puts the card beside the selection, or by the field whose text was selected', () => {
    const { document } = new JSDOM('<p id="p">Vladimir Putin went</p><input id="i" value="Putin">').window;
    const text = document.getElementById('p')!.firstChild!;
    document.getSelection()!.setBaseAndExtent(text, 0, text, 14);
    const r = selectionAnchor(document)!;
    expect([r.startContainer, r.startOffset, r.endOffset]).toEqual([text, 0, 14]);
    document.getSelection()!.removeAllRanges();
    document.getElementById('i')!.focus();
    const field = selectionAnchor(document)!;
    expect(field.startContainer).toBe(document.body);
    document.getElementById('i')!.blur();
    expect(selectionAnchor(document)).toBeNull();
  });
});
