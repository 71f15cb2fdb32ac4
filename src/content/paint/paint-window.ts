/**
 * Decides which painted mentions are registered in CSS.highlights, and when.
 *
 * Chromium re-validates every registered range whenever any highlight or the page's DOM changes
 * (HighlightRegistry::ValidateHighlightMarkers), at roughly 5–15 µs a range, so registering tens of
 * thousands of ranges makes every later frame slow. So: on pages with up to PAINT_ALL_LIMIT
 * mentions every one is registered; beyond that ("windowed"), only the mentions within a screen of
 * the viewport are, and the set follows the reader's scrolling. Blocks are watched with an
 * IntersectionObserver (started once the first scan is over; while it runs, the blocks of the first,
 * visible pass stand in for what is on screen). A block holding very many mentions (a long
 * paragraph, a huge text node) is windowed inside too: of its mentions, those on the band from one
 * screen above the viewport to one below are registered, found by a binary search over their
 * boxes and followed as the page scrolls. Counts, cards and the popup always cover every mention.
 * Changes are queued and applied together in commit(), so a scan slice causes at most one
 * re-validation.
 */
import type { EntityType } from '../../core/dataset-types';
import { isElement, isFragment } from '../dom';
import type { Mention } from '../mention-store';

/** Above this many painted mentions, only those near the viewport are registered. */
export const PAINT_ALL_LIMIT = 1500;
/** A block with more mentions than this is windowed within itself (by its mentions' boxes). */
export const LONG_BLOCK = 300;
/** How far beyond the viewport (above and below) mentions stay registered in windowed mode. */
const NEAR_MARGIN = '100% 0px';

/** The range of a mention, made when it is first needed (painting or hit-testing). */
export function rangeOf(m: Mention): StaticRange {
  if (!m.range) {
    m.range = new StaticRange({
      startContainer: m.start,
      startOffset: m.startOffset,
      endContainer: m.end,
      endOffset: m.endOffset,
    });
  }
  return m.range;
}

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
}

/** Where a mention is on screen (top and bottom, viewport coordinates), or null if it has no box. */
export type BoxOf = (m: Mention) => { top: number; bottom: number } | null;

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
}

const intersectionObserver: ObserveNear = (onChange, rootMargin) => new IntersectionObserver(onChange, { rootMargin });

