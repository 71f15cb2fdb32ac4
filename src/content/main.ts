/**
 * Content script entry: decides whether to highlight this frame, starts and stops runs as the
 * settings change or the page navigates, and steps aside cleanly when the extension is updated
 * or removed.
 */
import loadMatcherData, { id as matcherId } from 'virtual:matcher-data';
import { isToken } from '../core/highlight-css';
import browser from '../shared/browser';
import { handleMessages, sendMessage, type CardContent, type FrameReport } from '../shared/messages';
import { INSTALL_TOKEN_KEY, SETTINGS_KEY } from '../shared/storage-keys';
import {
  DEFAULT_SETTINGS,
  isHighlighted,
  isSiteEnabled,
  normalizeSettings,
  onSettingsChanged,
  setEntityMuted,
  type Settings,
} from '../shared/settings';
import { clearStaleHighlights } from './paint/painter';
import { Run } from './run';
import { markStylesEarly } from './timing';
import { sharedMatcher } from './shared-matcher';
import { takeStored, takeStyles } from './hand-off';
import { isReadable, isTextDocument, siteHost } from './site';

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
function paintChoicesChanged(a: Settings | null, b: Settings): boolean {
  return (
    !a ||
    a.firstMentionOnly !== b.firstMentionOnly ||
    a.mutedEntities.join() !== b.mutedEntities.join() ||
    a.enabledTypes.join() !== b.enabledTypes.join()
  );
}

class ContentScript {
  private readonly life = new AbortController();
  private run: Run | null = null;
  private settings: Settings | null = null;
  private url = location.href.split('#')[0];
  private readonly matcher = sharedMatcher(matcherId, loadMatcherData);
  private readonly cards = new Map<string, Promise<CardContent | null>>();
  /** The last report, sent again when the page comes back from the back/forward cache. */
  private lastReport: FrameReport | null = null;

  constructor(private readonly host: string) {}

  async init(): Promise<void> {
    const signal = this.life.signal;
    // An older copy of this script (before an update or reload) removes itself once it notices
    // (watchExtension); one whose context was destroyed cannot, so its highlights go here.
    this.answerDocumentId(signal);
    // Read by early.js while the page loaded, or now.
    const stored = takeStored() ?? browser.storage.local.get([SETTINGS_KEY, INSTALL_TOKEN_KEY]);
    const settings = stored.then((s) => normalizeSettings(s[SETTINGS_KEY]));
    const token = stored.then((s) => (isToken(s[INSTALL_TOKEN_KEY]) ? s[INSTALL_TOKEN_KEY] : null));
    // Start reading the page while the settings make their round trip (slow in Firefox); the run
    // paints nothing until they allow it, and stops at once if they do not.
    this.startRun(DEFAULT_SETTINGS.highlightStyle);
    try {
      this.settings = await settings;
      // The token is made at install; only a script that ran before that asks for it.
      this.token = (await token) ?? (await sendMessage('installToken', {}));
      clearStaleHighlights(this.token);
    } catch {
      // Without settings we cannot know the site is allowed: paint nothing, stop reading.
      this.shutdown();
      return;
    }
    if (signal.aborted) return;
    onSettingsChanged((s) => this.apply(s), signal);
    this.listenForCommands(signal);
    this.watchNavigation(signal);
    this.watchLifecycle(signal);
    this.watchExtension(signal);
    this.apply(this.settings, true);
  }

  private apply(settings: Settings, first = false): void {
    const previous = this.settings;
    this.settings = settings;
    const enabled = isSiteEnabled(settings, this.host);
    if (!enabled) {
      if (this.run) this.stopRun();
      this.unstyle();
      this.report([], false, true);
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
   * Gives a run the reader's choices (all of them for a new run, `previous` null; else what
   * changed since `previous`) and lets it paint.
   */
  private configure(run: Run, settings: Settings, previous: Settings | null): void {
    run.setToken(this.token!);
    if (!previous || previous.highlightStyle !== settings.highlightStyle) run.setMode(settings.highlightStyle);
    if (!previous || JSON.stringify(previous.typeColors) !== JSON.stringify(settings.typeColors)) {
      run.setColours(settings.typeColors);
    }
    if (!previous || paintChoicesChanged(previous, settings)) {
      run.choosePainted({ allowed: (e) => isHighlighted(settings, e), firstOnly: settings.firstMentionOnly });
    }
    run.release();
  }

  private startRun(mode: Settings['highlightStyle']): void {
    const run = new Run({
      doc: document,
      matcher: this.matcher,
      // The first run's marks count from the script's start; later runs from their own.
      startedAt: this.runs++ === 0 ? startedAt : performance.now(),
      mode,
      loadCard: (id) => this.loadCard(id),
      hoverDelayMs: () => (this.settings ?? DEFAULT_SETTINGS).hoverDelayMs,
      isMuted: (id) => (this.settings ?? DEFAULT_SETTINGS).mutedEntities.includes(id),
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

  /** The install's token (read with the settings; every name given to the page carries it). */
  private token: string | null = null;
  /** The background's answer to putting the highlight styles into this document (asked once). */
  private styled: Promise<boolean> | null = null;

  /** Has the background put the highlight styles into this document (once a run paints). */
  private style(): Promise<boolean> {
    if (!this.styled) {
      // The first time, the styles are most likely in already: early.js asked at document start.
      this.styled = (takeStyles() ?? Promise.resolve(null))
        .then((answer) => {
          if (!answer?.inserted) return sendMessage('insertStyles', {});
          markStylesEarly();
          return answer;
        })
        .then(
          ({ token, inserted }) => inserted && token === this.token,
          () => false,
        );
    }
    return this.styled;
  }

  /** Takes the styles out again (the site was switched off): the page no longer shows any sign of us. */
  private unstyle(): void {
    if (!this.styled) return;
    this.styled = null;
    if (!contextValid()) return;
    sendMessage('removeStyles', {}).catch(() => {
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
    this.styled = null;
    if (this.run) {
      this.stopRun();
      this.startRun(this.settings?.highlightStyle ?? DEFAULT_SETTINGS.highlightStyle);
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
      this.startRun(this.settings?.highlightStyle ?? DEFAULT_SETTINGS.highlightStyle);
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
      lookUp: ({ text }) => this.run?.lookUp(text) ?? null,
      ...(top
        ? {
            command: ({ name }) => this.run?.command(name) ?? false,
            reveal: ({ entity }) => this.run?.reveal(entity) ?? false,
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
