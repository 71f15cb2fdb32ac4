import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/e2e/sequencer';
import { fakeBrowser } from './tests/fakes/browser-plugin';

/**
 * End-to-end tests in real Chromium and Firefox: one project per browser, so every file runs once
 * per browser in a worker of its own (E2E_BROWSER tells the harness which), each with its own
 * browser and page server. Files share nothing but the build the global setup makes once.
 * E2E_WORKERS overrides how many run at once (docs/testing.md has the measurements behind the
 * default: one more than the cores, since a worker spends much of its time waiting on a browser).
 */
const workers = Number(process.env.E2E_WORKERS) || availableParallelism() + 1;

/**
 * Files whose checks are timings in wall time ("no slice of ours over 50 ms"): they run last, the
 * two browsers side by side, with no other test's browser on the machine. Beside two other
 * workers' browsers on two cores (a load of 10 to 20), the renderer was preempted in the middle of
 * a slice for 50 to 80 ms, more than the page's own timer had seen outside our work, and the
 * gallery failed one full run in three for what the machine did, not our code.
 */
const TIMED = ['tests/e2e/hostile.e2e.ts'];

export default defineConfig({
  // The suites import the extension's constants; src/shared/browser is the fake in Node.
  plugins: [fakeBrowser],
  test: {
    environment: 'node',
    fileParallelism: true,
    maxWorkers: workers,
    sequence: { sequencer: LongestFirst, groupOrder: 0 },
    // Limits per test and hook: what each waits for, with its margin, is stated where it waits.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    globalSetup: ['tests/e2e/global-setup.ts'],
    projects: (['chromium', 'firefox'] as const).flatMap((browser) => [
      {
        extends: true,
        test: {
          name: browser,
          include: ['tests/e2e/**/*.e2e.ts'],
          // The README's `npm start` is Chromium's: run once, not once per browser.
          exclude: [...TIMED, ...(browser === 'firefox' ? ['tests/e2e/start.e2e.ts'] : [])],
          env: { E2E_BROWSER: browser },
        },
      },
      {
        extends: true,
        test: {
          name: `${browser}, timed`,
          include: TIMED,
          env: { E2E_BROWSER: browser },
          // After every other file, one browser per core: see TIMED.
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
    ]),
  },
});
