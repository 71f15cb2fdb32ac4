/**
 * Interface text the manifest uses too: the extension's name and description, and the keyboard
 * commands' descriptions (shown in the browser's shortcut settings).
 */
import { catalog } from './catalog';

export const sharedText = catalog({
  en: {
    extensionName: 'Contextual Highlights',
    extensionDescription:
      'Highlights the people, places and events of a news story on any page and explains them in a card. Works offline.',
    commandNextMention: 'Show the card of the next highlighted name',
    commandPreviousMention: 'Show the card of the previous highlighted name',
    commandFocusCard: 'Move the keyboard into the open card',
    commandNextSame: 'Go to the next mention of the open card’s name',
    commandToggleHighlights: 'Switch the highlights on this page off or on',
  },
  de: {
    extensionName: 'Contextual Highlights',
    extensionDescription:
      'Hebt die Personen, Orte und Ereignisse einer Nachricht auf jeder Seite hervor und erklärt sie auf einer Karte. Funktioniert offline.',
    commandNextMention: 'Die Karte des nächsten hervorgehobenen Namens zeigen',
    commandPreviousMention: 'Die Karte des vorigen hervorgehobenen Namens zeigen',
    commandFocusCard: 'Die Tastatur in die offene Karte bringen',
    commandNextSame: 'Zur nächsten Erwähnung des Namens der offenen Karte',
    commandToggleHighlights: 'Die Markierungen auf dieser Seite aus- oder einschalten',
  },
  fr: {
    extensionName: 'Contextual Highlights',
    extensionDescription:
      'Surligne les personnes, lieux et événements d’une actualité sur n’importe quelle page et les explique dans une fiche. Fonctionne hors ligne.',
    commandNextMention: 'Montrer la fiche du nom surligné suivant',
    commandPreviousMention: 'Montrer la fiche du nom surligné précédent',
    commandFocusCard: 'Placer le clavier dans la fiche ouverte',
    commandNextSame: 'Aller à la mention suivante du nom de la fiche ouverte',
    commandToggleHighlights: 'Désactiver ou réactiver le surlignage sur cette page',
  },
  ru: {
    extensionName: 'Contextual Highlights',
    extensionDescription:
      'Выделяет людей, места и события новостной истории на любой странице и объясняет их в карточке. Работает без сети.',
    commandNextMention: 'Показать карточку следующего выделенного имени',
    commandPreviousMention: 'Показать карточку предыдущего выделенного имени',
    commandFocusCard: 'Перевести клавиатуру в открытую карточку',
    commandNextSame: 'Перейти к следующему упоминанию имени из открытой карточки',
    commandToggleHighlights: 'Выключить или включить выделение на этой странице',
  },
});
