// @vitest-environment jsdom
/**
 * The card's wording helpers: its one-line summary and its "as of" date. (Placement and hover
 * need layout: they are tested in real browsers, tests/e2e.)
 */
import { describe, expect, it } from 'vitest';
import { firstSentence, formatMonth } from '../../src/core/card-text';

describe('card text', () => {
  it('takes the first sentence, not stopping at initials, decimals or abbreviations inside it', () => {
    expect(firstSentence('Russia is big. It is cold.')).toBe('Russia is big.');
    expect(firstSentence('About 1.36 billion people live there. More follows.')).toBe(
      'About 1.36 billion people live there.',
    );
    expect(firstSentence('Only one sentence without a stop')).toBe('Only one sentence without a stop');
    expect(firstSentence('He said "yes." Then left.')).toBe('He said "yes."');
    expect(firstSentence('Mr. Putin met the U.S. envoy in Moscow. Talks followed.')).toBe(
      'Mr. Putin met the U.S. envoy in Moscow.',
    );
  });

  it('writes dates as a reader says them', () => {
    expect(formatMonth('2014-05')).toBe('May 2014');
    expect(formatMonth('2014-05-21')).toBe('May 2014');
    expect(formatMonth('2014')).toBe('2014');
  });
});
