/**
 * early.js hands content.js the document's token and the background's answer once; a change of
 * settings before content.js takes them marks the answer stale, and taking it stops the watching.
 */
import { describe, expect, it, vi } from 'vitest';
import { leave, takeStart } from '../../src/content/hand-off';

describe('the hand-off from early.js', () => {
  it('gives the start once, says whether the settings changed since, and stops watching when taken', async () => {
    expect(takeStart()).toBeNull();
    const stop = vi.fn();
    const answer = Promise.resolve(null);
    leave({ start: { token: 'abcdefghij', answer }, stopWatching: stop });
    leave({ stale: true });
    const taken = takeStart();
    expect(taken).toEqual({ start: { token: 'abcdefghij', answer }, stale: true });
    expect(stop).toHaveBeenCalledOnce();
    expect(takeStart()).toBeNull();
  });
});
