/**
 * The README's first command, as a machine without a display runs it: `npm start -- --headless
 * --screenshot FILE` builds, opens the demo article in Chromium, hovers a name until its card is
 * open and saves the screenshot (built into a folder of its own, OUT_DIR).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/dataset';

describe('npm start --headless', () => {
  it('saves a screenshot with the highlights and an open card', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ch-start-'));
    const file = join(dir, 'shot.png');
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/start.ts', '--headless', '--screenshot', file],
        // Its own build folder: the other suites run meanwhile on dist/.
        { cwd: ROOT, timeout: 90_000, env: { ...process.env, OUT_DIR: join(dir, 'dist') } },
      );
      expect(stdout).toMatch(/\d+ mentions highlighted; card open on "Vladimir Putin"/);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
