/**
 * The card's interface text (the words of core/card-view.ts's CARD_WORDS) in every locale; used by
 * the content script's cards and by the popup, which shows the same cards and type names.
 */
import { CARD_WORDS, type CardWord } from '../core/card-view';
import { catalog } from './catalog';

export const cardText = catalog<CardWord>({
  en: CARD_WORDS,
  de: {
    card_type_person: 'Person',
    card_type_country: 'Land',
    card_type_place: 'Ort',
    card_type_organization: 'Organisation',
    card_type_event: 'Ereignis',
    card_type_concept: 'Idee',
    card_kicker: '$1 · Stand $2',
    card_written_as: 'Hier geschrieben als „$1“',
    card_key_dates: 'Daten bis zum $1',
    card_days_after: 'In den Tagen nach dem Artikel',
    card_since_to: 'Seitdem, bis $1',
    card_mention_of: 'Erwähnung $1 von $2 auf dieser Seite',
    card_mentions_on_page: '$1 Erwähnungen auf dieser Seite',
    card_not_on_page: 'Auf dieser Seite nicht hervorgehoben',
    card_read_more: 'Mehr auf Wikipedia (englisch)',
    card_page_link: 'Den Link der Seite öffnen ($1)',
    card_footer: 'Fakten mit Stand $1, sofern nicht später datiert · Datensatz $2, geprüft am $3',
    card_opened: '$1, $2: Karte geöffnet.',
    card_in_article: 'In diesem Artikel',
    card_more_about: 'Mehr über $1',
    card_related: 'Verwandt',
    card_related_label: 'Verwandte Einträge',
    card_sources: 'Quellen',
    card_show_related: 'Die Karte von $1 zeigen',
    card_pin: 'Anheften',
    card_pinned: 'Angeheftet',
    card_pin_label: 'Diese Karte offen halten',
    card_unpin_label: 'Diese Karte nicht mehr offen halten',
    card_close_label: 'Karte schließen',
    card_previous: 'Vorige Erwähnung',
    card_next: 'Nächste Erwähnung',
    card_mute: 'Nicht mehr hervorheben',
    card_mute_label: '$1 nicht mehr hervorheben',
    card_muted: '$1 wird nicht mehr hervorgehoben.',
    card_undo: 'Rückgängig',
    card_undo_label: '$1 wieder hervorheben',
    card_no_match: 'Nichts in Contextual Highlights passt zu „$1“.',
  },
});
