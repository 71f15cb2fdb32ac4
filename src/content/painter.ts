/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per entity type, registered in
 * CSS.highlights. Nothing in the page's DOM changes; the styles live in a constructed stylesheet
 * adopted by the document and by every open shadow root we scan (::highlight rules are scoped to
 * their tree).
 */
import { ENTITY_TYPES, type EntityType } from '../core/dataset-types';
import { FOCUS_NAME, highlightCss, highlightName, pageBackground, type HighlightMode } from './highlight-style';

type Adopter = Document | ShadowRoot;

export class Painter {
  private readonly highlights = new Map<EntityType, Highlight>();
  private readonly focus: Highlight;
  private readonly sheet: CSSStyleSheet;
  private readonly adopters = new Set<Adopter>();
  private readonly registry: HighlightRegistry;

  constructor(
    private readonly doc: Document,
    private mode: HighlightMode = 'background',
  ) {
    this.registry = CSS.highlights;
    for (const type of ENTITY_TYPES) {
      const h = new Highlight();
      this.highlights.set(type, h);
      this.registry.set(highlightName(type), h);
    }
    this.focus = new Highlight();
    this.focus.priority = 1;
    this.sheet = new CSSStyleSheet();
    this.restyle();
    this.adopt(doc);
  }

  /** Recomputes colours (the page may have switched between light and dark). */
  restyle(mode: HighlightMode = this.mode): void {
    this.mode = mode;
    this.sheet.replaceSync(highlightCss(pageBackground(this.doc), mode, ENTITY_TYPES));
  }

  /** Makes our ::highlight rules apply inside `root` without touching its DOM. */
  adopt(root: Adopter): void {
    if (this.adopters.has(root)) return;
    try {
      if (!root.adoptedStyleSheets.includes(this.sheet)) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
      }
      this.adopters.add(root);
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

  /** Number of painted ranges (all types). */
  get size(): number {
    let n = 0;
    for (const h of this.highlights.values()) n += h.size;
    return n;
  }

  /** Removes every highlight and stylesheet we added. */
  dispose(): void {
    for (const type of ENTITY_TYPES) {
      if (this.registry.get(highlightName(type)) === this.highlights.get(type)) this.registry.delete(highlightName(type));
      this.highlights.get(type)!.clear();
    }
    this.registry.delete(FOCUS_NAME);
    for (const root of this.adopters) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
      } catch {
        // The tree is gone.
      }
    }
    this.adopters.clear();
  }
}
