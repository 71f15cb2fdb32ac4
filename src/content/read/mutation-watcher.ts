/**
 * Watches the page for added, removed and changed text and turns bursts of mutation records into
 * one batch of work: the nodes whose mentions must go, and the smallest blocks that must be read
 * again. Unchanged blocks are never read again.
 */
import { isBlockElement, isExcludedElement, isInExcludedRegion } from './elements';
import { isElement, isFragment, isText } from '../dom';

/** Wait this long after the first record of a burst before handling it (ms). */
const BATCH_MS = 16;

export interface ChangeBatch {
  /** Nodes that left the page or became editable: forget every mention under them. */
  gone: Node[];
  /** Blocks (or added subtrees) to read again, none inside another. */
  scopes: Node[];
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
    }, BATCH_MS);
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
        scopes.add(blockOf(r.target, body));
        continue;
      }
      r.removedNodes.forEach((n) => {
        gone.push(n);
        const block = isElement(n) && isBlockElement(n);
        // Removing a block between two inline runs joins them into one unit.
        if (!block || (inlineNeighbour(r.previousSibling, false) && inlineNeighbour(r.nextSibling, true))) {
          scopes.add(blockOf(r.target, body));
        }
      });
      r.addedNodes.forEach((n) => {
        if (isElement(n) && this.isOwn(n)) return;
        if (isElement(n)) added.push(n);
        const block = isElement(n) && isBlockElement(n);
        // A block added between two inline runs splits them; otherwise only the block is new.
        if (!block || (inlineNeighbour(n.previousSibling, false) && inlineNeighbour(n.nextSibling, true))) {
          scopes.add(blockOf(r.target, body));
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
    return { gone, scopes: kept, added: added.filter((el) => el.isConnected) };
  }
}
