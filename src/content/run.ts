/**
 * One highlighting run on a page: the first scan (what is on screen first, then the rest in
 * slices), then incremental rescans as the page changes. Everything it adds — highlights, styles,
 * listeners, observers, the card — hangs off one AbortSignal, so stopping it leaves the page as it
 * was. The parts (reading, the store, painting, cards, shadow roots) know nothing of the run: each
 * is handed only the functions it needs.
 */
import type { EntityType } from '../core/dataset-types';
import { markerColour, markerTrack, type HighlightMode } from '../core/highlight-css';
import type { Matcher } from '../core/matcher-data';
import type { CardSource } from '../core/card-view';
import type { MentionPlace, MentionPositions, RunCommand } from '../shared/messages';
import { isDark } from '../core/colors';
import { Cards } from './card/cards';
import { isOwnElement } from './own-elements';
import { mentionPositions, mentionsOf } from './mention-positions';
import { SHOW_TEXT } from './dom';
import { MentionStore } from './mention-store';
import { PageMarkers, markerTicks, type MarkerView } from './page-markers';
import { pageBackground } from './paint/page-colours';
import { PaintFilter, type PaintChoices } from './paint/paint-filter';
import { PaintWindow } from './paint/paint-window';
import { Painter } from './paint/painter';
import { watchTheme } from './paint/theme-watch';
import { isExcludedElement, isInExcludedRegion } from './read/elements';
import { MutationWatcher, type ChangeBatch } from './read/mutation-watcher';
import { pageOptions } from './read/page-language';
import { PageScanner } from './read/scanner';
import { ShadowRoots } from './read/shadow-roots';
import { Slicer, afterNextFrame, afterNextTask, whenVisible } from './read/slicer';
import { isScrolled, mayBeScrolled, viewportBlocks } from './read/viewport';
import { markFirstPaint, markRescan, markScanDone } from './timing';

export interface RunOptions {
  doc: Document;
  matcher: Matcher;
  /** When the content script started (performance.now()), for the timing marks. */
  startedAt: number;
  mode: HighlightMode;
  loadCard: (entityId: string) => Promise<CardSource | null>;
  /** The reader's settings cards follow, read when needed (they may change while the run lives). */
  hoverDelayMs: () => number;
  isMuted: (entityId: string) => boolean;
  setMuted: (entityId: string, muted: boolean) => void;
  /**
   * Called (throttled) whenever the shown mentions change, and when the first scan completes: the
   * mentions per entity id in order of first appearance, and whether the first scan is done.
   */
  onChange: (found: [string, number][], done: boolean) => void;
  /** Called before each batch of page changes is handled (a chance to notice a navigation). */
  onMutations?: () => void;
  /** Puts the highlight styles into the document (see Painter); resolves whether it did. */
  styleDocument?: () => Promise<boolean>;
}

/**
 * Where the first scan is. A scrolled page starts with 'viewport' (the blocks on screen are found
 * and read first); a page at its top with 'first-slice' (the first slice of the full pass covers
 * the screen). Once the screen is read: 'rest', at background priority. When the whole page is
 * read: 'scanned' until the settings release the run, then 'done' (marks made, counts reported).
 */
type FirstScan = 'viewport' | 'first-slice' | 'rest' | 'scanned' | 'done';

const REPORT_MS = 250;
/** The on-screen blocks of a scrolled page are read in one go unless they take longer than this. */
const VISIBLE_BUDGET_MS = 30;

export class Run {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private readonly doc: Document;
  private readonly options: RunOptions;
  private readonly painter: Painter;
  private readonly paintWindow: PaintWindow;
  private readonly filter: PaintFilter;
  private readonly store: MentionStore;
  private readonly scanner: PageScanner;
  private readonly watcher: MutationWatcher;
  private readonly shadowRoots: ShadowRoots;
  /** Cards on hover, tap and keyboard: set up when the run is released. */
  private cards: Cards | null = null;

  private phase: FirstScan = 'first-slice';
  /** The settings allow painting here (nothing is painted or reported before). */
  private released = false;
  /** The first scan's slicer: once the screen is read, the rest yields to everything the page does. */
  private firstSlicer: Slicer | null = null;
  /** The first scan's busy time, kept for the marks when it ends before the release. */
  private busyBeforeRelease = 0;

