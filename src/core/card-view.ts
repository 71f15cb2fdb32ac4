/**
 * What a card says, worded from an entity's card data and where the card was opened: pure, so the
 * wording is tested without a page. Three times are kept apart so that no reader mistakes 2014 for
 * today: as of the article's day, the days just after it, and since then (to a stated cut-off).
 */
import type { EntityType, Names, Source } from './dataset-types';
import { firstSentence, formatDate, formatMonth, typographic } from './card-text';
import { webHost } from './links';
import { quotable } from './quotable';

/**
 * Every word the card itself says (its data is in English), in English: the source of the card's
 * interface text, which content/card/text.ts translates. `$1`, `$2` are filled in.
 */
export const CARD_WORDS = {
  card_type_person: 'Person',
  card_type_country: 'Country',
  card_type_place: 'Place',
  card_type_organization: 'Organisation',
  card_type_event: 'Event',
  card_type_concept: 'Idea',
  card_kicker: '$1 · as of $2',
  card_written_as: 'Written here as “$1”',
  card_key_dates: 'Key dates to $1',
  card_days_after: 'In the days after the article',
  card_since_to: 'Since then, to $1',
  card_mention_of: 'Mention $1 of $2 on this page',
  card_mentions_on_page: '$1 mentions on this page',
  card_not_on_page: 'Not highlighted on this page',
  card_read_more: 'Read more on Wikipedia',
  card_page_link: 'Open the page’s link ($1)',
  card_footer: 'Facts as of $1 unless dated later · dataset $2, checked $3',
  card_opened: '$1, $2: card open.',
  card_in_article: 'In this article',
  card_more_about: 'More about $1',
  card_related: 'Related',
  card_related_label: 'Related entities',
  card_sources: 'Sources',
  card_show_related: 'Show the card of $1',
  card_pin: 'Pin',
  card_pinned: 'Pinned',
  card_pin_label: 'Pin this card open',
  card_unpin_label: 'Unpin this card',
  card_close_label: 'Close the card',
  card_previous: 'Previous mention',
  card_next: 'Next mention',
  card_mute: 'Don’t highlight this',
  card_mute_label: 'Don’t highlight $1 any more',
  card_muted: '$1 is no longer highlighted.',
  card_undo: 'Undo',
  card_undo_label: 'Highlight $1 again',
  card_no_match: 'Nothing in Contextual Highlights matches “$1”.',
} as const;

export type CardWord = keyof typeof CARD_WORDS;

/** Says one of the card's words, filling in `$1`…; English unless a translation is handed in. */
export type Say = (key: CardWord, ...subs: string[]) => string;

export const sayInEnglish: Say = (key, ...subs) =>
  CARD_WORDS[key].replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');

/** How a card speaks: its words, and the language its dates are written in. */
export interface CardLanguage {
  say: Say;
  /** BCP 47 tag for dates ("en-GB", "de"). */
  locale: string;
}

export const ENGLISH: CardLanguage = { say: sayInEnglish, locale: 'en-GB' };

export interface DatedText {
  date: string;
  text: string;
  sources: Source[];
}

/** The card data a card is worded from (what the background sends for one entity). */
export interface CardSource {
  id: string;
  type: EntityType;
  /** The card's title: the English display name (the card's text is English). */
  name: string;
  /** Its display name per UI language. */
  names: Names;
  /** The glance card's two lines: what it is, why it matters here. */
  what: string;
  why: string;
  summary: string;
  inArticle: string;
  /** What the summary and "In this article" rest on. */
  sources: Source[];
  /** Facts by period: as of the article, the days after it. */
  periods: { article: DatedText[]; after: DatedText[] };
  /** What happened later, as dated items current to its cut-off `to` (YYYY-MM), oldest first. */
  sinceThen?: { to: string; items: DatedText[] };
  /** Its relations read from this side: "<this> — label — <name>". */
  related: { id: string; name: string; label: string }[];
  /** Bridge lines for the phrases that name it ("the rebels"). */
  glosses: { text: string; gloss: string }[];
  wikipedia: string;
  article: { date: string; title: string; publisher: string };
  dataset: { version: string; date: string };
  /**
   * One part per story when more than one enabled story pack has the entity (in the packs'
   * order; the first is what the fields above say), each led by its story line and date.
   */
  stories?: StoryPart[];
}

/** One story's part of a card: its story line, then what that story's pack says. */
export interface StoryPart {
  story: { title: string; publisher: string; date: string };
  what: string;
  why: string;
  summary: string;
  inArticle: string;
  sources: Source[];
  periods: { article: DatedText[]; after: DatedText[] };
  sinceThen?: { to: string; items: DatedText[] };
}

/** Where the card was opened: which mention, as written, and its place among the entity's mentions. */
export interface CardContext {
  /** The mention's text as the page writes it ("Kiev", "Путина"). */
  written: string | null;
  /** 1-based position among the entity's mentions on the page, and their number (0: none on the page). */
  index: number;
  total: number;
  /** The page's own link the mention sits in (a tap follows it; the card offers it too). */
  link?: { href: string } | null;
}

