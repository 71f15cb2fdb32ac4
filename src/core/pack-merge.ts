/**
 * The enabled packs as one page's worth of entities. The same Wikidata item in two packs is one
 * entity (one highlight, one card with a part per story); an entity without one is merged only
 * with an entity of the same id and no Wikidata item. The matcher, the cards and the search index
 * are compiled from what this returns, exactly as from the bundled dataset.
 */
import { compileCards, type CardBundle, type CardData, type StoryPartData } from './card-data';
import type { Alias, Dataset, Entity, Exclude } from './dataset-types';
import { compileMatcherData, type MatcherData } from './matcher-data';
import { packAsDataset, storyLine, type Pack } from './pack';
import { compileSearchIndex, type SearchIndex } from './search-index';

export interface MergedPacks {
  /** One dataset whose entities are the merged ones (the first pack's story as its article). */
  dataset: Dataset;
  cards: CardBundle;
  /** Per pack (in order): its entity ids to the merged ids. */
  ids: Map<string, string>[];
}

/** What makes two entities of different packs one: their Wikidata item, else their id. */
function mergeKey(e: Entity): string {
  return e.wikidata !== undefined ? `wd ${e.wikidata}` : `id ${e.id}`;
}

/** `when` ids of one pack's alias, as merged ids. */
function remapAlias(alias: Alias, ids: Map<string, string>): Alias {
  if (typeof alias === 'string' || alias.when === undefined) return alias;
  const map = (id: string): string => ids.get(id) ?? id;
  const when = alias.when.every((g) => typeof g === 'string')
    ? (alias.when as string[]).map(map)
    : (alias.when as string[][]).map((g) => g.map(map));
  return { ...alias, when };
}

/**
 * Merges packs in order: the first pack's entity leads (its id, type, names, card), later ones add
 * their aliases, excludes, relations and their story's part of the card. One pack is returned as
 * it is, so the default's compiled data is the build's, byte for byte.
 */
export function mergePacks(packs: readonly Pack[]): MergedPacks {
  if (packs.length === 0) throw new Error('mergePacks: no pack');
  const datasets = packs.map(packAsDataset);
  if (packs.length === 1) {
    const ids = new Map(packs[0]!.entities.map((e) => [e.id, e.id]));
    return { dataset: datasets[0]!, cards: compileCards(datasets[0]!), ids: [ids] };
  }
  const byKey = new Map<string, number>();
  const taken = new Set<string>();
  const members: { pack: number; entity: Entity }[][] = [];
  const ids: Map<string, string>[] = packs.map(() => new Map());
  packs.forEach((pack, p) => {
    for (const e of pack.entities) {
      const key = mergeKey(e);
      let m = byKey.get(key);
      if (m === undefined) {
        m = members.push([]) - 1;
        byKey.set(key, m);
        // A different entity under a taken id gets the pack's id after it.
        let id = e.id;
        for (let n = 2; taken.has(id); n++) id = `${e.id}-${pack.id}${n > 2 ? `-${n}` : ''}`;
        taken.add(id);
        ids[p]!.set(e.id, id);
      } else ids[p]!.set(e.id, idOf(members[m]!, ids));
      members[m]!.push({ pack: p, entity: e });
    }
  });
  function idOf(list: { pack: number; entity: Entity }[], maps: Map<string, string>[]): string {
    return maps[list[0]!.pack]!.get(list[0]!.entity.id)!;
  }

  const entities: Entity[] = members.map((list) => {
    const lead = list[0]!;
    const aliases: Alias[] = [];
    const exclude: Exclude[] = [];
    const seenAlias = new Set<string>();
    const seenExclude = new Set<string>();
    const related = new Map<string, Entity['related'][number]>();
    for (const { pack, entity } of list) {
      for (const a of entity.aliases) {
        const alias = remapAlias(a, ids[pack]!);
        const key = JSON.stringify(alias);
        if (!seenAlias.has(key)) (aliases.push(alias), seenAlias.add(key));
      }
      for (const x of entity.exclude ?? []) {
        const key = JSON.stringify(x);
        if (!seenExclude.has(key)) (exclude.push(x), seenExclude.add(key));
      }
      for (const r of entity.related) {
        const id = ids[pack]!.get(r.id) ?? r.id;
        if (!related.has(id)) related.set(id, { ...r, id });
      }
    }
    const { exclude: _x, ...rest } = lead.entity;
    return {
      ...rest,
      id: idOf(list, ids),
      aliases,
      ...(exclude.length > 0 ? { exclude } : {}),
      related: [...related.values()],
    };
  });
  const dataset: Dataset = { ...datasets[0]!, entities };
  return { dataset, cards: mergeCards(packs, datasets, members, ids), ids };
}

/** Each pack's cards (relations read within the pack), then one card per merged entity. */
function mergeCards(
  packs: readonly Pack[],
  datasets: Dataset[],
  members: { pack: number; entity: Entity }[][],
  ids: Map<string, string>[],
): CardBundle {
  const perPack = datasets.map(compileCards);
  const cards: Record<string, CardData> = {};
  for (const list of members) {
    const parts = list.map(({ pack, entity }) => {
      const card = perPack[pack]!.cards[entity.id]!;
      const related = card.related.map((r) => ({ ...r, id: ids[pack]!.get(r.id) ?? r.id }));
      return { pack, card: { ...card, related } };
    });
    const lead = parts[0]!;
    const id = ids[lead.pack]!.get(lead.card.id)!;
    const card: CardData = { ...lead.card, id };
    if (lead.pack !== 0) {
      card.article = datasets[lead.pack]!.article;
      card.dataset = { version: datasets[lead.pack]!.version, date: datasets[lead.pack]!.date };
    }
    if (parts.length > 1) {
      card.stories = parts.map(({ pack, card: c }): StoryPartData => {
        const { pack: _id, ...line } = storyLine(packs[pack]!);
        return {
          pack: packs[pack]!.id,
          story: line,
          what: c.what,
          why: c.why,
          summary: c.summary,
          inArticle: c.inArticle,
          namedInArticle: c.namedInArticle,
          sources: c.sources,
          facts: c.facts,
          asOf: c.asOf,
          ...(c.sinceThen ? { sinceThen: c.sinceThen } : {}),
        };
      });
      const seen = new Set(card.related.map((r) => r.id));
      for (const { card: c } of parts.slice(1)) {
        for (const r of c.related) if (!seen.has(r.id)) (card.related.push(r), seen.add(r.id));
        for (const g of c.glosses ?? []) (card.glosses ??= []).push(g);
      }
    }
    cards[id] = card;
  }
  return { ...perPack[0]!, cards };
}

/** Everything the extension compiles from the enabled packs. */
export interface CompiledPacks {
  matcher: MatcherData;
  cards: CardBundle;
  search: SearchIndex;
}

export function compilePacks(packs: readonly Pack[]): CompiledPacks {
  const { dataset, cards } = mergePacks(packs);
  return { matcher: compileMatcherData(dataset), cards, search: compileSearchIndex(dataset) };
}
