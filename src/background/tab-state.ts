/**
 * What each tab's frames found, kept in storage.session: the service worker may be stopped at any
 * time, so nothing lives in module variables. Updates to one tab are serialised.
 */
import type { CardBundle } from '../core/card-data';
import type { Storage } from '../shared/browser';
import type { FrameReport, TabEntity, TabState } from '../shared/messages';
import { tabStateKey as key } from '../shared/storage-keys';

export interface StoredTab {
  frames: Record<string, FrameReport>;
}

export class TabStore {
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly storage: Storage.StorageArea) {}

  private async read(tabId: number): Promise<StoredTab> {
    const got = await this.storage.get(key(tabId));
    return (got[key(tabId)] as StoredTab | undefined) ?? { frames: {} };
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

  /** Stores a frame's report, replacing its previous one (a new page's load clears the tab: main.ts). */
  report(tabId: number, frameId: number, report: FrameReport): Promise<StoredTab> {
    return this.serial(tabId, async () => {
      const tab = await this.read(tabId);
      tab.frames[String(frameId)] = report;
      await this.storage.set({ [key(tabId)]: tab });
      return tab;
    });
  }

  clear(tabId: number): Promise<void> {
    return this.serial(tabId, () => this.storage.remove(key(tabId)));
  }

  async get(tabId: number): Promise<StoredTab> {
    await this.queues.get(tabId);
    return this.read(tabId);
  }
}

/** Sums the frames of a tab into what the popup shows. */
export function summarize(tab: StoredTab, bundle: CardBundle): TabState {
  const counts = new Map<string, number>();
  for (const frame of Object.values(tab.frames)) {
    if (!frame.active) continue;
    for (const [id, n] of Object.entries(frame.counts)) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  const entities: TabEntity[] = [];
  for (const [id, count] of counts) {
    const card = bundle.cards[id];
    if (card && count > 0) entities.push({ id, name: card.name, type: card.type, count });
  }
  entities.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return {
    host: tab.frames['0']?.host ?? null,
    entities,
    total: entities.reduce((n, e) => n + e.count, 0),
  };
}

/** Badge text for a count: empty for none, "999+" beyond three digits. */
export function badgeText(total: number): string {
  if (total <= 0) return '';
  return total > 999 ? '999+' : String(total);
}
