import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const REAL = resolve(import.meta.dirname, 'src/shared/browser.ts');
const FAKE = resolve(import.meta.dirname, 'tests/fakes/browser.ts');

/** Every import of src/shared/browser gets the in-memory fake: the real polyfill throws outside an extension. */
const fakeBrowser: Plugin = {
  name: 'fake-browser',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const path = resolve(dirname(importer), source);
    return path === REAL || `${path}.ts` === REAL ? FAKE : null;
  },
};

// Unit tests: pure core in Node, DOM code in jsdom (per file: `// @vitest-environment jsdom`).
export default defineConfig({
  plugins: [fakeBrowser],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
