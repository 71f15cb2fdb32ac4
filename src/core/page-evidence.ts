/**
 * Page-wide context rules. Some aliases count only with support from elsewhere on the page:
 * "Xi" once the page names Xi Jinping in full; "return to barracks" once it names Putin or the
 * Kremlin, and Ukraine, and the 2014 crisis (one entity of every group); "China" on a page that
 * also says "china" (porcelain) only when the page names China otherwise or a related entity.
 * Support may arrive later (a live page, a lazy-loaded section), so the decision is re-evaluated
 * whenever the evidence changes.
 */
import { RecordKind, type Matcher } from './matcher-data';

export class PageEvidence {
  /** Mentions per entity through aliases without rules. */
  private readonly plain: Int32Array;
  /** Mentions per record through aliases with a homograph rule. */
  private readonly ambiguous = new Map<number, number>();
  /** Occurrences of each homograph word. */
  private readonly seen: Int32Array;
  /** Per entity: its records with a homograph rule (they count as naming it once supported). */
  private readonly ambiguousRecords: number[][];
  /** Bumped whenever something a rule reads changes; callers re-check pending mentions then. */
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

  /** Whether a hit with this record is shown as a mention, given the evidence so far. */
  shows(record: number): boolean {
    const rec = this.m.records[record]!;
    if (rec.kind !== RecordKind.Mention) return false;
    if (rec.homograph !== undefined && !this.homographOk(rec.entity, rec.homograph)) return false;
    if (rec.when) return rec.when.every((group) => group.some((e) => this.named(e)));
    return true;
  }

  /** True when the record's outcome can change with later evidence. */
  isConditional(record: number): boolean {
    const rec = this.m.records[record]!;
    return rec.kind === RecordKind.Mention && (rec.when !== undefined || rec.homograph !== undefined);
  }

  private homographOk(entity: number, homograph: number): boolean {
    if (this.seen[homograph] === 0) return true;
    if (this.plain[entity]! > 0) return true;
    return this.m.related[entity]!.some((r) => this.plain[r]! > 0);
  }

  /** The page names the entity by an alias that needs no context. */
  private named(entity: number): boolean {
    if (this.plain[entity]! > 0) return true;
    return this.ambiguousRecords[entity]!.some(
      (r) => (this.ambiguous.get(r) ?? 0) > 0 && this.homographOk(entity, this.m.records[r]!.homograph!),
    );
  }
}
