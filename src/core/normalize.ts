/**
 * Character normalisation shared by the automaton builder, the scanner and verification.
 *
 * Every function here works one UTF-16 code unit at a time and maps it to at most one code unit,
 * so a position in normalised text always maps back to exactly one position in the page's text.
 * Tables are filled lazily: a page that only uses ASCII never pays for the rest of Unicode.
 */

/** Marker for code units that vanish (soft hyphen, zero-width characters, combining marks). */
export const DELETED = 0;
/** Every kind of whitespace folds to one ASCII space. */
export const SPACE = 32;
const UNKNOWN = 0xffff;

/** Character kinds used by word-boundary checks. */
export const Kind = {
  Other: 0,
  /** Letters, digits and marks of scripts that separate words with spaces. */
  Word: 1,
  /** Han, kana and Hangul: no spaces between words, so never a word-boundary problem. */
  Cjk: 2,
  Apostrophe: 3,
  Space: 4,
  Deleted: 5,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

const APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u2032\uff07\u00b4`";
const QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02\u2033';
const HYPHENS = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d';
const INVISIBLE =
  /^[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff\p{Mn}\p{Me}]$/u;
const WHITESPACE = /^\s$/u;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3006\u30fc]$/u;
const WORD = /^[\p{L}\p{N}\p{M}_]$/u;
const COMBINING = /\p{Mn}/gu;

/** The lazily filled tables: a cache of pure functions of one code unit. */
export interface FoldTables {
  /** Folded: lower case, no diacritics, unified punctuation. The automaton runs on this. */
  readonly fold: Uint16Array;
  /** Same as fold but keeping case: used to verify case-sensitive aliases. */
  readonly cased: Uint16Array;
  /** Same as cased but keeping diacritics: used for aliases whose accents must match. */
  readonly accented: Uint16Array;
  readonly kind: Uint8Array;
}

// Empty until first used (0.45 MB together): a frame whose script never matches (a cross-origin
// frame) never makes them. Reads before then are out of range (undefined) and go to fill().
let FOLD: Uint16Array = new Uint16Array(0);
let CASED: Uint16Array = new Uint16Array(0);
let ACCENTED: Uint16Array = new Uint16Array(0);
let KIND: Uint8Array = new Uint8Array(0);

function allocate(): void {
  if (FOLD.length > 0) return;
  FOLD = new Uint16Array(0x10000).fill(UNKNOWN);
  CASED = new Uint16Array(0x10000).fill(UNKNOWN);
  ACCENTED = new Uint16Array(0x10000).fill(UNKNOWN);
  KIND = new Uint8Array(0x10000).fill(0xff);
}

const isTable = (t: unknown, tag: string): boolean =>
  Object.prototype.toString.call(t) === `[object ${tag}]` && (t as ArrayLike<number>).length === 0x10000;

/** The tables in use (to hand to another frame's copy of this module). */
export function foldTables(): FoldTables {
  allocate();
  return { fold: FOLD, cased: CASED, accented: ACCENTED, kind: KIND };
}

/**
 * Uses another copy of this module's tables (another frame's, even from another realm) from now on
 * instead of its own, which are left to be collected; returns whether it did. What is filled in
 * either is the same, so sharing changes no result.
 */
export function useFoldTables(shared: FoldTables): boolean {
  const ok =
    isTable(shared.fold, 'Uint16Array') &&
    isTable(shared.cased, 'Uint16Array') &&
    isTable(shared.accented, 'Uint16Array') &&
    isTable(shared.kind, 'Uint8Array');
  if (ok) {
    FOLD = shared.fold;
    CASED = shared.cased;
    ACCENTED = shared.accented;
    KIND = shared.kind;
  }
  return ok;
}

function punctuation(ch: string): number {
  if (APOSTROPHES.includes(ch)) return 0x27;
  if (QUOTES.includes(ch)) return 0x22;
  if (HYPHENS.includes(ch)) return 0x2d;
  return -1;
}

function single(s: string, fallback: number): number {
  return s.length === 1 ? s.charCodeAt(0) : fallback;
}

function stripMarks(code: number): number {
  const ch = String.fromCharCode(code);
  // NFKD also unifies compatibility forms (fullwidth letters, ligature-free presentation forms).
  const k = single(ch.normalize('NFKD').replace(COMBINING, ''), -1);
  if (k >= 0) return k;
  return single(ch.normalize('NFD').replace(COMBINING, ''), code);
}

function fill(code: number): void {
  allocate();
  if (code >= 0xd800 && code <= 0xdfff) {
    // Lone surrogate halves pass through unchanged; astral characters never join words.
    FOLD[code] = CASED[code] = ACCENTED[code] = code;
    KIND[code] = Kind.Other;
    return;
  }
  const ch = String.fromCharCode(code);
  if (code !== 0x20 && (code === 0 || INVISIBLE.test(ch))) {
    FOLD[code] = CASED[code] = ACCENTED[code] = DELETED;
    KIND[code] = Kind.Deleted;
    return;
  }
  if (WHITESPACE.test(ch)) {
    FOLD[code] = CASED[code] = ACCENTED[code] = SPACE;
    KIND[code] = Kind.Space;
    return;
  }
  const p = punctuation(ch);
  if (p >= 0) {
    FOLD[code] = CASED[code] = ACCENTED[code] = p;
    KIND[code] = p === 0x27 ? Kind.Apostrophe : Kind.Other;
    return;
  }
  ACCENTED[code] = code;
  CASED[code] = stripMarks(code);
  const lower = single(ch.toLowerCase(), code);
  FOLD[code] = stripMarks(lower);
  KIND[code] = CJK.test(ch) ? Kind.Cjk : WORD.test(ch) ? Kind.Word : Kind.Other;
}

/** Folded code unit of `code`: DELETED, SPACE or a single code unit. */
export function foldCode(code: number): number {
  const f = FOLD[code];
  if (f !== UNKNOWN && f !== undefined) return f;
  fill(code);
  return FOLD[code]!;
}

/** Like foldCode but keeps letter case. */
export function casedCode(code: number): number {
  const f = CASED[code];
  if (f !== UNKNOWN && f !== undefined) return f;
  fill(code);
  return CASED[code]!;
}

/** Like casedCode but keeps diacritics. */
function accentedCode(code: number): number {
  const f = ACCENTED[code];
  if (f !== UNKNOWN && f !== undefined) return f;
  fill(code);
  return ACCENTED[code]!;
}

export function kindOf(code: number): Kind {
  const k = KIND[code];
  if (k === 0xff || k === undefined) fill(code);
  return KIND[code]! as Kind;
}

/** The table the scanner's hot loop reads directly; on UNKNOWN_FOLD it calls foldCode(code). */
export function foldTable(): Uint16Array {
  allocate();
  return FOLD;
}
export const UNKNOWN_FOLD = UNKNOWN;

type CodeMap = (code: number) => number;

function mapString(s: string, map: CodeMap): string {
  let out = '';
  let space = true; // trims leading space
  for (let i = 0; i < s.length; i++) {
    const f = map(s.charCodeAt(i));
    if (f === DELETED) continue;
    if (f === SPACE) {
      if (space) continue;
      space = true;
    } else {
      space = false;
    }
    out += String.fromCharCode(f);
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

/** The key an alias is stored under in the automaton. */
export function foldText(s: string): string {
  return mapString(s, foldCode);
}

/** Case-preserving key used to check case-sensitive aliases. */
export function casedText(s: string): string {
  return mapString(s, casedCode);
}

/** Case- and accent-preserving key used for aliases with exact accents. */
export function accentedText(s: string): string {
  return mapString(s, accentedCode);
}

/** Whether `text[i]` exists and is a letter, digit or mark of a script that separates words with spaces. */
export function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && kindOf(text.charCodeAt(i)) === Kind.Word;
}

/** True if the character is a letter with distinct upper and lower case. */
export function isUpper(code: number): boolean {
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function isLower(code: number): boolean {
  const ch = String.fromCharCode(code);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}
