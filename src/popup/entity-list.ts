/**
 * "On this page": the entities found in the tab, grouped by type in the order they first appear,
 * each with its number of mentions. Choosing one goes to it on the page (again: its next mention).
 * Entities the reader's choices leave unpainted (muted, or their type switched off) are still
 * listed and counted, greyed, with a way to highlight them again. Under each name, an X-Ray strip:
 * the page's height, a tick where each mention is (a tick goes to that mention); after a jump the
 * row says which mention the page is at ("2 of 7").
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
    /** "2 of 7", and its spoken form. */
    place: (index: number, total: number) => string;
    placeLabel: (index: number, total: number) => string;
    tick: (index: number, total: number, name: string) => string;
  };
  /** Where each entity's mentions are, as fractions of the page's height (absent: not known). */
  positions: ReadonlyMap<string, readonly number[]>;
  /** Where the last jump went. */
  place: { entity: string; index: number; total: number } | null;
  onTick: (entity: TabEntity, index: number) => void;
  /** Right and Left on a row: its next or previous mention. */
  onStep: (entity: TabEntity, delta: 1 | -1) => void;
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

/**
 * Consecutive runs of one type (the background lists a type's entities together), and of one story
 * where the page names more than one (`story` set: a new story starts a new run).
 */
function groups(entities: readonly TabEntity[]): { type: EntityType; story?: string; entities: TabEntity[] }[] {
  const out: { type: EntityType; story?: string; entities: TabEntity[] }[] = [];
  for (const e of entities) {
    const last = out.at(-1);
    if (last?.type === e.type && last.story === e.story) last.entities.push(e);
    else out.push({ type: e.type, ...(e.story ? { story: e.story } : {}), entities: [e] });
  }
  return out;
}

export function renderEntityList(container: HTMLElement, entities: readonly TabEntity[], options: ListOptions): void {
  const { say } = options;
  const stories: string[] = [];
  const sections = groups(entities).flatMap(({ type, story, entities: members }) => {
    const typeOn = options.isTypeOn(type);
    // A story's line before its first group; ids stay unique when a kind comes under two stories.
    let storyLine: HTMLElement | null = null;
    if (story !== undefined && !stories.includes(story)) {
      stories.push(story);
      storyLine = h('p', { class: 'story-line' }, story);
    }
    const groupId = story === undefined ? `group-${type}` : `group-${stories.indexOf(story)}-${type}`;
    const heading = h(
      'h2',
      { id: groupId },
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
    const section = h(
      'section',
      { class: `group${typeOn ? '' : ' dimmed'}`, 'aria-labelledby': groupId },
      heading,
      switchOn,
      h('ul', {}, ...rows),
    );
    return storyLine ? [storyLine, section] : [section];
  });
  // Drawn again (after a jump, a switch), the list keeps the keyboard on the row it was on.
  const focused = container.contains(document.activeElement)
    ? document.activeElement?.closest('[data-entity]')?.getAttribute('data-entity')
    : null;
  container.replaceChildren(...sections);
  if (focused) container.querySelector<HTMLElement>(`li[data-entity="${CSS.escape(focused)}"] .go`)?.focus();
}

function row(e: TabEntity, typeOn: boolean, options: ListOptions): HTMLLIElement {
  const { say } = options;
  const muted = options.isMuted(e.id);
  const dimmed = muted || !typeOn;
  const current = options.current === e.id;
  const place = current && options.place?.entity === e.id ? options.place : null;
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
      h(
        'span',
        { class: 'visually-hidden' },
        `, ${say.mentions(e.count)}${place ? `, ${say.placeLabel(place.index + 1, place.total)}` : ''}`,
      ),
    ),
  );
  go.addEventListener('click', () => options.onChoose(e));
  // The strip's ticks from the keyboard: the arrow keys step through the name's mentions.
  go.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    options.onStep(e, event.key === 'ArrowRight' ? 1 : -1);
  });
  const small = (className: string, label: string, text: string, act: () => void): HTMLButtonElement => {
    const button = h('button', { type: 'button', class: className, 'aria-label': label }, text);
    button.addEventListener('click', act);
    return button;
  };
  const again = muted
    ? small('small-button', say.highlightAgainLabel(e.name), say.highlightAgain, () => options.onUnmute(e.id))
    : null;
  const relations = current
    ? small('small-button relations', say.relationsLabel(e.name), say.relations, () => options.onRelations(e.id))
    : null;
  const ticks = options.positions.get(e.id) ?? [];
  return h(
    'li',
    {
      class: `entity${dimmed ? ' dimmed' : ''}`,
      'data-entity': e.id,
      'aria-current': current ? 'true' : undefined,
    },
    go,
    ticks.length > 0 && !dimmed ? strip(e, ticks, place?.index ?? -1, options) : null,
    // Under it: where the page is ("2 of 7"), and what else can be done with the name.
    again || relations || place
      ? h(
          'div',
          { class: 'row-more' },
          place ? h('span', { class: 'place', 'aria-hidden': 'true' }, say.place(place.index + 1, place.total)) : null,
          again,
          relations,
        )
      : null,
  );
}

/**
 * The X-Ray strip: the page's height from left to right, a tick per mention. For the pointer: the
 * keyboard has the row's button, which goes to each mention in turn (the ticks stay out of the tab
 * order, and the strip out of the accessibility tree, so that the list stays one stop per name).
 */
function strip(e: TabEntity, ticks: readonly number[], at: number, options: ListOptions): HTMLElement {
  const bar = h('div', { class: 'strip', 'aria-hidden': 'true' });
  ticks.forEach((y, i) => {
    const tick = h('button', {
      type: 'button',
      tabindex: -1,
      class: `tick${i === at ? ' on' : ''}`,
      title: options.say.tick(i + 1, ticks.length, e.name),
      'data-index': i,
    });
    // Set through the style object (the extension's CSP allows no style attributes).
    tick.style.insetInlineStart = `${(y * 100).toFixed(2)}%`;
    tick.append(h('span', { class: `swatch ${e.type}` }));
    tick.addEventListener('click', () => options.onTick(e, i));
    bar.append(tick);
  });
  return bar;
}