  /** Rescans are chained so two batches never interleave. */
  private rescanning: Promise<void> = Promise.resolve();
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private reportedVersion = -1;
  private reportedDone = false;

  constructor(options: RunOptions) {
    const { doc, matcher } = options;
    const signal = this.signal;
    this.doc = doc;
    this.options = options;
    this.painter = new Painter({ doc, mode: options.mode, styleDocument: options.styleDocument });
    this.paintWindow = new PaintWindow({
      painter: this.painter,
      typeOf: (m) => matcher.entities[m.entity]!.type,
      doc,
      signal,
      inSlices: (work) => this.inSlices('following the viewport', work),
    });
    this.filter = new PaintFilter(this.paintWindow, () => this.store.shownMentions());
    this.store = new MentionStore(matcher, this.filter);
    this.watcher = new MutationWatcher({
      doc,
      isOwn: isOwnElement,
      onBatch: (batch) => this.queueRescan(batch),
      signal,
    });
    this.shadowRoots = new ShadowRoots({
      signal,
      adopt: (root) => this.painter.adopt(root),
      observe: (root) => this.watcher.observe(root),
      isExcludedHost: (host) => isExcludedElement(host, isOwnElement) || isInExcludedRegion(host, null, isOwnElement),
      onAppeared: (roots) => this.queueRescan({ gone: [], scopes: roots, added: [] }),
    });
    this.scanner = new PageScanner({
      matcher,
      store: this.store,
      page: pageOptions(doc),
      walk: {
        isOwn: isOwnElement,
        onShadowRoot: (root) => void this.shadowRoots.add(root),
        onCustomElement: (el) => this.shadowRoots.watchUpgrade(el),
      },
      commit: () => this.commitSlice(),
    });
    signal.addEventListener('abort', () => {
      clearTimeout(this.reportTimer);
      this.markers?.remove();
      this.store.clear();
      this.painter.dispose();
    });
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
    slicer.label = 'first scan';
    this.firstSlicer = slicer;
    this.watcher.observe(doc);
    const view = doc.defaultView;
    if (view && mayBeScrolled(view)) {
      // A restored position or an anchor: whether the page is scrolled is read in a frame callback
      // (read in a task, scrollY forces the page's pending layout), and if it is, the blocks on
      // screen are found and read first.
      const scrolled = await isScrolled(view);
      if (signal.aborted) return;
      if (scrolled) {
        slicer.begin();
        await this.readScreen(slicer);
        slicer.end();
        await afterNextFrame();
        if (signal.aborted) return;
      }
    } else if (view) {
      // A fresh load starts at the top, where the first slice of the full pass reads what is on
      // screen, in a task of its own after the page's pending ones (the task that started the run
      // built the matcher), and its mentions are painted in the next frame. Run ahead of the
      // page's tasks it paints sooner in Chromium (docs/performance.md, 2026-12-08), but on a busy
      // machine it met the page's pending work: 205 ms on a 10 MB text node in Chromium, 110 ms on
      // the inline-text clock page in Firefox (the hostile gallery's long-slice check).
      // A page that scrolled itself meanwhile is caught in the callback of the frame that paints
      // the first slice: asked for before the slice, that frame could come first and the check
      // would be lost.
      this.checkScrolled = true;
      await afterNextTask();
      if (signal.aborted) return;
    }
    slicer.begin();
    await this.scanner.scan(body, { slicer, signal, skipRead: true, remember: false });
    slicer.end();
    this.screenRead();
    if (this.released) this.finishScan(slicer.busy);
    else {
      this.phase = 'scanned';
      this.busyBeforeRelease = slicer.busy;
    }
  }

  /** Reads the blocks on screen (a scrolled page) before the rest, with `slicer` begun. */
  private async readScreen(slicer: Slicer): Promise<void> {
    this.phase = 'viewport';
    for (const block of viewportBlocks(this.doc, isOwnElement)) {
      await this.scanner.scan(block, { slicer, signal: this.signal, skipRead: true, budgetMs: VISIBLE_BUDGET_MS });
    }
    this.screenRead();
  }

