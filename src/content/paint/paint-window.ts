/**
 * Decides which painted mentions are registered in CSS.highlights, and when.
 *
 * Chromium re-validates every registered range whenever any highlight or the page's DOM changes
 * (HighlightRegistry::ValidateHighlightMarkers), at roughly 5–15 µs a range, so registering tens of
 * thousands of ranges makes every later frame slow. So: on pages with up to PAINT_ALL_LIMIT
 * mentions every one is registered; beyond that ("windowed"), only the mentions within a screen of
 * the viewport are, and the set follows the reader's scrolling. Blocks are watched with an
 * IntersectionObserver, from the end of the first scan (while it runs, the blocks of the first,
 * visible pass stand in for what is on screen), or from the moment a page passes the limit later
 * (a feed that grows, shadow roots read after the first scan). A block holding very many mentions (a long
 * paragraph, a huge text node) is windowed inside too: of its mentions, those on the band from one
 * screen above the viewport to one below are registered, found by a binary search over their
 * boxes and followed as the page scrolls. Counts, cards and the popup always cover every mention.
 * Changes are queued and applied together in commit(), so a scan slice causes at most one
 * re-validation.
 */
import type { EntityType } from '../../core/dataset-types';
import { isElement, isFragment } from '../dom';
import { liveRange, type Mention } from '../mention-store';
import { rangeOf } from '../mention-ranges';
import { endSlice } from '../timing';

/** Above this many painted mentions, only those near the viewport are registered. */
export const PAINT_ALL_LIMIT = 1500;
/** A block with more mentions than this is windowed within itself (by its mentions' boxes). */
export const LONG_BLOCK = 300;
/** How far beyond the viewport (above and below) mentions stay registered in windowed mode. */
const NEAR_MARGIN = '100% 0px';

/** The part of IntersectionObserver the window uses (tests hand in a fake). */
export interface BlockObserver {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
}

