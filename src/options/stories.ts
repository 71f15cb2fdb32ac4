/**
 * Stories: the story packs, each with its story line, its number of names, its size and a switch;
 * import a pack file (the background validates it: a bad file is refused whole, with the reason and
 * where, and nothing changes), replace a pack of the same id only after asking (with undo), remove
 * (with undo), export. The background is the packs' one writer; this part only asks it.
 */
import { formatDate } from '../core/card-text';
import { PACK_LIMITS } from '../core/pack-limits';
import browser from '../shared/browser';
import { sendMessage, type PackImportReply, type PackInfo } from '../shared/messages';
import { PACKS_KEY } from '../shared/storage-keys';
import { byId, downloadJson, make, type Page } from './page';

/** What Undo puts back: a removed pack, or the file a replace took the place of. */
type Undoable =
  { kind: 'removed'; text: string; enabled: boolean; name: string } | { kind: 'replaced'; text: string; name: string };

export function setUpStories(page: Page, signal: AbortSignal = new AbortController().signal): () => Promise<void> {
  const { doc, say } = page;
  const list = byId<HTMLUListElement>(doc, 'packs');
  const message = byId(doc, 'pack-message');
  const errors = byId<HTMLUListElement>(doc, 'pack-errors');
  const ask = byId(doc, 'pack-replace');
  const undo = byId<HTMLButtonElement>(doc, 'pack-undo');
  const input = byId<HTMLInputElement>(doc, 'pack-file');
  const mb = PACK_LIMITS.bytes / 2 ** 20;
  byId(doc, 'stories-limits').textContent = say('options_stories_limits', String(PACK_LIMITS.packs), String(mb));
  const lang = say('options_language');
  // Dates as the cards write them (English as in Britain: 19 May 2014).
  const locale = lang === 'en' ? 'en-GB' : lang;
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  let undoable: Undoable | null = null;
  /** The file waiting for the reader's answer to "replace it?". */
  let pending: { text: string; file: string } | null = null;

  const storyLine = (p: PackInfo): string =>
    say('options_pack_story', p.story.publisher, formatDate(p.story.date, locale), p.story.title);
  const size = (bytes: number): string =>
    bytes < 1024 * 1024 ? `${number.format(bytes / 1024)} KB` : `${number.format(bytes / 2 ** 20)} MB`;

  const tell = (text: string, problems: string[] = []): void => {
    message.textContent = text;
    errors.replaceChildren(...problems.map((p) => make(doc, 'li', '', p)));
    errors.hidden = problems.length === 0;
  };
  const offerUndo = (u: Undoable | null): void => {
    undoable = u;
    undo.hidden = u === null;
  };

  const item = (p: PackInfo): HTMLLIElement => {
    const li = make(doc, 'li', 'pack');
    li.dataset.pack = p.id;
    const label = make(doc, 'label', 'check');
    const box = make(doc, 'input');
    box.type = 'checkbox';
    box.checked = p.enabled;
    box.setAttribute('aria-label', say('options_pack_switch_label', p.story.title));
    box.addEventListener('change', () => {
      box.disabled = true;
      void sendMessage('packSetEnabled', { id: p.id, enabled: box.checked }).finally(() => void refresh());
    });
    const line = make(doc, 'span', 'name', storyLine(p));
    label.append(box, line);
    const facts = make(
      doc,
      'span',
      'type',
      `${say('options_pack_facts', number.format(p.entities), size(p.bytes))}${p.bundled ? ` · ${say('options_pack_bundled')}` : ''}`,
    );
    const exportButton = make(doc, 'button', '', say('options_pack_export'));
    exportButton.type = 'button';
    exportButton.setAttribute('aria-label', say('options_pack_export_label', p.story.title));
    exportButton.addEventListener('click', () => void exportPack(p));
    li.append(label, facts, exportButton);
    if (!p.bundled) {
      const remove = make(doc, 'button', '', say('options_pack_remove'));
      remove.type = 'button';
      remove.setAttribute('aria-label', say('options_pack_remove_label', p.story.title));
      remove.addEventListener('click', () => void removePack(p));
      li.append(remove);
    }
    return li;
  };

  const refresh = async (): Promise<void> => {
    const packs = await sendMessage('packList', {});
    list.replaceChildren(...packs.map(item));
  };

  const exportPack = async (p: PackInfo): Promise<void> => {
    const text = await sendMessage('packExport', { id: p.id });
    if (text === null) return;
    const name = `${p.id}.json`;
    downloadJson(doc, name, text);
    tell(say('options_pack_exported', name));
  };

  const removePack = async (p: PackInfo): Promise<void> => {
    const removed = await sendMessage('packRemove', { id: p.id });
    await refresh();
    if (!removed) return;
    tell(say('options_pack_removed', p.story.title));
    offerUndo({ kind: 'removed', text: removed.text, enabled: removed.enabled, name: p.story.title });
  };

  /** Says what an import replied: done, refused (each problem with its place), or "replace it?". */
  const answer = (reply: PackImportReply, file: string, text: string, replacing: boolean): void => {
    if (reply.ok) {
      ask.hidden = true;
      pending = null;
      void refresh();
      const name = reply.id;
      if (replacing && reply.previous !== null) {
        tell(say('options_pack_replaced', name));
        offerUndo({ kind: 'replaced', text: reply.previous, name });
      } else {
        tell(say('options_pack_imported', file));
        offerUndo(null);
      }
      return;
    }
    if ('exists' in reply) {
      pending = { text, file };
      tell(say('options_pack_exists', reply.exists.story.title, reply.exists.id, file));
      ask.hidden = false;
      return;
    }
    const problems = reply.errors.map((e) =>
      e.line !== undefined ? say('options_pack_error_at', e.message, String(e.line), String(e.column)) : e.message,
    );
    tell(say('options_pack_rejected', file), problems);
  };

  const importFile = async (file: File): Promise<void> => {
    ask.hidden = true;
    pending = null;
    if (file.size > PACK_LIMITS.bytes) {
      tell(say('options_pack_rejected', file.name), [say('options_pack_too_large', String(mb))]);
      return;
    }
    const text = await file.text();
    // A large pack takes the background a while to check and compile: say so meanwhile.
    tell(say('options_pack_checking', file.name));
    answer(await sendMessage('packImport', { text }), file.name, text, false);
  };

  byId(doc, 'pack-import').addEventListener('click', () => input.click(), { signal });
  input.addEventListener(
    'change',
    () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) void importFile(file).catch((e: unknown) => tell(say('options_pack_rejected', file.name), [String(e)]));
    },
    { signal },
  );
  byId(doc, 'pack-replace-yes').addEventListener(
    'click',
    () => {
      const p = pending;
      if (!p) return;
      void sendMessage('packImport', { text: p.text, replace: true }).then((r) => answer(r, p.file, p.text, true));
    },
    { signal },
  );
  byId(doc, 'pack-replace-no').addEventListener(
    'click',
    () => {
      pending = null;
      ask.hidden = true;
      tell(say('options_pack_kept'));
    },
    { signal },
  );
  undo.addEventListener(
    'click',
    () => {
      const u = undoable;
      offerUndo(null);
      if (!u) return;
      const request =
        u.kind === 'removed' ? { text: u.text, enabled: u.enabled, replace: true } : { text: u.text, replace: true };
      void sendMessage('packImport', request).then((r) => {
        void refresh();
        tell(r.ok ? say('options_pack_undone', u.name) : say('options_pack_rejected', u.name));
      });
    },
    { signal },
  );
  // Packs changed elsewhere (another options tab): list them again.
  const changed = (changes: Record<string, unknown>, area: string): void => {
    if (area === 'local' && PACKS_KEY in changes) void refresh();
  };
  browser.storage.onChanged.addListener(changed);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(changed), { once: true });
  return refresh;
}
