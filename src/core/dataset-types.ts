/**
 * The bundled dataset's shape (assets/data/entities.json, format 1.2: docs/dataset.md).
 * The runtime validator in dataset-validate.ts checks every rule written here.
 */

export const ENTITY_TYPES = ['person', 'country', 'place', 'organization', 'event', 'concept'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What an entity id looks like: kebab-case (a-z, 0-9, single hyphens). */
export const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * One way of writing an entity's name. A plain string is an alias with the default rules.
 *
 * Default rules: case exactly as written (an ALL-CAPS form also counts inside capitals, such as a
 * headline or a dateline), diacritics folded (Kyïv = Kyiv), apostrophes/quotes/spaces normalised,
 * whole words only, possessives allowed (Putin's; the German genitive Putins on German pages).
 */
export interface AliasSpec {
  text: string;
  /** 'exact' (default): case as written; 'any': case-insensitive (for phrases that are ordinary words). */
  case?: 'exact' | 'any';
  /** 'fold' (default): accents optional (Luzianin = Lužianin); 'exact': accents must match as written. */
  accents?: 'fold' | 'exact';
  /**
   * BCP 47 tag of the alias's language when it is not English (ru, uk, zh, de, ...). An alias in
   * Latin script with a `lang` ("Krim", "Kreml", "Wladimir Putin") matches only on pages of that
   * language (the page's `lang` attribute); aliases in other scripts (Cyrillic, Han, kana) match on
   * any page, since they cannot be mistaken for an English word.
   */
  lang?: string;
  /**
   * Overrides the language rule above: `false` lets a Latin-script alias with a `lang` match on any
   * page (a form no other language writes, such as Crimean Tatar "Qırım"); `true` binds an alias in
   * another script to pages of its language.
   */
  langOnly?: boolean;
  /**
   * Context rule: the alias counts only where the same page also names other entities, with an
   * alias that has no `when` rule (wherever on the page that is). A list of ids is one group: one
   * of them must be named ("Xi" when ["xi-jinping"]). A list of groups needs one entity of every
   * group: "return to barracks" when [["vladimir-putin", "kremlin"], ["ukraine"], ["ukraine-crisis",
   * "crimea-annexation"]] needs Putin or the Kremlin, and Ukraine, and the 2014 crisis on the page.
   */
  when?: string[] | string[][];
  /**
   * Local context: the alias counts only right after one of these phrases (case, accents, quotes
   * and spacing folded; a space between when the phrase ends in a letter or digit). Example:
   * "Donetsk" as the DPR after `"People's Republics" of`.
   */
  precededBy?: string[];
  /** Local context: the alias counts only right before one of these phrases ("Sino" before "-"). */
  followedBy?: string[];
  /**
   * Homograph rule: if this word (case as written, usually lower case) occurs on the page, the alias
   * counts only where the page also names this entity by an alias without rules, or one of its
   * `related` entities. Example: "China" with homograph "china" (porcelain).
   */
  homograph?: string;
  /**
   * Declension of a Russian or Ukrainian alias: one pattern name per word (src/core/inflection.ts),
   * "-" for a word that does not change, "a|b" for a spelling both languages share. Every form
   * counts: "ru-m-surname" on "Путин" finds Путина, Путину, Путиным, о Путине.
   */
  inflect?: string;
  /**
   * A rule on the word before the name (src/core/name-rules.ts). "surname": a person's bare
   * surname; a different capitalised given name or initial before it is another person ("Alexei
   * Rogozin"). "place": a capitalised word before it that is not a modifier makes it part of a
   * longer name ("United Russia"), as does a US state after it ("Moscow, Idaho"); the default for
   * country and place entities. "none" switches the default off.
   */
  nameRule?: 'surname' | 'place' | 'none';
  /** Wins when another entity claims the same alias (validation requires exactly one winner). */
  preferred?: boolean;
  /**
   * The bridge line a card shows when the page names the entity by this phrase ("the rebels":
   * "the separatists in the Ukraine crisis"), at most 80 characters.
   */
  gloss?: string;
}

export type Alias = string | AliasSpec;

/** A never-match phrase with its declension, so its declined forms are blocked too ("Силы Сибири 2"). */
export interface ExcludeSpec {
  text: string;
  /** As AliasSpec.inflect. */
  inflect?: string;
}

/** A phrase that contains an alias but never means the entity: a plain string, or one that declines. */
export type Exclude = string | ExcludeSpec;

/**
 * The UI languages the product has catalogs for or will have (English and German now; French,
 * Spanish, Russian, Ukrainian and Chinese planned): an entity's display name may be given in each.
 */
export const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'ru', 'uk', 'zh'] as const;
export type NameLanguage = (typeof NAME_LANGUAGES)[number];

/** An entity's display name per UI language: English always, the others where there is a usual form. */
export type Names = { en: string } & { [L in NameLanguage as L extends 'en' ? never : L]?: string };

/**
 * Where a statement comes from: the record itself, a wire service, a major newspaper or an official
 * site (an encyclopaedia only beside one of those). `title` is the headline as published, or, in
 * [square brackets], a description of a source whose headline we have not seen.
 */
export interface Source {
  publisher: string;
  title: string;
  /** When it was published: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  /** https only; left out rather than given as http or guessed. */
  url?: string;
}

/**
 * When a fact happened relative to the article, so the card can tell the times apart:
 * - "article": as of the article — the fact's latest possible day is on or before `article.date`
 *   (a month-only "2014-05" cannot be, for an article of 19 May: give the day);
 * - "after": in the days after it — its earliest possible day is after `article.date` and its
 *   latest on or before `article.daysAfterEnd` (the state visit, the gas contract, the election).
 * Anything later is a dated item of `sinceThen`.
 */
export const FACT_PERIODS = ['article', 'after'] as const;
export type FactPeriod = (typeof FACT_PERIODS)[number];

/** A dated key fact: date as YYYY, YYYY-MM or YYYY-MM-DD, its period, and where it comes from. */
export interface Fact {
  date: string;
  period: FactPeriod;
  text: string;
  sources: Source[];
}

/** One dated claim since the days after the article, in one sentence that makes sense alone. */
export interface SinceThenItem {
  date: string;
  text: string;
  sources: Source[];
}

/** What happened after the days after the article, as dated items current to a stated month. */
export interface SinceThen {
  /** The cut-off the items are current to (YYYY-MM): at least 2025-10 and not after the dataset's date. */
  to: string;
  /** Oldest first; none dated after `to`. The newest says where things stand. */
  items: SinceThenItem[];
}

/**
 * What ties two entities, written once on either of them and read both ways: "<this entity> —
 * <label> — <target>" ("Gazprom — signed the 30-year gas supply contract with — CNPC"), and from
 * the target "<target> — <inverse> — <this entity>", or the label again when it reads the same.
 */
export interface Relation {
  id: string;
  /** English, at most 60 characters, starting in lower case. */
  label: string;
  inverse?: string;
}

export interface Entity {
  /** kebab-case, stable: tests, evaluation and settings refer to it. */
  id: string;
  type: EntityType;
  /** Display name per UI language (`en` required), apart from the aliases that matching uses. */
  names: Names;
  /** Its Wikidata item ("Q7747"), where it was verified. */
  wikidata?: string;
  /** Every surface form that counts as a mention, the canonical name included. */
  aliases: Alias[];
  /** Phrases that contain an alias but never mean this entity ("South China Sea", "Shakhtar Donetsk"). */
  exclude?: Exclude[];
  /** The glance card's first line: what it is, as of the article's day (at most 90 characters). */
  what: string;
  /** The glance card's second line: why it matters in this story, in one sentence (at most 140). */
  why: string;
  /**
   * 2–4 sentences in our own words, true as of the article's date (`article.date`). The card opens
   * with the first sentence: at most 200 characters, saying why the entity matters in this story.
   */
  summary: string;
  /** What the article says about it (named) or how it bears on the article (not named). */
  inArticle: string;
  /** Whether the article text itself names the entity; validation checks it with the matcher. */
  namedInArticle: boolean;
  /** What `what`, `why`, `summary` and `inArticle` rest on. */
  sources: Source[];
  /** 3–6 dated key facts, each in its period, oldest first. */
  facts: Fact[];
  /** What happened since, current to its cut-off; omitted when nothing important happened. */
  sinceThen?: SinceThen;
  /** Its relations, each written on one of the two entities only. */
  related: Relation[];
  /** Its Wikipedia article: English where one exists, else another language edition. */
  wikipedia: string;
}

export interface ArticleInfo {
  title: string;
  publisher: string;
  /** The day the article was written (YYYY-MM-DD): summaries and "article" facts are as of it. */
  date: string;
  /** The last of "the days after the article" (YYYY-MM-DD): the end of the "after" period. */
  daysAfterEnd: string;
  url: string;
}

export interface Dataset {
  /** Semantic version of the dataset's content. */
  version: string;
  /** The date the dataset's facts were last checked (YYYY-MM-DD); "since then" lines are as of it. */
  date: string;
  article: ArticleInfo;
  entities: Entity[];
}
