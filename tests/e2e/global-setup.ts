/**
 * Before any end-to-end test: both browsers must exist (a missing one fails with its install
 * command) and the extension is built once from the current sources.
 */
import { buildAll } from '../../scripts/build';
import { findBrowser } from '../../scripts/lib/browsers';

export default async function setup(): Promise<void> {
  findBrowser('chromium');
  findBrowser('firefox');
  await buildAll({ quiet: true });
}
