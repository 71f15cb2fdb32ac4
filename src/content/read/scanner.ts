/**
 * Turns page text into painted mentions: reads units (text-walker.ts), finds hits (core), maps
 * their offsets to text nodes and stores them (mention-store.ts), all inside time slices.
 */
import { ScanState, scanText } from '../../core/automaton';
import { resolveHits, type Hit, type PageOptions, type UnitOptions } from '../../core/find-mentions';
import type { Matcher } from '../../core/matcher-data';
import type { MentionStore } from '../mention-store';
import type { Slicer } from './slicer';
import { TextUnitWalker, type TextUnit, type WalkOptions } from './text-walker';

/** Units longer than this are scanned in chunks, with a chance to yield between chunks. */
const CHUNK = 32_768;

export interface ScanOptions extends WalkOptions {
  /** Page-level matching options (read/page-language.ts). */
  unit: PageOptions;
}

export class PageScanner {
  /** First text node of every unit read so far: the full pass skips what the viewport pass read. */
  private readonly read = new WeakSet<Text>();
  /** Options for the unit being resolved (one object, its `soft` swapped per unit). */
  private readonly unitOptions: UnitOptions;
  /** One scan state, reset for each unit (a new one per unit made garbage on big pages). */
  private readonly state: ScanState;

  constructor(
    private readonly m: Matcher,
    private readonly store: MentionStore,
    private readonly options: ScanOptions,
    /** Called at the end of every slice (before yielding) and of every scan. */
    private readonly onSlice: () => void = () => {},
  ) {
    this.state = new ScanState(m.automaton);
    this.unitOptions = { ...options.unit };
  }

  /**
   * Reads every unit under `root` and stores its mentions. With `skipRead`, units already read
   * (by an earlier pass) are left alone; otherwise they are re-read and their mentions replaced.
   */
  async scan(root: Node, slicer: Slicer, signal: AbortSignal, skipRead: boolean, sliceMs?: number): Promise<void> {
    if (sliceMs !== undefined) slicer.allow(sliceMs);
    const walker = new TextUnitWalker(root, this.options);
    for (;;) {
      const unit = walker.next(slicer.shouldYield);
      if (unit === null) {
        this.onSlice();
        return;
      }
      if (unit === undefined) {
        this.onSlice();
        await slicer.pause(signal);
        continue;
      }
      const first = unit.nodes[0]!;
      if (skipRead && this.read.has(first)) continue;
      // Read before a removal the walker noticed late: its nodes are gone from the page.
      if (!first.isConnected) continue;
      this.read.add(first);
      await this.scanUnit(unit, slicer, signal);
      if (slicer.shouldYield()) {
        this.onSlice();
        await slicer.pause(signal);
      }
    }
  }

  private async scanUnit(unit: TextUnit, slicer: Slicer, signal: AbortSignal): Promise<void> {
    for (const node of unit.nodes) this.store.removeAt(node);
    // A unit scanned in chunks may be paused; a rescan meanwhile must not share its state.
    const st = unit.text.length > CHUNK ? new ScanState(this.m.automaton) : this.state;
    st.reset();
    const text = unit.text;
    for (let from = 0; from < text.length; from += CHUNK) {
      scanText(this.m.automaton, text, from, Math.min(text.length, from + CHUNK), st);
      if (from + CHUNK < text.length && slicer.shouldYield()) {
        this.onSlice();
        await slicer.pause(signal);
      }
    }
    if (st.found.count === 0) return;
    const opts = this.unitOptions;
    opts.soft = unit.starts;
    const hits = resolveHits(this.m, text, st, opts);
    await this.storeHits(unit, hits, slicer, signal);
  }

  /**
   * Maps hit offsets to text nodes (one sweep: hits and node starts are both sorted) and stores
   * them, pausing between batches on a unit with very many (a huge text node).
   */
  private async storeHits(unit: TextUnit, hits: Hit[], slicer: Slicer, signal: AbortSignal): Promise<void> {
    const { nodes, starts } = unit;
    let i = 0;
    let n = 0;
    for (const hit of hits) {
      if (++n % 1024 === 0 && slicer.shouldYield()) {
        this.onSlice();
        await slicer.pause(signal);
        if (!unit.nodes[0]!.isConnected) return;
      }
      while (i + 1 < nodes.length && starts[i + 1]! <= hit.start) i++;
      let j = i;
      while (j + 1 < nodes.length && starts[j + 1]! < hit.end) j++;
      this.store.add(hit.record, nodes, i, j, hit.start - starts[i]!, hit.end - starts[j]!, unit.block);
    }
  }
}
