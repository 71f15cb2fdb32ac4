/**
 * The story as the popup's relation views read it: every entity of the dataset with its name in the
 * reader's language, its "what" line and its relations both ways, each with what ties them. One
 * message at the popup's start; the popup draws the whole-story list and each entity's statements
 * from it. (When several stories ship, each entity will say which it belongs to, and the list can
 * group by it.)
 */
import type { CardBundle, CardData } from '../core/card-data';
import type { StoryEntity } from '../shared/messages';

/** An entity's name in `lang` (a UI language: "de", "fr", "ru"…), else its English one. */
export function displayName(card: Pick<CardData, 'names'>, lang: string): string {
  const names = card.names as Record<string, string | undefined>;
  return names[lang.toLowerCase().split(/[-_]/)[0]!] || card.names.en;
}

export function storyEntities(bundle: CardBundle, lang: string): StoryEntity[] {
  return Object.values(bundle.cards).map((card) => ({
    id: card.id,
    type: card.type,
    name: displayName(card, lang),
    what: card.what,
    related: card.related.map(({ id, label }) => ({ id, label })),
  }));
}
