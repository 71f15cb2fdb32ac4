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
import { ALL_ELISIONS } from './grammar';
import { NameRule, isAnotherPerson, isInsideLongerName, type NameContext } from './name-rules';

const NO_WORDS: ReadonlySet<string> = new Set();
import {
  DELETED,
  Kind,
  SPACE,
  accentedText,
  casedCode,
  foldCode,
  foldText,
  isLower,
  isUpper,
  isWordAt,
  kindOf,
} from './normalize';

export interface Hit {
  /**
   * UTF-16 offsets into the unit's text; `end` excludes an apostrophe's possessive ("Putin's") and
   * includes a genitive written into the word ("Putins" on a German page).
   */
  start: number;
  end: number;
  /** Index into matcher.records: a Mention or a Homograph record. */
  record: number;
  /**
   * When `record` has a context rule (`when`): the next record at the same place that names
   * another entity and passes its own checks (two story packs giving one alias to different
   * entities), taking the mention if the first one's rule fails; else -1.
   */
  alt: number;
}

export interface UnitOptions {
  /**
   * Sorted offsets where one text node ends and the next begins (an element boundary):
   * a possible word break, so a match may start or end there ("Live</a><a>Russia").
   * Offset 0 may be included (it changes nothing).
   */
  soft?: ArrayLike<number>;
  /**
   * The page's language: the primary subtag of its `lang` attribute ("de" for `de-AT`), '' when
   * unknown. Aliases written in Latin script with a `lang` match only on pages of that language;
   * German pages (`de`) also take the genitive -s ("Putins", "Chinas").
   */
  lang?: string;
}

/** The options that hold for a whole page (everything but the unit's own soft boundaries). */
export type PageOptions = Omit<UnitOptions, 'soft'>;

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
  while (j >= 0 && (isWordAt(text, j) || kindOf(text.charCodeAt(j)) === Kind.Apostrophe)) j--;
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
  while (j < text.length && (isWordAt(text, j) || kindOf(text.charCodeAt(j)) === Kind.Apostrophe)) j++;
  return [start, j];
}

