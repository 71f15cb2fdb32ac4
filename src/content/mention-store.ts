/**
 * The mentions found on the page: where they are (text nodes and offsets), what they name, and
 * whether they are shown. Keeps the page's evidence and the paint window in step with every
 * change, so a mention is painted only while it is stored and shown. A mention with a context
 * rule is decided at the next `settle`, from the page-wide evidence or, where that is not enough,
 * from what is named near it (nearby.ts); it is decided again when evidence changes in the text
 * its neighbourhood was read from, when the page-wide evidence changes, or after the page changed.
 */
import { RecordKind, type Matcher } from '../core/matcher-data';
import { PageEvidence } from '../core/page-evidence';
import { SHOW_TEXT, documentOf, isText } from './dom';
import { readNearby, type NearbySets } from './nearby';

export interface Mention {
  /**
   * Entity index, or -1 for a homograph occurrence (kept only as evidence): the record's, or the
   * alternative's while that one is shown instead.
   */
  entity: number;
  record: number;
  /** The record that takes the mention when `record`'s context rule fails (Hit.alt), or -1. */
  alt: number;
  /** The text nodes it starts and ends in (the same one for most mentions). */
  start: Text;
  end: Text;
  /** Text nodes strictly between start and end, when it spans three or more (rare). */
  between: Text[] | null;
  startOffset: number;
  endOffset: number;
  /**
   * A hash of its text as the walker read it (mention-text.ts): a card quotes the page's text only
   * while it is still what was matched. A number, not the text: the store may hold 200,000.
   */
  hash: number;
  /** The block its text sits in (what windowed painting observes). */
  block: Node;
  /** Made when first painted or hit-tested (see mention-ranges.ts rangeOf). */
  range: StaticRange | null;
  /** Found and counted: the context rules allow it. */
  shown: boolean;
  /**
   * For a mention with a context rule decided by what is near it: the text nodes its neighbourhood
   * was read from (null when the page-wide evidence decided it, or it has no rule).
   */
  reach: Text[] | null;
  /** Highlighted: shown, and the reader's choices allow it (paint-filter.ts). */
  painted: boolean;
  /**
   * The paint window's group for it (paint-window.ts, windowed painting), kept on the mention rather
   * than in a map: a map of every mention costs a long pause each time it grows.
   */
  group: object | null;
}

/**
 * Where a hit lies in its unit: the first and last of the unit's text nodes it touches, and the
 * offsets in those; and the hash of its text as read (mention-text.ts hashText).
 */
export interface NodeSpan {
  first: number;
  last: number;
  startOffset: number;
  endOffset: number;
  hash: number;
}

/** Where shown mentions go to be painted (paint-window.ts). */
export interface PaintSink {
  show(m: Mention): void;
  hide(m: Mention): void;
}

/** compareDocumentPosition's bit for "the other node follows" (Node.DOCUMENT_POSITION_FOLLOWING). */
const FOLLOWING = 4;

/** Whether `a` starts before `b` in the document (nodes in different shadow trees: a stable order). */
function precedes(a: Mention, b: Mention): boolean {
  if (a.start === b.start) return a.startOffset < b.startOffset;
  return (a.start.compareDocumentPosition(b.start) & FOLLOWING) !== 0;
}

/** Every text node a mention touches. */
function nodesOf(m: Mention): Text[] {
  if (m.start === m.end) return [m.start];
  return [m.start, ...(m.between ?? []), m.end];
}

export class MentionStore {
  /** One mention, or several, per text node (a single one needs no array). */
  private readonly byNode = new WeakMap<Text, Mention | Mention[]>();
  private readonly mentions = new Set<Mention>();
  private readonly conditional = new Set<Mention>();
  /** Conditional mentions added since the last settle (decided there). */
  private readonly pending = new Set<Mention>();
  /** Text nodes where evidence came or went since the last settle. */
  private readonly changed = new Set<Text>();
  /** Decide every conditional mention at the next settle (the page changed under them). */
  private everything = false;
  private readonly evidence: PageEvidence;
  private evidenceSeen = 0;
  private readonly sets: NearbySets = { local: new Set(), near: new Set() };
  /** Shown mentions per entity index. */
  private readonly counts: Int32Array;
  /** Bumped on every change to what is shown (for reporting). */
  private changes = 0;
  /** Per entity index: its first shown mention in document order (for the report's order). */
  private readonly firsts: (Mention | null)[];
  /** Entities whose first mention went: found again when the order is next asked for. */
  private readonly lostFirsts = new Set<number>();

