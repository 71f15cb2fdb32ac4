/**
 * A JSON text read together with where each of its values starts, so that a message about a field
 * of the dataset can name the line and the column to go to. The values come from JSON.parse (the
 * engine's semantics); the positions from json-syntax.ts's scanner, which also refuses a text
 * nested deeper than we read before JSON.parse or anything after it walks it.
 */
import { MAX_JSON_DEPTH, scanJson, type JsonSyntaxError } from './json-syntax';

export interface JsonPosition {
  line: number;
  column: number;
}

/** Where each value of one JSON text starts, by path (`entities[3].facts[0].date`, `""` for the root). */
export class JsonPositions {
  /** Offsets of the line starts, for a binary search (built when first asked). */
  private lineStarts: number[] | null = null;

  constructor(
    private readonly text: string,
    private readonly offsets: ReadonlyMap<string, number>,
  ) {}

  /**
   * Where the value at `path` starts. A path the text does not have (a missing field) is placed
   * where its nearest ancestor's value starts; null only for a path outside the text altogether.
   */
  at(path: string): JsonPosition | null {
    for (let p: string | null = path; p !== null; p = parentPath(p)) {
      const offset = this.offsets.get(p);
      if (offset !== undefined) return this.position(offset);
    }
    return null;
  }

  private position(offset: number): JsonPosition {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** `a.b[2].c` -> `a.b[2]` -> `a.b` -> `a` -> `""` -> null. */
export function parentPath(path: string): string | null {
  if (path === '') return null;
  const m = /(?:\.[^.[\]]*|\[\d+\])$/.exec(path);
  return m ? path.slice(0, m.index) : '';
}

export type JsonReading =
  { ok: true; value: unknown; positions: JsonPositions } | { ok: false; error: JsonSyntaxError };

/** Reads a JSON text with the position of every value, or says where (and why) it cannot be read. */
export function readJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonReading {
  const offsets = new Map<string, number>();
  const error = scanJson(text, { maxDepth, onValue: (path, offset) => offsets.set(path, offset) });
  if (error) return { ok: false, error };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { ok: true, value: JSON.parse(body), positions: new JsonPositions(text, offsets) };
}
