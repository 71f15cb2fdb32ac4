/**
 * The shape of src/: no import cycles, and the layers only look down — core/ imports nothing but
 * core/; shared/ only core/ and shared/; each part (content, background, popup, options, card) only
 * itself, shared/ and core/. Read from the sources' import statements (type imports included).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to files under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)) {
    const base = resolve(dirname(file), m[1]!);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) {
          out.push(candidate);
          break;
        }
      } catch {
        // not this form of the path; try the next
      }
    }
  }
  return out;
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string): string => relative(SRC, f);
const layer = (f: string): string => rel(f).split('/')[0]!;

/** Which layers each layer may import from. */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  shared: ['core', 'shared'],
  content: ['core', 'shared', 'content'],
  background: ['core', 'shared', 'background'],
  popup: ['core', 'shared', 'popup'],
  options: ['core', 'shared', 'options'],
  // The card page (the extension page the card is drawn in on web pages): the content script
  // reaches it only by its address and a message port, never by import.
  card: ['core', 'shared', 'card'],
};

describe('the import graph of src/', () => {
  it('is read from every source file', () => {
    expect(files.length).toBeGreaterThan(30);
    expect([...graph.values()].flat().length).toBeGreaterThan(60);
  });

  it('only imports downwards', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      const allowed = ALLOWED[layer(file)];
      if (!allowed) {
        wrong.push(`${rel(file)}: not in a known layer`);
        continue;
      }
      for (const dep of deps) if (!allowed.includes(layer(dep))) wrong.push(`${rel(file)} imports ${rel(dep)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the cards apart from painting: content/card/ imports nothing of content/paint/', () => {
    const wrong = [...graph]
      .filter(([file]) => rel(file).startsWith('content/card/'))
      .flatMap(([file, deps]) =>
        deps.filter((d) => rel(d).startsWith('content/paint/')).map((d) => `${rel(file)} imports ${rel(d)}`),
      );
    expect(wrong).toEqual([]);
  });

  it('has no cycles', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          onStack.delete(w);
          component.push(rel(w));
          if (w === v) break;
        }
        if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
