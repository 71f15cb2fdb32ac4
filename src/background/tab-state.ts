/**
 * What each tab's documents found, kept in storage.session (the service worker may be stopped at any
 * time, so nothing lives in module variables). One report per live document: a document's new
 * report replaces its last, its `frameGone` removes it, and a new top document removes the frames of
 * the pages before it. A tab's record is capped in frames and bytes, and a full store is made room
 * in, so that no page can break the badge and popup of other tabs (security review, findings 3, 4).
 * Updates to one tab are serialised.
 */
import type { CardBundle } from '../core/card-data';
import type { Storage } from '../shared/browser';
import type { FrameReport, PageStatus, TabEntity, TabState } from '../shared/messages';
import { TAB_STATE_PREFIX, tabStateKey as key } from '../shared/storage-keys';
import type { ReportSource } from './report';
import { displayName } from './story';

/** More frames than a page shows at once; beyond it the oldest frames' reports make room. */
export const MAX_FRAMES = 64;
/** A tab's record, at most (a frame's report is well under 2 KB). */
export const MAX_TAB_BYTES = 64 * 1024;

/** One document's report, as stored. */
export interface StoredFrame {
  frameId: number;
  top: boolean;
  /** The top document's start the report names (FrameReport.page). */
  page: number;
  found: [string, number][];
  active: boolean;
  done: boolean;
  /** When it first reported, in the tab's order (a page's frames are listed after its top). */
  seq: number;
}

export interface StoredTab {
  /** The tab's top document, once it has reported (its site taken from the sender). */
  top: { doc: string; frameId: number; host: string | null; page: number } | null;
  /** By document id. */
  frames: Record<string, StoredFrame>;
  seq: number;
  /** When the record was last written (Date.now()): a full store drops the oldest records first. */
  at: number;
}

function emptyTab(): StoredTab {
  return { top: null, frames: {}, seq: 0, at: 0 };
}

/** Two reports name the same top document (the start time may be rounded differently, never by a millisecond). */
function samePage(a: number, b: number): boolean {
  return Math.abs(a - b) < 1;
}

let warnedFull = false;

export class TabStore {
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(
    private readonly storage: Storage.StorageArea,
    private readonly now: () => number = Date.now,
  ) {}

  private async read(tabId: number): Promise<StoredTab> {
    const got = await this.storage.get(key(tabId));
    const tab = got[key(tabId)] as StoredTab | undefined;
    return tab && typeof tab === 'object' && tab.frames ? tab : emptyTab();
  }

  /** Runs updates to one tab one after another. */
  private serial<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(tabId) ?? Promise.resolve();
    const next = prev.then(task, task);
    const settled = next.then(
      () => {},
      () => {},
    );
    this.queues.set(tabId, settled);
    // Forget the queue once idle, so closed tabs leave nothing behind.
    void settled.then(() => {
      if (this.queues.get(tabId) === settled) this.queues.delete(tabId);
    });
    return next;
  }

  /** Stores a document's report (already checked: report.ts), replacing its last one. */
  report(source: ReportSource, report: FrameReport): Promise<StoredTab> {
    return this.serial(source.tabId, async () => {
      const tab = await this.read(source.tabId);
      if (source.top) {
        if (tab.top?.doc !== report.doc) {
          // A new top document: the earlier pages' frames are gone (a frame of the new page may
          // have reported before its top did, and stays).
          for (const [doc, f] of Object.entries(tab.frames)) {
            if (f.top || !samePage(f.page, report.page)) delete tab.frames[doc];
          }
        }
        tab.top = { doc: report.doc, frameId: source.frameId, host: source.host, page: report.page };
      } else if (tab.top && report.page < tab.top.page && !samePage(report.page, tab.top.page)) {
        // A late report from a frame of a page the tab has left.
        return tab;
      }
      // A frame shows one document at a time: a new one replaces the last (should its goodbye be lost).
      for (const [doc, f] of Object.entries(tab.frames)) {
        if (doc !== report.doc && f.frameId === source.frameId && f.top === source.top) delete tab.frames[doc];
      }
      const seq = tab.frames[report.doc]?.seq ?? ++tab.seq;
      tab.frames[report.doc] = {
        frameId: source.frameId,
        top: source.top,
        page: report.page,
        found: report.found,
        active: report.active,
        done: report.done,
        seq,
      };
      limit(tab);
      await this.write(source.tabId, tab);
      return tab;
    });
  }

  /** Forgets a document that is gone (closed, navigated away from, removed, or put in the back-forward cache). */
  gone(tabId: number, doc: string): Promise<StoredTab> {
    return this.serial(tabId, async () => {
      const tab = await this.read(tabId);
      if (!(doc in tab.frames) && tab.top?.doc !== doc) return tab;
      delete tab.frames[doc];
      if (tab.top?.doc === doc) tab.top = null;
      if (Object.keys(tab.frames).length === 0) await this.storage.remove(key(tabId));
      else await this.write(tabId, tab);
      return tab;
    });
  }

  /** Forgets the tab's findings unless its top document is still `keep`. */
  clearUnless(tabId: number, keep: (top: StoredTab['top']) => boolean): Promise<boolean> {
    return this.serial(tabId, async () => {
      const tab = await this.read(tabId);
      if (keep(tab.top)) return false;
      await this.storage.remove(key(tabId));
      return true;
    });
  }

  clear(tabId: number): Promise<void> {
    return this.serial(tabId, () => this.storage.remove(key(tabId)));
  }

  async get(tabId: number): Promise<StoredTab> {
    await this.queues.get(tabId);
    return this.read(tabId);
  }

  /**
   * Writes a tab's record. When the store is full (storage.session holds 10 MB in both browsers),
   * the records of the tabs written longest ago make room, once, and it is said once in the log.
   */
  private async write(tabId: number, tab: StoredTab): Promise<void> {
    tab.at = this.now();
    try {
      await this.storage.set({ [key(tabId)]: tab });
      return;
    } catch (e) {
      if (!warnedFull) {
        warnedFull = true;
        console.warn('[contextual-highlights] session storage is full; forgetting the oldest tabs', e);
      }
    }
    await this.evictOldest(tabId);
    try {
      await this.storage.set({ [key(tabId)]: tab });
    } catch (e) {
      console.debug('[contextual-highlights] could not store a tab’s findings', e);
    }
  }

  /** Removes the older half of the other tabs' records (at least one). */
  private async evictOldest(keepTab: number): Promise<void> {
    const all = await this.storage.get(null);
    const tabs = Object.entries(all)
      .filter(([k]) => k.startsWith(TAB_STATE_PREFIX) && k !== key(keepTab))
      .map(([k, v]) => [k, (v as Partial<StoredTab>).at ?? 0] as const)
      .sort((a, b) => a[1] - b[1]);
    const drop = tabs.slice(0, Math.max(1, Math.ceil(tabs.length / 2))).map(([k]) => k);
    if (drop.length > 0) await this.storage.remove(drop);
  }
}

