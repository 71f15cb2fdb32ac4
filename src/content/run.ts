/**
 * One highlighting run on a page: first scan (viewport first, then the rest in slices), then
 * incremental rescans as the page changes. Everything it adds — highlights, styles, listeners,
 * observers, the card — hangs off one AbortSignal, so stopping it leaves the page as it was.
 */
import type { Matcher } from '../core/matcher-data';
import type { CardContent } from './card';
import { HoverCards } from './hover';
import { MentionStore } from './mention-store';
import { MutationWatcher, type ChangeBatch } from './mutation-watcher';
import { PageScanner } from './page-scanner';
import { PaintWindow } from './paint-window';
import { Painter } from './painter';
import type { HighlightMode } from './highlight-style';
import { Slicer, afterNextFrame, whenVisible } from './schedule';
import { pageTakesGenitive } from './page-language';
import { markFirstPaint, markRescan, markScanDone } from './timing';
import { ShadowRootFinder, readUnits } from './text-units';
import { viewportBlocks } from './viewport';

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
  readonly hover: HoverCards;
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
    this.paintWindow = new PaintWindow(this.painter, (m) => matcher.entities[m.entity]!.type, doc, this.signal);
    this.store = new MentionStore(matcher, this.paintWindow);
    const isOwn = (el: Element): boolean => options.isOwn(el) || el === this.hover?.cardElement;
    this.scanner = new PageScanner(
      matcher,
      this.store,
      {
        isOwn,
        onShadowRoot: (root) => this.addShadowRoot(root),
        onCustomElement: (el) => this.watchUpgrade(el),
        unit: { genitive: pageTakesGenitive(doc) },
      },
      // Context rules are settled and paint applied once per slice, not once per mention.
      () => {
        this.store.settle();
        this.paintWindow.commit();
      },
    );
    this.watcher = new MutationWatcher(doc, isOwn, (batch) => this.queueRescan(batch), this.signal);
    this.hover = new HoverCards(
      doc,
      this.store,
      this.painter,
      options.loadCard,
      (e) => matcher.entities[e]!.id,
      this.signal,
      () => [...this.shadowRoots],
    );
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

  /** Scans the page: the visible blocks first (painted at once), then everything else in slices. */
  async start(): Promise<void> {
    const { doc, signal } = this;
    await whenVisible(doc, signal);
    const body = doc.body;
    if (!body || doc.designMode === 'on') return;
    const slicer = new Slicer();
    slicer.begin();
    this.watcher.observe(doc);
    for (const block of viewportBlocks(doc, this.options.isOwn)) {
      await this.scanner.scan(block, slicer, signal, true);
    }
    // Let the visible part reach the screen before reading the rest.
    slicer.end();
    requestAnimationFrame(() => {
      if (!signal.aborted) markFirstPaint();
    });
    await afterNextFrame();
    if (signal.aborted) return;
    slicer.begin();
    this.scheduleReport();
    await this.scanner.scan(body, slicer, signal, true);
    slicer.end();
    markScanDone(this.options.startedAt, slicer.busy);
    this.scheduleReport(true);
    this.watchUpgradesUnder(body);
    await this.findOtherShadowRoots([body]);
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
        roots.push(shadow);
        if (this.shadowRoots.has(shadow)) continue;
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
    this.rescanning = this.rescanning.then(() => this.rescan(batch)).catch((e: unknown) => {
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
        if (el.shadowRoot && !this.shadowRoots.has(el.shadowRoot)) {
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
    const roots: Node[] = [node];
    if (node.nodeType === 1 && (node as Element).shadowRoot) roots.push((node as Element).shadowRoot!);
    for (const root of roots) {
      for (const unit of readUnits(root)) for (const text of unit.nodes) this.store.removeAt(text);
    }
  }

  private scheduleReport(now = false): void {
    if (this.signal.aborted) return;
    const send = (): void => {
      this.reportTimer = undefined;
      if (this.signal.aborted || this.store.version === this.reportedVersion) return;
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
