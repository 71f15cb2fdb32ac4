/**
 * Aho–Corasick automaton over folded text, stored as a double-array trie so that one transition is
 * two typed-array reads. Built once at build time (buildAutomaton), shipped as base64 (packAutomaton)
 * and revived in the content script (unpackAutomaton) without rebuilding.
 *
 * Cost of a scan: linear in the text, independent of the number of patterns except through the
 * (bounded) number of matches reported.
 */
import { DELETED, SPACE, UNKNOWN_FOLD, foldCode, foldTable } from './normalize';

export interface Automaton {
  /** Folded code unit -> class (0: in no pattern). */
  readonly classOf: Uint16Array;
  readonly base: Int32Array;
  readonly check: Int32Array;
  readonly fail: Int32Array;
  /** Pattern ending exactly at this state, or -1. */
  readonly out: Int32Array;
  /** Next state along the failure chain that has an output, or -1. */
  readonly dict: Int32Array;
  /** Length of each pattern in folded code units. */
  readonly length: Int32Array;
  /** Longest pattern: sizes the position ring buffer. */
  readonly maxLength: number;
}

export interface PackedAutomaton {
  alphabet: string;
  base: string;
  check: string;
  fail: string;
  out: string;
  dict: string;
  length: string;
}

/** Builds the automaton for already-folded patterns; pattern i is reported as i. */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // 1. Alphabet: every code unit that occurs in a pattern gets a class 1..K.
  const codes = new Set<number>();
  for (const p of patterns) for (let i = 0; i < p.length; i++) codes.add(p.charCodeAt(i));
  const alphabet = [...codes].sort((a, b) => a - b);
  const classOf = new Uint16Array(0x10000);
  alphabet.forEach((code, i) => (classOf[code] = i + 1));

  // 2. A plain trie with Map children.
  const children: Map<number, number>[] = [new Map()];
  const trieOut: number[] = [-1];
  patterns.forEach((p, id) => {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classOf[p.charCodeAt(i)]!;
      let next = children[node]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        trieOut.push(-1);
        children[node]!.set(c, next);
      }
      node = next;
    }
    // Duplicate patterns keep the first id; callers group records per pattern.
    if (trieOut[node] === -1) trieOut[node] = id;
  });

  // 3. Place the trie into a double array (first fit), breadth first. Free slots are found with
  // a "next free slot" union-find, so placing a state costs about as much as it has children
  // (a plain slot-by-slot search made 5,000 aliases take many seconds).
  let size = Math.max(1024, children.length * 2);
  let base = new Int32Array(size);
  let check = new Int32Array(size).fill(-1);
  let nextFree = new Int32Array(size + 1).map((_, i) => i);
  const slotOf = new Int32Array(children.length);
  slotOf[0] = 0;
  check[0] = -2; // root slot is taken
  const grow = (need: number): void => {
    if (need < size) return;
    let n = size;
    while (n <= need) n *= 2;
    const b = new Int32Array(n);
    b.set(base);
    const c = new Int32Array(n).fill(-1);
    c.set(check);
    const f = new Int32Array(n + 1).map((_, i) => i);
    f.set(nextFree.subarray(0, size));
    base = b;
    check = c;
    nextFree = f;
    size = n;
  };
  /** The first free slot at or after i. */
  const findFree = (i: number): number => {
    grow(i + 1);
    let r = i;
    while (nextFree[r] !== r) r = nextFree[r]!;
    while (nextFree[i] !== r) {
      const up = nextFree[i]!;
      nextFree[i] = r;
      i = up;
    }
    grow(r + 1);
    return r;
  };
  const take = (slot: number): void => {
    nextFree[slot] = slot + 1;
  };
  take(0);
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    const slot = slotOf[node]!;
    const kids = [...children[node]!.entries()].sort((a, b) => a[0] - b[0]);
    if (kids.length === 0) continue;
    const first = kids[0]![0];
    let f = findFree(first + 1);
    let b: number;
    for (;;) {
      b = f - first;
      grow(b + kids[kids.length - 1]![0] + 1);
      let fits = b >= 1;
      for (let k = 1; fits && k < kids.length; k++) if (check[b + kids[k]![0]] !== -1) fits = false;
      if (fits) break;
      f = findFree(f + 1);
    }
    base[slot] = b;
    for (const [c, kid] of kids) {
      check[b + c] = slot;
      take(b + c);
      slotOf[kid] = b + c;
      queue.push(kid);
    }
  }
  // Every state's base + any class must stay inside the arrays.
  let used = 0;
  for (let i = 0; i < size; i++) if (check[i] !== -1) used = i;
  let maxBase = 0;
  for (let i = 0; i <= used; i++) if (check[i] !== -1 && base[i]! > maxBase) maxBase = base[i]!;
  const finalSize = Math.max(used, maxBase + alphabet.length) + 1;
  const fBase = base.slice(0, finalSize);
  const fCheck = check.slice(0, finalSize);

  // 4. Failure and dictionary links, breadth first over slots.
  const fail = new Int32Array(finalSize);
  const out = new Int32Array(finalSize).fill(-1);
  const dict = new Int32Array(finalSize).fill(-1);
  for (let node = 0; node < children.length; node++) out[slotOf[node]!] = trieOut[node]!;
  const step = (s: number, c: number): number => {
    const t = fBase[s]! + c;
    return t < finalSize && fCheck[t] === s ? t : -1;
  };
  for (const node of queue) {
    const s = slotOf[node]!;
    for (const [c, kid] of children[node]!) {
      const t = slotOf[kid]!;
      if (s === 0) {
        fail[t] = 0;
      } else {
        let f = fail[s]!;
        let n = step(f, c);
        while (n < 0 && f !== 0) {
          f = fail[f]!;
          n = step(f, c);
        }
        fail[t] = n < 0 ? 0 : n;
      }
      const f = fail[t]!;
      dict[t] = out[f]! >= 0 ? f : dict[f]!;
    }
  }

  const length = new Int32Array(patterns.map((p) => p.length));
  const maxLength = patterns.reduce((m, p) => Math.max(m, p.length), 0);
  return { classOf, base: fBase, check: fCheck, fail, out, dict, length, maxLength };
}

