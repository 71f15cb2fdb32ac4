/**
 * Turns page text into stored mentions: reads units (text-walker.ts), finds hits (core), maps their
 * offsets to text nodes and stores them (mention-store.ts), all inside time slices. What a slice
 * found is applied by the one `commit` function the scanner is given, at the end of every slice.
 */
import { ScanState, scanText } from '../../core/automaton';
import { HitResolver, type Hit, type PageOptions, type UnitOptions } from '../../core/find-mentions';
import type { Matcher } from '../../core/matcher-data';
import type { MentionStore, NodeSpan } from '../mention-store';
import { hashText } from '../mention-text';
import type { Slicer } from './slicer';
import { TextUnitWalker, type InlineSpan, type TextUnit, type WalkOptions } from './text-walker';

/** Units longer than this are scanned in chunks, with a chance to yield between chunks. */
const CHUNK = 32_768;
/** Hits stored between two looks at the clock (storing one costs up to 30 µs in Firefox). */
const STORE_STEP = 128;
/** Candidates checked between two looks at the clock. */
const RESOLVE_STEP = 1024;

/**
 * Sets `span` to the text nodes a hit starts and ends in and its offsets there, and the hash of its
 * text; `from` is the node to start looking at (hits come in order: pass the last `span.first`).
 * The content script and the scan command map hits alike through this.
 */
export function spanOfHit(unit: TextUnit, hit: { start: number; end: number }, span: NodeSpan, from = 0): NodeSpan {
  const { nodes, starts } = unit;
  let i = from;
  while (i + 1 < nodes.length && starts[i + 1]! <= hit.start) i++;
  let j = i;
  while (j + 1 < nodes.length && starts[j + 1]! < hit.end) j++;
  span.first = i;
  span.last = j;
  span.startOffset = hit.start - starts[i]!;
  span.endOffset = hit.end - starts[j]!;
  span.hash = hashText(unit.text, hit.start, hit.end);
  return span;
}

export interface ScannerOptions {
  matcher: Matcher;
  store: MentionStore;
  /** Page-level matching options (read/page-language.ts). */
  page: PageOptions;
  /** What the walk skips and what it reports (our own UI, shadow roots, custom elements). */
  walk: WalkOptions;
  /** Applies what was found so far (settles context rules, paints): called before every pause and at the end of every scan. */
  commit: () => void;
}

/** One scan of a subtree: its slicer and signal, and whether units read before are skipped. */
export interface ScanPass {
  slicer: Slicer;
  signal: AbortSignal;
  /** Leave units an earlier pass read alone (the first scan after the viewport pass); otherwise read them again. */
  skipRead: boolean;
  /**
   * Remember the units it reads, for later passes that skip them (default). The first scan's full
   * pass, which no pass over the same light tree follows, remembers only the units of shadow roots
   * (searched again after it): a set of every unit of a big page was garbage the collector traced.
   */
  remember?: boolean;
  /** Let the first slice run this long (small work that should not be cut). */
  budgetMs?: number;
  /** Only these children of the root (an inline run of a long block). */
  span?: InlineSpan;
}

export class PageScanner {
  private readonly m: Matcher;
  private readonly store: MentionStore;
  private readonly walk: WalkOptions;
  private readonly commit: () => void;
  /** First text node of every unit read so far: the full pass skips what the viewport pass read. */
  private readonly read = new WeakSet<Text>();
  /** Whether `read` holds anything (the full pass of a page at its top finds it empty). */
  private remembered = false;
  /** Options for the unit being resolved (one object, its `soft` swapped per unit). */
  private readonly unitOptions: UnitOptions;
  /** One scan state, reset for each unit (a new one per unit made garbage on big pages). */
  private readonly state: ScanState;
  /** Where the hit being stored lies (one object, reused for every hit). */
  private readonly span: NodeSpan = { first: 0, last: 0, startOffset: 0, endOffset: 0, hash: 0 };

