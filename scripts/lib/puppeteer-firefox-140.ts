/**
 * puppeteer-core 24.43 sets a page's viewport in Firefox with WebDriver BiDi commands, one of which
 * (emulation.setScreenOrientationOverride) Firefox ESR 140 does not know: setViewport fails there
 * with "unknown command". Screen orientation means nothing to our tests, so that one command is
 * treated as done when the browser does not have it (puppeteer already does so for touch).
 * Patched on the ESM module puppeteer-core's own entry loads (imported by path: it is not exported).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './dataset';

type Method = (this: unknown, ...args: unknown[]) => Promise<void>;

const file = resolve(ROOT, 'node_modules/puppeteer-core/lib/esm/puppeteer/bidi/core/BrowsingContext.js');
const { BrowsingContext } = (await import(pathToFileURL(file).href)) as {
  BrowsingContext: { prototype: { setScreenOrientationOverride: Method } };
};
const original = BrowsingContext.prototype.setScreenOrientationOverride;
BrowsingContext.prototype.setScreenOrientationOverride = async function (...args) {
  try {
    await original.apply(this, args);
  } catch (e) {
    if (e instanceof Error && e.message.includes('unknown command')) return;
    throw e;
  }
};
