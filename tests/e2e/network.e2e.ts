/**
 * Zero network: every request both browsers send goes through a recording proxy on 127.0.0.1 (the
 * background's and the browser's own included, which a page's request log would not show) while
 * they browse the demo article and the corpus pages with the extension, open cards, the popup (its
 * search and card too) and the options page. Every recorded request must be one the test pages made
 * themselves: to the test server, or to a host their HTML names (their images, styles, preconnects).
 *
 * The browsers' own background traffic is switched off: all of Firefox's (remote settings need
 * MOZ_REMOTE_SETTINGS_DEVTOOLS to be pointed away), Chromium's but for its account and
 * extension-update checks, which no flag stops. Those are told apart by a control run: the same
 * browser, flags and pages without the extension; a host it reaches is the browser's, not ours.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../../scripts/lib/browsers';
import { serve, type Served, type ServedPage } from '../../scripts/lib/server';
import {
  BROWSERS,
  CORPUS,
  DEMO,
  cardOnScreen,
  extensionPage,
  openBrowser,
  openPopup,
  pointOf,
  pollUntil,
  sleep,
  waitReady,
  type TestBrowser,
} from './harness';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

/**
 * The corpus pages browsed: four of the twelve are enough to show the extension adds no request of
 * its own (what it sends does not depend on the page), chosen to span what differs between them:
 * a long article with many mentions, a German page, a Spanish page and a trap page.
 */
const CORPUS_PAGES = [
  'cbs-impeachment-volker.html',
  'jungle-world-imperialismus-de.html',
  'infobae-muratov-es.html',
  'trap-bhg-china-plate.html',
].filter((f) => readdirSync(CORPUS).includes(f));

/** Firefox's own traffic (updates, telemetry, remote settings, safe browsing, …) switched off. */
const QUIET_FIREFOX = {
  'app.normandy.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.topsites.contile.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.update': false,
  'browser.ping-centre.telemetry': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'extensions.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'services.settings.poll_interval': 86_400 * 365,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'security.OCSP.enabled': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'media.gmp-manager.updateEnabled': false,
  'geo.provider.network.url': '',
  'identity.fxaccounts.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  // Honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (see proxied()).
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
};

/** Hosts of Chromium's own background services (sign-in, messaging, component and extension updates). */
const CHROMIUM_SERVICES = [
  'accounts.google.com',
  'android.clients.google.com',
  'clients2.google.com',
  'clients2.googleusercontent.com',
  'update.googleapis.com',
];

interface Proxied {
  args: string[];
  firefoxPrefs?: Record<string, unknown>;
  env?: Record<string, string>;
}

