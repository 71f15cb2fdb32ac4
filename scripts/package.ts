/**
 * npm run package: the store-ready files, in artifacts/ (or ARTIFACTS_DIR):
 *
 *   contextual-highlights-<version>-chrome.zip    for the Chrome Web Store
 *   contextual-highlights-<version>-firefox.zip   for addons.mozilla.org
 *   contextual-highlights-<version>-source.zip    the source AMO asks for when code is bundled
 *                                                (the committed tree: `npm ci && npm run build`
 *                                                rebuilds the Firefox package from it)
 *
 * It refuses when package.json and manifest.json disagree on the version, and when web-ext lint
 * finds any error or warning in the Firefox build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BuildError, TARGETS, buildAll, outputRoot } from './build';
import { DatasetError, ROOT } from './lib/dataset';

export class PackageError extends Error {}

function version(root: string, file: string): string {
  return (JSON.parse(readFileSync(resolve(root, file), 'utf8')) as { version: string }).version;
}

/** The one version number, or an error naming both when they differ. */
export function checkVersions(root = ROOT): string {
  const pkg = version(root, 'package.json');
  const manifest = version(root, 'manifest.json');
  if (pkg !== manifest) {
    throw new PackageError(`package.json says ${pkg} but manifest.json says ${manifest}: make them the same version`);
  }
  return pkg;
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const WEB_EXT = resolve(ROOT, 'node_modules/.bin/web-ext');

export async function packageAll(out = resolve(ROOT, process.env.ARTIFACTS_DIR ?? 'artifacts')): Promise<string[]> {
  const v = checkVersions();
  await buildAll({ quiet: true });
  const dist = outputRoot();
  const lint = run(WEB_EXT, ['lint', '--source-dir', resolve(dist, 'firefox'), '--output', 'json']);
  const summary = /"summary":\s*(\{[^}]*\})/.exec(lint.output)?.[1];
  const counts = summary ? (JSON.parse(summary) as { errors: number; warnings: number }) : null;
  if (!counts || counts.errors > 0 || counts.warnings > 0) {
    throw new PackageError(`web-ext lint found problems in ${resolve(dist, 'firefox')}:\n${lint.output}`);
  }
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const target of TARGETS) {
    const name = `contextual-highlights-${v}-${target}.zip`;
    rmSync(resolve(out, name), { force: true });
    const r = run(WEB_EXT, [
      'build',
      '--source-dir',
      resolve(dist, target),
      '--artifacts-dir',
      out,
      '--filename',
      name,
      '--overwrite-dest',
    ]);
    if (r.status !== 0) throw new PackageError(`web-ext build failed for ${target}:\n${r.output}`);
    files.push(resolve(out, name));
  }
  const source = `contextual-highlights-${v}-source.zip`;
  const dirty = run('git', ['status', '--porcelain']).output.trim();
  if (dirty) console.warn('package: the source archive holds the last commit; uncommitted changes are not in it');
  const archive = run('git', [
    'archive',
    '--format=zip',
    `--prefix=contextual-highlights-${v}-source/`,
    '-o',
    resolve(out, source),
    'HEAD',
  ]);
  if (archive.status !== 0) throw new PackageError(`git archive failed (is this a git checkout?):\n${archive.output}`);
  files.push(resolve(out, source));
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  packageAll().then(
    (files) => {
      for (const f of files) {
        const sha = createHash('sha256').update(readFileSync(f)).digest('hex');
        console.log(`${f}  ${(statSync(f).size / 1024).toFixed(1)} KB  sha256 ${sha}`);
      }
    },
    (e: unknown) => {
      const known = e instanceof PackageError || e instanceof BuildError || e instanceof DatasetError;
      console.error(known ? `package failed: ${e.message}` : e);
      process.exitCode = 1;
    },
  );
}
