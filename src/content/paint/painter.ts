/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per entity type, registered in
 * CSS.highlights under names that carry this document's own token. Nothing in the page's DOM
 * changes. The ::highlight rules reach the document only once a run paints there: the background
 * inserts them (and the browser takes them out when the extension goes); where it cannot, the
 * document adopts a constructed copy. Open shadow roots, where document styles do not reach
 * ::highlight, adopt a copy too. The reader's colours are written into the rules (security review
 * F4: custom properties on the page's root were readable by the page).
 */
import { ENTITY_TYPES, type EntityType } from '../../core/dataset-types';
import { isDark } from '../../core/colors';
import {
  HIGHLIGHT_PREFIX,
  focusName,
  highlightCss,
  highlightName,
  type HighlightMode,
  type ReaderColours,
  type Variant,
} from '../../core/highlight-css';
import { adopt, hasAdopted, makeSheet, setSheetText, unadopt } from './adopted-sheets';
import { pageBackground } from './page-colours';

/** The names a copy of this script registers, whatever its document's token. */
const OUR_NAME = new RegExp(
  `^${HIGHLIGHT_PREFIX}-[a-z0-9]{8,16}-(?:focus|(?:${ENTITY_TYPES.join('|')})(?:-underline)?(?:-on-dark)?)$`,
);

/**
 * Removes highlights a previous copy of the content script left behind in this document (e.g. one
 * Firefox destroyed on an update): its token is unknown here, so every name of our exact shape goes.
 * A page's own highlights under our prefix in another shape are never ours to delete.
 */
export function clearStaleHighlights(registry: HighlightRegistry = CSS.highlights): void {
  try {
    // Names only: in Firefox the old copy's Highlight objects belong to a destroyed sandbox, and
    // the registry's iterators cannot cross its Xray wrapper (forEach can).
    const stale: string[] = [];
    registry.forEach((_, name) => {
      if (OUR_NAME.test(name)) stale.push(name);
    });
    for (const name of stale) registry.delete(name);
  } catch {
    // A registry the page replaced, or one that cannot be read from here: nothing to clear.
  }
}

function everyIn(ranges: Set<AbstractRange>, h: Highlight): boolean {
  for (const r of ranges) if (!h.has(r)) return false;
  return true;
}

export interface PainterOptions {
  doc: Document;
  mode?: HighlightMode;
  /** Defaults to CSS.highlights (tests hand in a Map-like fake). */
  registry?: HighlightRegistry;
  /** Defaults to `new Highlight()`. */
  newHighlight?: () => Highlight;
  /**
   * Puts the rules into the document for us (the background's insertCSS); resolves whether it did.
   * Without it, or when it did not, the document adopts a copy.
   */
  styleDocument?: () => Promise<boolean>;
}

export class Painter {
  private readonly doc: Document;
  private readonly registry: HighlightRegistry;
  private readonly highlights = new Map<EntityType, Highlight>();
  /** The ranges we put in each type's Highlight (a page may add its own: heal() takes them out). */
  private readonly own = new Map<EntityType, Set<AbstractRange>>();
  /** The range the focus highlight shows, if any. */
  private focusRange: AbstractRange | null = null;
  private readonly focus: Highlight;
  private readonly shadowRoots = new Set<ShadowRoot>();
  private readonly styleDocument: (() => Promise<boolean>) | undefined;
  private variant: Variant;
  private attached = false;
  private disposed = false;
  private token: string | null = null;
  /**
   * Our rules as a constructed sheet (made at attach), adopted by the open shadow roots we paint in,
   * and by the document itself when the background could not insert them for it.
   */
  private sheet: CSSStyleSheet | null = null;
  /** The document adopted `sheet` (the background could not insert the rules). */
  private documentAdopted = false;
  private colours: ReaderColours = {};
  private markStyled: () => void = () => {};
  /** Resolves once the document has our rules (inserted for it, or its own copy adopted). */
  readonly styled = new Promise<void>((resolve) => (this.markStyled = resolve));

  constructor(options: PainterOptions) {
    this.doc = options.doc;
    this.registry = options.registry ?? CSS.highlights;
    this.styleDocument = options.styleDocument;
    const newHighlight = options.newHighlight ?? (() => new Highlight());
    this.variant = { mode: options.mode ?? 'background', dark: false };
    for (const type of ENTITY_TYPES) {
      this.highlights.set(type, newHighlight());
      this.own.set(type, new Set());
    }
    this.focus = newHighlight();
    this.focus.priority = 1;
  }

  /** The document's token, which every name we register carries; set before attach(). */
  setToken(token: string): void {
    if (this.attached && token !== this.token) throw new Error('the token of an attached painter cannot change');
    this.token = token;
  }

  private name(type: EntityType, variant = this.variant): string {
    return highlightName(this.token!, type, variant);
  }

  /** Registers the highlights (under the look that suits the page's background) and styles the document. */
  attach(): void {
    if (this.attached) return;
    if (this.token === null) throw new Error('attach() before setToken()');
    this.attached = true;
    this.variant = { mode: this.variant.mode, dark: isDark(pageBackground(this.doc)) };
    for (const [type, h] of this.highlights) this.registry.set(this.name(type), h);
    this.sheet = makeSheet(this.doc, highlightCss(this.token, ENTITY_TYPES, this.colours));
    for (const root of [...this.shadowRoots]) if (!this.adoptRules(root)) this.shadowRoots.delete(root);
    const adoptCopy = (): void => {
      this.markStyled();
      if (this.disposed || !this.sheet) return;
      this.documentAdopted = adopt(this.doc, this.sheet);
    };
    if (!this.styleDocument) adoptCopy();
    else
      this.styleDocument().then(
        (inserted) => (inserted ? this.markStyled() : adoptCopy()),
        () => adoptCopy(),
      );
  }

