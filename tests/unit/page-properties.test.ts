// @vitest-environment jsdom
/** The first half of the random pages (fixtures/page-properties.ts describes the property). */
import { describeRandomPages } from './fixtures/page-properties';
import { RUNS, SEED } from './fixtures/property-runs';

describeRandomPages(SEED, Math.ceil(RUNS / 2));
