/**
 * The reader's two sync switches (SyncChoice), kept where no content script can reach them. A
 * content script can write storage.local in Firefox (no access levels there; in Chromium the
 * background closes storage to content scripts: storage-access.ts), so a compromised one could
 * write "sync on, sites too" into any key of it, and the background would push the switched-off
 * sites into the reader's account. The switches therefore live in the background's own IndexedDB:
 * it belongs to the extension's origin, while a content script's indexedDB is its page's. Only the
 * options page changes them (`changeSettings` {kind: 'sync'}, through the background).
 *
 * storage.local holds a copy (SYNC_CHOICE_KEY) for the options page to follow. It decides nothing,
 * and a change the background did not make is put back.
 */
import type { Storage } from '../shared/browser';
import { NO_SYNC, readRaw, readSyncChoice, storedVersion, type SyncChoice } from '../shared/settings';
import { SYNC_CHOICE_KEY } from '../shared/storage-keys';

/** Where the switches are kept. */
export interface ChoiceRecord {
  /** What was stored, or undefined if nothing ever was. */
  get(): Promise<unknown>;
  set(choice: SyncChoice): Promise<void>;
}

const DATABASE = 'contextual-highlights';
const STORE = 'choices';
const KEY = 'sync';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** How long a read or write of the record may take before it counts as failed (syncs wait on it). */
const RECORD_TIMEOUT_MS = 5000;

function inTime<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`IndexedDB did not ${what} in time`)), RECORD_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The record in the background's IndexedDB (one database, one store, one key). A read or write that
 * does not end in time fails, rather than hold up every sync after it.
 */
export function indexedDbRecord(factory: IDBFactory): ChoiceRecord {
  let opening: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => {
    opening ??= inTime(
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = factory.open(DATABASE, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE);
        request.onsuccess = () => {
          // A connection the browser closes is opened again at the next read or write.
          request.result.onclose = () => (opening = null);
          resolve(request.result);
        };
        request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
      }),
      'open',
    ).catch((e: unknown) => {
      // Tried again at the next read or write.
      opening = null;
      throw e;
    });
    return opening;
  };
  /** `work` on the database, in time; after a failure the next one starts from a new connection. */
  const use = <T>(work: (db: IDBDatabase) => Promise<T>, what: string): Promise<T> =>
    inTime(database().then(work), what).catch((e: unknown) => {
      opening = null;
      throw e;
    });
  return {
    get: () => use((db) => done(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY)), 'answer'),
    set: (choice) =>
      use((db) => {
        const transaction = db.transaction(STORE, 'readwrite');
        transaction.objectStore(STORE).put({ ...choice }, KEY);
        return committed(transaction);
      }, 'store the switches'),
  };
}

/**
 * Kept in memory only: where there is no IndexedDB (Node, in unit tests). The switches then last
 * as long as the background runs, and sync is off after that: the safe way to fail.
 */
export function memoryRecord(): ChoiceRecord {
  let kept: SyncChoice | undefined;
  return {
    get: async () => kept,
    set: async (choice) => {
      kept = { ...choice };
    },
  };
}

/** The record the background uses: IndexedDB where there is one. */
export function defaultRecord(): ChoiceRecord {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  return factory ? indexedDbRecord(factory) : memoryRecord();
}

export class SyncChoices {
  constructor(
    private readonly record: ChoiceRecord,
    private readonly local: Storage.StorageArea,
  ) {}

  /**
   * The switches. The first time ever, version 2's are taken over from the stored settings, where
   * they used to be (once: from then on the record has them). A record that cannot be read counts
   * as off.
   */
  async get(): Promise<SyncChoice> {
    let raw: unknown;
    try {
      raw = await this.record.get();
    } catch (e) {
      console.debug('[contextual-highlights] the sync switches could not be read', e);
      return NO_SYNC;
    }
    if (raw !== undefined) return readSyncChoice(raw);
    const settings = await readRaw(this.local);
    const old = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
    const choice = storedVersion(settings) <= 2 ? readSyncChoice({ sync: old.sync, sites: old.syncSites }) : NO_SYNC;
    await this.set(choice);
    return choice;
  }

  /** Sets the switches (the options page asked), and the copy in storage.local. */
  async set(choice: SyncChoice): Promise<void> {
    const clean = readSyncChoice(choice);
    await this.record.set(clean);
    await this.local.set({ [SYNC_CHOICE_KEY]: clean });
  }

  /** The copy in storage.local changed to `value`: unless it is what the record says, it is put back. */
  async guardCopy(value: unknown): Promise<void> {
    const choice = await this.get();
    const copy = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
    if (copy && Object.keys(copy).length === 2 && copy.sync === choice.sync && copy.sites === choice.sites) return;
    await this.local.set({ [SYNC_CHOICE_KEY]: choice });
  }
}
