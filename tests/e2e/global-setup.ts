/**
 * Before any end-to-end test: both browsers must exist (a missing one fails with its install
 * command) and the extension is built once from the current sources, as a measurement build (the
 * timing marks the suites wait on: MARKS=1). Each browser's project runs
 * this setup; the build is shared (one per vitest process), never made twice at once.
 */
import { buildAll } from '../../scripts/build';
import { findBrowser } from '../../scripts/lib/browsers';

const KEY = Symbol.for('contextual-highlights:e2e-build');

export default async function setup(): Promise<void> {
  findBrowser('chromium');
  findBrowser('firefox');
  const scope = globalThis as { [KEY]?: Promise<void> };
  await (scope[KEY] ??= buildAll({ quiet: true, marks: true }));
}