  /**
   * A fresh load that turned out scrolled after its first slice (the page scrolled itself): the
   * blocks on screen are read now, between the full pass's slices, and stay painted with the first.
   */
  private readScrolledScreen(): void {
    const { signal } = this;
    const read = async (): Promise<void> => {
      await afterNextTask();
      const slicer = new Slicer();
      slicer.label = 'scrolled screen';
      slicer.begin();
      const blocks = viewportBlocks(this.doc, isOwnElement);
      for (const block of blocks) {
        if (signal.aborted) return;
        await this.scanner.scan(block, { slicer, signal, skipRead: true, budgetMs: VISIBLE_BUDGET_MS });
      }
      // The blocks of every mention on screen (read now, or by the full pass before) are painted first.
      const onScreen = new Set<Node>();
      for (const block of blocks) {
        const walker = this.doc.createTreeWalker(block, SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          for (const m of this.store.mentionsAt(t as Text)) onScreen.add(m.block);
        }
      }
      this.store.settle();
      this.paintWindow.addPriority(onScreen);
      this.paintWindow.commit();
      slicer.end();
    };
    read().catch((e: unknown) => this.failed('reading the scrolled screen', e));
  }

  /** The settings allow highlighting here: paint what has been found, and from now on as found. */
  release(): void {
    if (this.released || this.signal.aborted) return;
    this.released = true;
    this.cards = new Cards({
      doc: this.doc,
      store: this.store,
      painted: this.filter,
      painter: this.painter,
      matcher: this.options.matcher,
      loadCard: this.options.loadCard,
      signal: this.signal,
      shadowRoots: () => this.shadowRoots.list(),
      hoverDelayMs: this.options.hoverDelayMs,
      isMuted: this.options.isMuted,
      setMuted: this.options.setMuted,
      pageIsDark: () => isDark(pageBackground(this.doc)),
    });
    this.paintWindow.release();
    // Follow the page between light and dark: the system's preference, or the page's own switch.
    watchTheme(this.doc, () => this.painter.restyle(), this.signal);
    if (this.phase === 'rest' || this.phase === 'scanned') this.paintFirst();
    if (this.phase === 'scanned') this.finishScan(this.busyBeforeRelease);
    this.markers?.refresh();
  }

  /** The page markers while the reader has them on (main.ts asks for them in the top frame only). */
  private markers: PageMarkers | null = null;

  setMarkers(on: boolean): void {
    if (on === (this.markers !== null) || this.signal.aborted) return;
    this.markers?.remove();
    this.markers = on
      ? new PageMarkers(
          this.doc,
          () => this.markerView(),
          (id, index) => void this.revealAt(id, index),
        )
      : null;
    this.markers?.refresh();
  }

  /** The matcher's entities by id (made once, for the markers' redraws). */
  private entitiesById: Map<string, Matcher['entities'][number]> | null = null;

  private markerView(): MarkerView {
    const entities = (this.entitiesById ??= new Map(this.options.matcher.entities.map((e) => [e.id, e])));
    const dark = isDark(pageBackground(this.doc));
    const ticks = markerTicks(this.positions(), (id) => {
      const e = entities.get(id);
      return e && { name: e.name, colour: markerColour(e.type, dark, this.readerColours[e.type]) };
    });
    return { track: markerTrack(dark), ticks };
  }

  /** Restores what the page removed of our painting (see Painter.heal); called now and then. */
  heal(): void {
    if (!this.released || this.signal.aborted) return;
    if (this.painter.heal()) this.paintWindow.commit();
  }

  /** The install's token, which every name given to the page carries (before the release). */
  setToken(token: string): void {
    this.painter.setToken(token);
  }

  setMode(mode: HighlightMode): void {
    this.painter.restyle(mode);
  }

  /** The reader's own colours per type (none: the adaptive defaults). */
  setColours(colours: Partial<Record<EntityType, string>>): void {
    this.readerColours = colours;
    this.painter.setReaderColours(colours);
    this.markers?.refresh();
  }

  private readerColours: Partial<Record<EntityType, string>> = {};