  constructor(
    private readonly m: Matcher,
    private readonly paint: PaintSink,
  ) {
    this.evidence = new PageEvidence(m);
    this.counts = new Int32Array(m.entities.length);
    this.firsts = new Array<Mention | null>(m.entities.length).fill(null);
  }

  /**
   * Shown (found, and counted) as its record's entity or, failing that, its alternative's: the
   * context rules allow it, read from the page-wide evidence or, where that is not enough, from its
   * neighbourhood. Whether it is painted is the paint filter's.
   */
  private decide(mention: Mention): void {
    mention.reach = null;
    const record = this.shows(mention, mention.record)
      ? mention.record
      : mention.alt >= 0 && this.shows(mention, mention.alt)
        ? mention.alt
        : -1;
    if (record < 0) this.show(mention, false);
    else this.showAs(mention, this.m.records[record]!.entity);
  }

  /** Whether `record`'s rules allow the mention (its neighbourhood read once, when needed). */
  private shows(mention: Mention, record: number): boolean {
    const answer = this.evidence.onPage(record);
    if (answer !== undefined) return answer;
    mention.reach ??= readNearby(mention, this, this.sets);
    return this.evidence.decide(record, this.sets);
  }

  private showAs(mention: Mention, entity: number): void {
    if (mention.entity !== entity) {
      this.show(mention, false);
      mention.entity = entity;
    }
    this.show(mention, true);
  }

  /** Whether a mention's record counts as naming its entity for other mentions' rules. */
  isEvidence(record: number): boolean {
    return this.evidence.isEvidence(record);
  }

  private show(mention: Mention, shown: boolean): void {
    if (mention.shown === shown || mention.entity < 0) return;
    mention.shown = shown;
    if (shown) this.paint.show(mention);
    else this.paint.hide(mention);
    this.counts[mention.entity]! += shown ? 1 : -1;
    this.changes++;
    const e = mention.entity;
    if (!shown) {
      if (this.firsts[e] === mention) {
        this.firsts[e] = null;
        this.lostFirsts.add(e);
      }
    } else if (!this.lostFirsts.has(e)) {
      const first = this.firsts[e];
      if (!first || precedes(mention, first)) this.firsts[e] = mention;
    }
  }

  /**
   * Stores a hit found in a unit of text: `nodes` are the unit's text nodes and `span` says which
   * of them the hit starts and ends in (the scanner reuses one span object for every hit).
   */
  add(record: number, nodes: readonly Text[], block: Node, span: Readonly<NodeSpan>, alt = -1): Mention {
    const { first, last } = span;
    const rec = this.m.records[record]!;
    const mention: Mention = {
      entity: rec.kind === RecordKind.Mention ? rec.entity : -1,
      record,
      alt,
      start: nodes[first]!,
      end: nodes[last]!,
      between: last - first > 1 ? nodes.slice(first + 1, last) : null,
      startOffset: span.startOffset,
      endOffset: span.endOffset,
      hash: span.hash,
      block,
      range: null,
      shown: false,
      reach: null,
      painted: false,
      group: null,
    };
    this.mentions.add(mention);
    for (let i = first; i <= last; i++) this.link(nodes[i]!, mention);
    this.evidence.update(record, 1);
    this.noteEvidence(mention);
    if (this.evidence.isConditional(record)) {
      // Decided at the next settle, once the slice's evidence is in.
      this.conditional.add(mention);
      this.pending.add(mention);
    } else this.show(mention, rec.kind === RecordKind.Mention);
    return mention;
  }

  private link(node: Text, mention: Mention): void {
    const here = this.byNode.get(node);
    if (here === undefined) this.byNode.set(node, mention);
    else if (Array.isArray(here)) here.push(mention);
    else this.byNode.set(node, [here, mention]);
  }

  private unlink(node: Text, mention: Mention): void {
    const here = this.byNode.get(node);
    if (here === mention) this.byNode.delete(node);
    else if (Array.isArray(here)) {
      const rest = here.filter((x) => x !== mention);
      if (rest.length === 0) this.byNode.delete(node);
      else this.byNode.set(node, rest.length === 1 ? rest[0]! : rest);
    }
  }

