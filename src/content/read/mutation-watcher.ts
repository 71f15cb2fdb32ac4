/**
 * Watches the page for added, removed and changed text and turns bursts of mutation records into
 * one batch of work: the nodes whose mentions must go, and the smallest blocks that must be read
 * again. Unchanged blocks are never read again.
 */
import { isBlockElement, isExcludedElement, isInExcludedRegion, isSeparator } from './elements';
import type { InlineSpan } from './text-walker';
import { isElement, isFragment, isText } from '../dom';

/** Wait this long after the first record of a burst before handling it (ms). */
const BATCH_MS = 16;
/** Rescans take at most about this share of the time while a page keeps changing. */
const RESCAN_SHARE = 0.05;
/** The longest wait before a change is read (ms). */
const MAX_BATCH_MS = 1000;

export interface ChangeBatch {
  /** Nodes that left the page or became editable: forget every mention under them. */
  gone: Node[];
  /** Blocks (or added subtrees) to read again, none inside another. */
  scopes: Node[];
  /**
   * Inline runs of long blocks to read again: the text between the two separators around a change,
   * instead of the whole block (a clock ticking in a page whose text sits in <body>).
   */
  spans?: { block: Node; span: InlineSpan }[];
  /** Elements added to the page (their shadow roots, if any, are read too). */
  added: Element[];
  /** Too many changes piled up (a hidden tab): forget every mention no longer in the page. */
  sweep?: boolean;
}

/** A hidden tab keeps at most this many records; beyond, it rereads the page when shown. */
const MAX_PENDING_RECORDS = 5000;

/** The nearest ancestor-or-self that is a block, shadow root or document body. */
function blockOf(node: Node, stop: Node): Node {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n === stop || isFragment(n)) return n;
    if (isElement(n) && isBlockElement(n)) return n;
  }
  return stop;
}

/** The first non-blank sibling in one direction is inline text or an inline element. */
function inlineNeighbour(node: Node | null, forward: boolean): boolean {
  for (let n = node; n; n = forward ? n.nextSibling : n.previousSibling) {
    if (isText(n)) {
      if (/\S/.test(n.data)) return true;
      continue;
    }
    return isElement(n) && !isBlockElement(n);
  }
  return false;
}

/** A block with more children than this is read again by the inline run that changed, not whole. */
const RUN_MIN_CHILDREN = 64;
/** Looking for a run's ends stops after this many siblings (then the whole block is read). */
const RUN_MAX_SIBLINGS = 4096;

/**
 * The inline run of `block` around `child` (a child of it): its children from the separator before
 * to the separator after (exclusive). Null when `child` is itself a separator or the run is huge.
 */
export function inlineRun(child: Node): InlineSpan | null {
  if (isSeparator(child)) return null;
  let first = child;
  let last = child;
  let steps = 0;
  for (let n = child.previousSibling; n && !isSeparator(n); n = n.previousSibling) {
    first = n;
    if (++steps > RUN_MAX_SIBLINGS) return null;
  }
  for (let n = child.nextSibling; n && !isSeparator(n); n = n.nextSibling) {
    last = n;
    if (++steps > RUN_MAX_SIBLINGS) return null;
  }
  return { first, last };
}

/** The child of `block` that holds `node` (or `node` itself). */
function childOf(block: Node, node: Node): Node | null {
  let n: Node | null = node;
  while (n && n.parentNode !== block) n = n.parentNode;
  return n;
}

function parentOrHost(n: Node): Node | null {
  return isFragment(n) ? ((n as ShadowRoot).host ?? null) : n.parentNode;
}

export interface MutationWatcherOptions {
  doc: Document;
  /** Elements of our own UI: their changes are ignored. */
  isOwn: (el: Element) => boolean;
  /** Handles one batch of changes. */
  onBatch: (batch: ChangeBatch) => void;
  signal: AbortSignal;
}

