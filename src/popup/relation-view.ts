/**
 * One entity and how the story ties it to the others, as labelled statements ("Gazprom — signed the
 * 30-year gas supply contract with — CNPC"; a relation written on the other side reads its inverse).
 * Each statement is a button to the other entity; those on this page come first. A force-laid graph
 * of the whole story does not fit the popup readably (measured: README, "Relations"): this is the
 * map, in words.
 */
import type { EntityType } from '../core/dataset-types';
import type { StoryEntity } from '../shared/messages';
import { h } from './dom';

export interface RelationViewOptions {
  say: {
    onPage: string;
    elsewhere: string;
    none: (name: string) => string;
    showOnPage: string;
    readCard: string;
    type: (type: EntityType) => string;
    mentions: (n: number) => string;
  };
  /** Mentions on this page per entity id (absent: not on the page). */
  counts: ReadonlyMap<string, number>;
  /** Whether "Show on the page" can go there (on the page, highlighted, the site on). */
  canShow: boolean;
  onFollow: (id: string) => void;
  onShow: () => void;
  onCard: () => void;
}

export interface Statement {
  id: string;
  name: string;
  type: EntityType;
  label: string;
  onPage: boolean;
}

/** The entity's relations as statements, this page's first, each group in the dataset's order. */
export function statementsOf(
  entity: StoryEntity,
  story: ReadonlyMap<string, StoryEntity>,
  counts: ReadonlyMap<string, number>,
): Statement[] {
  const all = entity.related.flatMap((r) => {
    const other = story.get(r.id);
    return other ? [{ id: r.id, name: other.name, type: other.type, label: r.label, onPage: counts.has(r.id) }] : [];
  });
  return [...all.filter((s) => s.onPage), ...all.filter((s) => !s.onPage)];
}

/** Draws the entity's view into `container`; returns its heading, to focus. */
export function renderRelations(
  container: HTMLElement,
  entity: StoryEntity,
  story: ReadonlyMap<string, StoryEntity>,
  options: RelationViewOptions,
): HTMLElement {
  const { say } = options;
  const statements = statementsOf(entity, story, options.counts);
  const title = h(
    'h2',
    { id: 'relations-title', tabindex: -1 },
    h('span', { class: `swatch ${entity.type}`, 'aria-hidden': 'true' }),
    entity.name,
  );
  const count = options.counts.get(entity.id);
  const facts = h(
    'p',
    { class: 'what' },
    `${say.type(entity.type)}${count ? ` · ${say.mentions(count)}` : ''} · `,
    entity.what,
  );
  const actions = h('div', { class: 'actions' });
  if (options.canShow) actions.append(button(say.showOnPage, options.onShow));
  actions.append(button(say.readCard, options.onCard));

  const group = (heading: string, list: Statement[]): HTMLElement | null =>
    list.length === 0
      ? null
      : h(
          'section',
          { class: 'statements' },
          h('h3', {}, heading),
          h('ul', {}, ...list.map((s) => statementRow(entity.name, s, options.onFollow))),
        );
  container.replaceChildren(
    h(
      'article',
      { class: 'ego', 'data-entity': entity.id, 'aria-labelledby': 'relations-title' },
      title,
      facts,
      actions,
      statements.length === 0 ? h('p', { class: 'status' }, say.none(entity.name)) : null,
      group(
        say.onPage,
        statements.filter((s) => s.onPage),
      ),
      group(
        say.elsewhere,
        statements.filter((s) => !s.onPage),
      ),
    ),
  );
  return title;
}

function statementRow(subject: string, s: Statement, onFollow: (id: string) => void): HTMLLIElement {
  const b = h(
    'button',
    { type: 'button', class: 'statement', 'data-entity': s.id },
    h('span', { class: 'subject' }, subject),
    ' — ',
    h('span', { class: 'verb' }, s.label),
    ' — ',
    object(s),
  );
  b.addEventListener('click', () => onFollow(s.id));
  return h('li', {}, b);
}

/** The other entity's name, its swatch kept on the line of its first word. */
function object(s: Statement): HTMLElement {
  const [first = '', rest = ''] = s.name.split(/(?<=^\S+)(?=\s)/u);
  return h(
    'span',
    { class: 'object' },
    h('span', { class: 'keep' }, h('span', { class: `swatch ${s.type}`, 'aria-hidden': 'true' }), first),
    rest,
  );
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small-button' }, label);
  b.addEventListener('click', onClick);
  return b;
}
