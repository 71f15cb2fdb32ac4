/**
 * early.js hands content.js the styles answer and the stored settings once each; content.js asks
 * for itself what it does not find, and taking the settings stops early.js's watching.
 */
import { describe, expect, it, vi } from 'vitest';
import { leave, takeStored, takeStyles } from '../../src/content/hand-off';

describe('the hand-off from early.js', () => {
  it('gives each part once, and stops watching the settings when they are taken', async () => {
    expect(takeStyles()).toBeUndefined();
    expect(takeStored()).toBeUndefined();
    const stop = vi.fn();
    leave({
      styles: Promise.resolve({ token: 'abcdefghij', inserted: true }),
      stored: Promise.resolve({}),
      stopWatching: stop,
    });
    // A change before content.js starts replaces the read.
    leave({ stored: Promise.resolve({ settings: { enabled: false } }) });
    expect(await takeStored()).toEqual({ settings: { enabled: false } });
    expect(stop).toHaveBeenCalledOnce();
    expect(takeStored()).toBeUndefined();
    expect(await takeStyles()).toEqual({ token: 'abcdefghij', inserted: true });
    expect(takeStyles()).toBeUndefined();
  });
});
