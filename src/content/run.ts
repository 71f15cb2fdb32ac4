/**
 * One highlighting run on a page: first scan (viewport first, then the rest in slices), then
 * incremental rescans as the page changes. Everything it adds — highlights, styles, listeners,
 * observers, the card — hangs off one AbortSignal, so stopping it leaves the page as it was.
 */
import type { Matcher } from '../core/matcher-data';
import type { HighlightMode } from '../core/highlight-css';
import type { CardContent } from './card/card';
import { HoverCards } from './card/hover';
import { MentionStore } from './mention-store';
import { PaintWindow } from './paint/paint-window';
import { Painter } from './paint/painter';
import { isExcludedElement, isInExcludedRegion } from './read/elements';
import { MutationWatcher, type ChangeBatch } from './read/mutation-watcher';
import { pageOptions } from './read/page-language';
import { PageScanner } from './read/scanner';
import { Slicer, afterNextFrame, whenVisible } from './read/slicer';
import { ShadowRootFinder } from './read/text-walker';
import { viewportBlocks } from './read/viewport';
import { markFirstPaint, markRescan, markScanDone } from './timing';

export interface RunOptions {
  matcher: Matcher;
  /** When the content script started (performance.now()), for the timing marks. */
  startedAt: number;
  isOwn: (el: Element) => boolean;
  mode: HighlightMode;
  loadCard: (entityId: string) => Promise<CardContent | null>;
  /** Called (throttled) whenever the shown mentions change. */
  onChange: (counts: Record<string, number>) => void;
  /** Called before each batch of page changes is handled (a chance to notice a navigation). */
  onMutations?: () => void;
}

const REPORT_MS = 250;
/** The on-screen blocks of a scrolled page are read in one go unless they take longer than this. */
const VISIBLE_BUDGET_MS = 30;
/** Pages with more elements than this are not searched for shadow hosts without light text. */
const SHADOW_SEARCH_MAX_ELEMENTS = 20_000;
/**
 * Attaching a shadow root makes no mutation record, so custom elements that are not defined yet
 * are looked at again a few times as the page's components load (backing off, then giving up).
 */
const UPGRADE_CHECKS_MS = [100, 250, 500, 1000, 2000, 4000, 8000, 15_000, 30_000];

export class Run {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  readonly painter: Painter;
  readonly paintWindow: PaintWindow;
  readonly store: MentionStore;
  private readonly scanner: PageScanner;
  private readonly watcher: MutationWatcher;
  /** Cards on hover, tap and Escape: set up when the run is released. */
  hover: HoverCards | null = null;
  private readonly shadowRoots = new Set<ShadowRoot>();
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private reportedVersion = -1;
  private rescanning: Promise<void> = Promise.resolve();
  /** Custom elements that may still get a shadow root when their definition loads. */
  private readonly upgrading = new Set<Element>();
  private upgradeTimer: ReturnType<typeof setTimeout> | undefined;
  private upgradeStep = 0;

  constructor(
    private readonly doc: Document,
    private readonly options: RunOptions,
  ) {
    const { matcher } = options;
    this.painter = new Painter(doc, options.mode);
    this.paintWindow = new PaintWindow(
      this.painter,
      (m) => matcher.entities[m.entity]!.type,
      doc,
      this.signal,
      () => this.store.shownMentions(),
    );
    this.store = new MentionStore(matcher, this.paintWindow);
    const isOwn = (el: Element): boolean => options.isOwn(el) || el === this.hover?.cardElement;
    this.scanner = new PageScanner(
      matcher,
      this.store,
      {
        isOwn,
        onShadowRoot: (root) => this.addShadowRoot(root),
        onCustomElement: (el) => this.watchUpgrade(el),
        unit: pageOptions(doc),
      },
      // Context rules are settled and paint applied once per slice, not once per mention.
      () => {
        this.store.settle();
        this.paintWindow.commit();
        if (!this.visibleKnown && !this.readingVisibleBlocks) this.visibleRead();
      },
    );
    this.watcher = new MutationWatcher(doc, isOwn, (batch) => this.queueRescan(batch), this.signal);
    this.signal.addEventListener('abort', () => {
      clearTimeout(this.reportTimer);
      clearTimeout(this.upgradeTimer);
      this.upgrading.clear();
      this.store.clear();
      this.painter.dispose();
    });
  }

  private addShadowRoot(root: ShadowRoot): void {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    this.shadowList = null;
    this.painter.adopt(root);
    this.watcher.observe(root);
  }

  private watchUpgrade(el: Element): void {
    if (this.upgrading.has(el) || el.matches(':defined')) return;
    this.upgrading.add(el);
    this.upgradeStep = 0;
    if (this.upgradeTimer === undefined) this.scheduleUpgradeCheck();
  }

