/**
 * The source of `virtual:matcher-data` (the build's and the unit tests'): the data as one string
 * parsed when first asked for, and an id of its content. A string literal is held once per
 * renderer however many frames run the script (an object literal would be built in every frame),
 * and the id lets frames that share one matcher know it is the same data.
 */
import { createHash } from 'node:crypto';
import type { MatcherData } from '../../src/core/matcher-data';

export function matcherModule(data: MatcherData): string {
  const json = JSON.stringify(data);
  const id = createHash('sha256').update(json).digest('hex').slice(0, 16);
  return [
    `export const id = ${JSON.stringify(id)};`,
    `export default function load() { return JSON.parse(${JSON.stringify(json)}); }`,
    '',
  ].join('\n');
}