  /** Evidence may have come or gone in the mention's text: neighbourhoods read from it are read again. */
  private noteEvidence(mention: Mention): void {
    if (this.conditional.size === 0 || mention.entity < 0 || this.m.records[mention.record]!.when) return;
    this.changed.add(mention.start);
    if (mention.end !== mention.start) this.changed.add(mention.end);
  }

  remove(mention: Mention): void {
    if (!this.mentions.delete(mention)) return;
    this.show(mention, false);
    this.conditional.delete(mention);
    this.pending.delete(mention);
    this.noteEvidence(mention);
    this.evidence.update(mention.record, -1);
    for (const node of nodesOf(mention)) this.unlink(node, mention);
  }

  /** Forgets every mention in a subtree (or a text node) that left the page or became editable. */
  removeUnder(node: Node): void {
    if (isText(node)) {
      this.removeAt(node);
      return;
    }
    const walker = documentOf(node).createTreeWalker(node, SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) this.removeAt(t as Text);
  }

  /** Forgets every mention touching this text node. */
  removeAt(node: Text): void {
    const here = this.byNode.get(node);
    if (here === undefined) return;
    if (Array.isArray(here)) for (const mention of [...here]) this.remove(mention);
    else this.remove(here);
  }

  /** Changes with every change to what is shown (a report is due when it differs from the last one's). */
  get version(): number {
    return this.changes;
  }

  /** Every stored mention (shown or not). */
  get all(): ReadonlySet<Mention> {
    return this.mentions;
  }

  /** Whether a mention is still stored (it may have been removed while a card was loading). */
  has(mention: Mention): boolean {
    return this.mentions.has(mention);
  }

  /** The shown mentions (for the paint window when it starts following the viewport). */
  *shownMentions(): Iterable<Mention> {
    for (const m of this.mentions) if (m.shown) yield m;
  }

  mentionsAt(node: Text): readonly Mention[] {
    const here = this.byNode.get(node);
    return here === undefined ? [] : Array.isArray(here) ? here : [here];
  }

  /**
   * Decides the context-dependent mentions added since the last settle, and decides again those
   * whose evidence may have changed: all of them when the page-wide evidence changed ("Xi" once
   * "Xi Jinping" appears anywhere on the page; "China" once the page turns out to talk about
   * porcelain) or the page changed (`invalidate`), else those whose neighbourhood was read from
   * text where evidence came or went.
   */
  settle(): void {
    const all = this.everything || this.evidence.version !== this.evidenceSeen;
    if (!all && this.pending.size === 0 && this.changed.size === 0) return;
    this.evidenceSeen = this.evidence.version;
    this.everything = false;
    const changed = this.changed;
    for (const mention of this.conditional) {
      if (all || this.pending.has(mention) || (mention.reach !== null && mention.reach.some((t) => changed.has(t)))) {
        this.decide(mention);
      }
    }
    this.pending.clear();
    changed.clear();
  }

  /** The page changed (a rescan): every context-dependent mention is decided again at the next settle. */
  invalidate(): void {
    this.everything = true;
  }

  /** Shown mentions per entity id. */
  countsById(): Record<string, number> {
    const out: Record<string, number> = {};
    this.counts.forEach((n, i) => {
      if (n > 0) out[this.m.entities[i]!.id] = n;
    });
    return out;
  }

  /** Shown mentions per entity id, the entities in the order they first appear in the document. */
  foundInOrder(): [string, number][] {
    if (this.lostFirsts.size > 0) {
      for (const m of this.mentions) {
        if (!m.shown || !this.lostFirsts.has(m.entity)) continue;
        const first = this.firsts[m.entity];
        if (!first || precedes(m, first)) this.firsts[m.entity] = m;
      }
      this.lostFirsts.clear();
    }
    const present: number[] = [];
    this.counts.forEach((n, i) => {
      if (n > 0 && this.firsts[i]) present.push(i);
    });
    present.sort((a, b) => (precedes(this.firsts[a]!, this.firsts[b]!) ? -1 : 1));
    return present.map((i) => [this.m.entities[i]!.id, this.counts[i]!]);
  }

  clear(): void {
    for (const mention of [...this.mentions]) this.remove(mention);
  }
}

/** A live Range over a mention (to measure its boxes), or null if its text changed under it. */
export function liveRange(doc: Document, m: Mention): Range | null {
  const r = doc.createRange();
  try {
    r.setStart(m.start, m.startOffset);
    r.setEnd(m.end, m.endOffset);
  } catch {
    // Its text changed under it: no range (the mention is dropped at the next rescan).
    return null;
  }
  return r;
}