export class MutationWatcher {
  private readonly doc: Document;
  private readonly isOwn: (el: Element) => boolean;
  private readonly onBatch: (batch: ChangeBatch) => void;
  private readonly signal: AbortSignal;
  private readonly observer: MutationObserver;
  private records: MutationRecord[] = [];
  private overflowed = false;
  /** The current wait after the first record of a burst (grows when rescans are costly). */
  private delay = BATCH_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: MutationWatcherOptions) {
    ({ doc: this.doc, isOwn: this.isOwn, onBatch: this.onBatch, signal: this.signal } = options);
    this.observer = new MutationObserver((records) => this.collect(records));
    this.signal.addEventListener(
      'abort',
      () => {
        this.observer.disconnect();
        clearTimeout(this.timer);
        this.records = [];
      },
      { once: true },
    );
    this.doc.addEventListener('visibilitychange', () => this.schedule(), { signal: this.signal });
  }

  /** Watches a tree (the document, or an open shadow root, which the document's observer cannot see into). */
  observe(root: Node): void {
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['contenteditable'],
    });
  }

  private collect(records: MutationRecord[]): void {
    if (this.overflowed) return;
    for (const r of records) this.records.push(r);
    if (this.records.length > MAX_PENDING_RECORDS) {
      // Keeping every record (and the subtrees they hold) of a live page in a hidden tab would
      // grow without bound; one full reread when the tab is shown is cheaper.
      this.records = [];
      this.overflowed = true;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || (this.records.length === 0 && !this.overflowed) || this.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A hidden tab does no work; the batch waits for visibilitychange.
      if (this.doc.visibilityState === 'hidden') return;
      const records = this.records.concat(this.observer.takeRecords());
      this.records = [];
      if (this.overflowed) {
        this.overflowed = false;
        const body = this.doc.body ?? this.doc.documentElement;
        this.onBatch({ gone: [], scopes: [body], added: [], sweep: true });
        return;
      }
      this.onBatch(this.toBatch(records));
    }, this.delay);
  }

  /**
   * Tells the watcher what the last rescan cost (ms of work): the wait before the next batch
   * becomes long enough that rescans use at most RESCAN_SHARE of the time, and shrinks back as
   * rescans get cheap again.
   */
  pace(costMs: number): void {
    const wanted = Math.min(MAX_BATCH_MS, Math.max(BATCH_MS, costMs / RESCAN_SHARE));
    this.delay = wanted > this.delay ? wanted : Math.max(wanted, this.delay / 2);
  }

  private ours(node: Node): boolean {
    for (let n: Node | null = node; n; n = n.parentNode) {
      if (isElement(n) && this.isOwn(n)) return true;
    }
    return false;
  }

  /** In the body, or in one of the open shadow roots we watch. */
  private inScannedTree(node: Node, body: Node): boolean {
    const root = node.getRootNode();
    if (isFragment(root)) return true;
    return node === body || body.contains(node);
  }

  private toBatch(records: MutationRecord[]): ChangeBatch {
    const body = this.doc.body ?? this.doc.documentElement;
    const gone: Node[] = [];
    const added: Element[] = [];
    const scopes = new Set<Node>();
    /** Runs to read again per long block, by their first child. */
    const runs = new Map<Node, Map<Node, InlineSpan>>();
    /** The change at `node` needs its block read again: all of it, or the run around it in a long block. */
    const around = (node: Node | null, fallback: Node): void => {
      const block = blockOf(node ?? fallback, body);
      if (node && block.childNodes.length > RUN_MIN_CHILDREN) {
        const child = childOf(block, node);
        const run = child ? inlineRun(child) : null;
        if (run) {
          let list = runs.get(block);
          if (!list) runs.set(block, (list = new Map()));
          list.set(run.first, run);
          return;
        }
      }
      scopes.add(block);
    };
    for (const r of records) {
      // Changes outside the scanned text (the <head>, a <style>, typing in an editable region, our
      // own card) need nothing: reading them again would re-read whole blocks for no reason.
      if (!this.inScannedTree(r.target, body) || this.ours(r.target)) continue;
      if (r.type === 'attributes') {
        const el = r.target as Element;
        if (isInExcludedRegion(el, null, this.isOwn)) continue;
        // Editable or not any more: its text leaves or joins its block, so read the block again.
        if (isExcludedElement(el, this.isOwn)) gone.push(el);
        scopes.add(blockOf(el, body));
        continue;
      }
      if (
        isInExcludedRegion(r.target, null, this.isOwn) ||
        (isElement(r.target) && isExcludedElement(r.target, this.isOwn))
      ) {
        continue;
      }
      if (r.type === 'characterData') {
        gone.push(r.target);
        around(r.target, r.target);
        continue;
      }
      r.removedNodes.forEach((n) => {
        gone.push(n);
        const block = isElement(n) && isBlockElement(n);
        // Removing a block between two inline runs joins them into one unit; removing inline
        // content changes the run it was in (its neighbours now touch).
        if (!block || (inlineNeighbour(r.previousSibling, false) && inlineNeighbour(r.nextSibling, true))) {
          // (Or the element it was removed from, when nothing else was in it: "12:00" → "12:01".)
          const neighbour = r.previousSibling ?? r.nextSibling ?? r.target;
          if (neighbour.isConnected) around(neighbour, r.target);
          else scopes.add(blockOf(r.target, body));
        }
      });
      r.addedNodes.forEach((n) => {
        // Added and removed again within the batch (a clock ticking faster than rescans run): a
        // later record's removal covers its run. Looked up from a detached node, the block
        // would be the whole body.
        if (!n.isConnected || (isElement(n) && this.isOwn(n))) return;
        if (isElement(n)) added.push(n);
        const block = isElement(n) && isBlockElement(n);
        // A block added between two inline runs splits them; otherwise only the block is new.
        if (!block) around(n, r.target);
        else if (inlineNeighbour(n.previousSibling, false) && inlineNeighbour(n.nextSibling, true)) {
          around(n.previousSibling, r.target);
          around(n.nextSibling, r.target);
          scopes.add(n);
        } else {
          scopes.add(n);
        }
      });
    }
    // Drop scopes that left the page, sit in editable regions, or lie inside another scope.
    const kept = [...scopes].filter((s) => {
      if (!s.isConnected) return false;
      for (let p = parentOrHost(s); p; p = parentOrHost(p)) if (scopes.has(p)) return false;
      return !isInExcludedRegion(s, null, this.isOwn) && !(isElement(s) && isExcludedElement(s, this.isOwn));
    });
    // Runs of a block read whole anyway, or of a block inside a scope, are not read twice.
    const spans: { block: Node; span: InlineSpan }[] = [];
    for (const [block, list] of runs) {
      if (!block.isConnected || scopes.has(block)) continue;
      let inside = false;
      for (let p = parentOrHost(block); p && !inside; p = parentOrHost(p)) inside = scopes.has(p);
      if (inside) continue;
      for (const span of list.values())
        if (span.first.parentNode === block && span.last.parentNode === block) spans.push({ block, span });
    }
    return { gone, scopes: kept, added: added.filter((el) => el.isConnected), spans };
  }
}
