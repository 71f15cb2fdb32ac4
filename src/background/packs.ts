/**
 * The reader's story packs: which are on, the ones they imported, and what the enabled ones compile
 * to. The background is their one writer (the options page asks). With only the first pack on (the
 * default) nothing is compiled: the build's data is used as it is, and content scripts keep the
 * matcher they carry. Any other choice is compiled once per change and kept, in memory and in
 * storage.local (a service worker is stopped at will), with the id content scripts ask it by.
 */
import loadBundled, { info as bundledInfo } from 'virtual:bundled-packs';
import { buildAutomaton, packAutomaton } from '../core/automaton';
import type { CardBundle } from '../core/card-data';
import type { MatcherData } from '../core/matcher-data';
import { PACK_LIMITS, readPack, type Pack, type StoryLine } from '../core/pack';
import { compilePacks } from '../core/pack-merge';
import type { SearchIndex } from '../core/search-index';
import browser, { type Storage } from '../shared/browser';
import type { PackImportReply, PackInfo } from '../shared/messages';
import { PACKS_COMPILED_KEY, PACKS_KEY, packKey } from '../shared/storage-keys';

/** What storage.local holds under PACKS_KEY: the order of the imported packs and which packs are on. */
interface PackIndex {
  imported: PackInfo[];
  enabled: string[];
}

/** What the background serves from: the build's data, or the enabled packs compiled. */
export interface ActiveData {
  /** The compiled matcher's id; null: the build's (content scripts keep their own). */
  matcherId: string | null;
  matcher: MatcherData | null;
  cards: CardBundle;
  search: SearchIndex;
}

interface StoredCompiled extends ActiveData {
  /** What it was compiled from: the enabled packs' ids and versions, in order. */
  key: string;
}

export const FIRST_PACK_ID: string = bundledInfo[0]!.id;

