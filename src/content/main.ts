/**
 * Content script entry: decides whether to highlight this frame, starts and stops runs as the
 * settings change or the page navigates, and steps aside cleanly when the extension is updated
 * or removed.
 */
import loadMatcherData, { id as matcherId } from 'virtual:matcher-data';
import { newToken, type ReaderColours } from '../core/highlight-css';
import type { Matcher } from '../core/matcher-data';
import browser from '../shared/browser';
import {
  handleMessages,
  isRunCommand,
  sendMessage,
  type CardContent,
  type FrameReport,
  type Reply,
} from '../shared/messages';
import { isHighlighted, setEntityMuted, WAITING_PAGE_SETTINGS, type PageSettings } from '../shared/settings';
import { clearStaleHighlights } from './paint/painter';
import { afterNextTask } from './read/slicer';
import { Run } from './run';
import { markStylesEarly } from './timing';
import { sharedMatcher } from './shared-matcher';
import { takeStart } from './hand-off';
import { isReadable, isTextDocument, siteHost } from './site';
import { packMatcher } from './pack-matcher';

const startedAt = performance.now();
/** How often an idle page checks that the extension is still there (a property read, no IPC). */
const ALIVE_CHECK_MS = 2000;

/** This document's id in its reports: the background keeps one report per live document. */
const DOC_ID = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** When the tab's top document started: ties this document's report to its page (FrameReport.page). */
function pageStart(): number {
  try {
    return window.top!.performance.timeOrigin;
  } catch {
    return performance.timeOrigin;
  }
}

function prerendering(): boolean {
  return (document as Document & { prerendering?: boolean }).prerendering === true;
}

