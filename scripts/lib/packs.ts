/**
 * The bundled story packs for Node tools (build, scan, eval, pack:check): the dataset as the first
 * pack, then every pack file in assets/packs/, in the order of BUNDLED_PACKS.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { datasetAsPack, formatError, readPack, type Pack } from '../../src/core/pack';
import { DatasetError, ROOT, loadDataset } from './dataset';

/** The first pack's id and language: the bundled dataset's story (The Hindu, 19 May 2014). */
export const FIRST_PACK = { id: 'sino-russia-2014', language: 'en' } as const;

/** The packs shipped in assets/packs/, after the first; a reader who adds nothing has only the first on. */
export const BUNDLED_PACKS = ['impeachment-inquiry-2019'] as const;

export const PACKS_DIR = resolve(ROOT, 'assets/packs');

/** Reads and validates one pack file; throws DatasetError with every problem, one per line. */
export function loadPackFile(path: string, articleText?: string): Pack {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DatasetError(`cannot read pack ${path}: ${(e as Error).message}`);
  }
  const reading = readPack(text, articleText === undefined ? {} : { articleText });
  if (reading.ok) return reading.pack;
  const lines = reading.errors.map((e) => `  ${formatError(e)}`).join('\n');
  const n = reading.errors.length;
  throw new DatasetError(`pack ${path} has ${n} problem${n === 1 ? '' : 's'}:\n${lines}`);
}

/** Every bundled pack: the dataset's first, then the files. */
export function bundledPacks(): Pack[] {
  return [
    datasetAsPack(loadDataset(), FIRST_PACK.id, FIRST_PACK.language),
    ...BUNDLED_PACKS.map((id) => loadPackFile(resolve(PACKS_DIR, `${id}.json`))),
  ];
}
