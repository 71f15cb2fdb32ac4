/** Every catalog of interface text, which the build writes into `_locales/` (see catalog.ts). */
import { cardText } from './card-text';
import type { Catalog } from './catalog';
import { popupText } from './popup-text';
import { sharedText } from './text';

export const UI_CATALOGS: readonly Catalog<string>[] = [sharedText, cardText, popupText];
