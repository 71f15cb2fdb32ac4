/**
 * The page markers (a setting, off by default): a column at the window's right edge with a tick per
 * highlighted mention, at its place in the page's height and in its kind's colour, over a band for
 * the part of the page on screen (Kindle's X-Ray, Mark My Search's scrollbar marks). A tick opens
 * its mention: scrolled to, its card open. Like the card's, the host is a plain `div` with a closed
 * shadow root, shown in the top layer: no page rule reaches it, no page script can read which names
 * it marks, it takes the pointer only on a tick, and switched off it leaves the page.
 */
import { hostCss, markOwn } from './own-elements';

/** What the column shows: its track's colour (light or dark, as the page is) and the ticks. */
export interface MarkerView {
  track: string;
  ticks: MarkerTick[];
}

export interface MarkerTick {
  entity: string;
  /** Its place among the entity's mentions in reading order (what Run.revealAt takes). */
  index: number;
  /** Its top as a fraction of the page's height. */
  at: number;
  colour: string;
  /** What it says under the pointer: the name, and which of its mentions this is. */
  label: string;
}

/**
 * The ticks for each entity's mention positions (MentionPositions), in the colour of its kind; an
 * entity `info` does not know is left out.
 */
export function markerTicks(
  positions: readonly (readonly [string, readonly number[]])[],
  info: (entity: string) => { name: string; colour: string } | undefined,
): MarkerTick[] {
  const ticks: MarkerTick[] = [];
  for (const [entity, list] of positions) {
    const about = info(entity);
    if (!about) continue;
    list.forEach((at, index) =>
      ticks.push({ entity, index, at, colour: about.colour, label: `${about.name} (${index + 1}/${list.length})` }),
    );
  }
  return ticks;
}

const CSS = `${hostCss(
  'inset: 0 0 0 auto !important; width: 10px !important; height: auto !important; z-index: 2147483646 !important; contain: strict !important;',
)}
@media (pointer: coarse) { :host { width: 14px !important; } }
.track { position: absolute; inset: 0; }
.screen { position: absolute; left: 0; right: 0; top: 0; height: 0; background: rgb(128 128 128 / 0.3); }
.tick {
  position: absolute; left: 1px; right: 1px; height: 3px; margin-top: -1px; border-radius: 1px;
  box-shadow: 0 0 0 1px rgb(255 255 255 / 0.7); pointer-events: auto; cursor: pointer;
}
/* A tick 3 px high is hard to hit: it takes the pointer 4 px above and below. */
.tick::before { content: ''; position: absolute; left: -2px; right: -1px; top: -4px; bottom: -4px; }
.tick:hover { left: 0; right: 0; height: 5px; margin-top: -2px; z-index: 1; }
@media (forced-colors: active) { .tick { forced-color-adjust: none; background: Highlight !important; box-shadow: none; } }
`;

/** How long changes gather before the ticks are drawn again (ms): a growing page redraws at most this often. */
const REDRAW_MS = 150;

export class PageMarkers {
  private host: HTMLDivElement | null = null;
  private column: HTMLDivElement | null = null;
  private screen: HTMLDivElement | null = null;
  private readonly ticks = new WeakMap<Element, MarkerTick>();
  private readonly life = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private bandFrame = 0;
  /** What the ticks drawn show (see draw). */
  private drawn = '';
  /** A pointer is pressed on the column; a redraw meanwhile waits for its release. */
  private pressed = false;
  private redrawOnRelease = false;

  /**
   * @param read the track and ticks as they are now (read when the column is drawn)
   * @param open called with a tick the reader chose
   */
  constructor(
    private readonly doc: Document,
    private readonly read: () => MarkerView,
    private readonly open: (entity: string, index: number) => void,
  ) {
    const view = doc.defaultView;
    const signal = this.life.signal;
    view?.addEventListener('scroll', () => this.placeBand(), { passive: true, signal });
    view?.addEventListener('resize', () => this.refresh(), { passive: true, signal });
    // Images loading and late layout move the mentions: the page's height changing redraws the ticks.
    if (typeof ResizeObserver === 'function') {
      const sizes = new ResizeObserver(() => this.refresh());
      sizes.observe(doc.documentElement);
      signal.addEventListener('abort', () => sizes.disconnect());
    }
  }

