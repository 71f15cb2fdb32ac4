/**
 * Constructed stylesheets adopted by a document or shadow root, in both browsers. A Firefox content
 * script sees the page's objects through Xray wrappers, and Firefox 140 refuses to assign
 * `adoptedStyleSheets` through one ("Accessing from Xray wrapper is not supported"): there the
 * sheet is made with the page window's own constructor and the list changed through the waived
 * (unwrapped) root. Chromium has no wrappers; its list is changed in place the same way.
 */

type Waivable<T> = T & { wrappedJSObject?: T };

function waived<T extends object>(o: T): T {
  return (o as Waivable<T>).wrappedJSObject ?? o;
}

/** A constructed sheet holding `css`, adoptable by `doc` and the shadow roots in it; null if it cannot be made. */
export function makeSheet(doc: Document, css: string): CSSStyleSheet | null {
  try {
    const view = doc.defaultView;
    const Sheet = view ? waived(view as Window & typeof globalThis).CSSStyleSheet : CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    // A document without constructed sheets, or one that is gone.
    return null;
  }
}

/** Replaces a sheet's rules; false if it cannot. */
export function setSheetText(sheet: CSSStyleSheet, css: string): boolean {
  try {
    sheet.replaceSync(css);
    return true;
  } catch {
    return false;
  }
}

/** Whether a root has adopted the sheet (false if it cannot be read). */
export function hasAdopted(root: DocumentOrShadowRoot, sheet: CSSStyleSheet): boolean {
  try {
    return waived(root).adoptedStyleSheets.includes(sheet);
  } catch {
    return false;
  }
}

/** Adds a sheet to a root's adopted sheets unless it is there; false if it cannot. */
export function adopt(root: DocumentOrShadowRoot, sheet: CSSStyleSheet): boolean {
  try {
    const list = waived(root).adoptedStyleSheets;
    if (!list.includes(sheet)) list.push(sheet);
    return true;
  } catch {
    // A tree from another document, or one that is gone.
    return false;
  }
}

/** Takes a sheet out of a root's adopted sheets. */
export function unadopt(root: DocumentOrShadowRoot, sheet: CSSStyleSheet): void {
  try {
    const list = waived(root).adoptedStyleSheets;
    const at = list.indexOf(sheet);
    if (at >= 0) list.splice(at, 1);
  } catch {
    // The tree is gone.
  }
}
