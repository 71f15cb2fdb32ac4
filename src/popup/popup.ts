/**
 * The toolbar popup: what the current tab's page names ("On this page", as a list and as a graph of
 * relations), a search over the whole dataset with the card shown here, and the switches. It
 * follows the page's reports and the settings while open.
 */
import { cardView } from '../core/card-view';
import type { EntityType } from '../core/dataset-types';
import type { SearchHit } from '../core/search-index';
import browser from '../shared/browser';
import { cardText } from '../shared/card-text';
import { cardLanguage, translator } from '../shared/i18n';
import { sendMessage, type SettingsChange, type TabEntity, type TabState } from '../shared/messages';
import { popupText } from '../shared/popup-text';
import { DEFAULT_SETTINGS, getSettings, isHighlighted, onSettingsChanged, type Settings } from '../shared/settings';
import { tabStateKey } from '../shared/storage-keys';
import { sharedText } from '../shared/text';
import { renderCard } from './card-panel';
import { byId, clip } from './dom';
import { renderEntityList } from './entity-list';
import { renderGraph } from './relation-graph';
import { setUpSearchBox } from './search-box';
import { mentionsText, siteActive, statusText } from './status';
import { setUpSwitches } from './switches';

const say = translator(popupText);
const sayCard = translator(cardText);
const sayShared = translator(sharedText);

type View = 'page' | 'results' | 'card';
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
  document.documentElement.lang = browser.i18n?.getUILanguage?.() || 'en';
}

/** `?tab=ID` (tests: Firefox's automation cannot open toolbar popups, so they open this page in a tab), else the active tab. */
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** A type's swatch colour in the current theme, read from types.css (the colour table's one output). */
function swatchColour(type: EntityType): string {
  const probe = document.createElement('span');
  probe.className = `swatch ${type}`;
  probe.hidden = true;
  document.body.append(probe);
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
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
  /** The entity last gone to on the page. */
  private current: string | null = null;
  /** A note that replaces the status line until the next change (a failed "go to"). */
  private note: string | null = null;
  private readonly switches = setUpSwitches(group, (c) => void this.change(c));

  constructor(private readonly tabId: number | undefined) {}

  async start(): Promise<void> {
    this.setUpTabs();
    this.setUpSearch();
    byId('card-back').addEventListener('click', () => this.show(this.cardFrom));
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
    await this.refresh();
    document.body.dataset.ready = 'true';
    this.followTab();
    await this.takeLookUp();
  }

  private async refresh(): Promise<void> {
    if (this.tabId !== undefined) {
      try {
        this.state = await sendMessage('getTabState', { tabId: this.tabId });
      } catch (e) {
        this.failed(e);
      }
    }
    this.render();
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
      },
      isMuted: (id) => settings.mutedEntities.includes(id),
      isTypeOn: (type) => settings.enabledTypes.includes(type),
      current: this.current,
      onChoose: (e) => void this.choose(e),
      onUnmute: (id) => void this.change({ kind: 'muted', entity: id, muted: false }),
      onTypeOn: (type) => void this.change({ kind: 'type', type, enabled: true }),
    });
    if (this.tab === 'graph') this.renderGraph(listed);
  }

  private renderGraph(entities: TabEntity[]): void {
    const panel = byId('graph');
    // Keep the keyboard where it was across a redraw.
    const focused = (document.activeElement as Element | null)?.closest?.('[data-entity]')?.getAttribute('data-entity');
    renderGraph(panel, entities, {
      say: {
        label: say('popup_graph_label'),
        hint: say('popup_graph_hint'),
        none: say('popup_graph_none'),
        asText: say('popup_graph_as_text'),
        unrelated: say('popup_graph_unrelated'),
        node: (name, type, mentions) => say('popup_node_label', name, type, mentions),
        type: typeName,
        mentions: (n) => mentionsText(say, n),
      },
      colour: swatchColour,
      isDimmed: (e) => !isHighlighted(this.settings, e),
      onSelect: (id) => {
        const e = this.state.entities.find((x) => x.id === id);
        if (e) void this.choose(e);
      },
    });
    if (focused) panel.querySelector<SVGElement>(`.node[data-entity="${CSS.escape(focused)}"]`)?.focus();
  }

  /** An entity chosen in the list or graph: go to it on the page, or show its card here if it is not highlighted. */
  private async choose(e: TabEntity): Promise<void> {
    if (!isHighlighted(this.settings, e)) {
      await this.showCard(e.id, 'page');
      return;
    }
    const shown = this.tabId !== undefined && (await sendMessage('revealEntity', { tabId: this.tabId, entity: e.id }));
    this.note = shown ? null : say('popup_reveal_failed', e.name);
    this.current = shown ? e.id : this.current;
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
        byId('results-heading').textContent = say('popup_search_results', shown);
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
