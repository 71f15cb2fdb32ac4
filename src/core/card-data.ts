/**
 * What a card shows, derived from the dataset: everything but the matching rules. Only the
 * background carries it; the content script asks for one card at a time.
 */
import type { ArticleInfo, Dataset, EntityType, Fact } from './dataset-types';

export interface CardData {
  id: string;
  type: EntityType;
  name: string;
  summary: string;
  inArticle: string;
  namedInArticle: boolean;
  facts: Fact[];
  asOf: string;
  sinceThen?: string;
  related: { id: string; name: string }[];
  wikipedia: string;
}

export interface CardBundle {
  version: string;
  date: string;
  article: ArticleInfo;
  cards: Record<string, CardData>;
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
      asOf: e.asOf,
      ...(e.sinceThen !== undefined ? { sinceThen: e.sinceThen } : {}),
      related: e.related.map((id) => ({ id, name: names.get(id) ?? id })),
      wikipedia: e.wikipedia,
    };
  }
  return { version: dataset.version, date: dataset.date, article: dataset.article, cards };
}
