/**
 * The search box over the whole dataset (the background holds the index: names and aliases, case,
 * diacritics and typos forgiven, then what the story says of each). Results are buttons; a result
 * found in a description shows the passage with the query's words marked; Down moves from the box into them, Up and Down
 * between them, Enter in the box takes the first, Escape empties the box.
 */
import type { EntityType } from '../core/dataset-types';
import type { SearchHit } from '../core/search-index';
import { h } from './dom';

export interface SearchBoxOptions {
  input: HTMLInputElement;
  list: HTMLElement;
  search: (query: string) => Promise<SearchHit[]>;
  /** The results for a query are shown (null: the box was emptied). */
  onResults: (query: string, hits: SearchHit[] | null) => void;
  onChoose: (hit: SearchHit) => void;
  say: { type: (type: EntityType) => string; also: (text: string) => string };
}

const DELAY_MS = 60;

export function setUpSearchBox(options: SearchBoxOptions): void {
  const { input, list, say } = options;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const buttons = (): HTMLButtonElement[] => [...list.querySelectorAll<HTMLButtonElement>('button.result')];

  const show = (query: string, found: SearchHit[]): void => {
    // A result that has the keyboard keeps it when the results are drawn again.
    const focused = list.contains(document.activeElement) ? document.activeElement?.getAttribute('data-entity') : null;
    list.replaceChildren(
      ...found.map((hit) => {
        const b = h(
          'button',
          { type: 'button', class: 'result', 'data-entity': hit.id },
          h('span', { class: `swatch ${hit.type}`, 'aria-hidden': 'true' }),
          h(
            'span',
            { class: 'label' },
            h('span', { class: 'name' }, hit.name),
            hit.matched ? h('span', { class: 'also' }, say.also(hit.matched)) : null,
            hit.snippet ? passage(hit.snippet) : null,
          ),
          h('span', { class: 'type' }, say.type(hit.type)),
        );
        b.addEventListener('click', () => options.onChoose(hit));
        return h('li', {}, b);
      }),
    );
    if (focused) list.querySelector<HTMLButtonElement>(`button[data-entity="${CSS.escape(focused)}"]`)?.focus();
    options.onResults(query, found);
  };

  const run = (): void => {
    const query = input.value.trim();
    const ticket = ++asked;
    if (!query) {
      list.replaceChildren();
      options.onResults('', null);
      return;
    }
    void options.search(query).then((found) => {
      if (ticket === asked) show(query, found);
    });
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons()[0]?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(timer);
      const query = input.value.trim();
      if (!query) return;
      // Search now (the delay may not have passed) and take the best match.
      void options.search(query).then((found) => {
        show(query, found);
        if (found[0]) options.onChoose(found[0]);
      });
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      run();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[Math.min(all.length - 1, at + 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (at === 0 ? input : all[at - 1])?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.focus();
    }
  });
}

/** A passage of a description with the query's words marked (text nodes only). */
function passage(snippet: NonNullable<SearchHit['snippet']>): HTMLElement {
  const out = h('span', { class: 'passage' });
  let at = 0;
  for (const [start, end] of snippet.marks) {
    if (start < at || end > snippet.text.length) continue;
    out.append(snippet.text.slice(at, start), h('mark', {}, snippet.text.slice(start, end)));
    at = end;
  }
  out.append(snippet.text.slice(at));
  return out;
}
