/**
 * One matcher for a page's frames: a frame takes the matcher and tables another frame left on
 * `top` under the same data id, builds its own for other data, and matches the same either way.
 */
import { describe, expect, it, vi } from 'vitest';
import loadMatcherData, { id } from 'virtual:matcher-data';
import { sharedMatcher } from '../../src/content/shared-matcher';
import { foldTables, foldText, useFoldTables } from '../../src/core/normalize';

describe('the shared matcher', () => {
  it('is built once per top window and data id', () => {
    const top: Record<string, unknown> = {};
    const load = vi.fn(loadMatcherData);
    const first = sharedMatcher(id, load, top);
    const second = sharedMatcher(id, load, top);
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    const other = sharedMatcher('another-build', load, top);
    expect(other).not.toBe(first);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('builds its own where it cannot reach the top window or finds something else there', () => {
    const load = vi.fn(loadMatcherData);
    sharedMatcher(id, load, null);
    sharedMatcher(id, load, { [`contextual-highlights:matcher:${id}`]: { matcher: 'not one' } });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('takes only tables of the right kind and size, and folds the same with them', () => {
    const mine = foldTables();
    expect(useFoldTables({ ...mine, fold: new Uint16Array(10) })).toBe(false);
    expect(useFoldTables({ ...mine, kind: new Uint16Array(0x10000) as unknown as Uint8Array })).toBe(false);
    expect(foldTables().fold).toBe(mine.fold);
    const copy = {
      fold: new Uint16Array(0x10000).fill(0xffff),
      cased: new Uint16Array(0x10000).fill(0xffff),
      accented: new Uint16Array(0x10000).fill(0xffff),
      kind: new Uint8Array(0x10000).fill(0xff),
    };
    const before = foldText('Wladimir PUTIN, Xi\u00a0Jin\u00adping – Kyïv');
    expect(useFoldTables(copy)).toBe(true);
    expect(foldTables().fold).toBe(copy.fold);
    expect(foldText('Wladimir PUTIN, Xi\u00a0Jin\u00adping – Kyïv')).toBe(before);
    expect(useFoldTables(mine)).toBe(true);
  });
});
