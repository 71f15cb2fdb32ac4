/**
 * Context rules, read where the name stands. Some aliases count only with support: "Xi" with Xi
 * Jinping or the story around it, "return to barracks" with Putin and Ukraine and the 2014 crisis,
 * "China" on a page that also says "china" (porcelain) only with China or a related entity near it.
 * Support is evidence NEAR the mention, never the page as a whole alone (docs/matching.md, "What
 * counts as nearby"):
 *
 * - **local**: named in the same block (paragraph, list item, table cell, heading), within
 *   LOCAL_WORDS words, or in the heading over that block, or in the block under a heading;
 * - **near**: named within NEAR_WORDS words before or after it, whatever the blocks;
 * - **the expansion**: a group that lists the alias's own entity is met by that entity's own name
 *   anywhere on the page ("Xi Jinping" once, then "Xi"; "Donetsk People's Republic", then "DPR").
 *
 * A `when` rule's FIRST group is its anchor: met locally (or by the expansion). Every other group
 * is met locally or near. A homograph alias needs its own entity named otherwise on the page, or a
 * related entity local or near. Conditional mentions never count as evidence.
 *
 * This class keeps the page-wide counts (what the expansion and homographs read, and a cheap
 * first answer); where that is not enough, the caller reads what is nearby (the mention store
 * from the DOM, text-context.ts from plain text) and asks `decide`.
 */
import { RecordKind, type Matcher } from './matcher-data';

/** Words around a mention in its own block (and heading) that count as local evidence. */
export const LOCAL_WORDS = 150;
/** Words before and after a mention, across blocks, that count as near evidence. */
export const NEAR_WORDS = 60;

/** Entities named (by evidence) near a mention. */
export interface Nearby {
  /** In its block within LOCAL_WORDS words, in the heading over its block, or in the block under its heading. */
  local: ReadonlySet<number>;
  /** Within NEAR_WORDS words, in any block. */
  near: ReadonlySet<number>;
}

const NOTHING: Nearby = { local: new Set(), near: new Set() };

export class PageEvidence {
  /** Mentions per entity through aliases without rules. */
  private readonly plain: Int32Array;
  /** Mentions per record through aliases with a homograph rule. */
  private readonly ambiguous = new Map<number, number>();
  /** Occurrences of each homograph word. */
  private readonly seen: Int32Array;
  /** Per entity: its records with a homograph rule (they name it while their word is absent). */
  private readonly ambiguousRecords: number[][];
  /** Bumped whenever something the page-wide answers read changes; callers re-check pending mentions then. */
  version = 0;

  constructor(private readonly m: Matcher) {
    this.plain = new Int32Array(m.entities.length);
    this.seen = new Int32Array(m.homographs.length);
    this.ambiguousRecords = m.entities.map(() => []);
    m.records.forEach((rec, r) => {
      if (rec.kind === RecordKind.Mention && rec.homograph !== undefined && !rec.when) {
        this.ambiguousRecords[rec.entity]!.push(r);
      }
    });
  }

  /** Records that a hit with this record appeared on (delta 1) or left (delta -1) the page. */
  update(record: number, delta: 1 | -1): void {
    const rec = this.m.records[record]!;
    if (rec.kind === RecordKind.Homograph) {
      this.seen[rec.homograph!]! += delta;
      if (this.seen[rec.homograph!] === (delta > 0 ? 1 : 0)) this.version++;
    } else if (rec.kind === RecordKind.Mention) {
      if (rec.when) return; // conditional mentions are never evidence
      if (rec.homograph !== undefined) {
        const n = (this.ambiguous.get(record) ?? 0) + delta;
        this.ambiguous.set(record, n);
        if (n === (delta > 0 ? 1 : 0)) this.version++;
      } else {
        this.plain[rec.entity]! += delta;
        if (this.plain[rec.entity] === (delta > 0 ? 1 : 0)) this.version++;
      }
    }
  }

  /** True when the record's outcome can change with other evidence. */
  isConditional(record: number): boolean {
    const rec = this.m.records[record]!;
    return rec.kind === RecordKind.Mention && (rec.when !== undefined || rec.homograph !== undefined);
  }

  /**
   * Whether a hit with this record names its entity for other mentions' rules: an alias without a
   * `when`, and a homograph alias while its lower-case word is absent from the page.
   */
  isEvidence(record: number): boolean {
    const rec = this.m.records[record]!;
    if (rec.kind !== RecordKind.Mention || rec.when) return false;
    return rec.homograph === undefined || this.seen[rec.homograph] === 0;
  }

  /**
   * The answer from page-wide evidence alone: true or false, or undefined when it depends on what
   * is near the mention (then ask `decide`). A group none of whose entities the page names fails
   * here, without reading the neighbourhood.
   */
  onPage(record: number): boolean | undefined {
    const rec = this.m.records[record]!;
    if (rec.kind !== RecordKind.Mention) return false;
    let look = false;
    if (rec.homograph !== undefined && this.seen[rec.homograph]! > 0 && !this.named(rec.entity)) {
      if (!this.m.related[rec.entity]!.some((e) => this.named(e))) return false;
      look = true;
    }
    for (const group of rec.when ?? []) {
      if (this.expanded(rec.entity, group)) continue;
      if (!group.some((e) => this.named(e))) return false;
      look = true;
    }
    return look ? undefined : true;
  }

  /** Whether a hit with this record is shown, given what is near it. */
  decide(record: number, nearby: Nearby): boolean {
    const rec = this.m.records[record]!;
    if (rec.kind !== RecordKind.Mention) return false;
    const { local, near } = nearby;
    const close = (e: number): boolean => local.has(e) || near.has(e);
    if (rec.homograph !== undefined && this.seen[rec.homograph]! > 0 && !this.named(rec.entity)) {
      if (!this.m.related[rec.entity]!.some(close)) return false;
    }
    const when = rec.when ?? [];
    for (let g = 0; g < when.length; g++) {
      const group = when[g]!;
      if (this.expanded(rec.entity, group)) continue;
      // The first group is the anchor: it must stand where the name stands.
      if (!(g === 0 ? group.some((e) => local.has(e)) : group.some(close))) return false;
    }
    return true;
  }

  /** The page-wide answer, else the answer with `nearby` (nothing by default). */
  shows(record: number, nearby: Nearby = NOTHING): boolean {
    return this.onPage(record) ?? this.decide(record, nearby);
  }

  /** A group that lists the alias's own entity, met by that entity's own name anywhere on the page. */
  private expanded(entity: number, group: readonly number[]): boolean {
    return group.includes(entity) && this.named(entity);
  }

  /** The page names the entity by evidence (an alias that needs no context). */
  private named(entity: number): boolean {
    if (this.plain[entity]! > 0) return true;
    return this.ambiguousRecords[entity]!.some(
      (r) => (this.ambiguous.get(r) ?? 0) > 0 && this.seen[this.m.records[r]!.homograph!] === 0,
    );
  }
}