function contextValid(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

/** Whether the settings that decide what is painted changed. */
function paintChoicesChanged(a: PageSettings | null, b: PageSettings): boolean {
  return (
    !a ||
    a.firstMentionOnly !== b.firstMentionOnly ||
    a.mutedEntities.join() !== b.mutedEntities.join() ||
    a.enabledTypes.join() !== b.enabledTypes.join()
  );
}

function sameColours(a: ReaderColours, b: ReaderColours): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

class ContentScript {
  private readonly life = new AbortController();
  private run: Run | null = null;
  private settings: PageSettings | null = null;
  private url = location.href.split('#')[0];
  /** The built-in matcher is built when the first run starts (not on a page where the settings say not to paint). */
  private matcherBuilt: Matcher | null = null;
  private get matcher(): Matcher {
    return (this.matcherBuilt ??= sharedMatcher(matcherId, loadMatcherData));
  }
  /** Whose data the matcher is: the built-in id, or the enabled story packs' (PageSettings.packs). */
  private matcherId = matcherId;
  /** The matcher id asked for last (a slower answer for an older one is dropped). */
  private wanted = matcherId;
  private readonly cards = new Map<string, Promise<CardContent | null>>();
  /** The last report, sent again when the page comes back from the back/forward cache. */
  private lastReport: FrameReport | null = null;

  constructor(private readonly host: string) {}

  async init(): Promise<void> {
    const signal = this.life.signal;
    // An older copy of this script (before an update or reload) removes itself once it notices
    // (watchExtension); one whose context was destroyed cannot, so its highlights go here.
    this.answerDocumentId(signal);
    clearStaleHighlights();
    // Made by early.js at document start, or now: the document's token and the settings for its
    // site (with the styles put in where they allow painting).
    const handed = takeStart();
    this.token = handed?.start.token ?? newToken((bytes) => crypto.getRandomValues(bytes));
    const answer = handed?.start.answer ?? this.askForStyles();
    // The reader's story packs, when early.js has already heard they are not the default: read the
    // page with their matcher from the start (one scan, not two).
    const packs = handed?.stale ? undefined : handed?.start.settled?.page.packs;
    if (packs !== undefined) await this.useMatcher(packs);
    if (signal.aborted) return;
    // Start reading the page while the settings make their round trip (slow in Firefox); the run
    // paints nothing until they allow it, and stops at once if they do not. When early.js's answer
    // is in already and says not to paint here, nothing is read or built at all.
    const settled = handed && !handed.stale ? handed.start.settled : undefined;
    if (settled === undefined || settled?.page.paint) {
      // In a task of its own, ahead of the page's: evaluating this script was one long task already
      // (building the matcher and reading the first screen made it 45 ms on a 1 MB page).
      await afterNextTask(true);
      if (signal.aborted) return;
      this.startRun(WAITING_PAGE_SETTINGS.highlightStyle);
    }
    let reply: Reply<'insertStyles'> | null;
    try {
      reply = await answer;
      if (reply && handed?.stale) reply = { ...reply, page: await sendMessage('pageSettings', { site: this.host }) };
    } catch {
      reply = null;
    }
    // Without settings we cannot know the site is allowed: paint nothing, stop reading.
    if (!reply) {
      this.shutdown();
      return;
    }
    if (reply.inserted) {
      this.insertedColours = reply.colours;
      if (handed) markStylesEarly();
    }
    if (signal.aborted) return;
    this.listenForCommands(signal);
    this.watchNavigation(signal);
    this.watchLifecycle(signal);
    this.watchExtension(signal);
    this.apply(reply.page, true);
  }

  /** Asks the background for this site's settings and to insert the styles under our token if they allow painting. */
  private askForStyles(): Promise<Reply<'insertStyles'> | null> {
    return sendMessage('insertStyles', { token: this.token!, site: this.host }).catch(() => null);
  }

  /** The settings changed (the background says so): ask for this site's, and apply them. */
  private refresh(): void {
    sendMessage('pageSettings', { site: this.host }).then(
      (page) => {
        if (!this.life.signal.aborted) this.apply(page);
      },
      () => {
        if (!contextValid()) this.shutdown();
      },
    );
  }

  /**
   * The toggle command: highlights on this page off, and on again (this page only, until it is
   * left; the settings are not changed). Replies whether they are now hidden.
   */
  private toggleHere(): boolean {
    this.hideHere(!this.hiddenHere);
    return this.hiddenHere;
  }

  /** A frame follows its top document's toggle (the background passes it on to every frame). */
  private hideHere(hidden: boolean): boolean {
    if (hidden !== this.hiddenHere) {
      this.hiddenHere = hidden;
      if (this.settings) this.apply(this.settings, !hidden);
    }
    return true;
  }

  /** The reader switched the highlights off on this page with the toggle command. */
  private hiddenHere = false;

  private apply(settings: PageSettings, first = false): void {
    const previous = this.settings;
    this.settings = settings;
    if (!settings.paint || this.hiddenHere) {
      if (this.run) this.stopRun();
      this.unstyle();
      this.report([], false, true);
      return;
    }
    if ((settings.packs ?? matcherId) !== this.matcherId) {
      this.switchMatcher(settings.packs ?? matcherId);
      return;
    }
    const fresh = !this.run;
    const starting = first || fresh;
    if (fresh) this.startRun(settings.highlightStyle);
    // Say at once that this page is being read (the popup's "still reading"); counts follow.
    if (starting) this.report([], true, false);
    this.configure(this.run!, settings, starting ? null : previous);
  }

  /**
   * The reader's story packs changed (or are not the default): read the page again with their
   * matcher. The run in progress stops; a new one starts once the matcher is here.
   */
  private switchMatcher(id: string): void {
    void this.useMatcher(id).then((used) => {
      const settings = this.settings;
      if (!used || this.life.signal.aborted || !settings || (settings.packs ?? matcherId) !== id) return;
      if (this.run) this.stopRun();
      this.apply(settings, true);
    });
  }

  /** Takes the matcher of `id` (the built-in one, or the packs' from the background); whether it could. */
  private async useMatcher(id: string): Promise<boolean> {
    this.wanted = id;
    const matcher = id === matcherId ? sharedMatcher(matcherId, loadMatcherData) : await packMatcher(id);
    // A later change asked for another meanwhile: that one decides.
    if (!matcher || this.wanted !== id) return false;
    this.matcherBuilt = matcher;
    this.matcherId = id;
    return true;
  }

  /**
   * Gives a run the reader's choices (all of them for a new run, `previous` null; else what
   * changed since `previous`) and lets it paint.
   */
  private configure(run: Run, settings: PageSettings, previous: PageSettings | null): void {
    run.setToken(this.token!);
    if (!previous || previous.highlightStyle !== settings.highlightStyle) run.setMode(settings.highlightStyle);
    if (!previous || !sameColours(previous.typeColors, settings.typeColors)) {
      run.setColours(settings.typeColors);
      this.restyle(settings.typeColors);
    }
    if (!previous || paintChoicesChanged(previous, settings)) {
      run.choosePainted({ allowed: (e) => isHighlighted(settings, e), firstOnly: settings.firstMentionOnly });
    }
    // One column per window: the top frame's (a frame's mentions are placed in the frame's own height).
    run.setMarkers(settings.pageMarkers === true && window.top === window);
    run.release();
  }

  private startRun(mode: PageSettings['highlightStyle']): void {
    const run = new Run({
      doc: document,
      matcher: this.matcher,
      // The first run's marks count from the script's start; later runs from their own.
      startedAt: this.runs++ === 0 ? startedAt : performance.now(),
      mode,
      loadCard: (id) => this.loadCard(id),
      hoverDelayMs: () => (this.settings ?? WAITING_PAGE_SETTINGS).hoverDelayMs,
      isMuted: (id) => (this.settings ?? WAITING_PAGE_SETTINGS).mutedEntities.includes(id),
      setMuted: (id, muted) => {
        setEntityMuted(id, muted).catch((e: unknown) => console.debug('[contextual-highlights] muting failed', e));
      },
      onChange: (found, done) => this.report(found, true, done),
      onMutations: () => this.checkUrl(),
      styleDocument: () => this.style(),
    });
    this.run = run;
    run.start().catch((e: unknown) => {
      if (!run.signal.aborted) console.debug('[contextual-highlights] scan failed', e);
    });
  }

  private runs = 0;

  private stopRun(): void {
    this.run?.stop();
    this.run = null;
  }

  /** This document's token (made by early.js, or at start): every name given to the page carries it. */
  private token: string | null = null;
  /**
   * The colours written into the styles the background inserted into this document under our
   * token (null: none in): removing them takes the same text, so the same colours.
   */
  private insertedColours: ReaderColours | null = null;
  /** A request for the styles under way (asked once at a time). */
  private styling: Promise<boolean> | null = null;

  /** Has the background put the highlight styles into this document (once a run paints). */
  private style(): Promise<boolean> {
    if (this.insertedColours) return Promise.resolve(true);
    this.styling ??= this.askForStyles().then((reply) => {
      this.styling = null;
      if (!reply?.inserted) return false;
      this.insertedColours = reply.colours;
      return true;
    });
    return this.styling;
  }

  /**
   * The reader's colours changed while our styles are in: the background inserts styles with the
   * new colours, then takes out the old ones (the new rules come first, so nothing flickers).
   */
  private restyle(colours: ReaderColours): void {
    const old = this.insertedColours;
    if (!old || sameColours(old, colours)) return;
    this.insertedColours = null;
    void this.style().then(() => this.removeStyles(old));
  }

  /** Takes the styles out again (the site was switched off): the page no longer shows any sign of us. */
  private unstyle(): void {
    const old = this.insertedColours;
    this.insertedColours = null;
    if (old) this.removeStyles(old);
  }

  private removeStyles(colours: ReaderColours): void {
    if (!contextValid()) return;
    sendMessage('removeStyles', { token: this.token!, colours }).catch(() => {
      // The extension is going: its styles go with it.
    });
  }

  private loadCard(id: string): Promise<CardContent | null> {
    let card = this.cards.get(id);
    if (!card) {
      card = sendMessage('getCard', { entity: id }).catch(() => {
        this.cards.delete(id);
        if (!contextValid()) this.shutdown();
        return null;
      });
      this.cards.set(id, card);
    }
    return card;
  }

  private report(found: [string, number][], active: boolean, done: boolean): void {
    this.lastReport = { doc: DOC_ID, page: pageStart(), found, active, done };
    this.sendReport();
  }

  /** Sends the last report, unless the page is being prerendered (it is sent once the page is shown). */
  private sendReport(): void {
    if (!this.lastReport || prerendering()) return;
    if (!contextValid()) {
      this.shutdown();
      return;
    }
    sendMessage('report', this.lastReport).catch(() => {
      if (!contextValid()) this.shutdown();
    });
  }

  /**
   * document.open() (or a page replacing its <html>) throws away the document's content and our
   * listeners on it: a new document in all but identity, so start over.
   */
  private checkDocument(): void {
    if (document.documentElement === this.root) return;
    this.root = document.documentElement;
    // A rewritten document may have lost what was inserted into the old one.
    this.insertedColours = null;
    if (this.run) {
      this.stopRun();
      this.startRun(this.settings?.highlightStyle ?? WAITING_PAGE_SETTINGS.highlightStyle);
      if (this.settings) this.configure(this.run!, this.settings, null);
    }
  }

  /** The document's root when the current run started (see checkDocument). */
  private root: Element | null = document.documentElement;

  /**
   * One report per live document: it goes when the document is hidden for good or put in the
   * back/forward cache (pagehide, also when a frame is removed), and comes back with the page.
   */
  private watchLifecycle(signal: AbortSignal): void {
    window.addEventListener(
      'pagehide',
      () => {
        if (!this.lastReport || !contextValid()) return;
        sendMessage('frameGone', { doc: DOC_ID }).catch(() => {
          // The extension is gone too: nothing to forget.
        });
      },
      { signal },
    );
    window.addEventListener('pageshow', (e) => e.persisted && this.sendReport(), { signal });
    document.addEventListener('prerenderingchange', () => this.sendReport(), { signal });
  }

  /** The top frame tells the background which document it is (is the tab still on the page it reported?). */
  private answerDocumentId(signal: AbortSignal): void {
    if (window !== window.top) return;
    const stop = handleMessages({ documentId: () => DOC_ID });
    signal.addEventListener('abort', stop, { once: true });
  }

  /** A client-side navigation (pushState, popstate) is a new page: start over. */
  private checkUrl(): void {
    this.checkDocument();
    const url = location.href.split('#')[0];
    if (url === this.url) return;
    this.url = url;
    if (this.run) {
      this.stopRun();
      this.startRun(this.settings?.highlightStyle ?? WAITING_PAGE_SETTINGS.highlightStyle);
      // Before the settings have arrived, apply() releases the run (if the site is allowed).
      if (this.settings) this.configure(this.run!, this.settings, null);
    }
  }

  /** Keyboard commands, sent by the background to the top frame (where the reader navigates the page). */
  private listenForCommands(signal: AbortSignal): void {
    // Looking up a selection works in any frame (the background sends it to the frame it came from);
    // keyboard commands and the popup's entity list act on the top frame, where the reader navigates.
    const top = window === window.top;
    const stop = handleMessages({
      settingsChanged: () => this.refresh(),
      lookUp: ({ text }) => this.run?.lookUp(text) ?? null,
      hideHere: ({ hidden }) => typeof hidden === 'boolean' && this.hideHere(hidden),
      ...(top
        ? {
            // Checked here too: a toggle name passed on to the cards would be read as a step back.
            command: ({ name }) => isRunCommand(name) && (this.run?.command(name) ?? false),
            toggleHere: () => this.toggleHere(),
            reveal: ({ entity }) => this.run?.reveal(entity) ?? false,
            revealAt: ({ entity, index }) =>
              typeof entity === 'string' && Number.isInteger(index)
                ? (this.run?.revealAt(entity, index) ?? null)
                : null,
            mentionPositions: () => this.run?.positions() ?? [],
          }
        : {}),
    });
    signal.addEventListener('abort', stop, { once: true });
  }

  private watchNavigation(signal: AbortSignal): void {
    const check = (): void => this.checkUrl();
    window.addEventListener('popstate', check, { signal });
    // The Navigation API sees pushState too; without it, a pushState is noticed with the DOM
    // changes that follow it (Run calls onMutations before each rescan).
    (window as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', check, { signal });
  }

  /**
   * When the extension is updated, disabled or removed, this script is orphaned: runtime.id
   * disappears (Chrome). A cheap periodic check, and one at every visibility change, then remove
   * everything. (Firefox destroys an orphaned script outright; the highlight styles the background
   * inserted go with the extension, so nothing stays visible.)
   */
  private watchExtension(signal: AbortSignal): void {
    const check = (): void => {
      if (!contextValid()) {
        this.shutdown();
        return;
      }
      // The same cheap, periodic look: a page that rewrote itself (document.open) gets a fresh run;
      // one that removed our highlights or styles gets them back.
      this.checkDocument();
      if (document.visibilityState === 'visible') this.run?.heal();
    };
    const timer = setInterval(check, ALIVE_CHECK_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    document.addEventListener('visibilitychange', check, { signal });
  }

  shutdown(): void {
    if (this.life.signal.aborted) return;
    this.stopRun();
    this.life.abort();
  }
}

const host = siteHost();
if (host !== null && isTextDocument(document) && isReadable(document)) {
  new ContentScript(host).init().catch((e: unknown) => console.debug('[contextual-highlights] start failed', e));
}