  constructor(options: ScannerOptions) {
    this.m = options.matcher;
    this.store = options.store;
    this.walk = options.walk;
    this.commit = options.commit;
    this.state = new ScanState(this.m.automaton);
    this.unitOptions = { ...options.page };
  }

  /** Reads every unit under `root` and stores its mentions (replacing those of a unit read again). */
  async scan(root: Node, pass: ScanPass): Promise<void> {
    const { slicer, signal } = pass;
    if (pass.budgetMs !== undefined) slicer.allow(pass.budgetMs);
    const walker = new TextUnitWalker(root, this.walk, pass.span);
    let skipped: Text | null = null;
    for (;;) {
      const unit = walker.next(slicer.shouldYield);
      if (unit === null) {
        this.commit();
        return;
      }
      if (unit === undefined) {
        this.commit();
        await slicer.pause(signal);
        continue;
      }
      const first = unit.nodes[0]!;
      // The later parts of a huge text node go with its first part: read (or skipped) with it.
      if (unit.part && unit.part.index > 0) {
        if (skipped === first) continue;
      } else if (pass.skipRead && this.remembered && this.read.has(first)) {
        skipped = first;
        continue;
      }
      // Read before a removal the walker noticed late: its nodes are gone from the page.
      if (!first.isConnected) continue;
      if (pass.remember !== false || walker.inShadow) {
        this.read.add(first);
        this.remembered = true;
      }
      slicer.read += unit.text.length;
      await this.scanUnit(unit, slicer, signal);
      if (slicer.shouldYield()) {
        this.commit();
        await slicer.pause(signal);
      }
    }
  }

  private async scanUnit(unit: TextUnit, slicer: Slicer, signal: AbortSignal): Promise<void> {
    // A unit read again replaces what was found in it (a huge node's parts: all of them, at the first).
    if (!unit.part || unit.part.index === 0) for (const node of unit.nodes) this.store.removeAt(node);
    // A unit scanned in chunks may be paused; a rescan meanwhile must not share its state.
    const st = unit.text.length > CHUNK ? new ScanState(this.m.automaton) : this.state;
    st.reset();
    const text = unit.text;
    for (let from = 0; from < text.length; from += CHUNK) {
      scanText(this.m.automaton, text, from, Math.min(text.length, from + CHUNK), st);
      if (from + CHUNK < text.length && slicer.shouldYield()) {
        this.commit();
        await slicer.pause(signal);
      }
    }
    if (st.found.count === 0) return;
    const opts = this.unitOptions;
    opts.soft = unit.starts;
    const resolver = new HitResolver(this.m, text, st, st === this.state ? opts : { ...opts });
    if (st === this.state) {
      // A unit of ordinary size shares the scan state and options: it is resolved without a pause.
      resolver.work(Infinity);
    } else {
      // A huge unit (it has its own state): its candidates are checked in steps, so that they do not
      // hold the page for long.
      while (!resolver.work(RESOLVE_STEP)) {
        if (slicer.shouldYield()) {
          this.commit();
          await slicer.pause(signal);
          if (!unit.nodes[0]!.isConnected) return;
        }
      }
    }
    const own = unit.part?.own;
    const hits = own ? resolver.hits.filter((h) => h.start >= own[0] && h.start < own[1]) : resolver.hits;
    await this.storeHits(unit, hits, slicer, signal);
  }

  /**
   * Maps hit offsets to text nodes (one sweep: hits and node starts are both sorted) and stores
   * them, pausing between batches on a unit with very many (a huge text node).
   */
  private async storeHits(unit: TextUnit, hits: Hit[], slicer: Slicer, signal: AbortSignal): Promise<void> {
    const span = this.span;
    span.first = 0;
    let n = 0;
    for (const hit of hits) {
      if (++n % STORE_STEP === 0 && slicer.shouldYield()) {
        this.commit();
        await slicer.pause(signal);
        if (!unit.nodes[0]!.isConnected) return;
      }
      this.store.add(hit.record, unit.nodes, unit.block, spanOfHit(unit, hit, span, span.first), hit.alt);
    }
  }
}
