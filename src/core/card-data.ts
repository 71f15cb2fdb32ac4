/**
 * What a card shows, derived from the dataset: everything but the matching rules. Only the
 * background carries it; the content script asks for one card at a time.
 */
import {
  FACT_PERIODS,
  type ArticleInfo,
  type Dataset,
  type EntityType,
  type Fact,
  type FactPeriod,
  type Names,
  type SinceThen,
  type Source,
} from './dataset-types';

/** A relation as read from one of its two entities: "<this> — label — <name>". */
export interface CardRelation {
  id: string;
  /** The other entity's English display name. */
  name: string;
  label: string;
}

/** The bridge line a card shows when the page names the entity by a phrase ("the rebels"). */
export interface Gloss {
  text: string;
  gloss: string;
}

export interface CardData {
  id: string;
  type: EntityType;
  names: Names;
  /** The glance card's two lines: what it is, why it matters here. */
  what: string;
  why: string;
  summary: string;
  inArticle: string;
  namedInArticle: boolean;
  /** What `what`, `why`, `summary` and `inArticle` rest on. */
  sources: Source[];
  /**
   * Every fact in date order, each with its period and sources: as of the article, or in the days
   * after it (to `article.daysAfterEnd`). `factsByPeriod` groups them for display.
   */
  facts: Fact[];
  /** The date the summary describes: the article's date (every summary is as of it). */
  asOf: string;
  sinceThen?: SinceThen;
  /** Its relations read from this side: those written on it, then those written on the others. */
  related: CardRelation[];
  glosses?: Gloss[];
  wikidata?: string;
  wikipedia: string;
  /** Its story, when it is not the bundle's (an entity of a pack after the first). */
  article?: ArticleInfo;
  /** Its pack's version and check date, when it is not the bundle's. */
  dataset?: { version: string; date: string };
  /** One part per story, when more than one enabled pack has the entity (pack-merge.ts). */
  stories?: StoryPartData[];
}

/** What one story's pack says of an entity that more than one pack has. */
export interface StoryPartData extends Pick<
  CardData,
  'what' | 'why' | 'summary' | 'inArticle' | 'namedInArticle' | 'sources' | 'facts' | 'asOf' | 'sinceThen'
> {
  /** The pack's id. */
  pack: string;
  /** The story line the part is led by (and the article it links to). */
  story: { title: string; publisher: string; date: string; url?: string };
}

export interface CardBundle {
  version: string;
  date: string;
  article: ArticleInfo;
  cards: Record<string, CardData>;
}

/** Facts grouped by period (as of the article, the days after it), keeping their order. */
export function factsByPeriod(facts: readonly Fact[]): Record<FactPeriod, Fact[]> {
  const out = Object.fromEntries(FACT_PERIODS.map((p) => [p, [] as Fact[]])) as Record<FactPeriod, Fact[]>;
  for (const f of facts) out[f.period].push(f);
  return out;
}

/**
 * Every relation in both directions: written once on either entity, each side gets its own
 * reading (the target reads the `inverse`, or the same label when the relation is symmetric).
 */
export function relationsBothWays(dataset: Dataset): Map<string, CardRelation[]> {
  const names = new Map(dataset.entities.map((e) => [e.id, e.names.en]));
  const out = new Map<string, CardRelation[]>(dataset.entities.map((e) => [e.id, []]));
  const incoming = new Map<string, CardRelation[]>(dataset.entities.map((e) => [e.id, []]));
  for (const e of dataset.entities) {
    for (const r of e.related) {
      out.get(e.id)?.push({ id: r.id, name: names.get(r.id) ?? r.id, label: r.label });
      incoming.get(r.id)?.push({ id: e.id, name: names.get(e.id) ?? e.id, label: r.inverse ?? r.label });
    }
  }
  for (const [id, list] of incoming) out.get(id)?.push(...list);
  return out;
}

export function compileCards(dataset: Dataset): CardBundle {
  const related = relationsBothWays(dataset);
  const cards: Record<string, CardData> = {};
  for (const e of dataset.entities) {
    const glosses = e.aliases.flatMap((a) =>
      typeof a !== 'string' && a.gloss !== undefined ? [{ text: a.text, gloss: a.gloss }] : [],
    );
    cards[e.id] = {
      id: e.id,
      type: e.type,
      names: e.names,
      what: e.what,
      why: e.why,
      summary: e.summary,
      inArticle: e.inArticle,
      namedInArticle: e.namedInArticle,
      sources: e.sources,
      facts: e.facts,
      asOf: dataset.article.date,
      ...(e.sinceThen !== undefined ? { sinceThen: e.sinceThen } : {}),
      related: related.get(e.id) ?? [],
      ...(glosses.length > 0 ? { glosses } : {}),
      ...(e.wikidata !== undefined ? { wikidata: e.wikidata } : {}),
      wikipedia: e.wikipedia,
    };
  }
  return { version: dataset.version, date: dataset.date, article: dataset.article, cards };
}
