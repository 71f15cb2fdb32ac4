/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per entity type, registered in
 * CSS.highlights under names that carry the install's token. Nothing in the page's DOM changes.
 * The ::highlight rules reach the document only once a run paints there: the background inserts
 * them (and the browser takes them out when the extension goes); where it cannot, the document
 * adopts a constructed copy. Open shadow roots, where document styles do not reach ::highlight,
 * adopt a copy too.
 */
import { ENTITY_TYPES, type EntityType } from '../../core/dataset-types';
import { isDark } from '../../core/colors';
import {
  VARIANTS,
  focusName,
  highlightCss,
  highlightName,
  readerColoursCss,
  type HighlightMode,
  type Variant,
} from '../../core/highlight-css';
import { adopt, hasAdopted, makeSheet, setSheetText, unadopt } from './adopted-sheets';
import { pageBackground } from './page-colours';

/** The rules as a constructed sheet, one per document and token, shared by the roots in that document. */
const sheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

function sheetFor(doc: Document, token: string): CSSStyleSheet | null {
  let perToken = sheets.get(doc);
  if (!perToken) sheets.set(doc, (perToken = new Map()));
  if (!perToken.has(token)) perToken.set(token, makeSheet(doc, highlightCss(token, ENTITY_TYPES)));
  return perToken.get(token)!;
}

/**
 * Removes highlights a previous copy of the content script left behind (e.g. before an update):
 * those of this install only; a page's own highlights are never ours to delete, whatever their name.
 */
export function clearStaleHighlights(token: string, registry: HighlightRegistry = CSS.highlights): void {
  // By name, without iterating the registry: in Firefox the old copy's Highlight objects belong to
  // a destroyed sandbox (touching them throws), and registry iterators cannot cross into ours.
  for (const variant of VARIANTS) for (const type of ENTITY_TYPES) registry.delete(highlightName(token, type, variant));
  registry.delete(focusName(token));
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
  private readonly focus: Highlight;
  private readonly shadowRoots = new Set<ShadowRoot>();
  private readonly styleDocument: (() => Promise<boolean>) | undefined;
  private variant: Variant;
  private attached = false;
  private disposed = false;
  private token: string | null = null;
  /** The document's own copy of the rules, when they could not be inserted for it. */
  private documentSheet: CSSStyleSheet | null = null;
  /** The reader's own colours (custom properties on the page's root), adopted only when there are any. */
  private colourSheet: CSSStyleSheet | null = null;
  private colours: Partial<Record<EntityType, string>> = {};
  private markStyled: () => void = () => {};
  /** Resolves once the document has our rules (inserted for it, or its own copy adopted). */
  readonly styled = new Promise<void>((resolve) => (this.markStyled = resolve));

  constructor(options: PainterOptions) {
    this.doc = options.doc;
    this.registry = options.registry ?? CSS.highlights;
    this.styleDocument = options.styleDocument;
    const newHighlight = options.newHighlight ?? (() => new Highlight());
    this.variant = { mode: options.mode ?? 'background', dark: false };
    for (const type of ENTITY_TYPES) this.highlights.set(type, newHighlight());
    this.focus = newHighlight();
    this.focus.priority = 1;
  }

  /** The install's token, which every name we register carries; set before attach(). */
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
    this.setReaderColours(this.colours);
    for (const root of [...this.shadowRoots]) if (!this.adoptRules(root)) this.shadowRoots.delete(root);
    const adoptCopy = (): void => {
      this.markStyled();
      if (this.disposed) return;
      this.documentSheet = sheetFor(this.doc, this.token!);
      if (this.documentSheet) adopt(this.doc, this.documentSheet);
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
   * Gives the highlights the reader's own colours per type (none: the adaptive defaults). The
   * colours are custom properties that only our ::highlight rules read, set on the page's root by
   * a constructed sheet the document adopts (no element of the page changes).
   */
  setReaderColours(colours: Partial<Record<EntityType, string>>): void {
    this.colours = colours;
    if (!this.attached) return;
    const css = readerColoursCss(this.token!, colours);
    if (!css) {
      if (this.colourSheet) unadopt(this.doc, this.colourSheet);
      this.colourSheet = null;
      return;
    }
    if (this.colourSheet) setSheetText(this.colourSheet, css);
    else this.colourSheet = makeSheet(this.doc, css);
    // A document that cannot have constructed sheets keeps the default colours.
    if (this.colourSheet) adopt(this.doc, this.colourSheet);
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
    const sheet = sheetFor(this.doc, this.token!);
    return sheet !== null && adopt(root, sheet);
  }

  add(type: EntityType, range: AbstractRange): void {
    this.highlights.get(type)!.add(range);
  }

  delete(type: EntityType, range: AbstractRange): void {
    this.highlights.get(type)!.delete(range);
  }

  replace(type: EntityType, ranges: AbstractRange[]): void {
    const h = this.highlights.get(type)!;
    h.clear();
    for (const r of ranges) h.add(r);
  }

  /** Emphasises one mention (the one whose card is open); null clears it. */
  setFocus(range: AbstractRange | null): void {
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
   * Puts back what the page took away: our highlights in the registry (a page that called
   * CSS.highlights.clear() or deleted them) and our sheets where we adopted them (a page that
   * replaced adoptedStyleSheets). Returns whether anything was missing.
   */
  heal(): boolean {
    if (!this.attached) return false;
    let healed = false;
    for (const [type, h] of this.highlights) {
      const name = this.name(type);
      if (h.size > 0 && this.registry.get(name) !== h) {
        this.registry.set(name, h);
        healed = true;
      }
    }
    const focus = focusName(this.token!);
    if (this.focus.size > 0 && this.registry.get(focus) !== this.focus) {
      this.registry.set(focus, this.focus);
      healed = true;
    }
    const sheet = sheetFor(this.doc, this.token!);
    const roots: [DocumentOrShadowRoot, CSSStyleSheet | null][] = [
      [this.doc, this.colourSheet],
      [this.doc, this.documentSheet],
      ...[...this.shadowRoots].map((r): [DocumentOrShadowRoot, CSSStyleSheet | null] => [r, sheet]),
    ];
    for (const [root, s] of roots) {
      // A tree that is gone cannot adopt: nothing to restore there.
      if (s && !hasAdopted(root, s) && adopt(root, s)) healed = true;
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
      const sheet = sheetFor(this.doc, this.token);
      if (sheet) for (const root of this.shadowRoots) unadopt(root, sheet);
    }
    for (const h of this.highlights.values()) h.clear();
    if (this.colourSheet) unadopt(this.doc, this.colourSheet);
    if (this.documentSheet) unadopt(this.doc, this.documentSheet);
    this.colourSheet = null;
    this.documentSheet = null;
    this.shadowRoots.clear();
  }
}
