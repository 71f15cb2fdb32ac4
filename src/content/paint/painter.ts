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
import { pageBackground } from './page-colours';

const sheets = new Map<string, CSSStyleSheet>();

/** The rules as a constructed sheet (one per token, shared by every root that adopts it). */
function sheetFor(token: string): CSSStyleSheet {
  let sheet = sheets.get(token);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(highlightCss(token, ENTITY_TYPES));
    sheets.set(token, sheet);
  }
  return sheet;
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

/** Adds a sheet to a document's or shadow root's adopted sheets unless it is there; false if it cannot. */
function adoptInto(root: DocumentOrShadowRoot, sheet: CSSStyleSheet): boolean {
  try {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return true;
  } catch {
    // A tree from another document, or one that is gone.
    return false;
  }
}

function dropFrom(root: DocumentOrShadowRoot, sheet: CSSStyleSheet): void {
  try {
    if (root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
  } catch {
    // The tree is gone.
  }
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
    const sheet = sheetFor(this.token);
    for (const root of [...this.shadowRoots]) if (!adoptInto(root, sheet)) this.shadowRoots.delete(root);
    const adoptCopy = (): void => {
      this.markStyled();
      if (this.disposed) return;
      this.documentSheet = sheetFor(this.token!);
      adoptInto(this.doc, this.documentSheet);
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
      if (this.colourSheet) dropFrom(this.doc, this.colourSheet);
      this.colourSheet = null;
      return;
    }
    try {
      this.colourSheet ??= new CSSStyleSheet();
      this.colourSheet.replaceSync(css);
    } catch {
      // A document that cannot have constructed sheets keeps the default colours.
      return;
    }
    adoptInto(this.doc, this.colourSheet);
  }

  /**
   * Makes our ::highlight rules apply inside an open shadow root without touching its DOM (once
   * attached: a root found before then is styled at attach()).
   */
  adopt(root: ShadowRoot): void {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    if (this.attached && !adoptInto(root, sheetFor(this.token!))) this.shadowRoots.delete(root);
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
    const sheet = sheetFor(this.token!);
    const roots: [DocumentOrShadowRoot, CSSStyleSheet | null][] = [
      [this.doc, this.colourSheet],
      [this.doc, this.documentSheet],
      ...[...this.shadowRoots].map((r): [DocumentOrShadowRoot, CSSStyleSheet] => [r, sheet]),
    ];
    for (const [root, s] of roots) {
      try {
        if (s && !root.adoptedStyleSheets.includes(s)) {
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
          healed = true;
        }
      } catch {
        // The tree is gone: nothing to restore there.
      }
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
      const sheet = sheetFor(this.token);
      for (const root of this.shadowRoots) dropFrom(root, sheet);
    }
    for (const h of this.highlights.values()) h.clear();
    if (this.colourSheet) dropFrom(this.doc, this.colourSheet);
    if (this.documentSheet) dropFrom(this.doc, this.documentSheet);
    this.colourSheet = null;
    this.documentSheet = null;
    this.shadowRoots.clear();
  }
}
