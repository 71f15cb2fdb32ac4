/**
 * Loads and validates the dataset for Node tools (build, scan, eval). DATASET=path overrides the
 * bundled one (docs/architecture.md, "build output").
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Dataset } from '../../src/core/dataset-types';
import { formatError, validateDataset } from '../../src/core/dataset-validate';
import { findJsonSyntaxError } from '../../src/core/json-syntax';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_DATASET = resolve(ROOT, 'assets/data/entities.json');
export const ARTICLE_TEXT = resolve(ROOT, 'assets/data/article.txt');

export class DatasetError extends Error {}

export function datasetPath(): string {
  return process.env.DATASET ? resolve(process.env.DATASET) : DEFAULT_DATASET;
}

/** Reads, parses and validates; throws DatasetError with every problem, one per line. */
export function loadDataset(path = datasetPath()): Dataset {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DatasetError(`cannot read dataset ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    const where = findJsonSyntaxError(raw);
    const detail = where ? `line ${where.line}, column ${where.column}: ${where.reason}` : (e as Error).message;
    throw new DatasetError(`dataset ${path} is not valid JSON: ${detail}`);
  }
  const { dataset, errors } = validateDataset(json, { articleText: readFileSync(ARTICLE_TEXT, 'utf8') });
  if (!dataset) {
    const lines = errors.map((e) => `  ${formatError(e)}`).join('\n');
    throw new DatasetError(`dataset ${path} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${lines}`);
  }
  return dataset;
}
