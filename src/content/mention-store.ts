/**
 * The mentions found on the page: where they are (text nodes and offsets), what they name, and
 * whether they are shown. Keeps the page's evidence and the paint window in step with every
 * change, so a mention is painted only while it is stored and shown.
 */
import { RecordKind, type Matcher } from '../core/matcher-data';
import { PageEvidence } from '../core/page-evidence';

export interface Mention {
  /** Entity index, or -1 for a homograph occurrence (kept only as evidence). */
  entity: number;
  record: number;
  /** Every text node the mention touches; it starts in the first and ends in the last. */
  nodes: Text[];
  startOffset: number;
  endOffset: number;
  /** The block its text sits in (what windowed painting observes). */
  block: Node;
  /** Made when first painted or hit-tested (see paint-window.ts rangeOf). */
  range: StaticRange | null;
  shown: boolean;
}

/** Where shown mentions go to be painted (paint-window.ts). */
export interface PaintSink {
  show(m: Mention): void;
  hide(m: Mention): void;
}

export class MentionStore {
  private readonly byNode = new WeakMap<Text, Mention[]>();
  readonly all = new Set<Mention>();
  private readonly conditional = new Set<Mention>();
  private readonly evidence: PageEvidence;
  private evidenceSeen = 0;
  /** Shown mentions per entity index. */
  readonly counts: Int32Array;
  /** Bumped on every change to what is shown (for reporting). */
  version = 0;

  constructor(
    private readonly m: Matcher,
    private readonly paint: PaintSink,
  ) {
    this.evidence = new PageEvidence(m);
    this.counts = new Int32Array(m.entities.length);
  }

  private show(mention: Mention, shown: boolean): void {
    if (mention.shown === shown || mention.entity < 0) return;
    mention.shown = shown;
    if (shown) this.paint.show(mention);
    else this.paint.hide(mention);
    this.counts[mention.entity]! += shown ? 1 : -1;
    this.version++;
  }

  add(record: number, nodes: Text[], startOffset: number, endOffset: number, block: Node): Mention {
    const rec = this.m.records[record]!;
    const mention: Mention = {
      entity: rec.kind === RecordKind.Mention ? rec.entity : -1,
      record,
      nodes,
      startOffset,
      endOffset,
      block,
      range: null,
      shown: false,
    };
    this.all.add(mention);
    for (const node of nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(mention);
      else this.byNode.set(node, [mention]);
    }
    this.evidence.update(record, 1);
    if (this.evidence.isConditional(record)) this.conditional.add(mention);
    this.show(mention, this.evidence.shows(record));
    return mention;
  }

  remove(mention: Mention): void {
    if (!this.all.delete(mention)) return;
    this.show(mention, false);
    this.conditional.delete(mention);
    this.evidence.update(mention.record, -1);
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const rest = list.filter((x) => x !== mention);
      if (rest.length) this.byNode.set(node, rest);
      else this.byNode.delete(node);
    }
  }

  /** Forgets every mention touching this text node. */
  removeAt(node: Text): void {
    const list = this.byNode.get(node);
    if (list) for (const mention of [...list]) this.remove(mention);
  }

  mentionsAt(node: Text): readonly Mention[] {
    return this.byNode.get(node) ?? [];
  }

  /**
   * Re-decides context-dependent mentions after the evidence changed ("Xi" once "Xi Jinping"
   * appears anywhere on the page; "China" once the page turns out to talk about porcelain).
   */
  settle(): void {
    if (this.evidence.version === this.evidenceSeen) return;
    this.evidenceSeen = this.evidence.version;
    for (const mention of this.conditional) this.show(mention, this.evidence.shows(mention.record));
  }

  /** Shown mentions per entity id. */
  countsById(): Record<string, number> {
    const out: Record<string, number> = {};
    this.counts.forEach((n, i) => {
      if (n > 0) out[this.m.entities[i]!.id] = n;
    });
    return out;
  }

  clear(): void {
    for (const mention of [...this.all]) this.remove(mention);
  }
}
