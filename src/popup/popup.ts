/**
 * The toolbar popup: lists the entities found on the current tab with their counts, and switches
 * highlighting for the tab's site on or off (the page updates at once, without a reload).
 */
import browser from '../shared/browser';
import { sendMessage, type TabState } from '../shared/messages';
import { getSettings, isSiteEnabled, onSettingsChanged, setSiteEnabled } from '../shared/settings';
import { tabStateKey } from '../shared/storage-keys';
import { cardText } from '../shared/card-text';
import { translator } from '../shared/i18n';

const say = translator(cardText);

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** The tab to describe: `?tab=ID` (used by tests, where a popup cannot be opened) or the active tab. */
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function renderEntities(state: TabState, active: boolean): void {
  const list = byId<HTMLUListElement>('entities');
  const items = state.entities.map((e) => {
    const li = document.createElement('li');
    li.dataset.entity = e.id;
    const dot = document.createElement('span');
    dot.className = `swatch ${e.type}`;
    dot.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = e.name;
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = ` · ${say(`card_type_${e.type}`)}`;
    label.append(name, type);
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(e.count);
    count.setAttribute('aria-label', `${e.count} mention${e.count === 1 ? '' : 's'}`);
    li.append(dot, label, count);
    return li;
  });
  list.replaceChildren(...items);
  const status = byId('status');
  if (state.host === null) status.textContent = 'Highlights are not available on this page.';
  else if (!active) status.textContent = `Highlights are off on ${state.host}.`;
  else if (state.total === 0) status.textContent = 'No entities from the article found on this page.';
  else {
    const n = state.entities.length;
    status.textContent = `${state.total} mention${state.total === 1 ? '' : 's'} of ${n} entit${n === 1 ? 'y' : 'ies'} on this page.`;
  }
}

async function main(): Promise<void> {
  const tabId = await targetTab();
  const toggle = byId<HTMLInputElement>('site-switch');
  if (tabId === undefined) {
    renderEntities({ status: 'unavailable', host: null, entities: [], total: 0 }, false);
    return;
  }
  let state = await sendMessage('getTabState', { tabId });
  let settings = await getSettings();
  const render = (): void => {
    const active = state.host !== null && isSiteEnabled(settings, state.host);
    toggle.disabled = state.host === null;
    toggle.checked = active;
    byId('site-label').textContent = state.host ? `Highlights on ${state.host}` : 'Highlights on this site';
    renderEntities(state, active);
    document.body.dataset.ready = 'true';
  };
  render();

  toggle.addEventListener('change', () => {
    if (state.host) void setSiteEnabled(state.host, toggle.checked);
  });
  const signal = new AbortController().signal;
  onSettingsChanged((s) => {
    settings = s;
    render();
  }, signal);
  // The page reports again after a switch or as it changes; follow it while the popup is open.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && tabStateKey(tabId) in changes) {
      void sendMessage('getTabState', { tabId }).then((s) => {
        state = s;
        render();
      });
    }
  });
}

void main();
