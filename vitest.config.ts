import { availableParallelism } from 'node:os';
import { defineConfig, type Plugin } from 'vitest/config';
import { compileCards } from './src/core/card-data';
import { compileMatcherData } from './src/core/matcher-data';
import { compileSearchIndex } from './src/core/search-index';
import { loadDataset } from './scripts/lib/dataset';
import { matcherModule } from './scripts/lib/matcher-module';
import { bundledPacks } from './scripts/lib/packs';
import { packsModule } from './scripts/lib/packs-module';
import { fakeBrowser } from './tests/fakes/browser-plugin';

/** The build's generated modules (see scripts/build.ts), made from the same validated dataset. */
const virtualModules: Plugin = {
  name: 'virtual-modules',
  resolveId: (id) => (id.startsWith('virtual:') ? `\0${id}` : null),
  load(id) {
    if (id === '\0virtual:card-bundle') return `export default ${JSON.stringify(compileCards(loadDataset()))};`;
    if (id === '\0virtual:matcher-data') return matcherModule(compileMatcherData(loadDataset()));
    if (id === '\0virtual:search-index') return `export default ${JSON.stringify(compileSearchIndex(loadDataset()))};`;
    if (id === '\0virtual:bundled-packs') return packsModule(bundledPacks());
    return null;
  },
};

// Unit tests: pure core in Node, DOM code in jsdom (per file: `// @vitest-environment jsdom`).
export default defineConfig({
  plugins: [fakeBrowser, virtualModules],
  // The content script's timing marks, as in a measurement build (MARKS=1).
  define: { __MARKS__: 'true' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Every core (vitest leaves one free by default: on two cores, one file at a time).
    maxWorkers: availableParallelism(),
    testTimeout: 20_000,
  },
});
