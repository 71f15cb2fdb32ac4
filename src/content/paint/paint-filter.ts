/**
 * Which shown mentions are painted, by the reader's choices: entity types switched off and muted
 * entities are not; with "first mention only", just the earliest mention of each entity in the
 * document is. Every shown mention is still found and counted (the store's counts); only painting
 * follows the choices, and a change of them applies at once.
 */
import type { Mention, PaintSink } from '../mention-store';

export interface PaintChoices {
  /** Whether an entity (by index) is highlighted at all. */
  allowed: (entity: number) => boolean;
  firstOnly: boolean;
}

/** Document order of two mentions (the store's mentions are in text nodes of the same document). */
function before(a: Mention, b: Mention): boolean {
  if (a.start === b.start) return a.startOffset < b.startOffset;
  return (a.start.compareDocumentPosition(b.start) & 4) /* FOLLOWING */ !== 0;
}

export class PaintFilter implements PaintSink {
  private choices: PaintChoices = { allowed: () => true, firstOnly: false };
  /** With firstOnly: the painted mention of each entity. */
  private readonly first = new Map<number, Mention>();
  private changes = 0;

  /**
   * @param target where painted mentions go (the paint window)
   * @param shown every shown mention, painted or not (the store's; no copy is kept here, because on
   *   a page of a hundred thousand mentions every set that holds them all costs a pause as it grows)
   */
  constructor(
    private readonly target: PaintSink,
    private readonly shown: () => Iterable<Mention>,
  ) {}

  /** Changes whenever what is painted changes. */
  get version(): number {
    return this.changes;
  }

  /** The painted mentions (what the paint window registers, hit-testing finds and the keyboard walks). */
  *painted(): Iterable<Mention> {
    for (const m of this.shown()) if (m.painted) yield m;
  }

  show(m: Mention): void {
    if (!this.choices.allowed(m.entity)) return;
    if (!this.choices.firstOnly) {
      this.paint(m);
      return;
    }
    const current = this.first.get(m.entity);
    if (current && !before(m, current)) return;
    if (current) this.unpaint(current);
    this.first.set(m.entity, m);
    this.paint(m);
  }

  hide(m: Mention): void {
    if (m.painted) this.unpaint(m);
    if (this.first.get(m.entity) === m) {
      this.first.delete(m.entity);
      // The next one of that entity becomes its first.
      let next: Mention | null = null;
      for (const other of this.shown()) if (other.entity === m.entity && (!next || before(other, next))) next = other;
      if (next && this.choices.allowed(next.entity)) {
        this.first.set(next.entity, next);
        this.paint(next);
      }
    }
  }

  /** New choices: every shown mention is decided again. */
  choose(choices: PaintChoices): void {
    this.choices = choices;
    this.first.clear();
    const all = [...this.shown()];
    for (const m of all) if (m.painted) this.unpaint(m);
    for (const m of all) this.show(m);
  }

  private paint(m: Mention): void {
    m.painted = true;
    this.changes++;
    this.target.show(m);
  }

  private unpaint(m: Mention): void {
    m.painted = false;
    this.changes++;
    this.target.hide(m);
  }
}
