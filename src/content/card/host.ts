/**
 * The one element the extension ever adds to a page: the card's host, a plain `div` (a page can
 * define custom elements, and a custom element's internals reach even a closed shadow root; a `div`
 * cannot be one) holding a closed shadow root with our own constructed stylesheet. It is shown in
 * the top layer (a manual popover) when the browser can, above every stacking context of the page,
 * and its :host rules are !important, which beats any page rule aimed at it.
 */

/** Hosts we made, so "is this element ours?" cannot be answered wrongly by a page. */
const ours = new WeakSet<Element>();

/** Whether an element is our own UI (the card's host): never read, never watched. */
export function isOwnElement(el: Element): boolean {
  return ours.has(el);
}

const HOST_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  pointer-events: none !important;
  z-index: 2147483647 !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  contain: layout style !important;
}
:host(:not(:popover-open)[popover]) { display: none !important; }
@media print { :host { display: none !important; } }
`;

export class CardHost {
  private host: HTMLDivElement | null = null;
  private shadow: ShadowRoot | null = null;

  constructor(
    private readonly doc: Document,
    /** The card's own rules, added after the host's. */
    private readonly css: string,
    /** 'closed' on pages; 'open' only where a test must look inside (the accessibility check). */
    private readonly mode: ShadowRootMode = 'closed',
  ) {}

  /** The shadow root, made (and put in the page) on first use; put back if the page removed it. */
  root(): ShadowRoot {
    if (this.host && this.shadow) {
      if (!this.host.isConnected) this.doc.documentElement.append(this.host);
      return this.shadow;
    }
    const host = this.doc.createElement('div');
    ours.add(host);
    const shadow = host.attachShadow({ mode: this.mode });
    // A style element, not an adopted sheet: Firefox 140 refuses a content script's adoption through
    // its Xray wrapper. Made by the content script, it is outside the page's CSP.
    const style = this.doc.createElement('style');
    style.textContent = HOST_CSS + this.css;
    shadow.append(style);
    if (typeof host.showPopover === 'function') host.popover = 'manual';
    this.doc.documentElement.append(host);
    this.host = host;
    this.shadow = shadow;
    return shadow;
  }

  /** Brings the host to the top of everything (again: a page's own popover or dialog may have opened since). */
  raise(): void {
    const host = this.host;
    if (!host || typeof host.showPopover !== 'function') return;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch {
      // Not connected, or the page made it something that cannot pop over: the z-index still applies.
    }
  }

  lower(): void {
    const host = this.host;
    if (!host || typeof host.hidePopover !== 'function') return;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
    } catch {
      // Already hidden or gone.
    }
  }

  /** Whether an event's path goes through the card. */
  contains(e: Event): boolean {
    return this.host !== null && e.composedPath().includes(this.host);
  }

  dispose(): void {
    this.lower();
    this.host?.remove();
    this.host = null;
    this.shadow = null;
  }
}
