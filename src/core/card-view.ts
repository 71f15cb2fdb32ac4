/**
 * What a card says, worded from an entity's card data and where the card was opened: pure, so the
 * wording is tested without a page. Three times are kept apart so that no reader mistakes 2014 for
 * today: as of the article's day, the days just after it, and since then (to a stated cut-off).
 */
import type { EntityType, Names, Source } from './dataset-types';
import { firstSentence, formatDate, formatMonth, typographic } from './card-text';
import { sameArticle, webHost } from './links';
import { quotable } from './quotable';

/**
 * Every word the card itself says (its data is in English), in English: the source of the card's
 * interface text, which content/card/text.ts translates. `$1`, `$2` are filled in.
 */
export const CARD_WORDS = {
  card_locale: 'en-GB',
  card_type_person: 'Person',
  card_type_country: 'Country',
  card_type_place: 'Place',
  card_type_organization: 'Organisation',
  card_type_event: 'Event',
  card_type_concept: 'Idea',
  card_kicker: '$1 · as of $2',
  card_written_as: 'Written here as “$1”',
  card_bridge: '‘$1’ here: $2',
  card_now: 'Now ($1):',
  card_by_page_date: 'By this page’s date ($1):',
  card_since_page: 'Since then',
  card_story: 'From $1, $2 · ‘$3’',
  card_story_label: 'The story: $1, $2 (opens the article)',
  card_key_dates: 'Key dates to $1',
  card_other_story: 'Also in $1, $2 · ‘$3’',
  card_days_after: 'In the days after the article',
  card_since_to: 'Since then, to $1',
  card_mention_of: 'Mention $1 of $2 on this page',
  card_mentions_on_page: '$1 mentions on this page',
  card_not_on_page: 'Not highlighted on this page',
  card_read_more: 'Read more on Wikipedia',
  card_page_link: 'Open the page’s link ($1)',
  card_footer: 'Facts to $1 · checked $2',
  card_footer_title: 'Dataset $1, checked $2',
  card_opened: '$1, $2: card open.',
  card_in_article: 'In this article',
  card_in_report: 'In $1’s report',
  card_more: 'More',
  card_less: 'Less',
  card_more_label: 'Show more about $1',
  card_less_label: 'Show less about $1',
  card_back: 'Back to $1',
  card_related: 'Related',
  card_related_label: 'Related entities',
  card_sources: 'Sources',
  card_sources_of: 'Sources: $1',
  card_show_related: 'Show the card of $1',
  card_pin: 'Pin',
  card_pinned: 'Pinned',
  card_pin_label: 'Pin this card open',
  card_unpin_label: 'Unpin this card',
  card_close_label: 'Close the card',
  card_drag_label: 'Drag down to close',
  card_previous: 'Previous mention',
  card_next: 'Next mention',
  card_mute: 'Don’t highlight this',
  card_mute_label: 'Don’t highlight this: $1',
  card_muted: '$1 is no longer highlighted.',
  card_undo: 'Undo',
  card_undo_label: 'Undo: highlight $1 again',
  card_keys: 'Keys: $1',
  card_key_next: '$1 next mention',
  card_key_same: '$1 next of this',
  card_key_focus: '$1 into the card',
  card_key_toggle: '$1 highlights on/off',
  card_key_escape: 'Esc closes',
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
  /** BCP 47 tag for dates ("en-GB", "de"): the card's words say which (`card_locale`), so both agree. */
  locale: string;
}

export const ENGLISH: CardLanguage = { say: sayInEnglish, locale: 'en-GB' };

export interface DatedText {
  date: string;
  text: string;
  sources: Source[];
}

/** The story a card's entity belongs to, as the card names it and links to it. */
export interface StoryInfo {
  date: string;
  title: string;
  publisher: string;
  /** The article's address (https); the story line links to it. */
  url?: string;
}

/**
 * The card data a card is worded from (what the background sends for one entity). Today one story
 * (The Hindu's report): `article` and the parts worded from it (`why`, `inArticle`, `periods`).
 * Cards that span several stories are expected to add a list of per-story parts beside these.
 */
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
  /** Its relations read from this side: "<this> — label — <name>" (the other's names per language, where sent). */
  related: { id: string; name: string; label: string; names?: Names }[];
  /** Bridge lines for the phrases that name it ("the rebels"). */
  glosses: { text: string; gloss: string }[];
  wikipedia: string;
  article: StoryInfo;
  dataset: { version: string; date: string };
  /**
   * One part per story when more than one enabled story pack has the entity (in the packs'
   * order; the first is what the fields above say), each led by its story line and date.
   */
  stories?: StoryPart[];
}