  /**
   * What is painted, by the reader's choices (types, muted entities, first mention only); applied at
   * once. Every mention is still found and counted.
   */
  choosePainted(choices: { allowed: (entity: { id: string; type: EntityType }) => boolean; firstOnly: boolean }): void {
    const entities = this.options.matcher.entities;
    const paint: PaintChoices = { allowed: (e) => choices.allowed(entities[e]!), firstOnly: choices.firstOnly };
    this.filter.choose(paint);
    this.paintWindow.commit();
    this.markers?.refresh();
  }

  /** A keyboard command (next or previous mention, focus into the card); false before the run is released. */
  command(name: RunCommand): boolean {
    return this.cards?.command(name) ?? false;
  }

  /** Scrolls to an entity's next painted mention and opens its card (the popup's list). */
  reveal(entityId: string): boolean {
    return this.cards?.reveal(entityId) ?? false;
  }

  /** Scrolls to one mention of an entity (its place in reading order) and opens its card (the popup's strip). */
  revealAt(entityId: string, index: number): MentionPlace | null {
    const entities = this.options.matcher.entities;
    const list = mentionsOf(this.doc, this.filter, (m) => entities[m.entity]?.id === entityId);
    const target = list[index];
    if (!this.cards || !target) return null;
    return this.cards.revealMention(target) ? { index, total: list.length } : null;
  }

  /** Where each entity's mentions are, as fractions of the page's height (the popup's strips). */
  positions(): MentionPositions {
    if (!this.cards) return [];
    const entities = this.options.matcher.entities;
    return mentionPositions(this.doc, this.filter, (m) => entities[m.entity]?.id ?? '');
  }

  /** Shows the card of the entity that selected text names (the context menu); its id, or null. */
  lookUp(text: string): string | null {
    return this.cards?.lookUp(text) ?? null;
  }

  stop(): void {
    this.controller.abort(new DOMException('highlighting stopped', 'AbortError'));
  }

  /** The end of every scan slice: context rules settled and paint applied once per slice, not per mention. */
  private commitSlice(): void {
    this.store.settle();
    this.paintWindow.commit();
    if (this.phase === 'first-slice') this.screenRead();
  }

  /** A fresh load: whether the page scrolled itself is read once the first slice is done. */
  private checkScrolled = false;

  /** What is on screen has been read (the first slice, or the viewport pass). */
  private screenRead(): void {
    if (this.phase !== 'viewport' && this.phase !== 'first-slice') return;
    this.phase = 'rest';
    const view = this.doc.defaultView;
    if (this.checkScrolled && view) {
      this.checkScrolled = false;
      void isScrolled(view).then((scrolled) => {
        if (scrolled && !this.signal.aborted && this.phase === 'rest') this.readScrolledScreen();
      });
    }
    if (this.firstSlicer) this.firstSlicer.priority = 'background';
    // What is found first is on screen: it stays painted however many mentions follow.
    this.paintWindow.setPriority([...this.store.all].map((m) => m.block));
    if (this.released) this.paintFirst();
  }

  /** Paints what the first slice (or the viewport pass) found: once, when both it and the release happened. */
  private paintFirst(): void {
    if (this.signal.aborted) return;
    this.store.settle();
    this.paintWindow.commit();
    // Painted once the frame after both the highlights and their styles are in has been drawn: in
    // the task after that frame (as the benchmark times its baselines' painted frame).
    void this.painter.styled
      .then(() => afterNextFrame(true))
      .then(() => {
        if (!this.signal.aborted) markFirstPaint();
      });
    this.scheduleReport();
  }

  private finishScan(busy: number): void {
    this.phase = 'done';
    const watching = this.paintWindow.scanDone();
    this.paintWindow.commit();
    markScanDone(this.options.startedAt, busy);
    this.scheduleReport(true);
    this.afterScan(watching).catch((e: unknown) => this.failed('after the first scan', e));
  }

  /** Work that can wait for the first scan (and for the paint window to follow the viewport): upgrades, hidden shadow roots. */
  private async afterScan(watching: Promise<void>): Promise<void> {
    const { signal } = this;
    await watching;
    const body = this.doc.body;
    if (!body || signal.aborted) return;
    this.shadowRoots.watchUpgradesUnder(body);
    await this.searchShadowRoots([body], true);
  }

