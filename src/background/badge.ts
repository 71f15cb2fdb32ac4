/** The toolbar badge: how many entities the tab's page names (not mentions: those are in the popup). */
import browser from '../shared/browser';
import { badgeText } from './tab-state';

const BADGE_COLOUR = '#1f4e8c';

/** Shows `entities` on the tab's badge (nothing for none). */
export async function showBadge(tabId: number, entities: number, action = browser.action): Promise<void> {
  try {
    await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR });
    await action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await action.setBadgeText({ tabId, text: badgeText(entities) });
  } catch {
    // The tab closed between the report and the badge update: nothing to show.
  }
}
