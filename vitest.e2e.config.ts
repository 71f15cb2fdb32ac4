import { defineConfig } from 'vitest/config';

// End-to-end tests in real Chromium and Firefox. Files run one at a time (each starts browsers);
// the whole suite has a budget well inside CI's 90 minutes (see docs/testing.md).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