/** What the default (the first pack alone) compiles from: the build's data. */
const DEFAULT_KEY = `${bundledInfo[0]!.id}@${bundledInfo[0]!.version}:${bundledInfo[0]!.bytes}`;

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** A hash of a text: the compiled matcher's id (FNV-1a over UTF-16 units, twice, as hex). */
function hashId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `p${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

function storyOf(pack: Pack): Omit<StoryLine, 'pack'> {
  const { title, publisher, date, url } = pack.story;
  return { title, publisher, date, url };
}

export class PackStore {
  private index: PackIndex | null = null;
  private active: ActiveData;
  private activeKey: string;
  /** One change at a time, each from what is stored. */
  private queue: Promise<unknown> = Promise.resolve();
  private loading: Promise<void> | null = null;
  /**
   * Imported packs this background has validated, by id: compiling again needs no second
   * validation of each (seconds for large packs). Empty after a restart: read and validated then.
   */
  private readonly validated = new Map<string, Pack>();

  constructor(
    private readonly builtIn: { cards: CardBundle; search: SearchIndex },
    private readonly storage: Storage.StorageArea = browser.storage.local,
    /** Told after every change of the enabled packs (content scripts ask again). */
    private readonly onChange: () => void = () => {},
    /**
     * Whether the compiled form may be kept in storage and read back: only where content scripts
     * cannot write storage.local (Chromium closes it to them; Firefox cannot, so there the enabled
     * packs are compiled again from their validated files when the background starts).
     */
    private readonly keepCompiled: () => Promise<boolean> = async () => true,
  ) {
    this.active = { matcherId: null, matcher: null, ...builtIn };
    this.activeKey = DEFAULT_KEY;
  }

  /** The data to serve, once what is stored has been read (and compiled, if it must be). */
  async current(): Promise<ActiveData> {
    await (this.loading ??= this.load());
    return this.active;
  }

  /** The data served now (the build's until the first read). */
  now(): ActiveData {
    return this.active;
  }

  private async readIndex(): Promise<PackIndex> {
    const raw = (await this.storage.get(PACKS_KEY))[PACKS_KEY] as Partial<PackIndex> | undefined;
    const imported = Array.isArray(raw?.imported) ? raw.imported : [];
    const enabled = Array.isArray(raw?.enabled) ? raw.enabled.filter((x) => typeof x === 'string') : [FIRST_PACK_ID];
    return { imported, enabled };
  }

  private async load(): Promise<void> {
    this.index = await this.readIndex();
    await this.compile();
  }

  /** Every pack, bundled first, in order. */
  async list(): Promise<PackInfo[]> {
    await this.current();
    const enabled = new Set(this.index!.enabled);
    const bundled = bundledInfo.map((b) => ({ ...b, enabled: enabled.has(b.id), bundled: true }));
    return [...bundled, ...this.index!.imported.map((p) => ({ ...p, enabled: enabled.has(p.id), bundled: false }))];
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The enabled packs, in list order (bundled first). */
  private async enabledPacks(): Promise<Pack[]> {
    const enabled = new Set(this.index!.enabled);
    const out: Pack[] = [];
    const wanted = bundledInfo.filter((b) => enabled.has(b.id));
    if (wanted.length > 0) {
      const all = loadBundled();
      for (const b of wanted) out.push(all.find((p) => p.id === b.id)!);
    }
    for (const info of this.index!.imported) {
      if (!enabled.has(info.id)) continue;
      const known = this.validated.get(info.id);
      if (known) {
        out.push(known);
        continue;
      }
      const text = (await this.storage.get(packKey(info.id)))[packKey(info.id)];
      const reading = typeof text === 'string' ? readPack(text) : null;
      if (!reading?.ok) continue;
      this.validated.set(info.id, reading.pack);
      out.push(reading.pack);
    }
    return out;
  }

  private keyOf(): string {
    const enabled = new Set(this.index!.enabled);
    const all = [...bundledInfo, ...this.index!.imported].filter((p) => enabled.has(p.id));
    return all.map((p) => `${p.id}@${p.version}:${p.bytes}`).join(' ');
  }

  /** Makes the active data what the enabled packs say: the build's, the stored compiled form, or a new compile. */
  private async compile(): Promise<void> {
    const key = this.keyOf();
    if (key === this.activeKey) return;
    if (key === DEFAULT_KEY) {
      this.active = { matcherId: null, matcher: null, ...this.builtIn };
      this.activeKey = key;
      await this.storage.remove(PACKS_COMPILED_KEY);
      return;
    }
    const keep = await this.keepCompiled();
    const stored = keep
      ? ((await this.storage.get(PACKS_COMPILED_KEY))[PACKS_COMPILED_KEY] as StoredCompiled | undefined)
      : undefined;
    if (stored?.key === key) {
      const { key: _key, ...data } = stored;
      this.active = data;
      this.activeKey = key;
      return;
    }
    const packs = await this.enabledPacks();
    if (packs.length === 0) {
      // Every pack off: nothing is found; the cards stay the build's (an open card still reads).
      this.active = { matcherId: 'none', matcher: emptyMatcher(), cards: this.builtIn.cards, search: [] };
    } else {
      const compiled = compilePacks(packs);
      const matcherId = hashId(JSON.stringify(compiled.matcher));
      this.active = { matcherId, matcher: compiled.matcher, cards: compiled.cards, search: compiled.search };
    }
    this.activeKey = key;
    if (keep) await this.storage.set({ [PACKS_COMPILED_KEY]: { key, ...this.active } satisfies StoredCompiled });
  }

  private async save(): Promise<void> {
    await this.storage.set({ [PACKS_KEY]: this.index });
    await this.compile();
    this.onChange();
  }

  setEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.serial(async () => {
      await this.current();
      this.index = await this.readIndex();
      const known = bundledInfo.some((b) => b.id === id) || this.index.imported.some((p) => p.id === id);
      if (!known) return false;
      const set = new Set(this.index.enabled);
      if (enabled) set.add(id);
      else set.delete(id);
      this.index.enabled = [...set];
      await this.save();
      return true;
    });
  }

  /**
   * Imports a pack file's text: validated whole (a bad file changes nothing); a pack of an id
   * already here is replaced only when `replace` says so (the reply says it exists otherwise). A
   * new pack is switched on; a replaced one keeps its switch. Replies the replaced text for undo.
   */
  importPack(text: string, options: { replace?: boolean; enabled?: boolean } = {}): Promise<PackImportReply> {
    return this.serial(async () => {
      await this.current();
      const reading = readPack(text);
      if (!reading.ok) {
        return {
          ok: false,
          errors: reading.errors.slice(0, 20).map((e) => ({
            message: formatMessage(e),
            ...(e.line !== undefined ? { line: e.line, column: e.column! } : {}),
          })),
        };
      }
      const pack = reading.pack;
      if (bundledInfo.some((b) => b.id === pack.id)) {
        return { ok: false, errors: [{ message: `"${pack.id}" is the id of a pack that comes with the extension` }] };
      }
      this.index = await this.readIndex();
      const at = this.index.imported.findIndex((p) => p.id === pack.id);
      if (at >= 0 && !options.replace) return { ok: false, exists: { id: pack.id, story: storyOf(pack) } };
      if (at < 0 && bundledInfo.length + this.index.imported.length >= PACK_LIMITS.packs) {
        return { ok: false, errors: [{ message: `there are already ${PACK_LIMITS.packs} packs: remove one first` }] };
      }
      const previous = at >= 0 ? ((await this.storage.get(packKey(pack.id)))[packKey(pack.id)] as string) : null;
      const info: PackInfo = {
        id: pack.id,
        story: storyOf(pack),
        entities: pack.entities.length,
        bytes: byteLength(text),
        enabled: false,
        bundled: false,
        version: pack.version,
      };
      if (at >= 0) this.index.imported[at] = info;
      else this.index.imported.push(info);
      const on = options.enabled ?? (at >= 0 ? this.index.enabled.includes(pack.id) : true);
      const set = new Set(this.index.enabled);
      if (on) set.add(pack.id);
      else set.delete(pack.id);
      this.index.enabled = [...set];
      await this.storage.set({ [packKey(pack.id)]: text });
      this.validated.set(pack.id, pack);
      await this.save();
      return { ok: true, id: pack.id, previous };
    });
  }

  /** Removes an imported pack; replies its text and switch for undo (null: no such pack). */
  remove(id: string): Promise<{ text: string; enabled: boolean } | null> {
    return this.serial(async () => {
      await this.current();
      this.index = await this.readIndex();
      const at = this.index.imported.findIndex((p) => p.id === id);
      if (at < 0) return null;
      const text = (await this.storage.get(packKey(id)))[packKey(id)] as string;
      const enabled = this.index.enabled.includes(id);
      this.index.imported.splice(at, 1);
      this.index.enabled = this.index.enabled.filter((x) => x !== id);
      await this.storage.remove(packKey(id));
      this.validated.delete(id);
      await this.save();
      return { text, enabled };
    });
  }

  /** A pack's file: the text imported, or a bundled pack written out. */
  async exportPack(id: string): Promise<string | null> {
    await this.current();
    if (bundledInfo.some((b) => b.id === id)) {
      const pack = loadBundled().find((p) => p.id === id)!;
      return `${JSON.stringify(pack, null, 2)}\n`;
    }
    if (!this.index!.imported.some((p) => p.id === id)) return null;
    const text = (await this.storage.get(packKey(id)))[packKey(id)];
    return typeof text === 'string' ? text : null;
  }
}

function formatMessage(e: { entity: string | null; field: string; reason: string }): string {
  return `${e.entity ?? 'pack'}: ${e.field}: ${e.reason}`;
}

/** A matcher that finds nothing (every pack switched off). */
function emptyMatcher(): MatcherData {
  return {
    entities: [],
    related: [],
    homographs: [],
    records: [],
    patterns: [],
    automaton: packAutomaton(buildAutomaton([])),
  };
}
