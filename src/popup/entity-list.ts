/**
 * "On this page": the entities found in the tab, grouped by type in the order they first appear,
 * each with its number of mentions. Choosing one goes to it on the page (again: its next mention).
 * Entities the reader's choices leave unpainted (muted, or their type switched off) are still
 * listed and counted, greyed, with a way to highlight them again.
 */
import type { EntityType } from '../core/dataset-types';
import type { TabEntity } from '../shared/messages';
import { h } from './dom';

export interface ListOptions {
  say: {
    group: (type: EntityType) => string;
    mentions: (n: number) => string;
    notHighlighted: string;
    highlightAgain: string;
    highlightAgainLabel: (name: string) => string;
    typeOff: string;
    typeOffLabel: (group: string) => string;
    relations: string;
    relationsLabel: (name: string) => string;
  };
  isMuted: (id: string) => boolean;
  isTypeOn: (type: EntityType) => boolean;
  /** The entity the popup last went to (marked as current). */
  current: string | null;
  onChoose: (entity: TabEntity) => void;
  onUnmute: (id: string) => void;
  /** Its relations (offered on the current row: the name just gone to). */
  onRelations: (id: string) => void;
  onTypeOn: (type: EntityType) => void;
}

/** Consecutive runs of one type (the background lists a type's entities together). */
function groups(entities: readonly TabEntity[]): { type: EntityType; entities: TabEntity[] }[] {
  const out: { type: EntityType; entities: TabEntity[] }[] = [];
  for (const e of entities) {
    const last = out.at(-1);
    if (last?.type === e.type) last.entities.push(e);
    else out.push({ type: e.type, entities: [e] });
  }
  return out;
}

export function renderEntityList(container: HTMLElement, entities: readonly TabEntity[], options: ListOptions): void {
  const { say } = options;
  const sections = groups(entities).map(({ type, entities: members }) => {
    const typeOn = options.isTypeOn(type);
    const heading = h(
      'h2',
      { id: `group-${type}` },
      h('span', { class: `swatch ${type}`, 'aria-hidden': 'true' }),
      say.group(type),
    );
    let switchOn: HTMLButtonElement | null = null;
    if (!typeOn) {
      switchOn = h(
        'button',
        { type: 'button', class: 'small-button', 'aria-label': say.typeOffLabel(say.group(type)) },
        say.typeOff,
      );
      switchOn.addEventListener('click', () => options.onTypeOn(type));
    }
    const rows = members.map((e) => row(e, typeOn, options));
    return h(
      'section',
      { class: `group${typeOn ? '' : ' dimmed'}`, 'aria-labelledby': `group-${type}` },
      heading,
      switchOn,
      h('ul', {}, ...rows),
    );
  });
  container.replaceChildren(...sections);
}

function row(e: TabEntity, typeOn: boolean, options: ListOptions): HTMLLIElement {
  const { say } = options;
  const muted = options.isMuted(e.id);
  const dimmed = muted || !typeOn;
  const go = h(
    'button',
    { type: 'button', class: 'go' },
    h('span', { class: `swatch ${e.type}`, 'aria-hidden': 'true' }),
    h(
      'span',
      { class: 'label' },
      h('span', { class: 'name' }, e.name),
      dimmed ? h('span', { class: 'note' }, ` · ${say.notHighlighted}`) : null,
    ),
    h(
      'span',
      {},
      h('span', { class: 'count', 'aria-hidden': 'true' }, String(e.count)),
      h('span', { class: 'visually-hidden' }, `, ${say.mentions(e.count)}`),
    ),
  );
  go.addEventListener('click', () => options.onChoose(e));
  let again: HTMLButtonElement | null = null;
  if (muted) {
    again = h(
      'button',
      { type: 'button', class: 'small-button', 'aria-label': say.highlightAgainLabel(e.name) },
      say.highlightAgain,
    );
    again.addEventListener('click', () => options.onUnmute(e.id));
  }
  const current = options.current === e.id;
  let relations: HTMLButtonElement | null = null;
  if (current) {
    relations = h(
      'button',
      { type: 'button', class: 'small-button relations', 'aria-label': say.relationsLabel(e.name) },
      say.relations,
    );
    relations.addEventListener('click', () => options.onRelations(e.id));
  }
  return h(
    'li',
    {
      class: `entity${dimmed ? ' dimmed' : ''}`,
      'data-entity': e.id,
      'aria-current': current ? 'true' : undefined,
    },
    go,
    again,
    relations,
  );
}
