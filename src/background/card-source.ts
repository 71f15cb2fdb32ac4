/**
 * One entity's card as the content script (or the popup) receives it: what the card shows and
 * nothing more (the matching rules stay in the content script, the rest of the dataset here).
 */
import { factsByPeriod, type CardBundle } from '../core/card-data';
import type { CardSource, DatedText, StoryPart } from '../core/card-view';

/** The card of `id`, or null for an id the dataset does not have (only own properties count). */
export function cardSource(bundle: CardBundle, id: string): CardSource | null {
  const card = Object.hasOwn(bundle.cards, id) ? bundle.cards[id] : undefined;
  if (!card) return null;
  const { article, after } = factsByPeriod(card.facts);
  const dated = (list: readonly DatedText[]): DatedText[] =>
    list.map(({ date, text, sources }) => ({ date, text, sources }));
  const story = card.article ?? bundle.article;
  const stories = card.stories?.map((part): StoryPart => {
    const periods = factsByPeriod(part.facts);
    return {
      story: part.story,
      what: part.what,
      why: part.why,
      summary: part.summary,
      inArticle: part.inArticle,
      sources: part.sources,
      periods: { article: dated(periods.article), after: dated(periods.after) },
      ...(part.sinceThen ? { sinceThen: { to: part.sinceThen.to, items: dated(part.sinceThen.items) } } : {}),
    };
  });
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
    article: { date: story.date, title: story.title, publisher: story.publisher, url: story.url },
    dataset: card.dataset ?? { version: bundle.version, date: bundle.date },
    ...(stories ? { stories } : {}),
  };
}
