/**
 * Builds the two unpacked extensions, dist/chrome/ and dist/firefox/, from one source manifest.
 * The dataset is validated first (a bad one fails the build with entity, field and reason), then
 * split: the content script gets only the matcher data, the background only the card data and the
 * search index (names and alias texts).
 */
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { swatchCss } from '../src/core/highlight-css';
import { compileCards } from '../src/core/card-data';
import { ENTITY_TYPES } from '../src/core/dataset-types';
import { compileMatcherData } from '../src/core/matcher-data';
import { compileSearchIndex } from '../src/core/search-index';
import { LOCALES, messagesJson } from '../src/shared/catalog';
import { UI_CATALOGS } from '../src/shared/catalogs';
import { optionsText } from '../src/options/text';
import { DatasetError, ROOT, datasetPath, loadDataset } from './lib/dataset';
import { matcherModule } from './lib/matcher-module';
import { bundledPacks } from './lib/packs';
import { packsModule } from './lib/packs-module';

export type Target = 'chrome' | 'firefox';

/**
 * Every catalog written into `_locales/`: the shared ones, and those of our own pages, which
 * shared/ cannot import (the layers only import downwards).
 */
export const LOCALE_CATALOGS = [...UI_CATALOGS, optionsText];
export const TARGETS: Target[] = ['chrome', 'firefox'];

/**
 * The only differences between the two builds: each browser gets the background key it runs
 * (Chrome a service worker, Firefox an event page), Chrome drops Gecko's settings, Firefox drops
 * `unlimitedStorage` (Chromium caps storage.local at 10 MB without it, less than one story pack may
 * be; Firefox sets no such cap, and would ask the reader for it at install), and Firefox
 * drops `use_dynamic_url` from the card page's web-accessible entry: it does not support it, and
 * needs it less (its extension addresses carry a random id made at install, which no page knows;
 * Chromium's id is the same for every install, so the card page is reached there only by the
 * per-session address the flag makes).
 */
export function manifestFor(target: Target, source: Record<string, unknown>): Record<string, unknown> {
  const manifest = structuredClone(source) as Record<string, unknown> & {
    background: { service_worker?: string; scripts?: string[] };
    permissions?: string[];
    web_accessible_resources?: { use_dynamic_url?: boolean }[];
  };
  if (target === 'chrome') {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
  } else {
    delete manifest.background.service_worker;
    manifest.permissions = (manifest.permissions as string[]).filter((p) => p !== 'unlimitedStorage');
    for (const entry of manifest.web_accessible_resources ?? []) delete entry.use_dynamic_url;
  }
  return manifest;
}

function virtualModules(modules: Record<string, unknown>, sources: Record<string, string>): Plugin {
  return {
    name: 'virtual-modules',
    setup(b) {
      b.onResolve({ filter: /^virtual:/ }, (args) => ({ path: args.path, namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => {
        if (args.path in sources) return { contents: sources[args.path], loader: 'js' };
        if (!(args.path in modules)) return { errors: [{ text: `unknown virtual module ${args.path}` }] };
        return { contents: JSON.stringify(modules[args.path]), loader: 'json' };
      });
    },
  };
}

/** Where the build writes: dist/, or OUT_DIR. */
export function outputRoot(): string {
  return resolve(ROOT, process.env.OUT_DIR ?? 'dist');
}

/** The file that tells the build an output folder is its own to delete. */
export const BUILD_MARKER = '.contextual-highlights-build';

export class BuildError extends Error {}

/** A build made before the marker existed: its manifest is this extension's. */
function isOurs(out: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(resolve(out, 'manifest.json'), 'utf8')) as { name?: unknown };
    return manifest.name === '__MSG_extensionName__' && existsSync(resolve(out, 'content.js'));
  } catch {
    return false;
  }
}

/**
 * Deletes a target's folder of an earlier build. A folder the build did not make (OUT_DIR set to
 * the wrong place) is refused whole, before anything is deleted.
 */
function clearOutput(outRoot: string, target: Target): void {
  const out = resolve(outRoot, target);
  if (!existsSync(out) || readdirSync(out).length === 0 || existsSync(resolve(outRoot, BUILD_MARKER)) || isOurs(out)) {
    rmSync(out, { recursive: true, force: true });
    return;
  }
  throw new BuildError(
    `refusing to delete ${out}: its folder ${outRoot} has no ${BUILD_MARKER} file, so this build did not make it. Choose an empty or new OUT_DIR, or delete the folder yourself.`,
  );
}

/** What a build was made with, written beside its folders (build-info.json): tests and the benchmark read it. */
export interface BuildInfo {
  /** The timing marks are in (MARKS=1): a measurement build, never one for the stores. */
  marks: boolean;
}

export const BUILD_INFO = 'build-info.json';

export function readBuildInfo(outRoot = outputRoot()): BuildInfo | null {
  try {
    return JSON.parse(readFileSync(resolve(outRoot, BUILD_INFO), 'utf8')) as BuildInfo;
  } catch {
    return null;
  }
}