/** Keeps a tab's record within MAX_FRAMES and MAX_TAB_BYTES, dropping the oldest frames (never the top). */
function limit(tab: StoredTab): void {
  const frames = (): [string, StoredFrame][] =>
    Object.entries(tab.frames)
      .filter(([, f]) => !f.top)
      .sort((a, b) => a[1].seq - b[1].seq);
  let list = frames();
  while (list.length > 0 && Object.keys(tab.frames).length > MAX_FRAMES) {
    delete tab.frames[list.shift()![0]];
  }
  list = frames();
  while (list.length > 0 && JSON.stringify(tab).length > MAX_TAB_BYTES) {
    delete tab.frames[list.shift()![0]];
  }
}

/** The frames of the page the tab shows: its top document's, or before the top reports, the newest page's. */
function currentFrames(tab: StoredTab): StoredFrame[] {
  const all = Object.values(tab.frames);
  const page = tab.top?.page ?? Math.max(...all.map((f) => f.page));
  return all.filter((f) => samePage(f.page, page)).sort((a, b) => Number(b.top) - Number(a.top) || a.seq - b.seq);
}

/**
 * What the popup shows of a tab: the entities of all its current frames with their mentions, grouped
 * by type, the groups and the entities in each in the order they first appear (the top document's
 * first, then each frame's in the order the frames reported).
 */
export function summarize(tab: StoredTab, bundle: CardBundle, tabLoading = false, lang = 'en'): TabState {
  const counts = new Map<string, number>();
  for (const frame of currentFrames(tab)) {
    if (!frame.active) continue;
    for (const [id, n] of frame.found) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  const byType = new Map<string, TabEntity[]>();
  for (const [id, count] of counts) {
    const card = Object.hasOwn(bundle.cards, id) ? bundle.cards[id] : undefined;
    if (!card || count <= 0) continue;
    const group = byType.get(card.type) ?? [];
    byType.set(card.type, group);
    group.push({ id, name: displayName(card, lang), type: card.type, count, related: [] });
  }
  let entities = [...byType.values()].flat();
  // More than one story named here: each entity under its story (the first pack that has it), in
  // the order the stories first appear, its kinds grouped within.
  const storyOf = (id: string): string => {
    const a = bundle.cards[id]!.article ?? bundle.article;
    return `${a.publisher}, ${a.date}`;
  };
  const stories = [...new Set(entities.map((e) => storyOf(e.id)))];
  if (stories.length > 1) {
    entities = stories.flatMap((story) =>
      entities.filter((e) => storyOf(e.id) === story).map((e) => ({ ...e, story })),
    );
  }
  for (const e of entities) {
    e.related = bundle.cards[e.id]!.related.filter((r) => counts.has(r.id) && r.id !== e.id).map(({ id, label }) => ({
      id,
      label,
    }));
  }
  const top = tab.top ? tab.frames[tab.top.doc] : undefined;
  const status: PageStatus = top
    ? !top.active
      ? 'off'
      : top.done
        ? 'done'
        : 'scanning'
    : tabLoading
      ? 'loading'
      : 'unavailable';
  return {
    status,
    host: tab.top?.host ?? null,
    entities,
    total: entities.reduce((n, e) => n + e.count, 0),
  };
}

/** Badge text for a number of entities: empty for none, "99+" beyond two digits. */
export function badgeText(entities: number): string {
  if (entities <= 0) return '';
  return entities > 99 ? '99+' : String(entities);
}