  private scheduleUpgradeCheck(): void {
    const delay = UPGRADE_CHECKS_MS[this.upgradeStep++];
    if (delay === undefined || this.signal.aborted) {
      this.upgradeTimer = undefined;
      this.upgrading.clear();
      return;
    }
    this.upgradeTimer = setTimeout(() => {
      const roots: ShadowRoot[] = [];
      for (const el of this.upgrading) {
        if (!el.isConnected) this.upgrading.delete(el);
        else if (el.shadowRoot) {
          this.upgrading.delete(el);
          roots.push(el.shadowRoot);
        } else if (el.matches(':defined')) this.upgrading.delete(el);
      }
      for (const root of roots) this.addShadowRoot(root);
      if (roots.length > 0) this.queueRescan({ gone: [], scopes: roots, added: [] });
      if (this.upgrading.size > 0) this.scheduleUpgradeCheck();
      else this.upgradeTimer = undefined;
    }, delay);
  }

  /**
   * Scans the page: what is on screen first (painted as soon as the run is released), then
   * everything else in slices. The scan may start before the settings are known (they take a
   * round trip, slow in Firefox); nothing is painted or reported until release().
   */
  async start(): Promise<void> {
    const { doc, signal } = this;
    await whenVisible(doc, signal);
    const body = doc.body;
    if (!body || doc.designMode === 'on') return;
    const slicer = new Slicer();
    slicer.begin();
    this.slicer = slicer;
    this.watcher.observe(doc);
    const view = doc.defaultView;
    if (view && (view.scrollY !== 0 || view.scrollX !== 0)) {
      // Scrolled (restored position, anchor): find the blocks on screen and read those first.
      // At the top of the page the first slice of the full pass reads what is on screen anyway,
      // without forcing a layout to find it.
      this.readingVisibleBlocks = true;
      for (const block of viewportBlocks(doc, this.options.isOwn)) {
        await this.scanner.scan(block, slicer, signal, true, VISIBLE_BUDGET_MS);
      }
      this.readingVisibleBlocks = false;
      this.visibleRead();
      slicer.end();
      await afterNextFrame();
      if (signal.aborted) return;
      slicer.begin();
    }
    await this.scanner.scan(body, slicer, signal, true);
    slicer.end();
    this.visibleRead();
    this.scanned = true;
    if (this.released) this.finishScan(slicer.busy);
    else this.busyBeforeRelease = slicer.busy;
  }

  private scanned = false;
  private released = false;
  private busyBeforeRelease = 0;
  private firstPaintDone = false;

  /** Called when the first, visible part has been read (the first slice, or the viewport pass). */
  private visibleRead(): void {
    if (this.slicer) this.slicer.priority = 'background';
    if (!this.visibleKnown) {
      this.visibleKnown = true;
      // What is found first is on screen: it stays painted however many mentions follow.
      this.paintWindow.setPriority([...this.store.all].map((m) => m.block));
    }
    this.paintFirst();
  }

  private visibleKnown = false;
  /** The first scan's slicer: once the screen is read, the rest yields to everything the page does. */
  private slicer: Slicer | null = null;
  /** The blocks on screen of a scrolled page are being read (first paint waits for all of them). */
  private readingVisibleBlocks = false;

  private paintFirst(): void {
    if (!this.released || !this.visibleKnown || this.firstPaintDone || this.signal.aborted) return;
    this.firstPaintDone = true;
    this.store.settle();
    this.paintWindow.commit();
    requestAnimationFrame(() => {
      if (!this.signal.aborted) markFirstPaint();
    });
    this.scheduleReport();
  }

  private finishScan(busy: number): void {
    this.paintWindow.commit();
    markScanDone(this.options.startedAt, busy);
    this.scheduleReport(true);
    void this.afterScan().catch(() => {});
  }

  /** Work that can wait for the first scan: following the viewport, upgrades, hidden shadow roots. */
  private async afterScan(): Promise<void> {
    const { signal } = this;
    const slicer = new Slicer();
    slicer.begin();
    await this.paintWindow.startWatching(async () => {
      if (!slicer.shouldYield()) return false;
      await slicer.pause(signal);
      return signal.aborted;
    });
    slicer.end();
    const body = this.doc.body;
    if (!body || signal.aborted) return;
    this.watchUpgradesUnder(body);
    // The search touches every element; on very large pages that costs more (in wrappers made
    // and collected, notably in Firefox) than the rare text-less shadow host is worth.
    if (body.getElementsByTagName('*').length <= SHADOW_SEARCH_MAX_ELEMENTS) await this.findOtherShadowRoots([body]);
  }

  /** The settings allow highlighting here: paint what has been found, and from now on as found. */
  release(): void {
    if (this.released || this.signal.aborted) return;
    this.released = true;
    this.hover = new HoverCards(
      this.doc,
      this.store,
      this.painter,
      this.options.loadCard,
      (e) => this.options.matcher.entities[e]!.id,
      this.signal,
      () => this.shadowRootList(),
    );
    this.paintWindow.release();
    // Follow the page between light and dark (most pages theme by the system's preference).
    this.doc.defaultView
      ?.matchMedia?.('(prefers-color-scheme: dark)')
      .addEventListener('change', () => this.painter.restyle(), { signal: this.signal });
    this.paintFirst();
    if (this.scanned) this.finishScan(this.busyBeforeRelease);
  }

