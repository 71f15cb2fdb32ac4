/**
 * The Relations tab: the whole story as a list to choose from, this page's entities first (in the
 * list's order), then the rest of the story; each says how many ties it has and opens its
 * statements (relation-view.ts).
 */
import type { StoryEntity, TabEntity } from '../shared/messages';
import { h } from './dom';

export interface StoryListOptions {
  say: { onPage: string; elsewhere: string; ties: (n: number) => string };
  onChoose: (id: string) => void;
}

export function renderStoryList(
  container: HTMLElement,
  onPage: readonly TabEntity[],
  story: readonly StoryEntity[],
  options: StoryListOptions,
): void {
  const { say } = options;
  const here = new Set(onPage.map((e) => e.id));
  const byId = new Map(story.map((e) => [e.id, e]));
  const first = onPage.flatMap((e) => byId.get(e.id) ?? []);
  const rest = story.filter((e) => !here.has(e.id));
  const section = (heading: string, id: string, list: StoryEntity[]): HTMLElement | null =>
    list.length === 0
      ? null
      : h(
          'section',
          { class: 'group', 'aria-labelledby': id },
          h('h2', { id }, heading),
          h(
            'ul',
            {},
            ...list.map((e) => {
              const b = h(
                'button',
                { type: 'button', class: 'go', 'data-entity': e.id },
                h('span', { class: `swatch ${e.type}`, 'aria-hidden': 'true' }),
                h('span', { class: 'label' }, h('span', { class: 'name' }, e.name)),
                h('span', { class: 'ties' }, say.ties(e.related.length)),
              );
              b.addEventListener('click', () => options.onChoose(e.id));
              return h('li', { class: 'entity', 'data-entity': e.id }, b);
            }),
          ),
        );
  container.replaceChildren(
    ...[section(say.onPage, 'story-here', first), section(say.elsewhere, 'story-rest', rest)].filter(
      (x): x is HTMLElement => x !== null,
    ),
  );
}