function toBase64(a: Int32Array | Uint16Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let bin = '';
  // In pieces of 4 K arguments: a spread of 32 K overflowed a small stack once the arrays outgrew it.
  for (let i = 0; i < bytes.length; i += 0x1000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x1000));
  }
  return btoa(bin);
}

/** Uint8Array.fromBase64 (Chromium 140, Firefox 133; not in Node 20): native, no string of bytes to walk. */
const U8 = Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array };

function fromBase64(s: string): Int32Array {
  if (typeof U8.fromBase64 === 'function') {
    const bytes = U8.fromBase64(s);
    return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  }
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Int32Array(bytes.buffer);
}

export function packAutomaton(a: Automaton): PackedAutomaton {
  let alphabet = '';
  const codes: number[] = [];
  a.classOf.forEach((cls, code) => {
    if (cls > 0) codes[cls - 1] = code;
  });
  for (const code of codes) alphabet += String.fromCharCode(code);
  return {
    alphabet,
    base: toBase64(a.base),
    check: toBase64(a.check),
    fail: toBase64(a.fail),
    out: toBase64(a.out),
    dict: toBase64(a.dict),
    length: toBase64(a.length),
  };
}

export function unpackAutomaton(p: PackedAutomaton): Automaton {
  const classOf = new Uint16Array(0x10000);
  for (let i = 0; i < p.alphabet.length; i++) classOf[p.alphabet.charCodeAt(i)] = i + 1;
  const length = fromBase64(p.length);
  return {
    classOf,
    base: fromBase64(p.base),
    check: fromBase64(p.check),
    fail: fromBase64(p.fail),
    out: fromBase64(p.out),
    dict: fromBase64(p.dict),
    length,
    maxLength: length.reduce((m, n) => Math.max(m, n), 0),
  };
}

/**
 * Raw candidate matches of one unit of text, in the order found (by end position).
 * Offsets are UTF-16 offsets into the original (unnormalised) text.
 */
export class Candidates {
  start: number[] = [];
  end: number[] = [];
  pattern: number[] = [];
  get count(): number {
    return this.start.length;
  }
  clear(): void {
    this.start.length = 0;
    this.end.length = 0;
    this.pattern.length = 0;
  }
}

/** Resumable scan state of one unit, so a huge text node can be scanned across several slices. */
export class ScanState {
  state = 0;
  emitted = 0;
  lastWasSpace = true;
  readonly ring: Int32Array;
  readonly mask: number;
  readonly found = new Candidates();
  constructor(a: Automaton) {
    let n = 1;
    while (n <= a.maxLength + 1) n <<= 1;
    this.ring = new Int32Array(n);
    this.mask = n - 1;
  }

  /** Ready for a new unit of text (keeps its buffers). */
  reset(): void {
    this.state = 0;
    this.emitted = 0;
    this.lastWasSpace = true;
    this.found.clear();
  }
}

/**
 * Feeds text[from, to) through the automaton, appending every pattern occurrence to state.found.
 * Whitespace runs count as one space and invisible characters are skipped, exactly as the
 * patterns were folded, so "Xi\u00a0 Jin\u00adping" matches "xi jinping".
 */
export function scanText(a: Automaton, text: string, from: number, to: number, st: ScanState): void {
  const { classOf, base, check, fail, out, dict, length } = a;
  const fold = foldTable();
  const ring = st.ring;
  const mask = st.mask;
  const found = st.found;
  let s = st.state;
  let k = st.emitted;
  let lastSpace = st.lastWasSpace;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    let f = fold[code]!;
    if (f === UNKNOWN_FOLD) f = foldCode(code);
    if (f === DELETED) continue;
    if (f === SPACE) {
      if (lastSpace) continue;
      lastSpace = true;
    } else {
      lastSpace = false;
    }
    ring[k & mask] = i;
    k++;
    const c = classOf[f]!;
    if (c === 0) {
      s = 0;
      continue;
    }
    for (;;) {
      const t = base[s]! + c;
      if (check[t] === s) {
        s = t;
        break;
      }
      if (s === 0) break;
      s = fail[s]!;
    }
    let o = out[s]! >= 0 ? s : dict[s]!;
    while (o >= 0) {
      const p = out[o]!;
      found.start.push(ring[(k - length[p]!) & mask]!);
      found.end.push(i + 1);
      found.pattern.push(p);
      o = dict[o]!;
    }
  }
  st.state = s;
  st.emitted = k;
  st.lastWasSpace = lastSpace;
}
