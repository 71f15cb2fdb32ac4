/**
 * The matcher of the reader's story packs, when they are not the default (the first pack alone,
 * which content.js carries). The page settings name the compiled data's id; its data comes from
 * the background, fetched at document start by early.js when it can be (hand-off.ts), and is
 * shared by the page's same-origin frames as the built-in one is.
 */
import type { Matcher } from '../core/matcher-data';
import { sendMessage } from '../shared/messages';
import { takePacks } from './hand-off';
import { sharedMatcher, sharedMatcherIfBuilt } from './shared-matcher';

/** The matcher compiled under `id`, or null if the background no longer has it (the packs changed again). */
export async function packMatcher(id: string): Promise<Matcher | null> {
  const early = takePacks();
  // A same-origin frame of this page built it already (Chromium shares it): nothing to fetch.
  const built = sharedMatcherIfBuilt(id);
  if (built) return built;
  let reply = early ? await early.catch(() => null) : null;
  if (reply?.id !== id) reply = await sendMessage('packMatcher', { id }).catch(() => null);
  if (!reply || reply.id !== id) return null;
  const data = reply.data;
  return sharedMatcher(id, () => data);
}
