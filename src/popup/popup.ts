/**
 * The toolbar popup: what the current tab's page names ("On this page"; and the story's relations,
 * each entity's as labelled statements), a search over the whole dataset with the card shown here, and the switches. It
 * follows the page's reports and the settings while open.
 */
import { cardView } from '../core/card-view';
import type { EntityType } from '../core/dataset-types';
import type { SearchHit } from '../core/search-index';
import browser from '../shared/browser';
import { cardText } from '../shared/card-text';
import { cardLanguage, translator } from '../shared/i18n';
import { sendMessage, type SettingsChange, type StoryEntity, type TabEntity, type TabState } from '../shared/messages';
import { popupText } from '../shared/popup-text';
import { DEFAULT_SETTINGS, getSettings, isHighlighted, onSettingsChanged, type Settings } from '../shared/settings';
import { tabStateKey } from '../shared/storage-keys';
import { sharedText } from '../shared/text';
import { renderCard } from './card-panel';
import { byId, clip } from './dom';
import { renderEntityList } from './entity-list';
import { renderRelations } from './relation-view';
import { setUpSearchBox } from './search-box';
import { renderStoryList } from './story-list';
import { mentionsText, siteActive, statusText } from './status';
import { setUpSwitches } from './switches';

const say = translator(popupText);
const sayCard = translator(cardText);
const sayShared = translator(sharedText);

type View = 'page' | 'results' | 'card' | 'relations';
type Tab = 'list' | 'graph';

const NO_STATE: TabState = { status: 'unavailable', host: null, entities: [], total: 0 };
/** The longest search shown in the results' heading (characters). */
const MAX_QUERY_SHOWN = 60;

const group = (type: EntityType): string => say(`popup_group_${type}`);
const typeName = (type: EntityType): string => sayCard(`card_type_${type}`);

/** The interface's fixed words, from the catalogs (the HTML holds English for the first paint). */
function applyText(): void {
  const lookup = (key: string): string =>
    key in popupText.en
      ? say(key as keyof typeof popupText.en)
      : key in sharedText.en
        ? sayShared(key as keyof typeof sharedText.en)
        : key;
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = lookup(el.dataset.text!);
  for (const el of document.querySelectorAll<HTMLElement>('[data-label]')) {
    el.setAttribute('aria-label', lookup(el.dataset.label!));
  }
  byId<HTMLInputElement>('search').placeholder = say('popup_search_placeholder');
  // The language of the catalog the browser chose (the words and the names are in it).
  document.documentElement.lang = say('popup_locale');
}

/** `?tab=ID` (tests: Firefox's automation cannot open toolbar popups, so they open this page in a tab), else the active tab. */
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

class Popup {
  private state: TabState = NO_STATE;
  private settings: Settings = DEFAULT_SETTINGS;
  private view: View = 'page';
  private tab: Tab = 'list';
  /** Where Back goes from a card. */
  private cardFrom: View = 'page';
  /** The entity whose card is shown. */
  private cardId: string | null = null;
  /** The story's entities (for the relation views), by id. */
  private story = new Map<string, StoryEntity>();
  /** The entities whose relations were followed, the one shown last; Back goes down it. */
  private trail: string[] = [];
  /** Where Back goes from the relations once the trail is walked back, and what had the keyboard there. */
  private relationsFrom: View = 'page';
  private relationsOpener: HTMLElement | null = null;
  /** The entity last gone to on the page. */
  private current: string | null = null;
  /** Where the entities' mentions are on the page (the X-Ray strips), and where the last jump went. */
  private positions = new Map<string, readonly number[]>();
  private place: { entity: string; index: number; total: number } | null = null;
  /** A note that replaces the status line until the next change (a failed "go to"). */
  private note: string | null = null;
  private readonly switches = setUpSwitches(group, (c) => void this.change(c));

  constructor(private readonly tabId: number | undefined) {}

