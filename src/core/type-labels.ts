/** How each entity type is named to readers (card kicker, popup list). */
import type { EntityType } from './dataset-types';

export const TYPE_LABEL: Record<EntityType, string> = {
  person: 'Person',
  country: 'Country',
  place: 'Place',
  organization: 'Organisation',
  event: 'Event',
  concept: 'Idea',
};
