/**
 * The element the extension adds to a page for its card (the page markers, a setting, are the
 * only other: page-markers.ts): the card's host, a plain `div` (a page can
 * define custom elements, and a custom element's internals reach even a closed shadow root; a `div`
 * cannot be one) holding a closed shadow root with the card's frame, an extension page
 * (src/card/) in which the card is drawn. No page can select, find, read or rewrite what is in
 * the frame (security review F2, F9), and a closed root keeps the page from the frame element
 * itself: `window.frames` does not list it, and its address (with Chromium's per-session origin)
 * is never in the page's reach.
 *
 * The host is shown in the top layer (a manual popover) above every stacking context of the page,
 * its :host rules are !important, which beats any page rule aimed at it, and it defends its place:
 * attributes a page sets on it (inert, hidden, style, …) are taken off again, a page's own
 * top-layer element opening over an open card puts the card back on top (F7), and whatever it
 * cannot undo it reports (`onTampered`), so that the card closes rather than stay "open" where the
 * reader cannot see or reach it (F8).
 */

import { hostCss, markOwn } from '../own-elements';

const HOST_CSS = `${hostCss(
  'inset: 0 !important; width: auto !important; height: auto !important; z-index: 2147483647 !important; contain: layout style !important;',
)}
iframe {
  position: fixed; top: 0; left: 0; display: block; box-sizing: border-box;
  width: min(360px, calc(100vw - 16px)); height: 0; margin: 0; padding: 0; border: 0;
  border-radius: 12px; background: transparent; color-scheme: normal;
  box-shadow: 0 10px 30px rgb(15 20 30 / 0.22), 0 2px 6px rgb(15 20 30 / 0.12);
  pointer-events: auto; opacity: 0; user-select: none;
}
iframe.shown { opacity: 1; }
iframe.sheet { width: 100%; border-radius: 14px 14px 0 0; box-shadow: 0 -6px 24px rgb(15 20 30 / 0.25); }
@media (prefers-reduced-motion: no-preference) { iframe.shown.opening { animation: ch-in 120ms ease-out; } }
@keyframes ch-in { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
`;

/** Attributes we give the host; any other a page sets is taken off again. */
const OUR_ATTRIBUTES = new Set(['popover']);
/** Past this many repairs in a second the page is fighting us: we stop and close the card. */
const REPAIRS_PER_SECOND = 20;

export interface CardHostOptions {
  doc: Document;
  /** The frame's address (the card page, and the nonce after `#`). */
  src: string;
  /** A new document loaded in the frame (first, or after the page moved the host): hand it a port. */
  onFrameLoad: (frame: HTMLIFrameElement) => void;
  /** The page did something to the host that could not be undone while the card was shown. */
  onTampered: () => void;
}

export class CardHost {
  private host: HTMLDivElement | null = null;
  private shadow: ShadowRoot | null = null;
  private frame: HTMLIFrameElement | null = null;
  private readonly watchers: MutationObserver[] = [];
  /** Whether the card is meant to be on screen (between show and hide). */
  private shown = false;
  /** We are hiding or showing the host ourselves: its own toggle events are ours. */
  private toggling = false;
  private repairs: number[] = [];
  private readonly abort = new AbortController();

  constructor(private readonly options: CardHostOptions) {
    const { doc } = options;
    const signal = this.abort.signal;
    // A page's popover, dialog or full-screen element opening while the card is shown: above it again.
    // beforetoggle comes before the element is in the top layer; a microtask later (after the
    // page's script that opened it) it is, and the card goes above it before anything is drawn.
    doc.addEventListener(
      'beforetoggle',
      (e) => {
        if (this.shown && (e as ToggleEvent).newState === 'open' && e.target !== this.host) {
          queueMicrotask(() => this.raiseAgain());
        }
      },
      { capture: true, signal },
    );
    doc.addEventListener('fullscreenchange', () => this.shown && this.raiseAgain(), { capture: true, signal });
  }

  /** The frame, made (with its host, put in the page) on first use; put back if the page removed or moved it. */
  ensure(): HTMLIFrameElement {
    const { doc } = this.options;
    if (this.host && this.frame) {
      if (this.host.parentNode !== doc.documentElement) doc.documentElement.append(this.host);
      return this.frame;
    }
    const host = doc.createElement('div');
    markOwn(host);
    const shadow = host.attachShadow({ mode: 'closed' });
    // A style element, not an adopted sheet: Firefox 140 refuses a content script's adoption through
    // its Xray wrapper. Made by the content script, it is outside the page's CSP.
    const style = doc.createElement('style');
    style.textContent = HOST_CSS;
    const frame = doc.createElement('iframe');
    frame.src = this.options.src;
    // A page's CSP does not apply to extension frames; no permission of the page's is needed.
    frame.setAttribute('allow', '');
    frame.addEventListener('load', () => this.options.onFrameLoad(frame));
    shadow.append(style, frame);
    if (typeof host.showPopover === 'function') {
      host.popover = 'manual';
      host.addEventListener('toggle', (e) => this.onOwnToggle(e as ToggleEvent));
    }
    this.host = host;
    this.shadow = shadow;
    this.frame = frame;
    this.watch(host);
    doc.documentElement.append(host);
    return frame;
  }

  /** Shows the card's frame in the top layer; false if the page would not let it (the card should close). */
  show(opening: boolean): boolean {
    const frame = this.ensure();
    this.shown = true;
    frame.classList.add('shown');
    frame.classList.toggle('opening', opening);
    return this.raise();
  }

