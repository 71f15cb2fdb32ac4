/**
 * The source of `virtual:bundled-packs` (the background's): every bundled pack as one string
 * parsed only when the reader's choice is not the default, and a small list for the options page.
 */
import type { Pack } from '../../src/core/pack';

export function packsModule(packs: Pack[]): string {
  const info = packs.map((p) => ({
    id: p.id,
    story: { title: p.story.title, publisher: p.story.publisher, date: p.story.date },
    entities: p.entities.length,
    bytes: Buffer.byteLength(`${JSON.stringify(p, null, 2)}\n`),
    version: p.version,
  }));
  return [
    `export const info = ${JSON.stringify(info)};`,
    `let packs = null;`,
    `export default function load() { return (packs ??= JSON.parse(${JSON.stringify(JSON.stringify(packs))})); }`,
    '',
  ].join('\n');
}
