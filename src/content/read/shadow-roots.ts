/**
 * The open shadow roots a run reads and paints in. A document's MutationObserver and stylesheets do
 * not reach into shadow trees, so each root found gets our highlight rules (adopted) and its own
 * observation; roots that appear later (a custom element upgraded after load, a host without light
 * text) are looked for and handed to the owner through `onAppeared`; removed ones are forgotten.
 * The module knows nothing of the run that owns it: it is driven by the callbacks it is given.
 */
import { SHOW_ELEMENT, documentOf, isText } from '../dom';
import type { Slicer } from './slicer';

/** Pages with more elements than this are not searched for shadow hosts without light text. */
const SEARCH_MAX_ELEMENTS = 20_000;
/**
 * Attaching a shadow root makes no mutation record, so custom elements that are not defined yet
 * are looked at again a few times as the page's components load (backing off, then giving up).
 */
const UPGRADE_CHECKS_MS = [100, 250, 500, 1000, 2000, 4000, 8000, 15_000, 30_000];

export interface ShadowRootsOptions {
  signal: AbortSignal;
  /** Makes our highlight rules apply inside a root (Painter.adopt). */
  adopt: (root: ShadowRoot) => void;
  /** Watches a root for changes (MutationWatcher.observe). */
  observe: (root: ShadowRoot) => void;
  /** A host whose tree is never read (inside an editable region, our own UI…). */
  isExcludedHost: (host: Element) => boolean;
  /** Roots that appeared on their own (an element upgraded): the owner reads them. */
  onAppeared: (roots: ShadowRoot[]) => void;
}

export interface SearchPass {
  slicer: Slicer;
  signal: AbortSignal;
}

export class ShadowRoots {
  private readonly known = new Set<ShadowRoot>();
  /** `known` as an array, for hit-testing every frame (made again only after a change). */
  private asList: ShadowRoot[] | null = null;
  /** Custom elements that may still get a shadow root when their definition loads. */
  private readonly upgrading = new Set<Element>();
  private upgradeTimer: ReturnType<typeof setTimeout> | undefined;
  private upgradeStep = 0;

  constructor(private readonly options: ShadowRootsOptions) {
    options.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(this.upgradeTimer);
        this.upgrading.clear();
      },
      { once: true },
    );
  }

  /** Takes a root in (adopts our rules, observes it); false if it was known already. */
  add(root: ShadowRoot): boolean {
    if (this.known.has(root)) return false;
    this.known.add(root);
    this.asList = null;
    this.options.adopt(root);
    this.options.observe(root);
    return true;
  }

  /** A root found under an element to be read now, unless known or under an excluded host. */
  takeNew(root: ShadowRoot): boolean {
    if (this.known.has(root) || this.options.isExcludedHost(root.host)) return false;
    return this.add(root);
  }

  list(): ShadowRoot[] {
    this.asList ??= [...this.known];
    return this.asList;
  }

  /**
   * Forgets the roots whose hosts lie in a subtree that left the page (or became editable), and
   * returns them with the subtree: everything whose mentions must go.
   */
  forgetUnder(node: Node): Node[] {
    const gone: Node[] = [node];
    if (isText(node) || this.known.size === 0) return gone;
    for (let i = 0; i < gone.length; i++) {
      const top = gone[i]!;
      for (const shadow of this.known) {
        if (shadow.host === top || top.contains(shadow.host)) {
          gone.push(shadow);
          this.known.delete(shadow);
          this.asList = null;
        }
      }
    }
    return gone;
  }

  /** A custom element not defined yet may get a shadow root when it is: look again later. */
  watchUpgrade(el: Element): void {
    if (this.upgrading.has(el) || el.matches(':defined')) return;
    this.upgrading.add(el);
    this.upgradeStep = 0;
    if (this.upgradeTimer === undefined) this.scheduleUpgradeCheck();
  }

  /** Watches every custom element under `root` (and `root` itself) that is not defined yet. */
  watchUpgradesUnder(root: Element): void {
    if (root.localName.includes('-')) this.watchUpgrade(root);
    for (const el of root.querySelectorAll(':not(:defined)')) this.watchUpgrade(el);
  }

  private scheduleUpgradeCheck(): void {
    const delay = UPGRADE_CHECKS_MS[this.upgradeStep++];
    if (delay === undefined || this.options.signal.aborted) {
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
          if (this.add(el.shadowRoot)) roots.push(el.shadowRoot);
        } else if (el.matches(':defined')) this.upgrading.delete(el);
      }
      if (roots.length > 0) this.options.onAppeared(roots);
      if (this.upgrading.size > 0) this.scheduleUpgradeCheck();
      else this.upgradeTimer = undefined;
    }, delay);
  }

  /**
   * Open shadow roots whose hosts hold no light-DOM text are invisible to the text walk: look for
   * them under `under` in slices and hand each new one to `read` (which may find more inside).
   */
  async search(under: Node[], pass: SearchPass, read: (root: ShadowRoot) => Promise<void>): Promise<void> {
    const { slicer, signal } = pass;
    const queue: Node[] = [...under];
    for (let root = queue.shift(); root; root = queue.shift()) {
      const finder = new ShadowRootFinder(root);
      for (;;) {
        const shadow = finder.next(slicer.shouldYield);
        if (shadow === null) break;
        if (shadow === undefined) {
          await slicer.pause(signal);
          continue;
        }
        if (!this.takeNew(shadow)) continue;
        queue.push(shadow);
        await read(shadow);
      }
    }
  }

  /**
   * The same search over a whole page, skipped on pages of more than SEARCH_MAX_ELEMENTS elements:
   * it touches every element, which costs more (in wrappers made and collected, notably in
   * Firefox) than the rare text-less shadow host is worth.
   */
  async searchPage(body: Element, pass: SearchPass, read: (root: ShadowRoot) => Promise<void>): Promise<void> {
    if (body.getElementsByTagName('*').length > SEARCH_MAX_ELEMENTS) return;
    await this.search([body], pass, read);
  }
}

/**
 * Open shadow roots under `root` whose hosts the text walk cannot meet (hosts without light-DOM
 * text, or not custom elements). Touches every element, so the content script runs it after the
 * first scan, in slices; `yieldNow` pauses it (it then returns undefined, call again).
 */
export class ShadowRootFinder {
  private readonly walker: TreeWalker;
  constructor(root: Node) {
    const doc = documentOf(root);
    this.walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  }

  next(yieldNow?: () => boolean): ShadowRoot | null | undefined {
    // Restart from the root if the page removed where we stopped (roots found twice are ignored).
    const at = this.walker.currentNode;
    if (!at.isConnected && this.walker.root.isConnected) this.walker.currentNode = this.walker.root;
    let budget = 256;
    for (let el = this.walker.nextNode() as Element | null; el; el = this.walker.nextNode() as Element | null) {
      const shadow = el.shadowRoot;
      if (shadow) return shadow;
      if (--budget === 0) {
        budget = 256;
        if (yieldNow && yieldNow()) return undefined;
      }
    }
    return null;
  }
}
