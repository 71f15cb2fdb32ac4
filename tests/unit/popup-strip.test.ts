// @vitest-environment jsdom
/**
 * The X-Ray strips: what a content script says about where its mentions are is checked before the
 * popup draws it (known entities, fractions of the page only, within caps); each row draws a tick
 * per mention at its place, out of the tab order, and after a jump says which mention the page is
 * at. The layout itself (where mentions are) is measured in the browsers (tests/e2e/popup.e2e.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { checkPlace, checkPositions, MAX_TICKS } from '../../src/background/positions';
import { renderEntityList, type ListOptions } from '../../src/popup/entity-list';
import type { TabEntity } from '../../src/shared/messages';

// jsdom has no CSS.escape (the browsers do); ids here are plain.
globalThis.CSS ??= { escape: (s: string) => s } as unknown as typeof CSS;

const known = (id: string): boolean => ['russia', 'china'].includes(id);

describe('positions from a page', () => {
  it('keeps known entities with fractions of the page, once each, within caps', () => {
    expect(
      checkPositions(
        [
          ['russia', [0, 0.5, 1, 1.5, -0.1, Number.NaN, '0.3', null]],
          ['constructor', [0.2]],
          ['china', 'no'],
          ['russia', [0.9]],
          ['china', [0.25]],
          'junk',
          ['china'],
        ],
        known,
      ),
    ).toEqual([
      ['russia', [0, 0.5, 1]],
      ['china', [0.25]],
    ]);
    expect(checkPositions({ russia: [0.1] }, known)).toEqual([]);
    expect(checkPositions([['russia', Array.from({ length: 5000 }, () => 0.5)]], known)[0]![1]).toHaveLength(MAX_TICKS);
  });

  it('takes a place only within its total', () => {
    expect(checkPlace({ index: 2, total: 7 })).toEqual({ index: 2, total: 7 });
    expect(checkPlace({ index: 7, total: 7 })).toBeNull();
    expect(checkPlace({ index: -1, total: 7 })).toBeNull();
    expect(checkPlace({ index: 1.5, total: 7 })).toBeNull();
    expect(checkPlace(null)).toBeNull();
    expect(checkPlace(true)).toBeNull();
  });
});

describe('a row’s strip', () => {
  const russia: TabEntity = { id: 'russia', name: 'Russia', type: 'country', count: 3, related: [] };
  const china: TabEntity = { id: 'china', name: 'China', type: 'country', count: 1, related: [] };
  const options = (over: Partial<ListOptions> = {}): ListOptions => ({
    say: {
      group: () => 'Countries',
      mentions: (n) => `${n} mentions`,
      notHighlighted: 'not highlighted',
      highlightAgain: 'Highlight',
      highlightAgainLabel: (n) => `Highlight ${n} again`,
      typeOff: 'off',
      typeOffLabel: (n) => n,
      relations: 'How it’s related',
      relationsLabel: (n) => `How it’s related: ${n}`,
      place: (i, n) => `${i} of ${n}`,
      placeLabel: (i, n) => `At mention ${i} of ${n}`,
      tick: (i, n, name) => `Mention ${i} of ${n} of ${name}`,
    },
    positions: new Map([['russia', [0.1, 0.5, 0.9]]]),
    place: null,
    isMuted: () => false,
    isTypeOn: () => true,
    current: null,
    onChoose: vi.fn(),
    onUnmute: vi.fn(),
    onTypeOn: vi.fn(),
    onRelations: vi.fn(),
    onTick: vi.fn(),
    onStep: vi.fn(),
    ...over,
  });

  it('puts each story’s line over its groups when the page names more than one story, ids kept unique', () => {
    const list = document.createElement('div');
    const hindu = 'The Hindu, 2014-05-19';
    const cbs = 'CBS News, 2019-11-19';
    renderEntityList(
      list,
      [
        { ...russia, story: hindu },
        { ...china, story: cbs },
      ],
      options(),
    );
    expect([...list.children].map((c) => (c.matches('.story-line') ? c.textContent : c.localName))).toEqual([
      hindu,
      'section',
      cbs,
      'section',
    ]);
    const ids = [...list.querySelectorAll('h2')].map((h) => h.id);
    expect(new Set(ids).size).toBe(2);
    // One story: no line, the usual ids.
    renderEntityList(list, [russia, china], options());
    expect(list.querySelector('.story-line')).toBeNull();
    expect([...list.querySelectorAll('h2')].map((h) => h.id)).toEqual(['group-country']);
  });

  it('has a tick per mention at its place, out of the tab order and the accessibility tree', () => {
    const list = document.createElement('div');
    const onTick = vi.fn();
    renderEntityList(list, [russia, china], options({ onTick }));
    const ticks = [...list.querySelectorAll<HTMLButtonElement>('li[data-entity="russia"] .tick')];
    expect(ticks.map((t) => t.style.insetInlineStart)).toEqual(['10%', '50%', '90%']);
    expect(ticks.every((t) => t.tabIndex === -1)).toBe(true);
    expect(list.querySelector('.strip')!.getAttribute('aria-hidden')).toBe('true');
    // No positions (a name only in a frame): no strip.
    expect(list.querySelector('li[data-entity="china"] .strip')).toBeNull();
    ticks[1]!.click();
    expect(onTick).toHaveBeenCalledWith(russia, 1);
  });

  it('says which mention the page is at on the row gone to, and marks its tick', () => {
    const list = document.createElement('div');
    renderEntityList(
      list,
      [russia, china],
      options({ current: 'russia', place: { entity: 'russia', index: 1, total: 3 } }),
    );
    const row = list.querySelector('li[data-entity="russia"]')!;
    expect(row.querySelector('.place')!.textContent).toBe('2 of 3');
    expect(row.querySelector('.go')!.textContent).toContain('At mention 2 of 3');
    expect([...row.querySelectorAll('.tick')].map((t) => t.classList.contains('on'))).toEqual([false, true, false]);
    expect(row.querySelector('.relations')!.textContent).toBe('How it’s related');
    expect(list.querySelector('li[data-entity="china"] .place')).toBeNull();
  });

  it('steps through the mentions with the arrow keys on the row', () => {
    const list = document.createElement('div');
    const onStep = vi.fn();
    renderEntityList(list, [russia], options({ onStep }));
    const go = list.querySelector<HTMLButtonElement>('.go')!;
    go.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    go.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    go.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(onStep.mock.calls).toEqual([
      [russia, 1],
      [russia, -1],
    ]);
  });

  it('keeps the keyboard on its row when drawn again', () => {
    const list = document.createElement('div');
    document.body.append(list);
    renderEntityList(list, [russia, china], options());
    list.querySelector<HTMLButtonElement>('li[data-entity="china"] .go')!.focus();
    renderEntityList(list, [russia, china], options({ current: 'china' }));
    expect(document.activeElement?.closest('li')?.getAttribute('data-entity')).toBe('china');
    list.remove();
  });
});