/**
 * Builds both browsers' extensions. `marks` (default: MARKS=1 in the environment) makes a
 * measurement build, with the timing marks of docs/architecture.md.
 */
export async function buildAll(options: { quiet?: boolean; marks?: boolean } = {}): Promise<void> {
  const log = options.quiet ? () => {} : (s: string) => console.log(s);
  const marks = options.marks ?? process.env.MARKS === '1';
  const dataset = loadDataset();
  const matcherData = compileMatcherData(dataset);
  const cardBundle = compileCards(dataset);
  const searchIndex = compileSearchIndex(dataset);
  // Every bundled pack, for the background to compile when the reader turns another on.
  const packs = bundledPacks();
  const source = JSON.parse(readFileSync(resolve(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  source.version = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  // OUT_DIR lets the benchmark keep a build with another dataset beside the normal one.
  const outRoot = outputRoot();
  for (const target of TARGETS) clearOutput(outRoot, target);
  mkdirSync(outRoot, { recursive: true });
  writeFileSync(
    resolve(outRoot, BUILD_MARKER),
    'Made by the Contextual Highlights build, which may delete and rewrite its folders.\n',
  );
  writeFileSync(resolve(outRoot, BUILD_INFO), `${JSON.stringify({ marks } satisfies BuildInfo)}\n`);
  for (const target of TARGETS) {
    const out = resolve(outRoot, target);
    mkdirSync(resolve(out, 'popup'), { recursive: true });
    mkdirSync(resolve(out, 'options'), { recursive: true });
    mkdirSync(resolve(out, 'card'), { recursive: true });
    await build({
      entryPoints: {
        early: resolve(ROOT, 'src/content/early.ts'),
        content: resolve(ROOT, 'src/content/main.ts'),
        background: resolve(ROOT, 'src/background/main.ts'),
        'popup/popup': resolve(ROOT, 'src/popup/popup.ts'),
        'options/options': resolve(ROOT, 'src/options/options.ts'),
        'card/card': resolve(ROOT, 'src/card/main.ts'),
      },
      outdir: out,
      bundle: true,
      format: 'iife',
      target: ['chrome120', 'firefox128'],
      minify: false,
      legalComments: 'none',
      charset: 'utf8',
      define: { __MARKS__: JSON.stringify(marks) },
      logLevel: 'warning',
      plugins: [
        virtualModules(
          { 'virtual:card-bundle': cardBundle, 'virtual:search-index': searchIndex },
          { 'virtual:matcher-data': matcherModule(matcherData), 'virtual:bundled-packs': packsModule(packs) },
        ),
      ],
    });
    cpSync(resolve(ROOT, 'src/popup/popup.html'), resolve(out, 'popup/popup.html'));
    cpSync(resolve(ROOT, 'src/popup/popup.css'), resolve(out, 'popup/popup.css'));
    writeFileSync(resolve(out, 'popup/types.css'), `${swatchCss(ENTITY_TYPES)}\n`);
    for (const file of ['options.html', 'options.css']) {
      cpSync(resolve(ROOT, 'src/options', file), resolve(out, 'options', file));
    }
    for (const file of ['card.html', 'card.css']) {
      cpSync(resolve(ROOT, 'src/card', file), resolve(out, 'card', file));
    }
    cpSync(resolve(ROOT, 'assets/icons'), resolve(out, 'icons'), {
      recursive: true,
      filter: (f) => !f.endsWith('.svg'),
    });
    writeFileSync(resolve(out, 'manifest.json'), `${JSON.stringify(manifestFor(target, source), null, 2)}\n`);
    for (const locale of LOCALES) {
      mkdirSync(resolve(out, '_locales', locale), { recursive: true });
      const messages = messagesJson(locale, LOCALE_CATALOGS);
      writeFileSync(resolve(out, '_locales', locale, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
    }
  }
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const matcherBytes = Buffer.byteLength(JSON.stringify(matcherData));
  const cardBytes = Buffer.byteLength(JSON.stringify(cardBundle));
  const searchBytes = Buffer.byteLength(JSON.stringify(searchIndex));
  log(
    `built dist/chrome and dist/firefox from ${datasetPath()} (${dataset.entities.length} entities, ` +
      `${matcherData.records.length} alias records)\n` +
      `  into ${outRoot}${marks ? ' (a measurement build, with the timing marks)' : ''}\n` +
      `  content.js ${kb(statSync(resolve(outRoot, 'chrome/content.js')).size)} (matcher data ${kb(matcherBytes)})\n` +
      `  background.js ${kb(statSync(resolve(outRoot, 'chrome/background.js')).size)} (card data ${kb(cardBytes)}, search index ${kb(searchBytes)})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAll().catch((e: unknown) => {
    console.error(e instanceof DatasetError || e instanceof BuildError ? `build failed: ${e.message}` : e);
    process.exit(1);
  });
}
