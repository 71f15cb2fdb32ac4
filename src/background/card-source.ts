/**
 * One entity's card as the content script receives it: what the card shows and nothing more (the
 * matching rules stay in the content script, the rest of the dataset here).
 */
import type { CardBundle } from '../core/card-data';
import type { CardSource, DatedText } from '../core/card-view';

/** The card of `id`, or null for an id the dataset does not have (only own properties count). */
export function cardSource(bundle: CardBundle, id: string): CardSource | null {
  const card = Object.hasOwn(bundle.cards, id) ? bundle.cards[id] : undefined;
  if (!card) return null;
  const articleDate = card.asOf;
  const article: DatedText[] = [];
  const since: DatedText[] = [];
  for (const f of card.facts) (f.date <= articleDate ? article : since).push(f);
  return {
    id: card.id,
    type: card.type,
    name: card.name,
    summary: card.summary,
    inArticle: card.inArticle,
    periods: { article, after: [], since },
    ...(card.sinceThen ? { sinceThen: { to: bundle.date.slice(0, 7), text: card.sinceThen } } : {}),
    related: card.related,
    wikipedia: card.wikipedia,
    article: { date: bundle.article.date, title: bundle.article.title, publisher: bundle.article.publisher },
    dataset: { version: bundle.version, date: bundle.date },
  };
}
