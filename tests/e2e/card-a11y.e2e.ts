/**
 * Accessibility of the card, checked by axe-core in both browsers inside the card's own frame (the
 * extension page the card is drawn in), on a light and a dark page: what a screen reader hears (a
 * dialog named after the entity, a polite live region) and that every control is reachable.
 */
import { describe, expect, it } from 'vitest';
import {
  BROWSERS,
  attachScreenshot,
  axeViolations,
  cardFrame,
  focusedText,
  pointOf,
  pollUntil,
  sleep,
  useSuite,
} from './harness';

describe.each(BROWSERS)('the card’s accessibility in %s', (kind) => {
  const suite = useSuite(kind);

  it.for([
    ['light', 'cards.html', 'Kiev'],
    ['light, a mention in a link', 'cards.html', 'Moscow'],
    ['dark', 'dark.html', 'Xi Jinping'],
  ])('has no axe violations (%s)', async ([theme, path, mention], context) => {
    const { page } = await suite.open(path!);
    const at = await pointOf(page, mention!);
    await page.mouse.move(at.x, at.y);
    await pollUntil(
      () => focusedText(page),
      (t) => t === mention,
      (t) => `a card for ${mention}, not ${t}`,
    );
    const frame = await pollUntil(
      () => cardFrame(page),
      (f) => f !== null,
      () => 'no card frame',
    );
    await sleep(300);
    const roles = await frame!.evaluate(() => {
      const card = document.querySelector('[role="dialog"]')!;
      return {
        name: document.getElementById(card.getAttribute('aria-labelledby')!)?.textContent,
        live: document.querySelector('[role="status"][aria-live="polite"]')?.textContent,
        controls: card.querySelectorAll('button, a[href], summary').length,
        dark: card.classList.contains('dark'),
      };
    });
    const name = mention === 'Kiev' ? 'Kyiv' : mention;
    expect(roles).toEqual({
      name,
      live: expect.stringMatching(new RegExp(`^${name}, .*: card open\\.$`)),
      controls: expect.any(Number),
      dark: theme === 'dark',
    });
    expect(roles.controls).toBeGreaterThan(8);
    expect(await axeViolations(frame!)).toEqual([]);
    await attachScreenshot(context, page, `card-a11y-${kind}-${theme!.replace(/\W+/g, '-')}`);
    await page.close();
  });
});
