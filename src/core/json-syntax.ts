/**
 * Where a JSON text first breaks, as a line and a column a person can go to. JSON.parse says where
 * only in some engines and versions, and then as a character offset; the dataset is edited by
 * hand, so a broken file must point at the line.
 */

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 code units) of the first character that breaks the syntax. */
  line: number;
  column: number;
  reason: string;
}

class Broken extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
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
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail('a malformed number');
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`expected a value, found ${shown()}`);
  };
  const object = (): void => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] === '}') fail('a comma before } (trailing commas are not JSON)');
      if (text[i] !== '"') fail(`expected a property name in double quotes, found ${shown()}`);
      string();
      space();
      if (text[i] !== ':') fail(`expected : after the property name, found ${shown()}`);
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected , or } after a property value, found ${shown()} (a missing comma?)`);
    }
  };
  const array = (): void => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] === ']') fail('a comma before ] (trailing commas are not JSON)');
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected , or ] after a list item, found ${shown()} (a missing comma?)`);
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte order mark is harmless
    value();
    space();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the data`);
    return null;
  } catch (e) {
    if (!(e instanceof Broken)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split('\n').length;
    const column = e.at - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, reason: e.reason };
  }
}