  /** Draws the ticks again soon (the mentions, what is painted or the layout changed). */
  refresh(): void {
    if (this.life.signal.aborted || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.life.signal.aborted) this.draw();
    }, REDRAW_MS);
  }

  /** Takes the column off the page, for good. */
  remove(): void {
    this.life.abort();
    clearTimeout(this.timer);
    cancelAnimationFrame(this.bandFrame);
    this.host?.remove();
    this.host = this.column = this.screen = null;
  }

  private draw(): void {
    // Never between a press on a tick and its release: a tick made anew under the pointer would
    // lose the click (the press went to the old one). Drawn when the pointer lets go.
    if (this.pressed) {
      this.redrawOnRelease = true;
      return;
    }
    const column = this.ensure();
    const { track, ticks } = this.read();
    // The same ticks as drawn (most redraws: a report or rescan that moved nothing): left as they are.
    const key = `${track} ${ticks.map((t) => `${t.entity}:${t.index}:${t.at}:${t.colour}`).join(' ')}`;
    if (key === this.drawn) {
      this.placeBand();
      return;
    }
    this.drawn = key;
    column.style.background = track;
    const made: HTMLElement[] = [];
    for (const tick of ticks) {
      const el = this.doc.createElement('div');
      el.className = 'tick';
      el.style.top = `${(tick.at * 100).toFixed(2)}%`;
      el.style.background = tick.colour;
      el.title = tick.label;
      this.ticks.set(el, tick);
      made.push(el);
    }
    column.replaceChildren(this.screen!, ...made);
    this.placeBand();
  }

  /** The band of the page on screen. */
  private placeBand(): void {
    if (!this.screen || this.bandFrame) return;
    this.bandFrame = requestAnimationFrame(() => {
      this.bandFrame = 0;
      const view = this.doc.defaultView;
      const screen = this.screen;
      if (!view || !screen) return;
      const height = Math.max(1, this.doc.documentElement.scrollHeight);
      screen.style.top = `${((view.scrollY / height) * 100).toFixed(2)}%`;
      screen.style.height = `${(Math.min(1, view.innerHeight / height) * 100).toFixed(2)}%`;
    });
  }

  /** The host, made on first use, in the top layer; put back if the page took it out. */
  private ensure(): HTMLDivElement {
    const { doc } = this;
    if (this.host && this.column) {
      if (this.host.parentNode !== doc.documentElement) {
        doc.documentElement.append(this.host);
        this.raise(this.host);
      }
      return this.column;
    }
    const host = doc.createElement('div');
    markOwn(host);
    // Decorative for assistive technology: the popup's strips and the keyboard commands say the same.
    host.setAttribute('aria-hidden', 'true');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CSS;
    const column = doc.createElement('div');
    column.className = 'track';
    const screen = doc.createElement('div');
    screen.className = 'screen';
    column.append(screen);
    column.addEventListener('click', (e) => {
      const tick = e.target instanceof Element ? this.ticks.get(e.target) : undefined;
      if (!e.isTrusted || !tick) return;
      e.preventDefault();
      e.stopPropagation();
      this.open(tick.entity, tick.index);
    });
    // A press on a tick selects nothing and moves no focus on the page.
    column.addEventListener('mousedown', (e) => e.preventDefault());
    column.addEventListener('pointerdown', () => (this.pressed = true));
    const released = (): void => {
      if (!this.pressed) return;
      this.pressed = false;
      // After the click that follows the release.
      if (this.redrawOnRelease) setTimeout(() => this.refresh());
      this.redrawOnRelease = false;
    };
    const view = doc.defaultView;
    for (const type of ['pointerup', 'pointercancel'] as const) {
      view?.addEventListener(type, released, { capture: true, signal: this.life.signal });
    }
    shadow.append(style, column);
    this.host = host;
    this.column = column;
    this.screen = screen;
    doc.documentElement.append(host);
    this.raise(host);
    return column;
  }

  private raise(host: HTMLDivElement): void {
    if (typeof host.showPopover !== 'function') return;
    try {
      host.popover = 'manual';
      host.showPopover();
    } catch {
      // A page that made it something that cannot pop over: it stays above by its z-index.
    }
  }
}