/** One story's part of a card: its story line, then what that story's pack says. */
export interface StoryPart extends Pick<
  CardSource,
  'what' | 'why' | 'summary' | 'inArticle' | 'sources' | 'periods' | 'sinceThen'
> {
  story: StoryInfo;
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
  /** The reading page's publication date (YYYY-MM-DD or YYYY-MM), when it says one. */
  pageDate?: string | null;
  /** The reading page's address (its canonical one where it names it): is it the story's article? */
  pageUrl?: string | null;
}

/** A dated line as shown: "2 September 2025", its text, and what it rests on. */
export interface CardFact {
  date: string;
  text: string;
  /** "CNA, 3 September 2025; Mehr News Agency, 2 September 2025". */
  sources: string;
}

export interface CardSection {
  /**
   * Which time it covers: up to the article's day, the days just after, up to the reading page's
   * date, or since then (since the days after, or since the page's date when it is known); or
   * 'story': what another story pack says of the entity (led by that story's line).
   */
  period: 'article' | 'after' | 'page' | 'since' | 'story';
  /** Heading: "Key dates to 19 May 2014". */
  heading: string;
  /** Dated lines, oldest first. */
  facts: CardFact[];
}

/** A glance line: a label ("Now (2 Sep 2025):") and one dated item's text. */
export interface GlanceLine {
  label: string;
  text: string;
}

