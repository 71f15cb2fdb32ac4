/**
 * One entity's card as the content script (or the popup) receives it: what the card shows and
 * nothing more (the matching rules stay in the content script, the rest of the dataset here).
 */
import { factsByPeriod, type CardBundle } from '../core/card-data';
import type { CardSource, DatedText } from '../core/card-view';

/** The card of `id`, or null for an id the dataset does not have (only own properties count). */
export function cardSource(bundle: CardBundle, id: string): CardSource | null {
  const card = Object.hasOwn(bundle.cards, id) ? bundle.cards[id] : undefined;
  if (!card) return null;
  const { article, after } = factsByPeriod(card.facts);
  const dated = (list: readonly DatedText[]): DatedText[] =>
    list.map(({ date, text, sources }) => ({ date, text, sources }));
  return {
    id: card.id,
    type: card.type,
    name: card.names.en,
    names: card.names,
    what: card.what,
    why: card.why,
    summary: card.summary,
    inArticle: card.inArticle,
    sources: card.sources,
    periods: { article: dated(article), after: dated(after) },
    ...(card.sinceThen ? { sinceThen: { to: card.sinceThen.to, items: dated(card.sinceThen.items) } } : {}),
    // The other entity's names too: a card in German names it in German.
    related: card.related.map((r) => {
      const other = Object.hasOwn(bundle.cards, r.id) ? bundle.cards[r.id] : undefined;
      return other ? { ...r, names: other.names } : r;
    }),
    glosses: card.glosses ?? [],
    wikipedia: card.wikipedia,
    article: {
      date: bundle.article.date,
      title: bundle.article.title,
      publisher: bundle.article.publisher,
      url: bundle.article.url,
    },
    dataset: { version: bundle.version, date: bundle.date },
  };
}
