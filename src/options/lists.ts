/**
 * The two lists a reader reviews and prunes: sites where highlights are off (with a field to add
 * one) and names they chose not to highlight. Items are kept across renders, so focus stays where
 * it was; removing an item moves focus to the next one (or the list's "none" line). A list can be
 * long (up to LIST_LIMITS): every step of a render is linear in its length, and the muted names are
 * looked up with one message for all of them.
 */
import { sendMessage, type EntityName } from '../shared/messages';
import { LIST_LIMITS, siteFromInput } from '../shared/settings';
import { cardText } from '../shared/card-text';
import { translator } from '../shared/i18n';
import { byId, make, type Page, type Render } from './page';

interface ListView {
  /** Shows these keys, in this order, building the items it does not have yet. */
  show(keys: readonly string[]): void;
}

/**
 * A list of removable items under `listId`, with the "none" line `emptyId`. `build` fills one item
 * and returns its name and remove button; `remove` removes the item from the settings. The button
 * is named by its own words and then the item's name ("Switch on again news.example"), so what is
 * read out starts with what is seen, as voice control needs.
 */
function removableList(
  page: Page,
  listId: string,
  emptyId: string,
  build: (key: string, li: HTMLLIElement) => { name: HTMLElement; button: HTMLButtonElement },
  remove: (key: string) => Promise<unknown>,
): ListView {
  const { doc } = page;
  const list = byId<HTMLUListElement>(doc, listId);
  const empty = byId(doc, emptyId);
  const items = new Map<string, HTMLLIElement>();
  let shown: string[] = [];
  let made = 0;
  // One listener for every remove button of the list.
  list.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    const key = button?.closest('li')?.dataset.key;
    if (key !== undefined && items.get(key)?.contains(button!)) void remove(key);
  });

  return {
    show(keys) {
      const wanted = new Set(keys);
      const focused = [...items].find(([, li]) => li.contains(doc.activeElement))?.[0];
      empty.hidden = keys.length > 0;
      list.hidden = keys.length === 0;
      const ordered = keys.map((key) => {
        let li = items.get(key);
        if (!li) {
          li = make(doc, 'li');
          li.dataset.key = key;
          const { name, button } = build(key, li);
          name.id = `${listId}-name-${made}`;
          button.id = `${listId}-button-${made++}`;
          button.setAttribute('aria-labelledby', `${button.id} ${name.id}`);
          button.type = 'button';
          items.set(key, li);
        }
        return li;
      });
      for (const [key, li] of items) {
        if (wanted.has(key)) continue;
        li.remove();
        items.delete(key);
      }
      // Inserted where they belong: an item that stays is not moved, so it keeps its focus; new
      // items go in together (one insertion for a run of them, not one each).
      let at: ChildNode | null = list.firstChild;
      const fresh = doc.createDocumentFragment();
      const flush = (): void => void (fresh.firstChild && list.insertBefore(fresh, at));
      for (const li of ordered) {
        if (li === at) {
          flush();
          at = li.nextSibling;
        } else if (li.parentNode === list) {
          flush();
          list.insertBefore(li, at);
        } else {
          fresh.append(li);
        }
      }
      flush();
      if (focused !== undefined && !wanted.has(focused)) {
        // The focused item went: the next one takes the focus, else the one before, else "none".
        const i = shown.indexOf(focused);
        const next =
          shown.slice(i + 1).find((k) => wanted.has(k)) ??
          shown
            .slice(0, i)
            .reverse()
            .find((k) => wanted.has(k));
        (next === undefined ? empty : items.get(next)?.querySelector('button'))?.focus();
      }
      shown = [...keys];
    },
  };
}

export function setUpSites(page: Page): Render {
  const { doc, say } = page;
  const message = byId(doc, 'site-message');
  // Asked of the browser once, not once per item of a long list.
  const removeLabel = say('options_site_remove');
  const view = removableList(
    page,
    'sites',
    'sites-empty',
    (host, li) => {
      const name = make(doc, 'span', 'name', host);
      const button = make(doc, 'button', '', removeLabel);
      li.append(name, button);
      return { name, button };
    },
    async (host) => {
      await page.update({ kind: 'site', host, enabled: true });
      message.textContent = say('options_site_removed', host);
    },
  );

  const form = byId<HTMLFormElement>(doc, 'site-form');
  const input = byId<HTMLInputElement>(doc, 'site-input');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = input.value.trim();
    if (!typed) return;
    const host = siteFromInput(typed);
    if (!host) {
      message.textContent = say('options_site_invalid', typed);
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    const sites = page.current().disabledSites;
    if (sites.includes(host)) {
      message.textContent = say('options_site_known', host);
      return;
    }
    const full = say(
      'options_site_full',
      new Intl.NumberFormat(say('options_language')).format(LIST_LIMITS.disabledSites),
    );
    if (sites.length >= LIST_LIMITS.disabledSites) {
      message.textContent = full;
      return;
    }
    input.value = '';
    void page
      .update({ kind: 'site', host, enabled: false })
      .then((made) => (message.textContent = made ? say('options_site_added', host) : full));
  });

  return (s) => view.show(s.disabledSites);
}

export function setUpMuted(page: Page): Render {
  const { doc, say } = page;
  const typeName = translator(cardText);
  const message = byId(doc, 'muted-message');
  /** What the background said of each id asked about (null: not in the extension's data). */
  const known = new Map<string, EntityName | null>();
  /** Items built since the last lookup, waiting for their names. */
  const waiting = new Map<string, { name: HTMLElement; type: HTMLElement }>();
  const removeLabel = say('options_muted_remove');
  const kinds = new Map<EntityName['type'], string>();
  const kindName = (type: EntityName['type']): string => {
    let name = kinds.get(type);
    if (name === undefined) kinds.set(type, (name = typeName(`card_type_${type}`)));
    return name;
  };

  const fill = (id: string, parts: { name: HTMLElement; type: HTMLElement }): void => {
    const entity = known.get(id);
    parts.name.textContent = entity ? entity.name : say('options_muted_unknown', id);
    parts.type.textContent = entity ? `· ${kindName(entity.type)}` : '';
  };

  /** The names and kinds of every item waiting, from the card data in the background (the page bundles none), in one message. */
  const lookUp = (): void => {
    const ids = [...waiting.keys()].filter((id) => !known.has(id));
    const parts = new Map(waiting);
    waiting.clear();
    const answer: Promise<Record<string, EntityName> | null> = ids.length
      ? sendMessage('entityNames', { ids }).catch(() => null)
      : Promise.resolve({});
    void answer.then((names) => {
      if (names) for (const id of ids) known.set(id, Object.hasOwn(names, id) ? names[id]! : null);
      for (const [id, p] of parts) if (known.has(id)) fill(id, p);
    });
  };

  const view = removableList(
    page,
    'muted',
    'muted-empty',
    (id, li) => {
      const name = make(doc, 'span', 'name', id);
      const type = make(doc, 'span', 'type');
      const button = make(doc, 'button', '', removeLabel);
      li.append(name, type, button);
      waiting.set(id, { name, type });
      return { name, button };
    },
    async (id) => {
      await page.update({ kind: 'muted', entity: id, muted: false });
      message.textContent = say('options_muted_removed', known.get(id)?.name ?? id);
    },
  );
  return (s) => {
    view.show(s.mutedEntities);
    if (waiting.size) lookUp();
  };
}
