/**
 * One entity's card as the content script (or the popup) receives it: what the card shows and
 * nothing more (the matching rules stay in the content script, the rest of the dataset here).
 */
import { factsByPeriod, type CardBundle } from '../core/card-data';
import type { CardSource } from '../core/card-view';

/** The card of `id`, or null for an id the dataset does not have (only own properties count). */
export function cardSource(bundle: CardBundle, id: string): CardSource | null {
  const card = Object.hasOwn(bundle.cards, id) ? bundle.cards[id] : undefined;
  if (!card) return null;
  const { article, after, since } = factsByPeriod(card.facts);
  const strip = (facts: typeof article): { date: string; text: string }[] =>
    facts.map(({ date, text }) => ({ date, text }));
  return {
    id: card.id,
    type: card.type,
    name: card.name,
    summary: card.summary,
    inArticle: card.inArticle,
    periods: { article: strip(article), after: strip(after), since: strip(since) },
    ...(card.sinceThen ? { sinceThen: { to: card.sinceThen.to, text: card.sinceThen.text } } : {}),
    related: card.related,
    wikipedia: card.wikipedia,
    article: { date: bundle.article.date, title: bundle.article.title, publisher: bundle.article.publisher },
    dataset: { version: bundle.version, date: bundle.date },
  };
}
