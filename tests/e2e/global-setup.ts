/**
 * Before any end-to-end test: both browsers must exist (a missing one fails with its install
 * command) and the extension is built once from the current sources, as a measurement build (the
 * timing marks the suites wait on: MARKS=1), and a Firefox profile is started once to be copied by
 * every Firefox the suites start (half the start-up time: makeFirefoxProfileTemplate). Each
 * project runs this setup; both are shared (one per vitest process), never made twice at once.
 */
import { rmSync } from 'node:fs';
import { buildAll } from '../../scripts/build';
import { FIREFOX_TEMPLATE_ENV, findBrowser, makeFirefoxProfileTemplate } from '../../scripts/lib/browsers';

const KEY = Symbol.for('contextual-highlights:e2e-setup');

export default async function setup(): Promise<() => void> {
  findBrowser('chromium');
  findBrowser('firefox');
  const scope = globalThis as { [KEY]?: Promise<void> };
  await (scope[KEY] ??= (async () => {
    const [, template] = await Promise.all([buildAll({ quiet: true, marks: true }), makeFirefoxProfileTemplate()]);
    // The test workers start after the global setup and inherit this.
    process.env[FIREFOX_TEMPLATE_ENV] = template;
  })());
  return () => {
    const template = process.env[FIREFOX_TEMPLATE_ENV];
    if (template) rmSync(template, { recursive: true, force: true });
    delete process.env[FIREFOX_TEMPLATE_ENV];
  };
}
