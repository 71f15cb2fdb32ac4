/**
 * Routes every import of src/shared/browser to the in-memory fake (tests/fakes/browser.ts): the real
 * polyfill throws outside an extension. The unit tests run on the fake; the end-to-end suites use
 * it only so that they can import the extension's own constants (versions, limits) in Node.
 */
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vitest/config';

const REAL = resolve(import.meta.dirname, '../../src/shared/browser.ts');
const FAKE = resolve(import.meta.dirname, 'browser.ts');

export const fakeBrowser: Plugin = {
  name: 'fake-browser',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const path = resolve(dirname(importer), source);
    return path === REAL || `${path}.ts` === REAL ? FAKE : null;
  },
};