  /** Custom elements not defined yet may get a shadow root when they are (see watchUpgrade). */
  private watchUpgradesUnder(root: Element): void {
    if (root.localName.includes('-')) this.watchUpgrade(root);
    for (const el of root.querySelectorAll(':not(:defined)')) this.watchUpgrade(el);
  }

  /**
   * Open shadow roots whose hosts hold no light-DOM text are invisible to the text walk; look for
   * them after the first scan, at background priority, and read each one found.
   */
  private async findOtherShadowRoots(under: Node[]): Promise<void> {
    const { signal } = this;
    const slicer = new Slicer('background');
    slicer.begin();
    const roots: Node[] = [...under];
    for (let root = roots.shift(); root; root = roots.shift()) {
      const finder = new ShadowRootFinder(root);
      for (;;) {
        const shadow = finder.next(slicer.shouldYield);
        if (shadow === null) break;
        if (shadow === undefined) {
          await slicer.pause(signal);
          continue;
        }
        if (this.shadowRoots.has(shadow) || this.excludedHost(shadow.host)) continue;
        roots.push(shadow);
        this.addShadowRoot(shadow);
        await this.scanner.scan(shadow, slicer, signal, true);
      }
    }
    slicer.end();
    this.scheduleReport();
  }

  /** Rescans are chained so two batches never interleave. */
  private queueRescan(batch: ChangeBatch): void {
    this.options.onMutations?.();
    if (this.signal.aborted) return;
    this.rescanning = this.rescanning
      .then(() => this.rescan(batch))
      .catch((e: unknown) => {
        if (!this.signal.aborted) console.debug('[contextual-highlights] rescan failed', e);
      });
  }

  private async rescan(batch: ChangeBatch): Promise<void> {
    const started = performance.now();
    const { signal } = this;
    if (signal.aborted) return;
    if (this.doc.designMode === 'on') {
      this.store.clear();
      return;
    }
    for (const node of batch.gone) this.forget(node);
    if (batch.sweep) {
      for (const m of [...this.store.all]) if (!m.start.isConnected || !m.end.isConnected) this.store.remove(m);
    }
    const slicer = new Slicer();
    slicer.begin();
    for (const scope of batch.scopes) await this.scanner.scan(scope, slicer, signal, false);
    this.store.settle();
    this.paintWindow.commit();
    slicer.end();
    markRescan(started);
    this.scheduleReport();
    if (batch.added.length > 0) {
      // Added elements may be shadow hosts without light text, or components not defined yet.
      const hosts = new Slicer();
      hosts.begin();
      for (const el of batch.added) {
        this.watchUpgradesUnder(el);
        if (el.shadowRoot && !this.shadowRoots.has(el.shadowRoot) && !this.excludedHost(el)) {
          this.addShadowRoot(el.shadowRoot);
          await this.scanner.scan(el.shadowRoot, hosts, signal, false);
        }
      }
      hosts.end();
      await this.findOtherShadowRoots(batch.added);
    }
  }

  /** Forgets every mention in a subtree that left the page or became editable. */
  private forget(node: Node): void {
    if (node.nodeType === 3) {
      this.store.removeAt(node as Text);
      return;
    }
    // The subtree, and the shadow roots of hosts inside it (those go from our list too).
    const roots: Node[] = [node];
    for (let i = 0; i < roots.length; i++) {
      for (const shadow of this.shadowRoots) {
        if (shadow.host === roots[i] || roots[i]!.contains(shadow.host)) {
          roots.push(shadow);
          this.shadowRoots.delete(shadow);
          this.shadowList = null;
        }
      }
    }
    for (const root of roots) {
      const walker = this.doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) this.store.removeAt(t as Text);
    }
  }

  /** A host in an editable region or other excluded content: its shadow tree is not read. */
  private excludedHost(host: Element): boolean {
    return isExcludedElement(host, this.options.isOwn) || isInExcludedRegion(host, null, this.options.isOwn);
  }

  /** The open shadow roots we paint in, as an array (hover hit-testing asks for it every frame). */
  private shadowRootList(): ShadowRoot[] {
    this.shadowList ??= [...this.shadowRoots];
    return this.shadowList;
  }

  private shadowList: ShadowRoot[] | null = null;

  private scheduleReport(now = false): void {
    if (this.signal.aborted) return;
    const send = (): void => {
      this.reportTimer = undefined;
      if (this.signal.aborted || !this.released || this.store.version === this.reportedVersion) return;
      this.reportedVersion = this.store.version;
      this.options.onChange(this.store.countsById());
    };
    if (now) {
      clearTimeout(this.reportTimer);
      send();
    } else if (this.reportTimer === undefined) {
      this.reportTimer = setTimeout(send, REPORT_MS);
    }
  }

  setMode(mode: HighlightMode): void {
    this.painter.restyle(mode);
  }

  stop(): void {
    this.controller.abort(new DOMException('highlighting stopped', 'AbortError'));
  }
}
