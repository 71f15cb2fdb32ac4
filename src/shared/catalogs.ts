/**
 * The shared catalogs of interface text, which the build writes into `_locales/` (see catalog.ts)
 * together with the catalogs of our own pages (scripts/build.ts: shared/ cannot import them).
 */
import { cardText } from './card-text';
import type { Catalog } from './catalog';
import { popupText } from './popup-text';
import { sharedText } from './text';

export const UI_CATALOGS: readonly Catalog<string>[] = [sharedText, cardText, popupText];
