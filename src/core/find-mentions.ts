/**
 * Finds the mentions in one unit of text (a run of inline text between block boundaries).
 *
 * The automaton proposes candidates on folded text; each candidate is then verified on the
 * original text (case, word boundaries, possessives, capitals context) and the survivors are
 * resolved longest-leftmost without overlaps. Blockers ("South China Sea") take part in the
 * resolution, so they beat the shorter alias they contain, and are then dropped.
 */
import { ScanState, scanText } from './automaton';
import { RecordKind, type AliasRecord, type Matcher } from './matcher-data';
import { DELETED, Kind, SPACE, accentedCode, casedCode, isLower, isUpper, kindOf } from './normalize';

export interface Hit {
  /** UTF-16 offsets into the unit's text; `end` excludes a possessive or genitive ending. */
  start: number;
  end: number;
  /** Index into matcher.records: a Mention or a Homograph record. */
  record: number;
}

export interface UnitOptions {
  /**
   * Sorted offsets where one text node ends and the next begins (an element boundary):
   * a possible word break, so a match may start or end there ("Live</a><a>Russia").
   */
  soft?: ArrayLike<number>;
  /** Allow the German genitive -s ("Putins", "Chinas") — for pages in German. */
  genitive?: boolean;
}

function hasSoft(soft: ArrayLike<number> | undefined, at: number): boolean {
  if (!soft) return false;
  let lo = 0;
  let hi = soft.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = soft[mid]!;
    if (v === at) return true;
    if (v < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Index of the nearest visible character before `i`, or -1. */
function prevVisible(text: string, i: number): number {
  for (let j = i - 1; j >= 0; j--) if (kindOf(text.charCodeAt(j)) !== Kind.Deleted) return j;
  return -1;
}

/** Index of the nearest visible character at or after `i`, or -1. */
function nextVisible(text: string, i: number): number {
  for (let j = i; j < text.length; j++) if (kindOf(text.charCodeAt(j)) !== Kind.Deleted) return j;
  return -1;
}

/** Compares text[start, end) under `map` (spaces collapsed, invisibles dropped) with `key`. */
function sameKey(text: string, start: number, end: number, key: string, map: (c: number) => number): boolean {
  let k = 0;
  let lastSpace = false;
  for (let i = start; i < end; i++) {
    const f = map(text.charCodeAt(i));
    if (f === DELETED) continue;
    if (f === SPACE) {
      if (lastSpace) continue;
      lastSpace = true;
    } else {
      lastSpace = false;
    }
    if (k >= key.length || key.charCodeAt(k) !== f) return false;
    k++;
  }
  return k === key.length;
}

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && kindOf(text.charCodeAt(i)) === Kind.Word;
}

/** The word (letters/digits) that ends right before `i`, skipping spaces and punctuation within 3 chars. */
function wordBefore(text: string, i: number): [number, number] | null {
  let j = i - 1;
  let gap = 0;
  while (j >= 0 && !isWordAt(text, j)) {
    const k = kindOf(text.charCodeAt(j));
    if (k === Kind.Cjk || ++gap > 3) return null;
    j--;
  }
  if (j < 0) return null;
  const end = j + 1;
  while (j >= 0 && (isWordAt(text, j) || text.charCodeAt(j) === 0x27 || text.charCodeAt(j) === 0x2019)) j--;
  return [j + 1, end];
}

function wordAfter(text: string, i: number): [number, number] | null {
  let j = i;
  let gap = 0;
  while (j < text.length && !isWordAt(text, j)) {
    const k = kindOf(text.charCodeAt(j));
    if (k === Kind.Cjk || ++gap > 3) return null;
    j++;
  }
  if (j >= text.length) return null;
  const start = j;
  while (j < text.length && (isWordAt(text, j) || text.charCodeAt(j) === 0x27 || text.charCodeAt(j) === 0x2019)) j++;
  return [start, j];
}

/** A word in capitals: at least two cased letters and no lower-case letter. */
function isCapsWord(text: string, [start, end]: [number, number]): boolean {
  let upper = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isLower(c)) return false;
    if (isUpper(c)) upper++;
  }
  return upper >= 2;
}

/**
 * An ALL-CAPS alias form counts only in a context of capitals: a neighbouring word in capitals
 * ("ON CHINA", "PUTIN SAYS"), or standing alone at the start of its text as a dateline or label
 * ("BEIJING: …", "MOSCOW, May 20"). A lone capitalised word inside normal prose ("ultimate XI") does not.
 */
