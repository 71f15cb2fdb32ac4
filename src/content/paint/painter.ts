/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per entity type, registered in
 * CSS.highlights. Nothing in the page's DOM changes. The ::highlight rules are static and ship as
 * the content script's manifest CSS (content.css), which the browser removes with the extension;
 * open shadow roots, where document styles do not reach ::highlight, adopt a copy.
 */
import { ENTITY_TYPES, type EntityType } from '../../core/dataset-types';
import { isDark } from '../../core/colors';
import {
  FOCUS_NAME,
  VARIANTS,
  highlightCss,
  highlightName,
  readerColoursCss,
  type HighlightMode,
  type Variant,
} from '../../core/highlight-css';
import { pageBackground } from './page-colours';

let shadowSheet: CSSStyleSheet | null = null;

/** The same rules as content.css, for shadow roots (constructed once, shared). */
function sheetForShadowRoots(): CSSStyleSheet {
  if (!shadowSheet) {
    shadowSheet = new CSSStyleSheet();
    shadowSheet.replaceSync(highlightCss(ENTITY_TYPES));
  }
  return shadowSheet;
}

/** Removes highlights a previous copy of the content script left behind (e.g. before an update). */
export function clearStaleHighlights(registry: HighlightRegistry = CSS.highlights): void {
  // By name, without iterating the registry: in Firefox the old copy's Highlight objects belong to
  // a destroyed sandbox (touching them throws), and registry iterators cannot cross into ours.
  for (const variant of VARIANTS) for (const type of ENTITY_TYPES) registry.delete(highlightName(type, variant));
  registry.delete(FOCUS_NAME);
}

export interface PainterOptions {
  doc: Document;
  mode?: HighlightMode;
  /** Defaults to CSS.highlights (tests hand in a Map-like fake). */
  registry?: HighlightRegistry;
  /** Defaults to `new Highlight()`. */
  newHighlight?: () => Highlight;
}

export class Painter {
  private readonly doc: Document;
  private readonly registry: HighlightRegistry;
  private readonly highlights = new Map<EntityType, Highlight>();
  private readonly focus: Highlight;
  private readonly shadowRoots = new Set<ShadowRoot>();
  private variant: Variant;
  private attached = false;
  /** The reader's own colours (custom properties on the page's root), adopted only when there are any. */
  private colourSheet: CSSStyleSheet | null = null;

  constructor(options: PainterOptions) {
    this.doc = options.doc;
    this.registry = options.registry ?? CSS.highlights;
    const newHighlight = options.newHighlight ?? (() => new Highlight());
    this.variant = { mode: options.mode ?? 'background', dark: false };
    for (const type of ENTITY_TYPES) this.highlights.set(type, newHighlight());
    this.focus = newHighlight();
    this.focus.priority = 1;
  }

  /** Registers the highlights (under the look that suits the page's background). */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.variant = { mode: this.variant.mode, dark: isDark(pageBackground(this.doc)) };
    for (const [type, h] of this.highlights) this.registry.set(highlightName(type, this.variant), h);
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
      this.registry.delete(highlightName(type, this.variant));
      this.registry.set(highlightName(type, next), h);
    }
    this.variant = next;
  }

  /**
   * Gives the highlights the reader's own colours per type (none: the adaptive defaults). The
   * colours are custom properties that only our ::highlight rules read, set on the page's root by
   * a constructed sheet the document adopts (no element of the page changes).
   */
  setReaderColours(colours: Partial<Record<EntityType, string>>): void {
    const css = readerColoursCss(colours);
    const doc = this.doc;
    try {
      if (!css) {
        if (this.colourSheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((x) => x !== this.colourSheet);
        this.colourSheet = null;
        return;
      }
      this.colourSheet ??= new CSSStyleSheet();
      this.colourSheet.replaceSync(css);
      if (!doc.adoptedStyleSheets.includes(this.colourSheet)) {
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.colourSheet];
      }
    } catch {
      // A document that cannot adopt sheets keeps the default colours.
    }
  }

  /** Makes our ::highlight rules apply inside an open shadow root without touching its DOM. */
  adopt(root: ShadowRoot): void {
    if (this.shadowRoots.has(root)) return;
    try {
      const sheet = sheetForShadowRoots();
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.shadowRoots.add(root);
    } catch {
      // A tree from another document cannot adopt our sheet; its highlights stay unstyled.
    }
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
    if (range) {
      this.focus.add(range);
      this.registry.set(FOCUS_NAME, this.focus);
    } else {
      this.registry.delete(FOCUS_NAME);
    }
  }

  /**
   * Puts back what the page took away: our highlights in the registry (a page that called
   * CSS.highlights.clear() or deleted them) and our rules in the shadow roots we paint in (a page
   * that replaced their adoptedStyleSheets). Returns whether anything was missing.
   */
  heal(): boolean {
    if (!this.attached) return false;
    let healed = false;
    for (const [type, h] of this.highlights) {
      const name = highlightName(type, this.variant);
      if (h.size > 0 && this.registry.get(name) !== h) {
        this.registry.set(name, h);
        healed = true;
      }
    }
    if (this.focus.size > 0 && this.registry.get(FOCUS_NAME) !== this.focus) {
      this.registry.set(FOCUS_NAME, this.focus);
      healed = true;
    }
    try {
      if (this.colourSheet && !this.doc.adoptedStyleSheets.includes(this.colourSheet)) {
        this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.colourSheet];
        healed = true;
      }
    } catch {
      // Cannot adopt: default colours.
    }
    if (shadowSheet) {
      for (const root of this.shadowRoots) {
        try {
          if (!root.adoptedStyleSheets.includes(shadowSheet)) {
            root.adoptedStyleSheets = [...root.adoptedStyleSheets, shadowSheet];
            healed = true;
          }
        } catch {
          // The tree is gone: nothing to restore there.
        }
      }
    }
    return healed;
  }

  /** Removes every highlight and stylesheet we added. */
  dispose(): void {
    this.setReaderColours({});
    for (const [type, h] of this.highlights) {
      const name = highlightName(type, this.variant);
      if (this.registry.get(name) === h) this.registry.delete(name);
      h.clear();
    }
    this.registry.delete(FOCUS_NAME);
    if (shadowSheet) {
      for (const root of this.shadowRoots) {
        try {
          root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== shadowSheet);
        } catch {
          // The tree is gone.
        }
      }
    }
    this.shadowRoots.clear();
  }
}
