/**
 * What a card says, worded from an entity's card data and where the card was opened: pure, so the
 * wording is tested without a page. Three times are kept apart so that no reader mistakes 2014 for
 * today: as of the article's day, the days just after it, and since then (to a stated cut-off).
 */
import type { EntityType } from './dataset-types';
import { TYPE_LABEL } from './type-labels';
import { firstSentence, formatDate, formatMonth, typographic } from './card-text';

export interface DatedText {
  date: string;
  text: string;
}

/** The card data a card is worded from (what the background sends for one entity). */
export interface CardSource {
  id: string;
  type: EntityType;
  name: string;
  summary: string;
  inArticle: string;
  /** Facts by period: as of the article, the days after it, since then. */
  periods: { article: DatedText[]; after: DatedText[]; since: DatedText[] };
  /** What changed later, current to its cut-off `to` (YYYY-MM). */
  sinceThen?: { to: string; text: string };
  related: { id: string; name: string }[];
  wikipedia: string;
  article: { date: string; title: string; publisher: string };
  dataset: { version: string; date: string };
}

/** Where the card was opened: which mention, as written, and its place among the entity's mentions. */
export interface CardContext {
  /** The mention's text as the page writes it ("Kiev", "Путина"). */
  written: string | null;
  /** 1-based position among the entity's mentions on the page, and their number (0: none on the page). */
  index: number;
  total: number;
  /** The page's own link the mention sits in (a tap follows it; the card offers it too). */
  link?: { href: string; text: string } | null;
}

export interface CardSection {
  /** Which time it covers: up to the article's day, the days just after, or since then. */
  period: 'article' | 'after' | 'since';
  /** Heading: "Dates to 19 May 2014". */
  heading: string;
  /** Shown open (the later times), or folded (the background before the article). */
  open: boolean;
  /** A line of prose under the heading (the since-then text). */
  text?: string;
  facts: { date: string; text: string }[];
}

export interface CardView {
  id: string;
  /** "Person · as of 19 May 2014": what it is, and the day the summary describes. */
  kicker: string;
  title: string;
  /** "Written here as “Kiev”", when the page writes the name otherwise. */
  writtenAs: string | null;
  /** The first sentence (why it matters in this story), then the rest of the summary. */
  lead: string;
  more: string;
  inArticle: string;
  sections: CardSection[];
  related: { id: string; name: string }[];
  /** "Mention 2 of 7 on this page", or "Not highlighted on this page". */
  position: string;
  canStep: boolean;
  link: { href: string; label: string };
  /** The page's link around the mention, when there is one (web addresses only). */
  pageLink: { href: string; label: string } | null;
  footer: string;
  /** What a screen reader hears when the card opens. */
  announcement: string;
}

/** Folds a name for comparison: case, accents, apostrophes and spacing do not count. */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’'`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Whether the page's spelling says something the name does not: "Kiev" for Kyiv, "Путина" for
 * Vladimir Putin; not "Putin" or "President Vladimir Putin", which hold or are held by the name.
 */
function writtenOtherwise(written: string, name: string): boolean {
  const w = fold(written);
  const n = fold(name);
  return w.length > 0 && !n.includes(w) && !w.includes(n);
}

function facts(list: readonly DatedText[]): CardSection['facts'] {
  return list.map((f) => ({ date: formatDate(f.date), text: typographic(f.text) }));
}

/** The page's link, offered only when it is an ordinary web address. */
function pageLink(link: CardContext['link']): CardView['pageLink'] {
  if (!link || !/^https?:\/\//i.test(link.href)) return null;
  const text = link.text.replace(/\s+/g, ' ').trim();
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return { href: link.href, label: short ? `Open the page’s link “${short}”` : 'Open the page’s link' };
}

export function cardView(source: CardSource, context: CardContext): CardView {
  const type = TYPE_LABEL[source.type];
  const summary = typographic(source.summary);
  const lead = firstSentence(summary);
  const sections: CardSection[] = [];
  if (source.periods.article.length > 0) {
    sections.push({
      period: 'article',
      heading: `Key dates to ${formatDate(source.article.date)}`,
      open: false,
      facts: facts(source.periods.article),
    });
  }
  if (source.periods.after.length > 0) {
    sections.push({
      period: 'after',
      heading: 'In the days after the article',
      open: true,
      facts: facts(source.periods.after),
    });
  }
  if (source.sinceThen || source.periods.since.length > 0) {
    sections.push({
      period: 'since',
      heading: source.sinceThen ? `Since then, to ${formatMonth(source.sinceThen.to)}` : 'Since then',
      open: true,
      ...(source.sinceThen ? { text: typographic(source.sinceThen.text) } : {}),
      facts: facts(source.periods.since),
    });
  }
  const written = context.written && writtenOtherwise(context.written, source.name) ? context.written : null;
  const position =
    context.total === 0 ? 'Not highlighted on this page' : `Mention ${context.index} of ${context.total} on this page`;
  return {
    id: source.id,
    kicker: `${type} · as of ${formatDate(source.article.date)}`,
    title: source.name,
    writtenAs: written ? `Written here as “${written}”` : null,
    lead,
    more: summary.slice(lead.length).trim(),
    inArticle: typographic(source.inArticle),
    sections,
    related: source.related,
    position,
    canStep: context.total > 1,
    link: { href: source.wikipedia, label: 'Read more on Wikipedia' },
    pageLink: pageLink(context.link),
    footer: `Facts as of ${formatDate(source.article.date)} unless dated later · dataset ${source.dataset.version}, checked ${formatDate(source.dataset.date)}`,
    announcement: `${source.name}, ${type.toLowerCase()}: card open.`,
  };
}
