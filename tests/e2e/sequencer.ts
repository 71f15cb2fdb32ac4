/**
 * Orders the end-to-end files longest first across both browsers' projects, so that the slowest
 * (Firefox's, mostly) start at once instead of after every Chromium file, which vitest's own
 * sequencer puts first (it orders by project name). Durations come from vitest's cache of earlier
 * runs; a fresh clone has none, so the measured seconds of docs/testing.md stand in for them.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per file and browser, measured in parallel runs on two cores (docs/testing.md). */
const MEASURED: Record<string, Partial<Record<string, number>>> = {
  'cards.e2e.ts': { chromium: 49, firefox: 76 },
  'card-isolation.e2e.ts': { chromium: 45, firefox: 55 },
  'network.e2e.ts': { chromium: 33, firefox: 58 },
  'popup-state.e2e.ts': { chromium: 27, firefox: 57 },
  'popup.e2e.ts': { chromium: 24, firefox: 51 },
  'hostile.e2e.ts': { chromium: 67, firefox: 48 },
  'options-profiles.e2e.ts': { chromium: 21, firefox: 46 },
  'page-integrity.e2e.ts': { chromium: 11, firefox: 20 },
  'options.e2e.ts': { chromium: 9, firefox: 12 },
  'corpus-agreement.e2e.ts': { chromium: 9, firefox: 11 },
  'start.e2e.ts': { chromium: 9 },
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const seconds = (spec: TestSpecification): number => {
      const file = relative(this.ctx.config.root, spec.moduleId);
      const cached = cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (cached && !cached.failed) return cached.duration / 1000;
      return MEASURED[file.split('/').at(-1)!]?.[spec.project.name] ?? 5;
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
