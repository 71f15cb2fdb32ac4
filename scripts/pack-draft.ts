/**
 * `npm run pack:draft -- PAGE.html [-o FILE] [--url URL] [--max N]`: drafts a story pack from a
 * saved article page (scripts/lib/pack-draft.ts). The draft goes to stdout (or FILE); the candidates
 * with their mentions and forms go to stderr. Every statement is marked TODO: write and source it,
 * then `npm run pack:check -- FILE`. It reads a saved file only: it never fetches anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { draftPack } from './lib/pack-draft';

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const out = value('-o');
  const url = value('--url');
  const max = value('--max');
  const [file] = args;
  if (!file || args.length !== 1) {
    console.error('usage: npm run pack:draft -- PAGE.html [-o FILE] [--url URL] [--max N]');
    return 2;
  }
  if (/^https?:\/\//i.test(file)) {
    console.error(
      'pack:draft reads a saved page: save the article first (the browser’s Save Page As), then give its file',
    );
    return 2;
  }
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`pack:draft: ${file}: ${(e as Error).message}`);
    return 1;
  }
  const { pack, candidates } = draftPack(html, {
    ...(url ? { url } : {}),
    ...(max ? { max: Number(max) } : {}),
  });
  const s = pack.story;
  console.error(
    `${s.publisher}, ${s.date}: ${s.title} (${s.language})\n${candidates.length} candidates, most mentioned first:`,
  );
  const width = Math.max(...candidates.map((c) => c.name.length), 4);
  for (const c of candidates) {
    console.error(
      `  ${c.name.padEnd(width)}  ${c.type.padEnd(12)}  ${String(c.mentions).padStart(3)}  ${c.aliases.join(' · ')}`,
    );
  }
  console.error('Every statement is marked TODO: write it, source it, then run npm run pack:check on the file.');
  const json = `${JSON.stringify(pack, null, 2)}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
