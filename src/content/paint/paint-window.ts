/**
 * Decides which shown mentions are registered for painting, and when.
 *
 * Chromium re-validates every registered range whenever any highlight or the page's DOM changes
 * (HighlightRegistry::ValidateHighlightMarkers), at roughly 5–15 µs a range, so registering tens of
 * thousands of ranges makes every later frame slow. So: on pages with up to PAINT_ALL_LIMIT shown
 * mentions every one is registered; beyond that ("windowed"), only the mentions in blocks within a
 * screen of the viewport are, and the set follows the reader's scrolling (an IntersectionObserver
 * on those blocks, started once the first scan is over: while it runs, the blocks of the first,
 * visible pass stand in for what is on screen). Counts, cards and the popup always cover every
 * mention. Changes are queued and applied together in commit(), so a scan slice causes at most one
 * re-validation.
 */
import type { EntityType } from '../../core/dataset-types';
import type { Mention } from '../mention-store';

import { isElement, isFragment } from '../dom';

/** Above this many shown mentions, only those near the viewport are registered. */
export const PAINT_ALL_LIMIT = 1500;
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

export interface PaintWindowOptions {
  painter: PaintTarget;
  typeOf: (m: Mention) => EntityType;
  doc: Document;
  signal: AbortSignal;
  /** Defaults to a real IntersectionObserver. */
  observeNear?: ObserveNear;
}

const intersectionObserver: ObserveNear = (onChange, rootMargin) => new IntersectionObserver(onChange, { rootMargin });

interface Near {
  observer: BlockObserver;
  groups: Map<Element, Set<Mention>>;
  groupOf: Map<Mention, Element>;
  visible: Set<Element>;
}

export class PaintWindow {
  /** Shown mentions (they are kept by the store; see `allShown`). */
  private shownCount = 0;
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

  private readonly painter: PaintTarget;
  private readonly typeOf: (m: Mention) => EntityType;
  private readonly doc: Document;
  private readonly signal: AbortSignal;
  private readonly observeNear: ObserveNear;

  constructor(options: PaintWindowOptions) {
    this.painter = options.painter;
    this.typeOf = options.typeOf;
    this.doc = options.doc;
    this.signal = options.signal;
    this.observeNear = options.observeNear ?? intersectionObserver;
    this.signal.addEventListener('abort', () => this.near?.observer.disconnect(), { once: true });
  }

  /** The blocks on screen at first (from the viewport pass). */
  setPriority(blocks: Iterable<Node>, shown: Iterable<Mention>): void {
    this.priority = new Set(blocks);
    // Windowed already (a dense first slice): what is on screen is painted after all.
    if (this.windowedEarly) for (const m of shown) if (this.priority.has(m.block)) this.queueAdd(m);
  }

  /**
   * The first scan is over: if windowed, start following the viewport (an observer's first
   * report then registers what is near it and drops the rest). Observing thousands of blocks is
   * itself work, so it is done in slices (`pause` yields between them).
   */
  async startWatching(shown: Iterable<Mention>, pause: () => Promise<boolean>): Promise<void> {
    if (!this.windowedEarly || this.signal.aborted) return;
    this.windowedEarly = false;
    const near: Near = {
      observer: this.observeNear((entries) => this.onIntersect(entries), NEAR_MARGIN),
      groups: new Map(),
      groupOf: new Map(),
      visible: new Set(),
    };
    this.near = near;
    let n = 0;
    for (const m of [...shown]) {
      if (!m.shown || near.groupOf.has(m)) continue;
      this.joinGroup(near, m);
      if (++n % 256 === 0 && (await pause())) return;
    }
  }

  show(m: Mention): void {
    this.shownCount++;
    if (this.near && !this.windowedEarly) {
      const group = this.joinGroup(this.near, m);
      if (this.near.visible.has(group)) this.queueAdd(m);
    } else if (this.windowedEarly) {
      if (this.priority.has(m.block)) this.queueAdd(m);
    } else {
      this.queueAdd(m);
      if (this.shownCount > PAINT_ALL_LIMIT) this.enterWindowed();
    }
  }

  hide(m: Mention): void {
    this.shownCount--;
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

  /** The element a mention's block stands for: the block itself, a shadow root's host, or the body. */
  private blockOf(m: Mention): Element {
    const block = m.block;
    if (isElement(block)) return block;
    if (isFragment(block) && (block as ShadowRoot).host) return (block as ShadowRoot).host;
    return this.doc.body ?? this.doc.documentElement;
  }

  private joinGroup(near: Near, m: Mention): Element {
    const block = this.blockOf(m);
    near.groupOf.set(m, block);
    let group = near.groups.get(block);
    if (!group) {
      near.groups.set(block, (group = new Set()));
      near.observer.observe(block);
    }
    group.add(m);
    return block;
  }

  private leaveGroup(near: Near, m: Mention): void {
    const block = near.groupOf.get(m);
    if (!block) return;
    near.groupOf.delete(m);
    const group = near.groups.get(block);
    group?.delete(m);
    if (group && group.size === 0) {
      near.groups.delete(block);
      near.visible.delete(block);
      near.observer.unobserve(block);
    }
  }

  /** Too many mentions: keep only the first pass's (on screen) until startWatching(). */
  private enterWindowed(): void {
    this.windowedEarly = true;
    for (const m of this.toAdd) if (!this.priority.has(m.block)) this.toAdd.delete(m);
    for (const m of this.registered) if (!this.priority.has(m.block)) this.toRemove.add(m);
  }

  private onIntersect(entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'>[]): void {
    const near = this.near;
    if (!near || this.signal.aborted) return;
    for (const entry of entries) {
      const group = near.groups.get(entry.target);
      if (!group) continue;
      if (entry.isIntersecting) {
        near.visible.add(entry.target);
        for (const m of group) this.queueAdd(m);
      } else {
        near.visible.delete(entry.target);
        for (const m of group) {
          this.toAdd.delete(m);
          if (this.registered.has(m)) this.toRemove.add(m);
        }
      }
    }
    this.commit();
  }
}
