/**
 * A frame's report, checked before it is stored: a compromised content script could send anything
 * (security review, finding 11), so the site is taken from the sender, only known entity ids with
 * whole, non-negative counts are kept, and the frame's place in the tab comes from the browser.
 */
import type { Runtime } from '../shared/browser';
import type { FrameReport } from '../shared/messages';

/** Where a report came from, as the browser says. */
export interface ReportSource {
  tabId: number;
  frameId: number;
  /** The tab's top document (not an iframe). */
  top: boolean;
  /** The site of the sending page (what the popup's site switch acts on), or null. */
  host: string | null;
}

/** More than any page has: a count beyond it is not a count. */
const MAX_COUNT = 10_000_000;
const DOC_ID = /^[0-9a-z-]{8,64}$/i;

/** The site of a page's address as the content script names it: its host, or "local files". */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.hostname) return u.hostname;
    return u.protocol === 'file:' ? 'local files' : null;
  } catch {
    return null;
  }
}

type Sender = Runtime.MessageSender & { frameType?: string; documentLifecycle?: string };

/**
 * The report's source, or null when it is not one to store: no tab, or a page being prerendered
 * (it reports again once shown). The top document is told by the frame type where the browser
 * gives one (Chromium): a prerendered page keeps its own frame id, not 0, once activated.
 */
export function reportSource(sender: Sender): ReportSource | null {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || tabId < 0 || frameId === undefined) return null;
  if (sender.documentLifecycle === 'prerender') return null;
  const top = sender.frameType !== undefined ? sender.frameType === 'outermost_frame' : frameId === 0;
  return { tabId, frameId, top, host: top ? hostOf(sender.url) : null };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_COUNT;
}

/** A clean copy of a report, or null if it is not one; unknown ids and bad counts are dropped. */
export function checkReport(data: unknown, isKnown: (id: string) => boolean): FrameReport | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  if (typeof r.doc !== 'string' || !DOC_ID.test(r.doc)) return null;
  if (typeof r.page !== 'number' || !Number.isFinite(r.page)) return null;
  if (!Array.isArray(r.found)) return null;
  const found: [string, number][] = [];
  const seen = new Set<string>();
  for (const entry of r.found as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) continue;
    const [id, n] = entry as unknown[];
    if (typeof id !== 'string' || seen.has(id) || !isKnown(id) || !isCount(n) || n === 0) continue;
    seen.add(id);
    found.push([id, n]);
  }
  return { doc: r.doc, page: r.page, found, active: r.active === true, done: r.done === true };
}
