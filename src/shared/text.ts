/** Interface text shared by every part: the extension's name and description (also the manifest's). */
import { catalog } from './catalog';

export const sharedText = catalog({
  en: {
    extensionName: 'Contextual Highlights',
    extensionDescription:
      'Highlights the people, places and events of a news story on any page and explains them in a card. Works offline.',
  },
  de: {
    extensionName: 'Contextual Highlights',
    extensionDescription:
      'Hebt die Personen, Orte und Ereignisse einer Nachricht auf jeder Seite hervor und erklärt sie auf einer Karte. Funktioniert offline.',
  },
});
