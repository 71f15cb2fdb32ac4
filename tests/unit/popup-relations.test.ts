// @vitest-environment jsdom
/**
 * The popup's relation views on the shipped story: each entity's relations as labelled statements
 * read from its side (the inverse where written on the other), this page's first, each a button to
 * the other entity; the whole story listed with this page's entities first; names in the
 * interface's language.
 */
import cardBundle from 'virtual:card-bundle';
import { describe, expect, it, vi } from 'vitest';
import { displayName, storyEntities } from '../../src/background/story';
import { renderRelations, statementsOf } from '../../src/popup/relation-view';
import { renderStoryList } from '../../src/popup/story-list';
import type { TabEntity } from '../../src/shared/messages';

const story = storyEntities(cardBundle, 'en');
const byId = new Map(story.map((e) => [e.id, e]));
const say = {
  onPage: 'On this page',
  elsewhere: 'Elsewhere in the story',
  none: (n: string) => `The story ties ${n} to nothing else.`,
  showOnPage: 'Show on the page',
  readCard: 'Read its card',
  type: (t: string) => t,
  mentions: (n: number) => `${n} mentions`,
};

describe('an entity’s relations', () => {
  it('read as statements from its side, the inverse where the relation is written on the other', () => {
    const gazprom = statementsOf(byId.get('gazprom')!, byId, new Map());
    expect(gazprom).toContainEqual(
      expect.objectContaining({ id: 'cnpc', name: 'CNPC', label: 'signed the 30-year gas supply contract with' }),
    );
    // Written on Gazprom ("is controlled by the state of Russia"): Russia reads the inverse.
    const russia = statementsOf(byId.get('russia')!, byId, new Map());
    expect(russia).toContainEqual(expect.objectContaining({ id: 'gazprom', label: 'controls, through the state,' }));
    // Every relation of the dataset, each once per side.
    const total = story.reduce((n, e) => n + statementsOf(e, byId, new Map()).length, 0);
    expect(total % 2).toBe(0);
    expect(total).toBeGreaterThan(100);
  });

  it('come this page’s first, then the rest of the story', () => {
    const counts = new Map([
      ['ukraine', 4],
      ['cnpc', 1],
    ]);
    const list = statementsOf(byId.get('gazprom')!, byId, counts);
    expect(list.slice(0, 2).map((s) => [s.id, s.onPage])).toEqual([
      ['cnpc', true],
      ['ukraine', true],
    ]);
    expect(list.slice(2).every((s) => !s.onPage)).toBe(true);
  });

  it('are drawn as buttons to the other entity, with a heading to focus and the page’s actions', () => {
    const container = document.createElement('div');
    const onFollow = vi.fn();
    const onShow = vi.fn();
    const title = renderRelations(container, byId.get('gazprom')!, byId, {
      say,
      counts: new Map([['cnpc', 2]]),
      canShow: false,
      onFollow,
      onShow,
      onCard: vi.fn(),
    });
    expect(title.textContent).toBe('Gazprom');
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('button.statement')];
    expect(buttons[0]!.textContent).toBe('Gazprom — signed the 30-year gas supply contract with — CNPC');
    expect(container.querySelector('h3')!.textContent).toBe('On this page');
    buttons[0]!.click();
    expect(onFollow).toHaveBeenCalledWith('cnpc');
    // Not on the page (or not highlighted): no "Show on the page".
    expect([...container.querySelectorAll('.actions button')].map((b) => b.textContent)).toEqual(['Read its card']);
  });

  it('says so when the story ties it to nothing', () => {
    const container = document.createElement('div');
    const alone = { id: 'x', type: 'concept' as const, name: 'X', what: 'a test', related: [] };
    renderRelations(container, alone, byId, {
      say,
      counts: new Map(),
      canShow: true,
      onFollow: vi.fn(),
      onShow: vi.fn(),
      onCard: vi.fn(),
    });
    expect(container.textContent).toContain('The story ties X to nothing else.');
    expect(container.querySelectorAll('.actions button')).toHaveLength(2);
  });
});

describe('the whole story', () => {
  it('lists this page’s entities first, in the list’s order, then the rest once each', () => {
    const onPage: TabEntity[] = ['china', 'gazprom'].map((id) => ({
      id,
      name: byId.get(id)!.name,
      type: byId.get(id)!.type,
      count: 1,
      related: [],
    }));
    const container = document.createElement('div');
    const onChoose = vi.fn();
    renderStoryList(container, onPage, story, {
      say: { onPage: 'On this page', elsewhere: 'Elsewhere', ties: (n) => `${n} relations` },
      onChoose,
    });
    const ids = [...container.querySelectorAll('button')].map((b) => b.dataset.entity);
    expect(ids.slice(0, 2)).toEqual(['china', 'gazprom']);
    expect(new Set(ids).size).toBe(story.length);
    expect(ids).toHaveLength(story.length);
    container.querySelector<HTMLButtonElement>('button[data-entity="gazprom"]')!.click();
    expect(onChoose).toHaveBeenCalledWith('gazprom');
  });
});

describe('names in the interface’s language', () => {
  it('are the dataset’s names for it, else the English', () => {
    const de = new Map(storyEntities(cardBundle, 'de').map((e) => [e.id, e.name]));
    expect([de.get('russia'), de.get('beijing'), de.get('kyiv')]).toEqual(['Russland', 'Peking', 'Kiew']);
    const fr = new Map(storyEntities(cardBundle, 'fr').map((e) => [e.id, e.name]));
    expect(fr.get('vladimir-putin')).toBe('Vladimir Poutine');
    expect(displayName({ names: { en: 'Gazprom' } }, 'ru')).toBe('Gazprom');
    expect(displayName(cardBundle.cards['china']!, 'zh_CN')).toBe(cardBundle.cards['china']!.names.zh);
  });
});