  async start(): Promise<void> {
    this.setUpTabs();
    this.setUpSearch();
    byId('card-back').addEventListener('click', () => this.show(this.cardFrom));
    byId('relations-back').addEventListener('click', () => this.relationsBack());
    const toggle = byId('settings-toggle');
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      byId('settings').hidden = !open;
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.view === 'card') {
        e.preventDefault();
        this.show(this.cardFrom);
      } else if (e.key === 'Escape' && this.view === 'relations') {
        e.preventDefault();
        this.relationsBack();
      }
    });
    const signal = new AbortController().signal;
    onSettingsChanged((s) => {
      this.settings = s;
      this.render();
      // A card on show says what can be done about it on the page: that may have changed.
      if (this.view === 'card' && this.cardId) void this.showCard(this.cardId, this.cardFrom, false);
    }, signal);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.render());
    try {
      this.settings = await getSettings();
    } catch (e) {
      this.failed(e);
    }
    const story = await sendMessage('getStory', {}).catch(() => [] as StoryEntity[]);
    this.story = new Map(story.map((e) => [e.id, e]));
    await this.refresh(true);
    document.body.dataset.ready = 'true';
    this.followTab();
    await this.takeLookUp();
  }

  private async refresh(first = false): Promise<void> {
    const before = first ? null : this.reported();
    if (this.tabId !== undefined) {
      try {
        this.state = await sendMessage('getTabState', { tabId: this.tabId });
        // Where the mentions are, once the page is read (asking costs the page a layout read of
        // each mention: not at every report of a long scan).
        if (this.state.status === 'done') {
          this.positions = new Map(await sendMessage('getPositions', { tabId: this.tabId }).catch(() => []));
        }
      } catch (e) {
        this.failed(e);
      }
    }
    // A page reports again without news (a frame, a rescan that found the same): nothing to draw,
    // and the list under the reader's pointer and keyboard stays as it is.
    if (this.reported() !== before) this.render();
  }

  /** What the page's reports say, to tell whether a new one changes anything. */
  private reported(): string {
    return JSON.stringify([this.state, [...this.positions]]);
  }

  /** The page reports again as it changes (or after a switch); follow it while the popup is open. */
  private followTab(): void {
    if (this.tabId === undefined) return;
    const key = tabStateKey(this.tabId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'session' || !(key in changes)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 50);
    });
  }

  /** A look-up from the context menu that the page itself could not show. */
  private async takeLookUp(): Promise<void> {
    if (this.tabId === undefined) return;
    const pending = await sendMessage('takeLookUp', { tabId: this.tabId }).catch(() => null);
    if (!pending) return;
    if (pending.entity) await this.showCard(pending.entity, 'page');
    else {
      const input = byId<HTMLInputElement>('search');
      input.value = pending.text;
      input.dispatchEvent(new Event('input'));
    }
  }

  private render(): void {
    const { state, settings } = this;
    const host = state.host;
    this.switches.show(settings, host, host ? say('popup_site_switch', host) : say('popup_site_switch_none'));
    byId('status').textContent = this.note ?? statusText(state, settings, say);
    const listed = siteActive(state, settings) ? state.entities : [];
    byId('list-hint').hidden = listed.length === 0;
    renderEntityList(byId('entities'), listed, {
      say: {
        group,
        mentions: (n) => mentionsText(say, n),
        notHighlighted: say('popup_not_highlighted'),
        highlightAgain: say('popup_highlight_again'),
        highlightAgainLabel: (name) => say('popup_highlight_again_label', name),
        typeOff: say('popup_type_off'),
        typeOffLabel: (name) => say('popup_type_off_label', name),
        relations: say('popup_relations_open'),
        relationsLabel: (name) => say('popup_relations_open_label', name),
        place: (i, n) => say('popup_position', String(i), String(n)),
        placeLabel: (i, n) => say('popup_position_label', String(i), String(n)),
        tick: (i, n, name) => say('popup_tick_label', String(i), String(n), name),
      },
      positions: this.positions,
      place: this.place,
      onTick: (e, index) => void this.choose(e, index),
      onStep: (e, delta) => {
        const ticks = this.positions.get(e.id)?.length ?? 0;
        if (ticks === 0) {
          if (delta > 0) void this.choose(e);
          return;
        }
        const at = this.place?.entity === e.id ? this.place.index : delta > 0 ? -1 : 0;
        void this.choose(e, (at + delta + ticks) % ticks);
      },
      isMuted: (id) => settings.mutedEntities.includes(id),
      isTypeOn: (type) => settings.enabledTypes.includes(type),
      current: this.current,
      onChoose: (e) => void this.choose(e),
      onRelations: (id) => this.showRelations(id, 'page'),
      onUnmute: (id) => void this.change({ kind: 'muted', entity: id, muted: false }),
      onTypeOn: (type) => void this.change({ kind: 'type', type, enabled: true }),
    });
    if (this.tab === 'graph') this.renderStory(listed);
  }

  /** The Relations tab: the whole story to choose from, this page's entities first. */
  private renderStory(entities: TabEntity[]): void {
    const panel = byId('story');
    const focused = panel.contains(document.activeElement) ? document.activeElement?.getAttribute('data-entity') : null;
    renderStoryList(panel, entities, [...this.story.values()], {
      say: {
        onPage: say('popup_story_on_page'),
        elsewhere: say('popup_story_elsewhere'),
        ties: (n) => (n === 1 ? say('popup_ties_one') : say('popup_ties_many', String(n))),
      },
      onChoose: (id) => this.showRelations(id, 'page'),
    });
    if (focused) panel.querySelector<HTMLElement>(`button[data-entity="${CSS.escape(focused)}"]`)?.focus();
  }

  /** How `id` is related: from a view (the trail starts there), or followed from the relations shown. */
  private showRelations(id: string, from: View, focus = true): void {
    const entity = this.story.get(id);
    if (!entity) return;
    if (this.view !== 'relations') {
      this.relationsFrom = from;
      this.relationsOpener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.trail = [];
    }
    if (this.trail.at(-1) !== id) this.trail.push(id);
    this.show('relations');
    const onPage = this.state.entities.find((e) => e.id === id);
    const title = renderRelations(byId('relations'), entity, this.story, {
      say: {
        onPage: say('popup_story_on_page'),
        elsewhere: say('popup_story_elsewhere'),
        none: (name) => say('popup_relations_none', name),
        showOnPage: say('popup_show_on_page'),
        readCard: say('popup_read_card'),
        type: typeName,
        mentions: (n) => mentionsText(say, n),
      },
      counts: new Map(this.state.entities.map((e) => [e.id, e.count])),
      canShow: onPage !== undefined && isHighlighted(this.settings, onPage) && siteActive(this.state, this.settings),
      onFollow: (other) => this.showRelations(other, 'relations'),
      onShow: () => onPage && void this.choose(onPage),
      onCard: () => void this.showCard(id, 'relations'),
    });
    byId('relations-view').scrollTop = 0;
    if (focus) title.focus();
  }

  /** Back from the relations: to the entity before on the trail, else where they were opened from. */
  private relationsBack(): void {
    this.trail.pop();
    const previous = this.trail.pop();
    if (previous) {
      this.showRelations(previous, this.relationsFrom);
      return;
    }
    this.show(this.relationsFrom);
    // The keyboard goes back where it was (the list's row may have been drawn again since: by its id).
    const opener = this.relationsOpener;
    const id = opener?.closest('[data-entity]')?.getAttribute('data-entity');
    const again = opener?.isConnected
      ? opener
      : id
        ? document.querySelector<HTMLElement>(
            `#page-view [data-entity="${CSS.escape(id)}"] button, #page-view button[data-entity="${CSS.escape(id)}"]`,
          )
        : null;
    again?.focus();
  }

  /**
   * An entity chosen in the list (or a mention of it, on its strip): go to it on the page, the
   * mention after the last one gone to unless told which; or show its card here if it is not
   * highlighted.
   */
  private async choose(e: TabEntity, index?: number): Promise<void> {
    if (!isHighlighted(this.settings, e)) {
      await this.showCard(e.id, 'page');
      return;
    }
    if (this.tabId === undefined) return;
    const ticks = this.positions.get(e.id)?.length ?? 0;
    const last = this.place?.entity === e.id ? this.place.index : -1;
    const at = index ?? (ticks > 0 ? (last + 1) % ticks : -1);
    // The page knows where its mentions are: go to that one, and say which it is ("2 of 7").
    const place =
      at >= 0
        ? await sendMessage('revealMention', { tabId: this.tabId, entity: e.id, index: at }).catch(() => null)
        : null;
    // Else (mentions only in frames, an older page): its next mention.
    const shown = place !== null || (await sendMessage('revealEntity', { tabId: this.tabId, entity: e.id }));
    this.note = shown ? null : say('popup_reveal_failed', e.name);
    if (shown) {
      this.current = e.id;
      this.place = place ? { entity: e.id, ...place } : null;
    }
    this.render();
  }

  private setUpTabs(): void {
    const tabs = { list: byId('tab-list'), graph: byId('tab-graph') };
    const select = (tab: Tab, focus: boolean): void => {
      this.tab = tab;
      for (const [name, el] of Object.entries(tabs)) {
        const on = name === tab;
        el.setAttribute('aria-selected', String(on));
        el.tabIndex = on ? 0 : -1;
        byId(`panel-${name}`).hidden = !on;
      }
      if (focus) tabs[tab].focus();
      this.render();
    };
    tabs.list.addEventListener('click', () => select('list', false));
    tabs.graph.addEventListener('click', () => select('graph', false));
    for (const el of Object.values(tabs)) {
      el.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
        e.preventDefault();
        const next = e.key === 'Home' ? 'list' : e.key === 'End' ? 'graph' : this.tab === 'list' ? 'graph' : 'list';
        select(next, true);
      });
    }
  }

  private setUpSearch(): void {
    setUpSearchBox({
      input: byId('search'),
      list: byId('results'),
      search: (query) => sendMessage('search', { query }),
      onResults: (query, hits) => {
        if (hits === null) {
          if (this.view === 'results') this.show('page');
          return;
        }
        // The query in full stays in the search box.
        const shown = clip(query, MAX_QUERY_SHOWN);
        // Nothing named so: the nearest names ("Did you mean …?"); else what the story says.
        const heading = hits[0]?.fuzzy
          ? say('popup_search_did_you_mean', hits[0].name)
          : hits[0]?.snippet
            ? say('popup_search_described', shown)
            : say('popup_search_results', shown);
        byId('results-heading').textContent = heading;
        byId('results-status').textContent = hits.length === 0 ? say('popup_search_none', shown) : '';
        if (this.view !== 'results') this.show('results');
      },
      onChoose: (hit: SearchHit) => void this.showCard(hit.id, 'results'),
      say: { type: typeName, also: (text) => say('popup_also_written', text) },
    });
  }

  private show(view: View): void {
    this.view = view;
    byId('page-view').hidden = view !== 'page';
    byId('results-view').hidden = view !== 'results';
    byId('card-view').hidden = view !== 'card';
    byId('relations-view').hidden = view !== 'relations';
  }

  /** An entity's card, here in the popup, with what can be done about it on this page. */
  private async showCard(id: string, from: View, focus = true): Promise<void> {
    const source = await sendMessage('getCard', { entity: id }).catch(() => null);
    if (!source) return;
    const onPage = this.state.entities.find((e) => e.id === id);
    const highlighted = isHighlighted(this.settings, source);
    const muted = this.settings.mutedEntities.includes(id);
    const typeOff = !this.settings.enabledTypes.includes(source.type);
    const view = cardView(source, { written: null, index: 0, total: onPage?.count ?? 0 }, cardLanguage());
    const actions: { label: string; ariaLabel?: string; onClick: () => void }[] = [];
    if (onPage && highlighted && siteActive(this.state, this.settings)) {
      actions.push({ label: say('popup_show_on_page'), onClick: () => void this.choose(onPage) });
    }
    if (muted) {
      actions.push({
        label: say('popup_highlight_again'),
        ariaLabel: say('popup_highlight_again_label', source.name),
        onClick: () => void this.change({ kind: 'muted', entity: id, muted: false }),
      });
    }
    if (typeOff) {
      actions.push({
        label: say('popup_type_off'),
        ariaLabel: say('popup_type_off_label', group(source.type)),
        onClick: () => void this.change({ kind: 'type', type: source.type, enabled: true }),
      });
    }
    if (this.view !== 'card') this.cardFrom = from;
    // Its relations, unless the card was opened from them (Back goes there).
    const inStory = this.story.get(id);
    if (inStory && this.cardFrom !== 'relations') {
      actions.push({
        label: say('popup_relations_open'),
        ariaLabel: say('popup_relations_open_label', inStory.name),
        onClick: () => this.showRelations(id, 'card'),
      });
    }
    // Drawn again (after a switch), the card keeps the keyboard in it.
    const hadFocus = byId('card').contains(document.activeElement);
    this.cardId = id;
    this.show('card');
    const title = renderCard(byId('card'), view, {
      actions,
      say: sayCard,
      onRelated: (rel) => void this.showCard(rel, this.cardFrom),
    });
    if (focus || hadFocus) title.focus();
  }

  /** A switch: the background writes the settings (the popup may close at any moment). */
  private async change(change: SettingsChange): Promise<void> {
    try {
      await sendMessage('changeSettings', change);
    } catch (e) {
      this.failed(e);
    }
  }

  private failed = (e: unknown): void => {
    console.error('[contextual-highlights] popup:', e);
  };
}

applyText();
void targetTab()
  .then((tabId) => new Popup(tabId).start())
  .catch((e: unknown) => {
    console.error('[contextual-highlights] popup failed', e);
    document.body.dataset.ready = 'true';
  });