  /** Hides the frame (it stays loaded, for the next card). */
  hide(): void {
    this.shown = false;
    this.setOffScreen(true);
    this.frame?.classList.remove('shown', 'opening');
    const host = this.host;
    if (!host || typeof host.hidePopover !== 'function') return;
    this.toggling = true;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
    } catch {
      // Already hidden, or gone.
    } finally {
      this.toggling = false;
    }
  }

  /** The frame element's accessible name (the entity's): a screen reader names the frame by it. */
  setTitle(title: string): void {
    if (this.frame && this.frame.title !== title) this.frame.title = title;
  }

  /**
   * Hides the frame (while no card is shown, or while its mention is scrolled out of sight) by
   * giving it no height: it stays laid out at the card's width, so the card page can measure what
   * it draws. Chromium routes input to a frame by hit-test data that goes stale when the frame's
   * own visibility or pointer-events change, so neither is ever changed.
   */
  setOffScreen(off: boolean): void {
    this.off = off;
    if (off && this.frame) this.frame.style.height = '0px';
  }

  /** The frame is hidden by having no height (setOffScreen). */
  private off = true;

  get isOffScreen(): boolean {
    return this.off;
  }

  /** Brings the host to the top of the top layer (again); whether it is there now. */
  private raise(): boolean {
    const host = this.host;
    if (!host || typeof host.showPopover !== 'function') return host !== null;
    const hadFocus = this.hasFocus;
    this.toggling = true;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch {
      // Not connected, or the page made it something that cannot pop over.
    } finally {
      this.toggling = false;
    }
    // Hiding it for a moment took focus out of the frame: put it back.
    if (hadFocus) this.frame?.focus({ preventScroll: true });
    return host.matches(':popover-open');
  }

  private raiseAgain(): void {
    if (!this.shown) return;
    if (!this.countRepair() || !this.raise()) this.options.onTampered();
    else this.onRaised?.();
  }

  /** Called after the card went back on top of another top-layer element (the card guards its clicks). */
  onRaised: (() => void) | null = null;

  /** The page hid our popover (hidePopover, or a light dismiss): the card is no longer on screen. */
  private onOwnToggle(e: ToggleEvent): void {
    // Toggle events come a task late: one for a hiding we have undone since (the page took the
    // popover attribute off, and it is back) says nothing any more.
    if (this.toggling || !this.shown || e.newState !== 'closed' || this.host?.matches(':popover-open')) return;
    this.options.onTampered();
  }

  /** Takes off what a page puts on the host, and notices it being removed or moved. */
  private watch(host: HTMLDivElement): void {
    const { doc } = this.options;
    const attributes = new MutationObserver((records) => {
      let changed = false;
      for (const r of records) {
        const name = r.attributeName;
        if (!name) continue;
        if (OUR_ATTRIBUTES.has(name)) {
          if (host.getAttribute('popover') !== 'manual' && typeof host.showPopover === 'function') {
            host.setAttribute('popover', 'manual');
            changed = true;
          }
        } else if (host.hasAttribute(name)) {
          host.removeAttribute(name);
          changed = true;
        }
      }
      if (!changed) return;
      if (!this.countRepair()) {
        attributes.disconnect();
        if (this.shown) this.options.onTampered();
        return;
      }
      // A popover attribute taken off and put back leaves the host hidden: show it again.
      if (this.shown && typeof host.showPopover === 'function' && !host.matches(':popover-open')) this.raiseAgain();
    });
    attributes.observe(host, { attributes: true });
    const place = new MutationObserver(() => {
      if (host.parentNode !== doc.documentElement && this.shown) this.options.onTampered();
    });
    place.observe(doc.documentElement, { childList: true });
    this.watchers.push(attributes, place);
  }

  /** Counts one repair; false once there were too many in the last second. */
  private countRepair(): boolean {
    const now = performance.now();
    this.repairs = this.repairs.filter((t) => now - t < 1000);
    this.repairs.push(now);
    return this.repairs.length <= REPAIRS_PER_SECOND;
  }

  /** Whether an event's path goes through the card (its host: the frame is in the closed root). */
  contains(e: Event): boolean {
    return this.host !== null && e.composedPath().includes(this.host);
  }

  /** The frame element while it exists. */
  get frameElement(): HTMLIFrameElement | null {
    return this.frame;
  }

  /** Whether keyboard focus is in the frame. */
  get hasFocus(): boolean {
    return this.frame !== null && this.shadow?.activeElement === this.frame;
  }

  /**
   * Whether the page's hit-testing reaches the frame at its centre: not under a modal dialog of the
   * page, nor made inert some other way (a reader could see the card but not use it).
   */
  reachable(): boolean {
    const frame = this.frame;
    const host = this.host;
    if (!frame || !host) return false;
    // Hidden on purpose while its mention is scrolled away: nothing to reach.
    if (this.off) return true;
    const r = frame.getBoundingClientRect();
    const { doc } = this.options;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (r.width === 0 || r.height === 0 || x < 0 || y < 0 || x > doc.documentElement.clientWidth) return true;
    return doc.elementFromPoint(x, y) === host;
  }

  dispose(): void {
    this.hide();
    this.abort.abort();
    for (const w of this.watchers) w.disconnect();
    this.host?.remove();
    this.host = null;
    this.shadow = null;
    this.frame = null;
  }
}
