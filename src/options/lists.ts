/**
 * The two lists a reader reviews and prunes: sites where highlights are off (with a field to add
 * one) and names they chose not to highlight. Items are kept across renders, so focus stays where
 * it was; removing an item moves focus to the next one (or the list's "none" line).
 */
import { sendMessage } from '../shared/messages';
import { siteFromInput } from '../shared/settings';
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

  return {
    show(keys) {
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
          button.addEventListener('click', () => void remove(key));
          items.set(key, li);
        }
        return li;
      });
      // Inserted where they belong: an item that stays is not moved, so it keeps its focus.
      ordered.forEach((li, i) => {
        if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
      });
      for (const [key, li] of items) {
        if (keys.includes(key)) continue;
        li.remove();
        items.delete(key);
      }
      if (focused !== undefined && !keys.includes(focused)) {
        // The focused item went: the next one takes the focus, else the one before, else "none".
        const at = shown.indexOf(focused);
        const next =
          shown.slice(at + 1).find((k) => keys.includes(k)) ??
          shown
            .slice(0, at)
            .reverse()
            .find((k) => keys.includes(k));
        (next === undefined ? empty : items.get(next)?.querySelector('button'))?.focus();
      }
      shown = [...keys];
    },
  };
}

export function setUpSites(page: Page): Render {
  const { doc, say } = page;
  const message = byId(doc, 'site-message');
  const view = removableList(
    page,
    'sites',
    'sites-empty',
    (host, li) => {
      const name = make(doc, 'span', 'name', host);
      const button = make(doc, 'button', '', say('options_site_remove'));
      li.append(name, button);
      return { name, button };
    },
    async (host) => {
      await page.update((s) => ({ disabledSites: s.disabledSites.filter((h) => h !== host) }));
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
    if (page.current().disabledSites.includes(host)) {
      message.textContent = say('options_site_known', host);
      return;
    }
    input.value = '';
    void page
      .update((s) => ({ disabledSites: [...new Set([...s.disabledSites, host])] }))
      .then(() => (message.textContent = say('options_site_added', host)));
  });

  return (s) => view.show(s.disabledSites);
}

export function setUpMuted(page: Page): Render {
  const { doc, say } = page;
  const typeName = translator(cardText);
  const message = byId(doc, 'muted-message');
  const names = new Map<string, string>();
  const view = removableList(
    page,
    'muted',
    'muted-empty',
    (id, li) => {
      const name = make(doc, 'span', 'name', id);
      const type = make(doc, 'span', 'type');
      const button = make(doc, 'button', '', say('options_muted_remove'));
      li.append(name, type, button);
      // The name and kind come from the card data in the background (the page bundles none).
      void sendMessage('getCard', { entity: id })
        .catch(() => null)
        .then((card) => {
          const shown = card ? card.name : say('options_muted_unknown', id);
          names.set(id, card?.name ?? id);
          name.textContent = shown;
          if (card) type.textContent = `· ${typeName(`card_type_${card.type}`)}`;
        });
      return { name, button };
    },
    async (id) => {
      await page.update((s) => ({ mutedEntities: s.mutedEntities.filter((e) => e !== id) }));
      message.textContent = say('options_muted_removed', names.get(id) ?? id);
    },
  );
  return (s) => view.show(s.mutedEntities);
}