/** The word [from, to) is an elided article or preposition joined to the name at `start` by one apostrophe. */
function isElision(text: string, [from, to]: [number, number], start: number): boolean {
  if (start !== to + 1 || kindOf(text.charCodeAt(to)) !== Kind.Apostrophe) return false;
  return ALL_ELISIONS.has(foldText(text.slice(from, to)));
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
 * ("ON CHINA", "PUTIN SAYS"), a phrase of several words in capitals ("EAST CHINA SEA"), or standing
 * alone at the start of its text as a dateline or label ("BEIJING: …", "MOSCOW, May 20"). A lone
 * capitalised word inside normal prose ("ultimate XI") does not. `end` includes a possessive or
 * genitive ending ("PUTIN’S GAMBIT").
 */
function inCapitalsContext(text: string, start: number, end: number, words: number): boolean {
  if (words > 1) return true;
  let before = wordBefore(text, start);
  // An elided article is no neighbour ("L'UKRAINE", "DE L'UKRAINE", "DELL'UCRAINA"): look past it.
  if (before && isElision(text, before, start)) before = wordBefore(text, before[0]);
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

/** Index after the visible character at `i` and any combining marks that follow it. */
function afterMarks(text: string, i: number): number {
  let j = i;
  while (j < text.length && kindOf(text.charCodeAt(j)) === Kind.Deleted && COMBINING.test(text[j]!)) j++;
  return j;
}

const COMBINING = /^\p{M}$/u;

/** Whether a word of a spaced script continues at `i` (no soft boundary, not the end). */
function wordContinues(text: string, i: number, soft: ArrayLike<number> | undefined): boolean {
  if (hasSoft(soft, i)) return false;
  const n = nextVisible(text, i);
  return n >= 0 && kindOf(text.charCodeAt(n)) === Kind.Word;
}

/**
 * Where an accepted match's possessive or genitive ending stops (the end itself if none),
 * or -1 when the match would end inside a word.
 */
function endOfSuffix(rec: AliasRecord, text: string, end: number, caps: boolean, opts: UnitOptions): number {
  if (!rec.wordEnd || hasSoft(opts.soft, end)) return end;
  const n = nextVisible(text, end);
  if (n < 0) return end;
  const kind = kindOf(text.charCodeAt(n));
  if (kind === Kind.Word) {
    // German genitive: "Putins", "Chinas", "Xi Jinpings" (capitalised names only).
    if (opts.lang !== 'de' || !rec.genitive) return -1;
    if (text.charCodeAt(n) !== (caps ? 0x53 : 0x73)) return -1;
    return wordContinues(text, n + 1, opts.soft) ? -1 : n + 1;
  }
  if (kind === Kind.Apostrophe) {
    // Possessive "Putin's"/"Putin’s"/"Reuters’" passes; "Xi’an" does not.
    if (!wordContinues(text, n + 1, opts.soft)) return end;
    const a = nextVisible(text, n + 1);
    const c = text.charCodeAt(a);
    if (c !== 0x73 && c !== 0x53) return -1;
    return wordContinues(text, a + 1, opts.soft) ? -1 : a + 1;
  }
  return end;
}

/** A word of a spaced script ends right before `start` (so a match may not start there). */
function wordBeforeStart(text: string, start: number, soft: ArrayLike<number> | undefined): boolean {
  if (hasSoft(soft, start)) return false;
  const p = prevVisible(text, start);
  return p >= 0 && kindOf(text.charCodeAt(p)) === Kind.Word;
}

/**
 * Returns the end of the highlighted name (past any combining marks) if `rec` accepts
 * text[start, end), else -1. Blockers accept their phrase in any case and with any ending, so a
 * never-match phrase always beats the shorter alias inside it ("SOUTH CHINA SEA", "Air Chinas").
 */
function verify(rec: AliasRecord, text: string, start: number, end: number, opts: UnitOptions): number {
  if (rec.lang !== undefined && rec.lang !== (opts.lang ?? '')) return -1;
  // The homograph of an English alias ("china", porcelain) is an English word: on a page in another
  // language the same letters are another word (Spanish "china", Chinese).
  if (rec.kind === RecordKind.Homograph && rec.lang === undefined && opts.lang && opts.lang !== 'en') return -1;
  if (rec.wordStart && wordBeforeStart(text, start, opts.soft)) return -1;
  if (rec.kind === RecordKind.Blocker) return afterMarks(text, end);
  let caps = false;
  if (rec.accented !== undefined) {
    const surface = accentedText(text.slice(start, afterMarks(text, end)).normalize('NFC'));
    if (surface !== rec.accented) {
      if (rec.upper === undefined || surface !== rec.accented.toUpperCase()) return -1;
      caps = true;
    }
  } else if (rec.cased !== undefined && !sameKey(text, start, end, rec.cased, casedCode)) {
    if (rec.upper === undefined || !sameKey(text, start, end, rec.upper, casedCode)) return -1;
    caps = true;
  }
  const suffixEnd = endOfSuffix(rec, text, end, caps, opts);
  if (suffixEnd < 0) return -1;
  if (caps && !inCapitalsContext(text, start, suffixEnd, rec.words)) return -1;
  if (rec.precededBy && !hasPhraseBefore(text, start, rec.precededBy)) return -1;
  if (rec.followedBy && !hasPhraseAfter(text, end, rec.followedBy)) return -1;
  // A genitive the language writes into the name itself ("Putins", "Russlands") is painted with it;
  // an apostrophe's possessive ("Putin's") is not.
  if (suffixEnd > end && kindOf(text.charCodeAt(nextVisible(text, end))) === Kind.Word) return suffixEnd;
  return afterMarks(text, end);
}

/**
 * Where the folded `phrase` starts if it ends right before `i` in `text` (spaces collapsed,
 * invisibles skipped), else -1. Compares in place: no string is built (this runs for every
 * candidate of a contextual alias).
 */
function phraseEndingAt(text: string, i: number, phrase: string): number {
  let k = phrase.length - 1;
  let j = i - 1;
  let space = false;
  while (k >= 0) {
    if (j < 0) return -1;
    const f = foldCode(text.charCodeAt(j));
    if (f === DELETED || (f === SPACE && space)) {
      j--;
      continue;
    }
    space = f === SPACE;
    if (f !== phrase.charCodeAt(k)) return -1;
    k--;
    j--;
  }
  return j + 1;
}

/** Where the folded `phrase` ends if it starts at `i` in `text` (mirror of phraseEndingAt), else -1. */
function phraseStartingAt(text: string, i: number, phrase: string): number {
  let k = 0;
  let j = i;
  let space = false;
  while (k < phrase.length) {
    if (j >= text.length) return -1;
    const f = foldCode(text.charCodeAt(j));
    if (f === DELETED || (f === SPACE && space)) {
      j++;
      continue;
    }
    space = f === SPACE;
    if (f !== phrase.charCodeAt(k)) return -1;
    k++;
    j++;
  }
  return j;
}

/**
 * One of the folded `phrases` ends right before `start`: separated by a space when the phrase
 * ends in a letter or digit (else touching), and starting at a word boundary.
 */
function hasPhraseBefore(text: string, start: number, phrases: readonly string[]): boolean {
  for (const p of phrases) {
    const at = phraseEndingAt(text, start, isWordAt(p, p.length - 1) ? `${p} ` : p);
    if (at < 0) continue;
    if (!isWordAt(p, 0) || !isWordAt(text, prevVisible(text, at))) return true;
  }
  return false;
}

/** One of the folded `phrases` starts right after `end` (mirror of hasPhraseBefore). */
function hasPhraseAfter(text: string, end: number, phrases: readonly string[]): boolean {
  for (const p of phrases) {
    const at = phraseStartingAt(text, end, isWordAt(p, 0) ? ` ${p}` : p);
    if (at < 0) continue;
    if (!isWordAt(p, p.length - 1) || !isWordAt(text, nextVisible(text, at))) return true;
  }
  return false;
}

/** The words around the name say it is someone or something else (name-rules.ts). `ctx` is reused. */
function failsNameRule(
  m: Matcher,
  rec: AliasRecord,
  text: string,
  start: number,
  end: number,
  ctx: NameContext,
): boolean {
  ctx.own = m.own[rec.entity]!;
  ctx.initials = m.entities[rec.entity]!.initials ?? '';
  return rec.nameRule === NameRule.Surname
    ? isAnotherPerson(text, start, end, ctx)
    : isInsideLongerName(text, start, end, ctx);
}

/**
 * The first record after `records[k]` that names an entity other than `entity` and verifies with
 * the same end (a shared alias of two packs: docs/packs.md, "Two packs, one page"), else -1.
 */
function alternative(
  m: Matcher,
  records: readonly number[],
  k: number,
  entity: number,
  text: string,
  start: number,
  end: number,
  opts: UnitOptions,
): number {
  for (let j = k + 1; j < records.length; j++) {
    const rec = m.records[records[j]!]!;
    if (rec.kind !== RecordKind.Mention || rec.entity === entity) continue;
    if (verify(rec, text, start, end, opts) === end) return records[j]!;
  }
  return -1;
}

/**
 * The candidates' indices by start, the longer first at the same start (stable). They arrive by
 * end, and an alias is short, so each is only a few places from where it belongs: an insertion
 * sort moves it there in a step or two (a general sort took 40 ms on a 10 MB text node in Firefox).
 */
function byStart(vStart: readonly number[], vEnd: readonly number[]): Int32Array {
  const order = new Int32Array(vStart.length);
  for (let i = 0; i < order.length; i++) {
    const s = vStart[i]!;
    const e = vEnd[i]!;
    let j = i;
    for (; j > 0; j--) {
      const k = order[j - 1]!;
      if (vStart[k]! < s || (vStart[k] === s && vEnd[k]! >= e)) break;
      order[j] = k;
    }
    order[j] = i;
  }
  return order;
}

/**
 * Verifies and resolves the candidates of a finished scan, in steps: a huge unit (a multi-megabyte
 * text node) has hundreds of thousands of candidates, and the content script must be able to pause
 * between steps. The result is the same however the work is divided.
 */
export class HitResolver {
  private readonly vStart: number[] = [];
  private readonly vEnd: number[] = [];
  private readonly vRec: number[] = [];
  /** Per verified candidate: its alternative record (Hit.alt), or -1. */
  private readonly vAlt: number[] = [];
  private readonly out: Hit[] = [];
  /** Next candidate to verify, then next verified one to resolve. */
  private verifyAt = 0;
  private resolveAt = 0;
  private order: Int32Array | null = null;
  private taken = 0;
  private previousEnd = -1;
  private ctx: NameContext | null = null;

  constructor(
    private readonly m: Matcher,
    private readonly text: string,
    private readonly st: ScanState,
    private readonly opts: UnitOptions = {},
  ) {}

  get done(): boolean {
    return this.order !== null && this.resolveAt >= this.order.length;
  }

  /** The hits, once `done`. */
  get hits(): Hit[] {
    return this.out;
  }

  /** Does about `budget` candidates' worth of work; returns whether everything is done. */
  work(budget: number): boolean {
    const { m, text, opts } = this;
    const found = this.st.found;
    const n = found.count;
    let left = budget;
    for (; this.verifyAt < n && left > 0; this.verifyAt++, left--) {
      const i = this.verifyAt;
      const start = found.start[i]!;
      const end = found.end[i]!;
      const records = m.patterns[found.pattern[i]!]!;
      for (let k = 0; k < records.length; k++) {
        const r = records[k]!;
        const rec = m.records[r]!;
        const e = verify(rec, text, start, end, opts);
        if (e < 0) continue;
        this.vStart.push(start);
        this.vEnd.push(e);
        this.vRec.push(r);
        this.vAlt.push(rec.when ? alternative(m, records, k, rec.entity, text, start, e, opts) : -1);
        break;
      }
    }
    if (this.verifyAt < n) return false;
    const { vStart, vEnd, vRec } = this;
    if (this.order === null) this.order = byStart(vStart, vEnd);
    const order = this.order;
    for (; this.resolveAt < order.length && left > 0; this.resolveAt++, left--) {
      const i = order[this.resolveAt]!;
      if (vStart[i]! < this.taken) continue;
      this.taken = vEnd[i]!;
      let record = vRec[i]!;
      let alt = this.vAlt[i]!;
      const rec = m.records[record]!;
      const before = this.previousEnd;
      this.previousEnd = vEnd[i]!;
      if (rec.kind === RecordKind.Blocker) continue;
      const altRec = alt >= 0 ? m.records[alt]! : null;
      if (rec.nameRule !== undefined || altRec?.nameRule !== undefined) {
        const ctx = (this.ctx ??= {
          previousEnd: -1,
          nextStart: -1,
          lang: opts.lang ?? '',
          own: NO_WORDS,
          initials: '',
        });
        ctx.previousEnd = before;
        ctx.nextStart = this.nextStart(this.resolveAt, vEnd[i]!);
        if (altRec?.nameRule !== undefined && failsNameRule(m, altRec, text, vStart[i]!, vEnd[i]!, ctx)) alt = -1;
        if (rec.nameRule !== undefined && failsNameRule(m, rec, text, vStart[i]!, vEnd[i]!, ctx)) {
          // The words around it say it is not the first entity: the other one's, if it has one.
          if (alt < 0) continue;
          record = alt;
          alt = -1;
        }
      }
      this.out.push({ start: vStart[i]!, end: vEnd[i]!, record, alt });
    }
    return this.done;
  }

  /** The start of the first verified candidate at or after `end`, looking on from `at` in start order (-1 if none). */
  private nextStart(at: number, end: number): number {
    const order = this.order!;
    for (let k = at + 1; k < order.length; k++) {
      const s = this.vStart[order[k]!]!;
      if (s >= end) return s;
    }
    return -1;
  }
}

/** Verifies and resolves the candidates of a finished scan of `text`, in one go. */
export function resolveHits(m: Matcher, text: string, st: ScanState, opts: UnitOptions = {}): Hit[] {
  if (st.found.count === 0) return [];
  const resolver = new HitResolver(m, text, st, opts);
  resolver.work(Infinity);
  return resolver.hits;
}

/** One-shot: every hit in `text`. */
export function findHits(m: Matcher, text: string, opts: UnitOptions = {}): Hit[] {
  const st = new ScanState(m.automaton);
  scanText(m.automaton, text, 0, text.length, st);
  return resolveHits(m, text, st, opts);
}