export interface CardView {
  id: string;
  /** "Person": what it is. */
  kind: string;
  /** "Person · as of 19 May 2014": what it is, and the day its "what" and "why" describe. */
  kicker: string;
  /** Its name in the card's language ("Wladimir Putin" on a German card). */
  title: string;
  /** "Written here as “Kiev”", when the page writes the name otherwise. */
  writtenAs: string | null;
  /** For a phrase alias: "‘the rebels’ here: the separatists in the Ukraine crisis". */
  bridge: string | null;
  /** One line of what it is, one of why it matters in the story. */
  what: string;
  why: string;
  /** Where things stood by the reading page's date, when the page is dated after the story. */
  then: GlanceLine | null;
  /** The newest dated item, with its date. */
  now: GlanceLine | null;
  /** "From The Hindu, 19 May 2014 · ‘A Sino-Russia strategic embrace likely’", linking to it. */
  story: { text: string; label: string; href: string | null };
  /** What the report says: labelled "In this article" on its own page, "In The Hindu’s report" elsewhere. */
  report: { label: string; text: string; more: string; sources: string };
  /** The expanded panel's dated lists: days after, by the page's date, since then, key dates. */
  sections: CardSection[];
  /** Read as "<title> — label — name". */
  related: { id: string; name: string; label: string }[];
  /** "Mention 2 of 7 on this page", or "Not highlighted on this page". */
  position: string;
  canStep: boolean;
  link: { href: string; label: string };
  /** The page's link around the mention, when there is one (web addresses only). */
  pageLink: { href: string; label: string } | null;
  /** "Facts to October 2025 · checked December 2026"; the dataset's version in `footerTitle` (on hover). */
  footer: string;
  footerTitle: string;
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

/** "OSW, 16 June 2014; Gazprom, March 2016": a line's sources. */
function sourceList(sources: readonly Source[], locale: string): string {
  return sources.map((src) => `${src.publisher}, ${formatDate(src.date, locale)}`).join('; ');
}

/** The card's name in its language: the UI language's usual form where the dataset has one. */
function localName(source: CardSource, locale: string): string {
  const lang = locale.toLowerCase().split('-')[0] as keyof Names;
  return source.names[lang] ?? source.name;
}

/** The latest day a date (YYYY, YYYY-MM or YYYY-MM-DD) can mean, to compare with a page's date. */
function lastDay(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

export function cardView(source: CardSource, context: CardContext, language: CardLanguage = ENGLISH): CardView {
  const { say, locale } = language;
  const date = (d: string): string => formatDate(d, locale);
  const facts = (list: readonly DatedText[]): CardFact[] =>
    list.map((f) => ({ date: date(f.date), text: typographic(f.text), sources: sourceList(f.sources, locale) }));
  const kind = say(`card_type_${source.type}`);
  const title = localName(source, locale);
  const summary = typographic(source.summary);
  const lead = firstSentence(summary);
  const story = source.article;
  const since = source.sinceThen?.items ?? [];
  // The reading page's own date, when it is after the story's days-after and not in the future
  // of the facts: the card speaks from it ("By this page's date …", then "Since then").
  const pageDate =
    context.pageDate && context.pageDate > lastDay(story.date) && since.length > 0 ? context.pageDate : null;
  const byPage = pageDate ? since.filter((f) => lastDay(f.date) <= lastDay(pageDate)) : [];
  const after = pageDate ? since.filter((f) => lastDay(f.date) > lastDay(pageDate)) : since;
  const sections: CardSection[] = [];
  if (source.periods.after.length > 0)
    sections.push({ period: 'after', heading: say('card_days_after'), facts: facts(source.periods.after) });
  if (pageDate && byPage.length > 0)
    sections.push({ period: 'page', heading: say('card_by_page_date', date(pageDate)), facts: facts(byPage) });
  if (after.length > 0) {
    const heading = pageDate ? say('card_since_page') : say('card_since_to', formatMonth(source.sinceThen!.to, locale));
    sections.push({ period: 'since', heading, facts: facts(after) });
  }
  if (source.periods.article.length > 0)
    sections.push({
      period: 'article',
      heading: say('card_key_dates', date(story.date)),
      facts: facts(source.periods.article),
    });
  // What other enabled story packs say of it: a section per story after the first (the first is
  // what the fields above say), its lines dated as that story's day, then its later items.
  for (const part of source.stories?.slice(1) ?? []) {
    const storyDay = date(part.story.date);
    const own = (text: string): CardFact | null =>
      text.trim() ? { date: storyDay, text: typographic(text), sources: sourceList(part.sources, locale) } : null;
    sections.push({
      period: 'story',
      heading: say('card_other_story', part.story.publisher, storyDay, typographic(part.story.title)),
      facts: [
        own(part.why),
        own(part.inArticle),
        ...facts(part.periods.after),
        ...facts(part.sinceThen?.items ?? []),
      ].filter((f): f is CardFact => f !== null),
    });
  }
  // The glance's dated lines: where things stood by the page's date, and the newest of all.
  const newest = since.at(-1) ?? source.periods.after.at(-1) ?? null;
  const thenItem = byPage.at(-1) ?? null;
  const then = pageDate
    ? {
        label: say('card_by_page_date', date(pageDate)),
        text: typographic(thenItem ? thenItem.text : lead),
      }
    : null;
  const now =
    newest && newest !== thenItem
      ? { label: say('card_now', date(newest.date)), text: typographic(newest.text) }
      : null;
  // Page text (a mention, or the text selected for a look-up): quoted only in a form fit to show.
  const quoted = context.written === null ? null : quotable(context.written);
  const gloss = quoted ? (source.glosses.find((g) => fold(g.text) === fold(quoted))?.gloss ?? null) : null;
  const written =
    quoted && !gloss && writtenOtherwise(quoted, title) && writtenOtherwise(quoted, source.name) ? quoted : null;
  const position =
    context.total === 0
      ? say('card_not_on_page')
      : context.index === 0
        ? say('card_mentions_on_page', String(context.total))
        : say('card_mention_of', String(context.index), String(context.total));
  const onArticle = !!(context.pageUrl && story.url && sameArticle(context.pageUrl, story.url));
  const storyHref = story.url && /^https:\/\//.test(story.url) ? story.url : null;
  const cutOff = source.sinceThen?.to ?? source.dataset.date.slice(0, 7);
  return {
    id: source.id,
    kind,
    kicker: say('card_kicker', kind, date(story.date)),
    title,
    writtenAs: written ? say('card_written_as', written) : null,
    bridge: gloss && quoted ? say('card_bridge', quoted, typographic(gloss)) : null,
    what: typographic(source.what),
    why: typographic(source.why),
    then,
    now,
    story: {
      text: say('card_story', story.publisher, date(story.date), typographic(story.title)),
      label: say('card_story_label', story.publisher, date(story.date)),
      href: storyHref,
    },
    report: {
      label: onArticle ? say('card_in_article') : say('card_in_report', story.publisher),
      text: typographic(source.inArticle),
      more: summary,
      sources: say('card_sources_of', sourceList(source.sources, locale)),
    },
    sections,
    related: source.related.map((r) => ({
      id: r.id,
      name: r.names ? localName({ ...source, name: r.name, names: r.names }, locale) : r.name,
      label: typographic(r.label),
    })),
    position,
    canStep: context.total > 1 || (context.index === 0 && context.total > 0),
    link: { href: source.wikipedia, label: say('card_read_more') },
    pageLink: pageLink(context.link, say),
    footer: say(
      'card_footer',
      formatMonth(cutOff, locale, 'short'),
      formatMonth(source.dataset.date.slice(0, 7), locale, 'short'),
    ),
    footerTitle: say('card_footer_title', source.dataset.version, date(source.dataset.date)),
    announcement: say('card_opened', title, kind.toLowerCase()),
  };
}