function realBoxOf(doc: Document): BoxOf {
  return (m) => {
    const r = doc.createRange();
    try {
      r.setStart(m.start, m.startOffset);
      r.setEnd(m.end, m.endOffset);
    } catch {
      // Its text changed under it: no box (it is dropped at the next rescan).
      return null;
    }
    const box = r.getClientRects()[0];
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

interface Near {
  observer: BlockObserver;
  groups: Map<Element, Group>;
  groupOf: Map<Mention, Group>;
  /** Blocks near the viewport (the observer says so). */
  visible: Set<Element>;
}

export class PaintWindow {
  private readonly painter: PaintTarget;
  private readonly typeOf: (m: Mention) => EntityType;
  private readonly doc: Document;
  private readonly signal: AbortSignal;
  private readonly observeNear: ObserveNear;
  private readonly boxOf: BoxOf;
  private readonly viewportHeight: () => number;

  /** Painted mentions (kept by the store and the paint filter). */
  private paintedCount = 0;
  private readonly registered = new Set<Mention>();
  private readonly toAdd = new Set<Mention>();
  private readonly toRemove = new Set<Mention>();
  private near: Near | null = null;
  /** Windowed, but the observer is not running yet (the first scan is still going). */
  private windowedEarly = false;
  /** Blocks of the first, visible pass: painted while windowed before the observer runs. */
  private priority = new Set<Node>();
  /** Nothing is painted until the settings allow it (release()). */
  private held = true;
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
    this.signal.addEventListener(
      'abort',
      () => {
        this.near?.observer.disconnect();
        if (this.bandFrame) cancelAnimationFrame(this.bandFrame);
      },
      { once: true },
    );
  }

  /** The blocks on screen at first (from the viewport pass). */
  setPriority(blocks: Iterable<Node>, painted: Iterable<Mention>): void {
    this.priority = new Set(blocks);
    // Windowed already (a dense first slice): what is on screen is painted after all.
    if (this.windowedEarly) for (const m of painted) if (this.wantedEarly(m)) this.queueAdd(m);
  }

  /**
   * The first scan is over: if windowed, start following the viewport (an observer's first
   * report then registers what is near it and drops the rest). Observing thousands of blocks is
   * itself work, so it is done in slices (`pause` yields between them).
   */
  async startWatching(painted: Iterable<Mention>, pause: () => Promise<boolean>): Promise<void> {
    if (!this.windowedEarly || this.signal.aborted) return;
    this.windowedEarly = false;
    const near: Near = {
      observer: this.observeNear((entries) => this.onIntersect(entries), NEAR_MARGIN),
      groups: new Map(),
      groupOf: new Map(),
      visible: new Set(),
    };
    this.near = near;
    const view = this.doc.defaultView;
    const follow = (): void => this.scheduleBands();
    view?.addEventListener('scroll', follow, { passive: true, capture: true, signal: this.signal });
    view?.addEventListener('resize', follow, { passive: true, signal: this.signal });
    let n = 0;
    for (const m of [...painted]) {
      if (!m.painted || near.groupOf.has(m)) continue;
      const group = this.joinGroup(near, m);
      // The observer may already have reported this block: then its new members join at once.
      if (near.visible.has(group.block) && this.inBand(group, m)) this.queueAdd(m);
      if (++n % 256 === 0) {
        this.commit();
        if (await pause()) return;
      }
    }
    this.commit();
  }

  show(m: Mention): void {
    this.paintedCount++;
    const near = this.near;
    if (near && !this.windowedEarly) {
      const group = this.joinGroup(near, m);
      if (near.visible.has(group.block) && this.inBand(group, m)) this.queueAdd(m);
    } else if (this.windowedEarly) {
      if (this.wantedEarly(m)) this.queueAdd(m);
    } else {
      this.queueAdd(m);
      if (this.paintedCount > PAINT_ALL_LIMIT) this.enterWindowed();
    }
  }

  hide(m: Mention): void {
    this.paintedCount--;
    this.toAdd.delete(m);
    if (this.registered.has(m)) this.toRemove.add(m);
    if (this.near) this.leaveGroup(this.near, m);
  }

  /** Starts painting: registers the highlights and applies what is queued. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.painter.attach();
    this.commit();
  }

  /** Applies queued changes to the painter in one go. */
  commit(): void {
    if (this.signal.aborted || this.held) return;
    for (const m of this.toRemove) {
      this.painter.delete(this.typeOf(m), m.range!);
      this.registered.delete(m);
    }
    for (const m of this.toAdd) {
      this.painter.add(this.typeOf(m), rangeOf(m));
      this.registered.add(m);
    }
    this.toRemove.clear();
    this.toAdd.clear();
  }

  private queueAdd(m: Mention): void {
    this.toRemove.delete(m);
    if (!this.registered.has(m)) this.toAdd.add(m);
  }

  private queueRemove(m: Mention): void {
    this.toAdd.delete(m);
    if (this.registered.has(m)) this.toRemove.add(m);
  }

  /** Before the observer runs: a mention of an on-screen block, within a screen of the view. */
  private wantedEarly(m: Mention): boolean {
    return this.priority.has(m.block) && this.nearView(m);
  }

  /** Whether a mention's box lies from one screen above the viewport to one below. */
  private nearView(m: Mention): boolean {
    const box = this.boxOf(m);
    const h = this.viewportHeight();
    return box !== null && box.bottom >= -h && box.top <= 2 * h;
  }

  /** The element a mention's block stands for: the block itself, a shadow root's host, or the body. */
  private elementOf(m: Mention): Element {
    const block = m.block;
    if (isElement(block)) return block;
    if (isFragment(block) && (block as ShadowRoot).host) return (block as ShadowRoot).host;
    return this.doc.body ?? this.doc.documentElement;
  }

  private joinGroup(near: Near, m: Mention): Group {
    const block = this.elementOf(m);
    let group = near.groups.get(block);
    if (!group) {
      group = { block, mentions: [], stale: 0, sorted: true, band: null };
      near.groups.set(block, group);
      near.observer.observe(block);
    }
    const last = group.mentions[group.mentions.length - 1];
    if (last && group.sorted && group.mentions.length >= LONG_BLOCK && !before(last, m)) {
      group.sorted = false;
      group.band = null;
    }
    group.mentions.push(m);
    near.groupOf.set(m, group);
    return group;
  }

  private leaveGroup(near: Near, m: Mention): void {
    const group = near.groupOf.get(m);
    if (!group) return;
    near.groupOf.delete(m);
    group.stale++;
    if (group.stale === group.mentions.length) {
      near.groups.delete(group.block);
      near.visible.delete(group.block);
      near.observer.unobserve(group.block);
    } else if (group.stale > group.mentions.length / 2) {
      group.mentions = group.mentions.filter((x) => near.groupOf.get(x) === group);
      group.stale = 0;
      group.band = null;
    }
  }

  /** The group's current members (stale entries skipped). */
  private members(group: Group): Mention[] {
    const near = this.near!;
    return group.stale === 0 ? group.mentions : group.mentions.filter((x) => near.groupOf.get(x) === group);
  }

  /** A group is long when it has more current members than a screen or two could show. */
  private isLong(group: Group): boolean {
    return group.mentions.length - group.stale > LONG_BLOCK;
  }

  /** Too many mentions: keep only the first pass's (on screen) until startWatching(). */
  private enterWindowed(): void {
    this.windowedEarly = true;
    for (const m of [...this.toAdd]) if (!this.wantedEarly(m)) this.toAdd.delete(m);
    for (const m of this.registered) if (!this.wantedEarly(m)) this.toRemove.add(m);
  }

  /** Whether a mention of a visible group is on its band (every mention of a short group is). */
  private inBand(group: Group, m: Mention): boolean {
    return !this.isLong(group) || this.nearView(m);
  }

  /**
   * Registers the mentions of a long visible block that lie on the band around the viewport, and
   * drops the rest: the band's ends are found by binary search over the mentions' boxes (in
   * document order, boxes go down the page), and only the mentions whose side of the band's ends
   * changed are touched.
   */
  private applyBand(group: Group): void {
    const near = this.near!;
    if (!group.sorted || group.stale > 0) {
      group.mentions = this.members(group);
      group.stale = 0;
      if (!group.sorted) group.mentions.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1));
      group.sorted = true;
      group.band = null;
    }
    const list = group.mentions;
    const h = this.viewportHeight();
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
    const [oldFrom, oldTo] = group.band ?? [0, list.length];
    const all = group.band === null;
    group.band = [from, to];
    const lo = all ? 0 : Math.min(from, oldFrom);
    const hi = all ? list.length : Math.max(to, oldTo);
    for (let i = lo; i < hi; i++) {
      const m = list[i]!;
      if (near.groupOf.get(m) !== group) continue;
      if (i >= from && i < to) this.queueAdd(m);
      else this.queueRemove(m);
    }
  }

  private scheduleBands(): void {
    if (this.bandFrame || this.signal.aborted) return;
    this.bandFrame = requestAnimationFrame(() => {
      this.bandFrame = 0;
      const near = this.near;
      if (!near || this.signal.aborted) return;
      let moved = false;
      for (const block of near.visible) {
        const group = near.groups.get(block);
        if (group && this.isLong(group)) {
          this.applyBand(group);
          moved = true;
        }
      }
      if (moved) this.commit();
    });
  }

  private onIntersect(entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'>[]): void {
    const near = this.near;
    if (!near || this.signal.aborted) return;
    for (const entry of entries) {
      const group = near.groups.get(entry.target);
      if (!group) continue;
      if (entry.isIntersecting) {
        near.visible.add(entry.target);
        if (this.isLong(group)) {
          group.band = null;
          this.applyBand(group);
        } else for (const m of this.members(group)) this.queueAdd(m);
      } else {
        near.visible.delete(entry.target);
        for (const m of this.members(group)) this.queueRemove(m);
        group.band = null;
      }
    }
    this.commit();
  }
}
