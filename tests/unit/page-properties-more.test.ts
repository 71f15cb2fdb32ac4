// @vitest-environment jsdom
/** The second half of the random pages, from the next seed (fixtures/page-properties.ts). */
import { describeRandomPages } from './fixtures/page-properties';
import { RUNS, SEED } from './fixtures/property-runs';

describeRandomPages(SEED + 1, Math.floor(RUNS / 2));