  /**
   * Runs work in slices of its own, starting in a task of its own (it may be asked for in the middle
   * of a scan's slice); a failure is reported as the run's other failures are.
   */
  private async inSlices(label: string, work: (pause: () => Promise<boolean>) => Promise<void>): Promise<void> {
    const { signal } = this;
    const slicer = new Slicer();
    slicer.label = label;
    try {
      await afterNextTask();
      if (signal.aborted) return;
      slicer.begin();
      await work(async () => {
        if (!slicer.shouldYield()) return false;
        await slicer.pause(signal);
        return signal.aborted;
      });
      slicer.end();
    } catch (e) {
      this.failed(label, e);
    }
  }

  /** Looks for shadow roots the text walk could not meet under `under`, and reads each one found. */
  private async searchShadowRoots(under: Element[], wholePage: boolean): Promise<void> {
    const { signal } = this;
    const slicer = new Slicer('background');
    slicer.label = 'shadow roots';
    slicer.begin();
    const pass = { slicer, signal };
    const read = (root: ShadowRoot): Promise<void> => this.scanner.scan(root, { ...pass, skipRead: true });
    if (wholePage) await this.shadowRoots.searchPage(under[0]!, pass, read);
    else await this.shadowRoots.search(under, pass, read);
    slicer.end();
    this.scheduleReport();
  }

  private queueRescan(batch: ChangeBatch): void {
    this.options.onMutations?.();
    if (this.signal.aborted) return;
    this.rescanning = this.rescanning.then(() => this.rescan(batch)).catch((e: unknown) => this.failed('rescan', e));
  }

  private async rescan(batch: ChangeBatch): Promise<void> {
    const started = performance.now();
    const { signal } = this;
    if (signal.aborted) return;
    if (this.doc.designMode === 'on') {
      this.store.clear();
      return;
    }
    for (const node of batch.gone) for (const gone of this.shadowRoots.forgetUnder(node)) this.store.removeUnder(gone);
    // What is near a mention may have changed anywhere the page changed.
    this.store.invalidate();
    if (batch.sweep) {
      for (const m of [...this.store.all]) if (!m.start.isConnected || !m.end.isConnected) this.store.remove(m);
    }
    const slicer = new Slicer();
    slicer.label = 'rescan';
    slicer.begin();
    for (const scope of batch.scopes) await this.scanner.scan(scope, { slicer, signal, skipRead: false });
    for (const { block, span } of batch.spans ?? []) {
      await this.scanner.scan(block, { slicer, signal, skipRead: false, span });
    }
    this.store.settle();
    this.paintWindow.commit();
    slicer.end();
    markRescan(started, slicer.read);
    // The page changed: where the mentions are may have too (the markers' ticks).
    this.markers?.refresh();
    // A page that changes constantly (a clock) gets rescans no more often than they are cheap.
    this.watcher.pace(slicer.busy);
    this.scheduleReport();
    if (batch.added.length > 0) {
      // Added elements may be shadow hosts without light text, or components not defined yet.
      const hosts = new Slicer();
      hosts.begin();
      for (const el of batch.added) {
        this.shadowRoots.watchUpgradesUnder(el);
        if (el.shadowRoot && this.shadowRoots.takeNew(el.shadowRoot)) {
          await this.scanner.scan(el.shadowRoot, { slicer: hosts, signal, skipRead: false });
        }
      }
      hosts.end();
      await this.searchShadowRoots(batch.added, false);
    }
  }

  private scheduleReport(now = false): void {
    if (this.signal.aborted) return;
    const send = (): void => {
      this.reportTimer = undefined;
      const done = this.phase === 'done';
      if (this.signal.aborted || !this.released) return;
      if (this.store.version === this.reportedVersion && done === this.reportedDone) return;
      this.reportedVersion = this.store.version;
      this.reportedDone = done;
      this.options.onChange(this.store.foundInOrder(), done);
      this.markers?.refresh();
    };
    if (now) {
      clearTimeout(this.reportTimer);
      send();
    } else if (this.reportTimer === undefined) {
      this.reportTimer = setTimeout(send, REPORT_MS);
    }
  }

  /** Work after the first scan never throws into the page; a stopped run's failures are expected. */
  private failed(what: string, e: unknown): void {
    if (!this.signal.aborted) console.debug(`[contextual-highlights] ${what} failed`, e);
  }
}
