/**
 * Where a JSON text first breaks, as a line and a column a person can go to. JSON.parse says where
 * only in some engines and versions, and then as a character offset; the dataset is edited by
 * hand, so a broken file must point at the line. The scanner is a loop over an explicit stack, not
 * a recursion: a file nested 300,000 levels deep gets a message, never a stack overflow.
 */

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 code units) of the first character that breaks the syntax. */
  line: number;
  column: number;
  reason: string;
  /** The text is JSON, but nested deeper than we read (`MAX_JSON_DEPTH`). */
  tooDeep?: boolean;
}

/** Levels of `[` and `{` we read; our files need under ten, a deeper one is a mistake or an attack. */
export const MAX_JSON_DEPTH = 256;

export interface ScanOptions {
  maxDepth?: number;
  /**
   * Called where each value starts, with its path in the validator's notation (`entities[3].facts[0]`,
   * `""` for the root) and its offset in `text`.
   */
  onValue?: (path: string, offset: number) => void;
}

class Broken extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
    readonly tooDeep = false,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** An open `{` or `[`: its path, whether it is an object, and the index of its current member. */
interface Frame {
  path: string;
  object: boolean;
  index: number;
}

/** The 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Reads `text` as JSON without building values: the first syntax error, or null when it is valid. */
export function scanJson(text: string, options: ScanOptions = {}): JsonSyntaxError | null {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const onValue = options.onValue;
  let i = 0;
  const shown = (): string => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  // Annotated so that control flow knows a call never returns.
  const fail: (reason: string) => never = (reason) => {
    throw new Broken(i, reason);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail('a string is not closed (a missing ")');
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`bad escape \\${next ?? ''} in a string`);
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail('a line break or control character inside a string (a missing "?)');
      i++;
    }
  };
  /** A member's name and colon; returns the member's path. */
  const member = (frame: Frame): string => {
    space();
    if (text[i] !== '"') fail(`expected a property name in double quotes, found ${shown()}`);
    const start = i;
    string();
    // Decoded only when someone asks for paths (escapes in names are rare but legal).
    const key = onValue ? (JSON.parse(text.slice(start, i)) as string) : '';
    space();
    if (text[i] !== ':') fail(`expected : after the property name, found ${shown()}`);
    i++;
    return frame.path ? `${frame.path}.${key}` : key;
  };
  const stack: Frame[] = [];
  let path = '';
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte order mark is harmless
    values: for (;;) {
      // A value at `path`.
      space();
      onValue?.(path, i);
      const ch = text[i];
      if (ch === '{' || ch === '[') {
        if (stack.length >= maxDepth) {
          throw new Broken(i, `nested too deeply (more than ${maxDepth} levels of [ and {)`, true);
        }
        const object = ch === '{';
        i++;
        space();
        if (text[i] === (object ? '}' : ']')) i++;
        else {
          const frame: Frame = { path, object, index: 0 };
          stack.push(frame);
          path = object ? member(frame) : `${path}[0]`;
          continue values;
        }
      } else if (ch === '"') string();
      else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) fail('a malformed number');
        i = NUMBER.lastIndex;
      } else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (word === undefined) fail(`expected a value, found ${shown()}`);
        i += word.length;
      }
      // After a value: close what ends here, or go on to the next member.
      for (;;) {
        const frame = stack.at(-1);
        if (!frame) break values;
        const close = frame.object ? '}' : ']';
        space();
        if (text[i] === ',') {
          i++;
          frame.index++;
          space();
          if (text[i] === close) fail(`a comma before ${close} (trailing commas are not JSON)`);
          path = frame.object ? member(frame) : `${frame.path}[${frame.index}]`;
          continue values;
        }
        if (text[i] === close) {
          i++;
          stack.pop();
          continue;
        }
        fail(
          frame.object
            ? `expected , or } after a property value, found ${shown()} (a missing comma?)`
            : `expected , or ] after a list item, found ${shown()} (a missing comma?)`,
        );
      }
    }
    space();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the data`);
    return null;
  } catch (e) {
    if (!(e instanceof Broken)) throw e;
    return { ...lineAndColumn(text, e.at), reason: e.reason, ...(e.tooDeep ? { tooDeep: true } : {}) };
  }
}

/** The first syntax error in `text` (or nesting past `maxDepth`), or null when it is valid JSON. */
export function findJsonSyntaxError(text: string, maxDepth = MAX_JSON_DEPTH): JsonSyntaxError | null {
  return scanJson(text, { maxDepth });
}