/** Makes the observer that reports blocks entering and leaving the area near the viewport. */
export type ObserveNear = (
  onChange: (entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'>[]) => void,
  rootMargin: string,
) => BlockObserver;

/** What the window paints with (the Painter; tests hand in a recorder). */
export interface PaintTarget {
  attach(): void;
  add(type: EntityType, range: AbstractRange): void;
  delete(type: EntityType, range: AbstractRange): void;
  /** Makes a type's highlight hold exactly these ranges. */
  replace(type: EntityType, ranges: AbstractRange[]): void;
}

/**
 * Removing more ranges than this at once rebuilds the highlights instead: Firefox repaints what a
 * range covers at every Highlight.delete (near a millisecond each in a long paragraph, a second
 * for the 1,500 dropped when a page turns out to have too many mentions), but only once for a
 * clear().
 */
const REBUILD_AT = 64;

/** Where a mention is on screen (top and bottom, viewport coordinates), or null if it has no box. */
export type BoxOf = (m: Mention) => { top: number; bottom: number } | null;

/**
 * Runs work in slices of its own, in tasks of its own: `pause` ends the slice when it is over and
 * says whether to stop. Resolves when the work is over (or stopped); never rejects.
 */
export type InSlices = (work: (pause: () => Promise<boolean>) => Promise<void>) => Promise<void>;

export interface PaintWindowOptions {
  painter: PaintTarget;
  typeOf: (m: Mention) => EntityType;
  doc: Document;
  signal: AbortSignal;
  /** Defaults to a real IntersectionObserver. */
  observeNear?: ObserveNear;
  /** Defaults to the mention's first client rect; tests hand in boxes (jsdom has no layout). */
  boxOf?: BoxOf;
  /** Defaults to the document's viewport height. */
  viewportHeight?: () => number;
  /** How observing every block is sliced (thousands of blocks are work); defaults to one go. */
  inSlices?: InSlices;
}

const intersectionObserver: ObserveNear = (onChange, rootMargin) => new IntersectionObserver(onChange, { rootMargin });

function realBoxOf(doc: Document): BoxOf {
  return (m) => {
    const box = liveRange(doc, m)?.getClientRects()[0];
    return box ? { top: box.top, bottom: box.bottom } : null;
  };
}

/** Document order of two mentions of one block. */
function before(a: Mention, b: Mention): boolean {
  if (a.start === b.start) return a.startOffset < b.startOffset;
  return (a.start.compareDocumentPosition(b.start) & 4) /* FOLLOWING */ !== 0;
}

/** The mentions of one block (element), in document order once sorted. */
interface Group {
  block: Element;
  /** Its mentions, and some that left it (`stale` of them): removal is lazy, a long block can lose thousands at once. */
  mentions: Mention[];
  stale: number;
  /** `mentions` is in document order (appending in order keeps it so; a rescan may not). */
  sorted: boolean;
  /** For a long block: the indices of `mentions` registered now, [from, to). */
  band: [number, number] | null;
}

export class PaintWindow {
  private readonly painter: PaintTarget;
  private readonly typeOf: (m: Mention) => EntityType;
  private readonly doc: Document;
  private readonly signal: AbortSignal;
  private readonly observeNear: ObserveNear;
  private readonly boxOf: BoxOf;
  private readonly viewportHeight: () => number;
  private readonly inSlices: InSlices;

  /** Painted mentions (kept by the store and the paint filter). */
  private paintedCount = 0;
  /**
   * The registered mentions, each with the type it was registered under: a mention that changes
   * entity (a shared alias re-decided) may change type, and must leave the old type's highlight.
   */
  private readonly registered = new Map<Mention, EntityType>();
  private readonly toAdd = new Set<Mention>();
  private readonly toRemove = new Set<Mention>();
  /**
   * 'all': every mention is registered. 'early': windowed, and the blocks of the first, visible
   * pass stand for what is on screen (the first scan is still going). 'near': an observer follows
   * which blocks are near the viewport.
   */
  private mode: 'all' | 'early' | 'near' = 'all';
  /** The first scan is over: from now on, windowed means 'near'. */
  private scanned = false;
  /** Resolves once every block known when following began is observed. */
  private watching: Promise<void> = Promise.resolve();
  /** Windowed: the mentions by block, and the blocks near the viewport. */
  private readonly groups = new Map<Element, Group>();
  private readonly visible = new Set<Element>();
  /** Long visible blocks whose band must be found again at the next commit. */
  private readonly dirty = new Set<Group>();
  private observer: BlockObserver | null = null;
  /** Blocks of the first, visible pass (from the viewport pass or the first slice). */
  private priority = new Set<Node>();
  /** Nothing is painted until the settings allow it (release()). */
  private held = true;
  /**
   * Between the screen being read and the end of the first scan, mentions off screen wait here
   * rather than being registered as they are found: on a page that turns out to have more than
   * PAINT_ALL_LIMIT they would be registered only to be dropped, and every registration makes
   * the browser re-validate its highlights (Firefox repaints).
   */
  private deferring = false;
  private readonly deferred = new Set<Mention>();
  /** A scroll or resize is waiting for its frame to move the bands of long blocks. */
  private bandFrame = 0;

  constructor(options: PaintWindowOptions) {
    this.painter = options.painter;
    this.typeOf = options.typeOf;
    this.doc = options.doc;
    this.signal = options.signal;
    this.observeNear = options.observeNear ?? intersectionObserver;
    this.boxOf = options.boxOf ?? realBoxOf(options.doc);
    this.viewportHeight = options.viewportHeight ?? (() => options.doc.documentElement.clientHeight || 800);
    this.inSlices = options.inSlices ?? ((work) => work(() => Promise.resolve(false)));
    this.signal.addEventListener(
      'abort',
      () => {
        this.observer?.disconnect();
        if (this.bandFrame) cancelAnimationFrame(this.bandFrame);
      },
      { once: true },
    );
  }

  /** The blocks on screen at first (from the viewport pass). */
  setPriority(blocks: Iterable<Node>): void {
    this.priority = new Set(blocks);
    if (this.mode === 'all') this.deferring = true;
    if (this.mode !== 'early') return;
    // Windowed already (a dense first slice): what is on screen is painted after all.
    for (const block of this.priority) {
      const group = this.groups.get(this.elementOf(block));
      if (group) this.setVisible(group, true);
    }
  }

  /** More blocks on screen (a fresh load that scrolled itself after the first slice): painted as those of the first are. */
  addPriority(blocks: Iterable<Node>): void {
    const added = new Set<Node>();
    for (const block of blocks) {
      if (this.priority.has(block)) continue;
      this.priority.add(block);
      added.add(block);
    }
    if (this.mode === 'all') {
      for (const m of this.deferred) {
        if (!added.has(m.block)) continue;
        this.deferred.delete(m);
        this.queueAdd(m);
      }
    } else if (this.mode === 'early') {
      for (const block of added) {
        const group = this.groups.get(this.elementOf(block));
        if (group) this.setVisible(group, true);
      }
    }
  }

  /**
   * The first scan is over: what waited off screen is registered (if every mention is painted),
   * and a windowed page starts following the viewport, as does any page that passes the limit from
   * now on. Resolves once the blocks known now are observed.
   */
  scanDone(): Promise<void> {
    this.scanned = true;
    this.deferring = false;
    for (const m of this.deferred) this.queueAdd(m);
    this.deferred.clear();
    if (this.mode === 'early') this.watch();
    return this.watching;
  }

  /**
   * Follows the viewport: an IntersectionObserver reports the blocks near it (its first report
   * covers every block it observes, registering what is near and dropping the rest), and the bands
   * of long blocks follow scrolling. Observing thousands of blocks is itself work, so it is done in
   * slices; a block that joins meanwhile is observed as it joins.
   */
  private watch(): void {
    if (this.signal.aborted) return;
    this.mode = 'near';
    const observer = this.observeNear((entries) => this.onIntersect(entries), NEAR_MARGIN);
    this.observer = observer;
    const view = this.doc.defaultView;
    const follow = (): void => this.scheduleBands();
    view?.addEventListener('scroll', follow, { passive: true, capture: true, signal: this.signal });
    view?.addEventListener('resize', follow, { passive: true, signal: this.signal });
    const blocks = [...this.groups.keys()];
    this.watching = this.inSlices(async (pause) => {
      let n = 0;
      for (const block of blocks) {
        if (this.signal.aborted) return;
        if (this.groups.has(block)) observer.observe(block);
        if (++n % 256 === 0 && (await pause())) return;
      }
    });
  }

  show(m: Mention): void {
    this.paintedCount++;
    if (this.mode === 'all') {
      if (this.deferring && !this.priority.has(m.block)) this.deferred.add(m);
      else this.queueAdd(m);
      if (this.paintedCount > PAINT_ALL_LIMIT) this.enterWindowed();
      return;
    }
    const group = this.join(m);
    if (!this.visible.has(group.block)) return;
    if (this.isLong(group)) this.dirty.add(group);
    else this.queueAdd(m);
  }

  hide(m: Mention): void {
    this.paintedCount--;
    this.deferred.delete(m);
    this.queueRemove(m);
    if (this.mode !== 'all') this.leave(m);
  }

  /** Starts painting: registers the highlights and applies what is queued. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.painter.attach();
    this.commit();
  }

  /**
   * Applies queued changes to the painter in one go. The bands of long blocks are found at the next
   * frame: measuring boxes forces the page's layout, which is cheap once the browser has laid the
   * page out for a frame, but a second or more while a huge paragraph is still being laid out
   * (Firefox lays a page out in pieces while it loads).
   */
  commit(): void {
    if (this.signal.aborted || this.held) return;
    if (this.dirty.size > 0) this.scheduleBands();
    this.applyQueued();
  }

  private applyQueued(): void {
    if (this.toRemove.size > REBUILD_AT) {
      this.rebuild();
      return;
    }
    for (const m of this.toRemove) {
      this.painter.delete(this.registered.get(m)!, m.range!);
      this.registered.delete(m);
    }
    for (const m of this.toAdd) {
      const type = this.typeOf(m);
      this.painter.add(type, rangeOf(m));
      this.registered.set(m, type);
    }
    this.toRemove.clear();
    this.toAdd.clear();
  }

  /** Applies the queues by giving each type whose ranges changed its new set of ranges. */
  private rebuild(): void {
    const changed = new Set<EntityType>();
    for (const m of this.toRemove) {
      changed.add(this.registered.get(m)!);
      this.registered.delete(m);
    }
    for (const m of this.toAdd) {
      const type = this.typeOf(m);
      changed.add(type);
      this.registered.set(m, type);
    }
    this.toRemove.clear();
    this.toAdd.clear();
    const ranges = new Map<EntityType, AbstractRange[]>([...changed].map((t) => [t, []]));
    for (const [m, type] of this.registered) ranges.get(type)?.push(rangeOf(m));
    for (const [type, list] of ranges) this.painter.replace(type, list);
  }

  private queueAdd(m: Mention): void {
    const type = this.registered.get(m);
    if (type === undefined) this.toAdd.add(m);
    else if (type !== this.typeOf(m)) {
      // Out of the old type's highlight, into the new one's (removals are applied first).
      this.toRemove.add(m);
      this.toAdd.add(m);
    } else this.toRemove.delete(m);
  }

  private queueRemove(m: Mention): void {
    this.toAdd.delete(m);
    if (this.registered.has(m)) this.toRemove.add(m);
  }

  /** The element a block stands for: the block itself, a shadow root's host, or the body. */
  private elementOf(block: Node): Element {
    if (isElement(block)) return block;
    if (isFragment(block) && (block as ShadowRoot).host) return (block as ShadowRoot).host;
    return this.doc.body ?? this.doc.documentElement;
  }

  private join(m: Mention): Group {
    const block = this.elementOf(m.block);
    let group = this.groups.get(block);
    if (!group) {
      group = { block, mentions: [], stale: 0, sorted: true, band: null };
      this.groups.set(block, group);
      this.observer?.observe(block);
    }
    const last = group.mentions[group.mentions.length - 1];
    if (last && group.sorted && group.mentions.length >= LONG_BLOCK && !before(last, m)) {
      group.sorted = false;
      group.band = null;
    }
    group.mentions.push(m);
    m.group = group;
    return group;
  }

  private leave(m: Mention): void {
    const group = m.group as Group | null;
    if (!group) return;
    m.group = null;
    group.stale++;
    if (group.stale === group.mentions.length) {
      this.groups.delete(group.block);
      this.visible.delete(group.block);
      this.dirty.delete(group);
      this.observer?.unobserve(group.block);
    } else if (group.stale > group.mentions.length / 2) {
      group.mentions = this.members(group);
      group.stale = 0;
      group.band = null;
    }
  }

  /** The group's current members (stale entries skipped). */
  private members(group: Group): Mention[] {
    return group.stale === 0 ? group.mentions : group.mentions.filter((x) => x.group === group);
  }

  /** A group is long when it has more current members than a screen or two could show. */
  private isLong(group: Group): boolean {
    return group.mentions.length - group.stale > LONG_BLOCK;
  }

  /** A block comes near the viewport (its mentions are registered, a long block's band) or leaves it. */
  private setVisible(group: Group, near: boolean): void {
    if (near) {
      this.visible.add(group.block);
      group.band = null;
      if (this.isLong(group)) this.dirty.add(group);
      else for (const m of this.members(group)) this.queueAdd(m);
    } else {
      this.visible.delete(group.block);
      this.dirty.delete(group);
      group.band = null;
      for (const m of this.members(group)) this.queueRemove(m);
    }
  }

  /**
   * Too many mentions. During the first scan, only the blocks of its first pass (on screen) stay
   * painted until it ends. After it (a feed that grew, shadow roots read later), the blocks painted
   * now stay painted until the observer's first report says which are near, and the window
   * follows the viewport at once.
   */
  private enterWindowed(): void {
    this.deferring = false;
    for (const m of [...this.registered.keys(), ...this.toAdd, ...this.deferred]) if (m.group === null) this.join(m);
    this.deferred.clear();
    let near: Set<Element>;
    if (this.scanned) {
      near = new Set();
      for (const m of this.registered.keys()) if (m.group) near.add((m.group as Group).block);
    } else near = new Set([...this.priority].map((b) => this.elementOf(b)));
    for (const group of this.groups.values()) this.setVisible(group, near.has(group.block));
    if (this.scanned) this.watch();
    else this.mode = 'early';
  }

  /**
   * Registers the mentions of a long visible block that lie on the band around the viewport, and
   * drops the rest: the band's ends are found by binary search over the mentions' boxes (in
   * document order, boxes go down the page), and only the mentions whose side of the band's ends
   * changed are touched.
   */
  private applyBand(group: Group, h: number): void {
    if (!group.sorted || group.stale > 0) {
      group.mentions = this.members(group);
      group.stale = 0;
      if (!group.sorted) group.mentions.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1));
      group.sorted = true;
      group.band = null;
    }
    const list = group.mentions;
    // The first index whose box is past `isBefore` (mentions without a box count as before: the
    // search goes on after them). The band is [first ending at or below -h, first starting below 2h).
    const search = (isBefore: (box: { top: number; bottom: number }) => boolean): number => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const box = this.boxOf(list[mid]!);
        if (box === null || isBefore(box)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = search((box) => box.bottom < -h);
    const to = search((box) => box.top <= 2 * h);
    const old = group.band;
    group.band = [from, to];
    if (old === null) {
      // A new band: what is registered or queued of the block and off the band goes, the band comes
      // (not a walk over every mention of a block that may hold a hundred thousand).
      const band = new Set(list.slice(from, to));
      for (const queue of [this.registered.keys(), this.toAdd]) {
        for (const m of queue) if (!band.has(m) && m.group === group) this.queueRemove(m);
      }
      for (const m of band) this.queueAdd(m);
      return;
    }
    // A band that moved: only the mentions between the old and the new ends change sides.
    for (let i = Math.min(from, old[0]); i < Math.max(to, old[1]); i++) {
      const m = list[i]!;
      if (m.group !== group) continue;
      if (i >= from && i < to) this.queueAdd(m);
      else this.queueRemove(m);
    }
  }

  private scheduleBands(): void {
    if (this.bandFrame || this.signal.aborted) return;
    this.bandFrame = requestAnimationFrame(() => {
      this.bandFrame = 0;
      if (this.signal.aborted || this.held) return;
      // Reading the viewport's height lays the page out: in a frame callback that is the frame's
      // own layout, due next anyway, so it is not counted as our work (on a page whose text keeps
      // changing it is the page's whole relayout).
      const h = this.viewportHeight();
      const start = performance.now();
      for (const block of this.visible) {
        const group = this.groups.get(block);
        if (group && this.isLong(group)) this.dirty.add(group);
      }
      for (const group of this.dirty) if (this.visible.has(group.block)) this.applyBand(group, h);
      this.dirty.clear();
      this.applyQueued();
      endSlice(start, 'paint bands');
    });
  }

  private onIntersect(entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'>[]): void {
    if (this.signal.aborted) return;
    for (const entry of entries) {
      const group = this.groups.get(entry.target);
      if (group && this.visible.has(group.block) !== entry.isIntersecting) this.setVisible(group, entry.isIntersecting);
    }
    this.commit();
  }
}
