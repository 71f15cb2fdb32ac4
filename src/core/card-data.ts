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
  type SinceThen,
} from './dataset-types';

export interface CardData {
  id: string;
  type: EntityType;
  name: string;
  summary: string;
  inArticle: string;
  namedInArticle: boolean;
  /**
   * Every fact in date order, each with its period: as of the article, in the days after it (to
   * `article.daysAfterEnd`), or since then. `factsByPeriod` groups them for display; they are
   * shipped once, not grouped, to keep the card data small.
   */
  facts: Fact[];
  /** The date the summary describes: the article's date (every summary is as of it). */
  asOf: string;
  sinceThen?: SinceThen;
  related: { id: string; name: string }[];
  wikipedia: string;
}

export interface CardBundle {
  version: string;
  date: string;
  article: ArticleInfo;
  cards: Record<string, CardData>;
}

/** Facts grouped by period (as of the article, the days after it, since then), keeping their order. */
export function factsByPeriod(facts: readonly Fact[]): Record<FactPeriod, Fact[]> {
  const out = Object.fromEntries(FACT_PERIODS.map((p) => [p, [] as Fact[]])) as Record<FactPeriod, Fact[]>;
  for (const f of facts) out[f.period].push(f);
  return out;
}

export function compileCards(dataset: Dataset): CardBundle {
  const names = new Map(dataset.entities.map((e) => [e.id, e.name]));
  const cards: Record<string, CardData> = {};
  for (const e of dataset.entities) {
    cards[e.id] = {
      id: e.id,
      type: e.type,
      name: e.name,
      summary: e.summary,
      inArticle: e.inArticle,
      namedInArticle: e.namedInArticle,
      facts: e.facts,
      asOf: dataset.article.date,
      ...(e.sinceThen !== undefined ? { sinceThen: e.sinceThen } : {}),
      related: e.related.map((id) => ({ id, name: names.get(id) ?? id })),
      wikipedia: e.wikipedia,
    };
  }
  return { version: dataset.version, date: dataset.date, article: dataset.article, cards };
}