  /** Switches look, or follows the page between light and dark, by renaming the highlights. */
  restyle(mode: HighlightMode = this.variant.mode): void {
    if (!this.attached) {
      this.variant = { mode, dark: false };
      return;
    }
    const next: Variant = { mode, dark: isDark(pageBackground(this.doc)) };
    if (next.mode === this.variant.mode && next.dark === this.variant.dark) return;
    for (const [type, h] of this.highlights) {
      this.registry.delete(this.name(type));
      this.registry.set(this.name(type, next), h);
    }
    this.variant = next;
  }

  /**
   * Gives the highlights the reader's own colours per type (none: the adaptive defaults), in the
   * rules of our own sheet (the document's inserted styles are the content script's to renew).
   */
  setReaderColours(colours: ReaderColours): void {
    this.colours = colours;
    if (this.sheet) setSheetText(this.sheet, highlightCss(this.token!, ENTITY_TYPES, colours));
  }

  /**
   * Makes our ::highlight rules apply inside an open shadow root without touching its DOM (once
   * attached: a root found before then is styled at attach()).
   */
  adopt(root: ShadowRoot): void {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    if (this.attached && !this.adoptRules(root)) this.shadowRoots.delete(root);
  }

  /** Adopts our rules into an open shadow root of the document; false if it cannot. */
  private adoptRules(root: ShadowRoot): boolean {
    return this.sheet !== null && adopt(root, this.sheet);
  }

  add(type: EntityType, range: AbstractRange): void {
    this.highlights.get(type)!.add(range);
    this.own.get(type)!.add(range);
  }

  delete(type: EntityType, range: AbstractRange): void {
    this.highlights.get(type)!.delete(range);
    this.own.get(type)!.delete(range);
  }

  replace(type: EntityType, ranges: AbstractRange[]): void {
    const h = this.highlights.get(type)!;
    const own = this.own.get(type)!;
    h.clear();
    own.clear();
    for (const r of ranges) {
      h.add(r);
      own.add(r);
    }
  }

  /** Emphasises one mention (the one whose card is open); null clears it. */
  setFocus(range: AbstractRange | null): void {
    this.focusRange = range;
    this.focus.clear();
    if (!this.attached) return;
    if (range) {
      this.focus.add(range);
      this.registry.set(focusName(this.token!), this.focus);
    } else {
      this.registry.delete(focusName(this.token!));
    }
  }

  /**
   * Puts back what the page took away or slipped in: our highlights in the registry (a page that
   * called CSS.highlights.clear() or deleted them), their ranges as we made them (a page that added
   * its own, "VIRUS DETECTED", to paint them in our colours: security review F17), and our sheet
   * where we adopted it (a page that replaced adoptedStyleSheets). Returns whether anything was wrong.
   */
  heal(): boolean {
    if (!this.attached) return false;
    let healed = false;
    for (const [type, h] of this.highlights) {
      const own = this.own.get(type)!;
      // Sizes and membership, never iteration: Firefox cannot iterate a Highlight through its Xray wrapper.
      if (h.size !== own.size || !everyIn(own, h)) {
        h.clear();
        for (const r of own) h.add(r);
        healed = true;
      }
      const name = this.name(type);
      if (h.size > 0 && this.registry.get(name) !== h) {
        this.registry.set(name, h);
        healed = true;
      }
    }
    const focus = focusName(this.token!);
    if (this.focusRange && (this.focus.size !== 1 || !this.focus.has(this.focusRange))) {
      this.focus.clear();
      this.focus.add(this.focusRange);
      healed = true;
    }
    if (this.focus.size > 0 && this.registry.get(focus) !== this.focus) {
      this.registry.set(focus, this.focus);
      healed = true;
    }
    const roots: DocumentOrShadowRoot[] = [...(this.documentAdopted ? [this.doc] : []), ...this.shadowRoots];
    for (const root of roots) {
      // A tree that is gone cannot adopt: nothing to restore there.
      if (this.sheet && !hasAdopted(root, this.sheet) && adopt(root, this.sheet)) healed = true;
    }
    return healed;
  }

  /** Removes every highlight and adopted sheet we added (inserted styles are the content script's to remove). */
  dispose(): void {
    this.disposed = true;
    if (this.token !== null) {
      for (const [type, h] of this.highlights) {
        const name = this.name(type);
        if (this.registry.get(name) === h) this.registry.delete(name);
      }
      if (this.registry.get(focusName(this.token)) === this.focus) this.registry.delete(focusName(this.token));
    }
    if (this.sheet) {
      for (const root of this.shadowRoots) unadopt(root, this.sheet);
      if (this.documentAdopted) unadopt(this.doc, this.sheet);
    }
    for (const h of this.highlights.values()) h.clear();
    for (const own of this.own.values()) own.clear();
    this.focusRange = null;
    this.sheet = null;
    this.documentAdopted = false;
    this.shadowRoots.clear();
  }
}
