/**
 * Accessibility of the card, checked by axe-core in both browsers. axe cannot see into the closed
 * shadow root the card uses on pages, so the same component is rendered on a test page in an open
 * one (card-preview/), with the real data of an entity, in light and dark themes.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSource } from '../../src/background/card-source';
import { compileCards } from '../../src/core/card-data';
import { ROOT, loadDataset } from '../../scripts/lib/dataset';
import { BROWSERS, attachScreenshot, axeViolations, useSuite } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'ch-card-preview-'));

beforeAll(async () => {
  await build({
    entryPoints: [resolve(ROOT, 'tests/e2e/card-preview/preview.ts')],
    outfile: join(dir, 'preview.js'),
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    logLevel: 'warning',
  });
  copyFileSync(resolve(ROOT, 'tests/e2e/card-preview/preview.html'), join(dir, 'preview.html'));
  copyFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), join(dir, 'axe.min.js'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = cardSource(compileCards(loadDataset()), 'vladimir-putin')!;

describe.each(BROWSERS)('the card’s accessibility in %s', (kind) => {
  const suite = useSuite(kind, { root: dir });

  it.for(['light', 'dark'])('has no axe violations (%s)', async (theme, context) => {
    const page = await suite.b.browser.newPage();
    await page.setViewport({ width: 1000, height: 900 });
    await page.goto(suite.url('preview.html'));
    if (theme === 'dark') await page.evaluate(() => document.body.classList.add('dark'));
    await page.evaluate((s) => window.renderCard(s, 'Путина'), source);
    const roles = await page.evaluate(() => {
      const root = [...document.documentElement.children].find((e) => e.shadowRoot)!.shadowRoot!;
      const card = root.querySelector('[role="dialog"]')!;
      return {
        name: root.getElementById(card.getAttribute('aria-labelledby')!)?.textContent,
        live: root.querySelector('[aria-live="polite"]') !== null,
        controls: card.querySelectorAll('button, a[href], summary').length,
      };
    });
    expect(roles).toEqual({ name: 'Vladimir Putin', live: true, controls: expect.any(Number) });
    expect(roles.controls).toBeGreaterThan(8);
    expect(await axeViolations(page)).toEqual([]);
    await attachScreenshot(context, page, `card-preview-${kind}-${theme}`);
    await page.close();
  });
});
