/**
 * `npm start`: builds the extension, serves the demo article on 127.0.0.1 and opens a browser with
 * the extension loaded on it.
 *
 *   npm start                                   Chromium with a window (close it to stop)
 *   npm start -- --browser firefox              the same in Firefox
 *   npm start -- --headless --screenshot FILE   no window: hover one mention, save a screenshot
 *   npm start -- --help                         the options
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAll, outputRoot } from './build';
import { MissingBrowserError, findBrowser, launch, type BrowserKind, type Launched } from './lib/browsers';
import { DatasetError, ROOT } from './lib/dataset';
import { serve } from './lib/server';

const HOVER_TEXT = 'Vladimir Putin';

const USAGE = `usage: npm start [-- options]

  (no options)          build, serve the demo article and open Chromium with the extension
  --browser firefox     open Firefox instead (chromium is the default)
  --headless            no window: hover one mention and save a screenshot
  --screenshot FILE     where --headless saves it (default screenshot.png)
  --help                this text`;

async function main(): Promise<number> {
  let values: { headless: boolean; screenshot?: string; browser: string; help: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        headless: { type: 'boolean', default: false },
        screenshot: { type: 'string' },
        browser: { type: 'string', default: 'chromium' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const kind: BrowserKind = values.browser === 'firefox' ? 'firefox' : 'chromium';
  if (values.browser !== 'firefox' && values.browser !== 'chromium' && values.browser !== 'chrome') {
    console.error(`unknown --browser ${values.browser} (use chromium or firefox)\n\n${USAGE}`);
    return 2;
  }
  if (values.screenshot && !values.headless)
    console.log('(--screenshot is taken in --headless mode; opening a window instead)');
  if (!values.headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    // No screen to open a window on: show what the product does anyway.
    values.headless = true;
    values.screenshot ??= 'screenshot.png';
    console.log(`No display here ($DISPLAY is not set): running headless and saving ${values.screenshot} instead.`);
  }
  // A missing browser is reported before anything is built or served.
  findBrowser(kind);

  await buildAll();
  const server = await serve(resolve(ROOT, 'assets/demo'));
  const url = `${server.url}/article.html`;
  let launched: Launched;
  try {
    launched = await launch(kind, { headless: values.headless, width: 1280, height: 900, distRoot: outputRoot() });
  } catch (e) {
    await server.close();
    throw e;
  }
  const [first] = await launched.browser.pages();
  const page = first ?? (await launched.browser.newPage());
  await page.goto(url);
  console.log(`Demo article: ${url} in ${kind}${values.headless ? ' (headless)' : ''}`);

  if (!values.headless) {
    console.log('Hover a highlighted name to see its card. Close the browser window (or press Ctrl+C) to stop.');
    const stop = async (): Promise<void> => {
      await launched.close();
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    await new Promise<void>((done) => launched.browser.on('disconnected', () => done()));
    await server.close();
    return 0;
  }

  try {
    // The plain build makes no timing marks: wait until the highlights are there and stop changing.
    let last = -1;
    for (const deadline = Date.now() + 20_000; ;) {
      const painted = await page.evaluate(() => {
        let n = 0;
        CSS.highlights.forEach((h, name) => {
          if (name.startsWith('contextual-highlights-')) n += h.size;
        });
        return n;
      });
      if (painted > 0 && painted === last) break;
      if (Date.now() > deadline) throw new Error('the demo page was not highlighted within 20 s');
      last = painted;
      await new Promise((r) => setTimeout(r, 500));
    }
    const point = await page.evaluate((wanted) => {
      let hit: DOMRect | null = null;
      CSS.highlights.forEach((h, name) => {
        if (!name.startsWith('contextual-highlights')) return;
        h.forEach((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (!hit && range.toString().includes(wanted)) hit = range.getClientRects()[0] ?? null;
        });
      });
      const rect = hit as DOMRect | null;
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, HOVER_TEXT);
    if (!point) throw new Error(`no highlighted "${HOVER_TEXT}" on the demo page`);
    await page.mouse.move(point.x, point.y);
    // The card marks its mention with the focus highlight (its name carries the install's token).
    await page.waitForFunction(
      () =>
        [...CSS.highlights.keys()].some((name) => name.startsWith('contextual-highlights-') && name.endsWith('-focus')),
      { timeout: 5000 },
    );
    await new Promise((r) => setTimeout(r, 300)); // let the card settle in place
    const file = resolve(values.screenshot ?? 'screenshot.png');
    await page.screenshot({ path: file as `${string}.png` });
    const painted = await page.evaluate(() => {
      let n = 0;
      CSS.highlights.forEach((h, name) => {
        if (name.startsWith('contextual-highlights-') && !name.endsWith('focus')) n += h.size;
      });
      return n;
    });
    console.log(`${painted} mentions highlighted; card open on "${HOVER_TEXT}". Screenshot: ${file}`);
    return 0;
  } finally {
    await launched.close();
    await server.close();
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    if (e instanceof MissingBrowserError || e instanceof DatasetError) console.error(e.message);
    else console.error(e);
    process.exitCode = 1;
  });