function inCapitalsContext(text: string, start: number, end: number): boolean {
  const before = wordBefore(text, start);
  if (before && isCapsWord(text, before)) return true;
  const after = wordAfter(text, end);
  if (after && isCapsWord(text, after)) return true;
  if (before) return false;
  // Nothing before: a dateline or a label, as long as prose does not follow directly.
  for (let i = end; i < text.length; i++) {
    const k = kindOf(text.charCodeAt(i));
    if (k === Kind.Space || k === Kind.Deleted) continue;
    return k !== Kind.Word && k !== Kind.Cjk;
  }
  return true;
}

/**
 * Returns the end of the highlighted name if `rec` accepts text[start, end), else -1.
 */
function verify(
  m: Matcher,
  rec: AliasRecord,
  text: string,
  start: number,
  end: number,
  opts: UnitOptions,
): number {
  let caps = false;
  if (rec.cased !== undefined) {
    if (rec.accented !== undefined) {
      if (!sameKey(text, start, end, rec.accented, accentedCode)) {
        if (rec.upper === undefined || !sameKey(text, start, end, rec.accented.toUpperCase(), accentedCode)) return -1;
        caps = true;
      }
    } else if (!sameKey(text, start, end, rec.cased, casedCode)) {
      if (rec.upper === undefined || !sameKey(text, start, end, rec.upper, casedCode)) return -1;
      caps = true;
    }
    if (caps && !inCapitalsContext(text, start, end)) return -1;
  }
  if (rec.wordStart && !hasSoft(opts.soft, start)) {
    const p = prevVisible(text, start);
    if (p >= 0 && kindOf(text.charCodeAt(p)) === Kind.Word) return -1;
  }
  if (rec.wordEnd && !hasSoft(opts.soft, end)) {
    const n = nextVisible(text, end);
    if (n >= 0) {
      const kind = kindOf(text.charCodeAt(n));
      if (kind === Kind.Word) {
        // German genitive: "Putins", "Chinas", "Xi Jinpings" (capitalised names only).
        if (!opts.genitive || !rec.genitive) return -1;
        const s = text.charCodeAt(n);
        if (s !== (caps ? 0x53 : 0x73)) return -1;
        const after = nextVisible(text, n + 1);
        if (after >= 0 && !hasSoft(opts.soft, n + 1) && kindOf(text.charCodeAt(after)) === Kind.Word) return -1;
      } else if (kind === Kind.Apostrophe) {
        // Possessive "Putin's"/"Putin’s"/"Reuters’" passes; "Xi’an" does not.
        const a = nextVisible(text, n + 1);
        if (a >= 0 && !hasSoft(opts.soft, n + 1) && kindOf(text.charCodeAt(a)) === Kind.Word) {
          const c = text.charCodeAt(a);
          if (c !== 0x73 && c !== 0x53) return -1;
          const after = nextVisible(text, a + 1);
          if (after >= 0 && !hasSoft(opts.soft, a + 1) && kindOf(text.charCodeAt(after)) === Kind.Word) return -1;
        }
      }
    }
  }
  return end;
}

/** Verifies and resolves the candidates of a finished scan of `text`. */
export function resolveHits(m: Matcher, text: string, st: ScanState, opts: UnitOptions = {}): Hit[] {
  const found = st.found;
  const n = found.count;
  if (n === 0) return [];
  const vStart: number[] = [];
  const vEnd: number[] = [];
  const vSpanEnd: number[] = [];
  const vRec: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = found.start[i]!;
    const end = found.end[i]!;
    for (const r of m.patterns[found.pattern[i]!]!) {
      const e = verify(m, m.records[r]!, text, start, end, opts);
      if (e >= 0) {
        vStart.push(start);
        vEnd.push(e);
        vSpanEnd.push(end);
        vRec.push(r);
        break;
      }
    }
  }
  const order = vStart.map((_, i) => i);
  order.sort((a, b) => vStart[a]! - vStart[b]! || vSpanEnd[b]! - vSpanEnd[a]!);
  const hits: Hit[] = [];
  let taken = 0;
  for (const i of order) {
    if (vStart[i]! < taken) continue;
    taken = vSpanEnd[i]!;
    const record = vRec[i]!;
    if (m.records[record]!.kind === RecordKind.Blocker) continue;
    hits.push({ start: vStart[i]!, end: vEnd[i]!, record });
  }
  return hits;
}

/** One-shot: every hit in `text`. */
export function findHits(m: Matcher, text: string, opts: UnitOptions = {}): Hit[] {
  const st = new ScanState(m.automaton);
  scanText(m.automaton, text, 0, text.length, st);
  return resolveHits(m, text, st, opts);
}
