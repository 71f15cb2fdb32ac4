/**
 * Loads and validates the dataset for Node tools (build, scan, eval). DATASET=path overrides the
 * bundled one (docs/architecture.md, "build output").
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Dataset } from '../../src/core/dataset-types';
import { formatError, printable, validateDataset } from '../../src/core/dataset-validate';
import { readJson, type JsonPositions } from '../../src/core/json-positions';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_DATASET = resolve(ROOT, 'assets/data/entities.json');
export const ARTICLE_TEXT = resolve(ROOT, 'assets/data/article.txt');

export class DatasetError extends Error {}

export function datasetPath(): string {
  return process.env.DATASET ? resolve(process.env.DATASET) : DEFAULT_DATASET;
}

/**
 * The file's text, or an error naming the line, the column and the bytes where it is not UTF-8
 * (decoding leniently would ship U+FFFD in place of the broken bytes).
 */
function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // The longest valid prefix: decode byte by byte until the decoder refuses what it has seen.
    const streaming = new TextDecoder('utf-8', { fatal: true });
    let at = 0;
    try {
      for (; at < bytes.length; at++) streaming.decode(bytes.subarray(at, at + 1), { stream: true });
    } catch {
      // `at` is the byte that broke it.
    }
    const before = bytes.subarray(0, at).toString('utf8');
    const lines = before.split('\n');
    const bad = [...bytes.subarray(at, at + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetError(
      `dataset ${path} is not valid UTF-8: line ${lines.length}, column ${lines.at(-1)!.length + 1}: bytes ${bad}`,
    );
  }
}

/** Reads, parses and validates; throws DatasetError with every problem, one per line. */
export function loadDataset(path = datasetPath()): Dataset {
  return readDataset(path).dataset;
}

/** As loadDataset, with where each value starts in the file (for tools that point at a field). */
export function readDataset(path = datasetPath()): { dataset: Dataset; positions: JsonPositions } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DatasetError(`cannot read dataset ${path}: ${(e as Error).message}`);
  }
  const raw = decodeUtf8(bytes, path);
  const reading = readJson(raw);
  if (!reading.ok) {
    const { line, column, reason, tooDeep } = reading.error;
    throw new DatasetError(
      `dataset ${path} ${tooDeep ? 'cannot be read' : 'is not valid JSON'}: line ${line}, column ${column}: ${printable(reason)}`,
    );
  }
  const { dataset, errors } = validateDataset(reading.value, {
    articleText: readFileSync(ARTICLE_TEXT, 'utf8'),
    positions: reading.positions,
  });
  if (!dataset) {
    const lines = errors.map((e) => `  ${formatError(e)}`).join('\n');
    throw new DatasetError(`dataset ${path} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${lines}`);
  }
  return { dataset, positions: reading.positions };
}