function proxied(kind: string, port: number): Proxied {
  if (kind === 'chromium') {
    return {
      args: [
        `--proxy-server=http://127.0.0.1:${port}`,
        // Takes back Chromium's rule that 127.0.0.1 never goes through a proxy.
        '--proxy-bypass-list=<-loopback>',
        '--disable-features=NetworkTimeServiceQuerying,Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
        '--disable-client-side-phishing-detection',
        '--disable-domain-reliability',
        '--no-pings',
      ],
    };
  }
  return {
    args: [],
    env: { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    firefoxPrefs: {
      ...QUIET_FIREFOX,
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  };
}

describe.each(BROWSERS)('zero network in %s', (kind) => {
  let server: Served;
  /** One proxy for the control run and one for the run with the extension: they run at once. */
  let control: RecordingProxy;
  let proxy: RecordingProxy;
  /** Hosts (host:port) the pages' HTML names: a browser may preconnect to them for the page. */
  const named = new Set<string>();

  beforeAll(async () => {
    expect(CORPUS_PAGES).toHaveLength(4);
    const pages = new Map<string, ServedPage>();
    for (const name of CORPUS_PAGES) {
      const body = readFileSync(resolve(CORPUS, name), 'utf8');
      for (const m of body.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})(?::(\d+))?/gi)) {
        named.add(`${m[1]!.toLowerCase()}:${m[2] ?? '443'}`);
        named.add(`${m[1]!.toLowerCase()}:${m[2] ?? '80'}`);
      }
      // Their scripts blocked, as the corpus test serves them: saved pages' scripts fetch ads.
      pages.set(`/corpus/${name}`, { body, headers: { 'Content-Security-Policy': "script-src 'none'" } });
    }
    server = await serve(DEMO, { pages });
    control = await startRecordingProxy(server.url);
    proxy = await startRecordingProxy(server.url);
  }, 60_000);

  afterAll(async () => {
    await control?.close();
    await proxy?.close();
    await server?.close();
  });

  /** Opens a page, and waits for the first scan when the extension runs. */
  async function visit(browser: Browser, path: string, ready: boolean): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${server.url}${path}`, { waitUntil: 'load', timeout: 30_000 });
    if (ready) await waitReady(page, 30_000);
    return page;
  }

  /**
   * What went through a proxy to somewhere other than the test server or a host the pages' HTML
   * names (their images, styles and preconnects). Not the page's request log: a content script's
   * requests are made for the page and would show there too.
   */
  function strangers(log: RecordingProxy['log']): RecordingProxy['log'] {
    const test = new URL(server.url).host;
    return log.filter((r) => {
      const url = new URL(r.url);
      if (url.host === test) return false;
      return !named.has(`${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`);
    });
  }

  /** The control run: the browser alone, the same flags and pages, no extension. */
  async function browseAlone(): Promise<void> {
    const alone = await launch(kind, { headless: true, extension: false, ...proxied(kind, control.port) });
    try {
      for (const path of ['/article.html', ...CORPUS_PAGES.map((n) => `/corpus/${encodeURIComponent(n)}`)]) {
        await (await visit(alone.browser, path, false)).close();
      }
      // Time for anything queued to go out (nothing tells when a request would have been sent).
      await sleep(2000);
    } finally {
      await alone.close();
    }
  }

  /** The same pages with the extension: reading, a card, the popup's search and card, the options page. */
  async function browseWithExtension(): Promise<void> {
    const b: TestBrowser = await openBrowser(kind, proxied(kind, proxy.port));
    try {
      const demo = await visit(b.browser, '/article.html', true);
      // A card, from the background by message.
      const at = await pointOf(demo, 'Gazprom');
      await demo.mouse.move(at.x, at.y);
      await pollUntil(
        () => cardOnScreen(demo),
        (c) => c !== null,
        () => 'a card on screen',
      );
      // The popup, its search and the card it shows.
      const popup = await openPopup(b, demo);
      await popup.waitForSelector('#search');
      await popup.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('#search')!;
        input.value = 'kiev';
        input.dispatchEvent(new Event('input'));
      });
      await popup.waitForSelector('#results button');
      await popup.close().catch(() => {});
      const options = await extensionPage(b, 'options/options.html');
      await options.waitForSelector('main');
      await options.close();
      await demo.close();
      for (const name of CORPUS_PAGES) {
        await (await visit(b.browser, `/corpus/${encodeURIComponent(name)}`, true)).close();
      }
      // Time for anything queued in the background to go out (as in the control run).
      await sleep(2000);
    } finally {
      await b.close();
    }
  }

  // Two browsers at once, five pages each; about 20 s in Chromium and 30 s in Firefox on a quiet
  // two-core machine: the limit leaves room for a machine several times slower.
  it('sends nothing but the test pages’ own requests while reading, with cards, the popup and the options page', async () => {
    await Promise.all([browseAlone(), browseWithExtension()]);
    // Chromium's own account, messaging and update checks, which no flag stops, come at random
    // moments: the control run may not meet one that the other run does. They are Google's
    // services, which the extension has no reason ever to reach.
    const chromiumOwn = kind === 'chromium' ? CHROMIUM_SERVICES : [];
    const browserOwn = new Set([...strangers(control.log).map((r) => new URL(r.url).hostname), ...chromiumOwn]);
    const lines = proxy.log.map((r) => r.line);
    // The route works: the test pages themselves went through the proxy.
    expect(lines).toContain(`GET ${server.url}/article.html`);
    const ours = strangers(proxy.log).filter((r) => !browserOwn.has(new URL(r.url).hostname));
    expect(ours.map((r) => r.line)).toEqual([]);
    if (kind === 'firefox') expect([...browserOwn], 'Firefox’s own traffic is all switched off').toEqual([]);
  }, 180_000);
});
