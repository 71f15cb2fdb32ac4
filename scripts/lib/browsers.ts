/**
 * Finding and launching the real browsers (Debian's chromium and firefox-esr) with the built
 * extension loaded, for `npm start`, the end-to-end tests and the benchmark. A missing browser is
 * an error that names the install command — never a silent skip.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ROOT } from './dataset';
import './puppeteer-firefox-140';

export type BrowserKind = 'chromium' | 'firefox';

const CANDIDATES: Record<BrowserKind, { env: string; names: string[] }> = {
  chromium: { env: 'CHROMIUM_PATH', names: ['chromium', 'chromium-browser'] },
  firefox: { env: 'FIREFOX_PATH', names: ['firefox-esr', 'firefox'] },
};

export class MissingBrowserError extends Error {}

/** The browser's executable: $CHROMIUM_PATH / $FIREFOX_PATH, else the first on PATH. */
export function findBrowser(kind: BrowserKind): string {
  const { env, names } = CANDIDATES[kind];
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new MissingBrowserError(
      `${env}=${fromEnv} does not exist.\nUnset ${env} to use the browser on PATH, or install it with:  ` +
        `sudo apt-get install -y ${kind === 'chromium' ? 'chromium' : 'firefox-esr'}`,
    );
  }
  for (const name of names) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH; try the next name
    }
  }
  throw new MissingBrowserError(
    `${kind === 'chromium' ? 'Chromium' : 'Firefox'} was not found (looked for ${names.join(', ')} on PATH and $${env}).\n` +
      `Install it with:  sudo apt-get install -y ${kind === 'chromium' ? 'chromium' : 'firefox-esr'}\n` +
      `or point $${env} at the browser's executable.`,
  );
}

export function extensionDir(kind: BrowserKind, distRoot = resolve(ROOT, 'dist')): string {
  const dir = resolve(distRoot, kind === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is not built: run npm run build first`);
  return dir;
}

export interface Launched {
  browser: Browser;
  /** The extension's id, or null when launched without it. */
  extensionId: string | null;
  kind: BrowserKind;
  close: () => Promise<void>;
}

/** Flags for Chromium on a machine with a closed network, possibly as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export interface LaunchOptions {
  headless: boolean;
  /** Load the built extension (default true). */
  extension?: boolean;
  /** Window size for headed and headless runs. */
  width?: number;
  height?: number;
  args?: string[];
  /** Load the extension from this build folder instead of dist/ (must hold chrome/ and firefox/). */
  distRoot?: string;
  /** Extra Firefox preferences. */
  firefoxPrefs?: Record<string, unknown>;
  /** Extra environment variables for the browser process. */
  env?: Record<string, string>;
  /**
   * A profile folder to use and keep (a browser restarted on it finds what the last one stored);
   * without it each launch gets a fresh one, removed on close.
   */
  profile?: string;
  /**
   * Firefox: a profile folder to copy into the fresh one (see makeFirefoxProfileTemplate). Ignored
   * with `profile`.
   */
  profileTemplate?: string;
}

/** Where the end-to-end setup tells its workers the template is. */
export const FIREFOX_TEMPLATE_ENV = 'CH_E2E_FIREFOX_TEMPLATE';

/**
 * Firefox spends about a second of a fresh profile's start creating its databases and caches
 * (1.9 s to start on a fresh profile here, 0.95 s on a copy of one that has started once; closing
 * 0.57 s and 0.32 s). The end-to-end tests start Firefox once per file, so they copy a profile
 * made once by this, without the extension, so nothing of ours is in it.
 */
export async function makeFirefoxProfileTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ch-firefox-template-'));
  const { browser } = await launch('firefox', { headless: true, extension: false, profile: dir });
  await browser.close();
  return dir;
}

export async function launch(kind: BrowserKind, options: LaunchOptions): Promise<Launched> {
  const executablePath = findBrowser(kind);
  const withExtension = options.extension !== false;
  const width = options.width ?? 1280;
  const height = options.height ?? 900;
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), `ch-${kind}-`));
  if (kind === 'firefox' && !options.profile && options.profileTemplate)
    cpSync(options.profileTemplate, profile, { recursive: true });
  let browser: Browser;
  if (kind === 'chromium') {
    browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath,
      headless: options.headless,
      pipe: true,
      enableExtensions: withExtension,
      userDataDir: profile,
      defaultViewport: null,
      args: [...CHROMIUM_ARGS, `--window-size=${width},${height}`, ...(options.args ?? [])],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
  } else {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: options.headless,
      userDataDir: profile,
      defaultViewport: null,
      args: [`--width=${width}`, `--height=${height}`, ...(options.args ?? [])],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      extraPrefsFirefox: {
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'extensions.getAddons.cache.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'browser.safebrowsing.update.enabled': false,
        ...options.firefoxPrefs,
      },
    });
  }
  const extensionId = withExtension ? await browser.installExtension(extensionDir(kind, options.distRoot)) : null;
  return {
    browser,
    extensionId,
    kind,
    close: async () => {
      // Best effort: the browser may already be gone (it crashed or the test closed it).
      await browser.close().catch(() => {});
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