export interface CardSection {
  /** Which time it covers: up to the article's day, the days just after, or since then. */
  period: 'article' | 'after' | 'since';
  /** Heading: "Dates to 19 May 2014". */
  heading: string;
  /** Shown open (the later times), or folded (the background before the article). */
  open: boolean;
  /** Dated lines, oldest first (their sources are in CardView.sources). */
  facts: { date: string; text: string }[];
}

export interface CardView {
  id: string;
  /** "Person · as of 19 May 2014": what it is, and the day the summary describes. */
  kicker: string;
  title: string;
  /** "Written here as “Kiev”", when the page writes the name otherwise. */
  writtenAs: string | null;
  /** What the phrase the page uses stands for ("the rebels": "the separatists in the Ukraine crisis"). */
  gloss: string | null;
  /** The first sentence (why it matters in this story), then the rest of the summary. */
  lead: string;
  more: string;
  inArticle: string;
  sections: CardSection[];
  /** Read as "<title> — label — name". */
  related: { id: string; name: string; label: string }[];
  /**
   * What it rests on, one line each: the sources of the summary and "In this article" in full,
   * then each dated line's ("21 May 2014: OSW, 16 June 2014; Gazprom, March 2016").
   */
  sources: { heading: string; lines: string[] };
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

/**
 * The page's link, offered only when it is an ordinary web address, and named by where it leads:
 * its text is the page's, which could pass for one of the card's own links (security review F11).
 */
function pageLink(link: CardContext['link'], say: Say): CardView['pageLink'] {
  const host = link ? webHost(link.href) : null;
  return link && host ? { href: link.href, label: say('card_page_link', host) } : null;
}

/** "21 May 2014: OSW, 16 June 2014; Gazprom, March 2016": a dated line's sources. */
function datedSources(line: DatedText, locale: string): string {
  const list = line.sources.map((src) => `${src.publisher}, ${formatDate(src.date, locale)}`).join('; ');
  return `${formatDate(line.date, locale)}: ${list}`;
}

/**
 * One source in full: publisher, title, date. A title in [square brackets] is our description of a
 * source whose headline we have not seen (docs/dataset.md), so it is not quoted as a headline.
 */
function sourceInFull(src: Source, locale: string): string {
  const title = src.title.startsWith('[') ? src.title : `“${src.title}”`;
  return `${src.publisher}, ${title}, ${formatDate(src.date, locale)}`;
}

export function cardView(source: CardSource, context: CardContext, language: CardLanguage = ENGLISH): CardView {
  const { say, locale } = language;
  const date = (d: string): string => formatDate(d, locale);
  const facts = (list: readonly DatedText[]): CardSection['facts'] =>
    list.map((f) => ({ date: date(f.date), text: typographic(f.text) }));
  const type = say(`card_type_${source.type}`);
  const summary = typographic(source.summary);
  const lead = firstSentence(summary);
  const sections: CardSection[] = [];
  if (source.periods.article.length > 0) {
    sections.push({
      period: 'article',
      heading: say('card_key_dates', date(source.article.date)),
      open: false,
      facts: facts(source.periods.article),
    });
  }
  if (source.periods.after.length > 0) {
    sections.push({
      period: 'after',
      heading: say('card_days_after'),
      open: true,
      facts: facts(source.periods.after),
    });
  }
  if (source.sinceThen && source.sinceThen.items.length > 0) {
    sections.push({
      period: 'since',
      heading: say('card_since_to', formatMonth(source.sinceThen.to, locale)),
      open: true,
      facts: facts(source.sinceThen.items),
    });
  }
  // Page text (a mention, or the text selected for a look-up): quoted only in a form fit to show.
  const quoted = context.written === null ? null : quotable(context.written);
  const written = quoted && writtenOtherwise(quoted, source.name) ? quoted : null;
  const gloss = quoted ? (source.glosses.find((g) => fold(g.text) === fold(quoted))?.gloss ?? null) : null;
  const position =
    context.total === 0
      ? say('card_not_on_page')
      : context.index === 0
        ? say('card_mentions_on_page', String(context.total))
        : say('card_mention_of', String(context.index), String(context.total));
  return {
    id: source.id,
    kicker: say('card_kicker', type, date(source.article.date)),
    title: source.name,
    writtenAs: written ? say('card_written_as', written) : null,
    gloss: gloss ? typographic(gloss) : null,
    lead,
    more: summary.slice(lead.length).trim(),
    inArticle: typographic(source.inArticle),
    sections,
    related: source.related.map((r) => ({ ...r, label: typographic(r.label) })),
    sources: {
      heading: say('card_sources'),
      lines: [
        ...source.sources.map((src) => sourceInFull(src, locale)),
        ...[...source.periods.article, ...source.periods.after, ...(source.sinceThen?.items ?? [])].map((line) =>
          datedSources(line, locale),
        ),
      ],
    },
    position,
    canStep: context.total > 1 || (context.index === 0 && context.total > 0),
    link: { href: source.wikipedia, label: say('card_read_more') },
    pageLink: pageLink(context.link, say),
    footer: say('card_footer', date(source.article.date), source.dataset.version, date(source.dataset.date)),
    announcement: say('card_opened', source.name, type.toLowerCase()),
  };
}
