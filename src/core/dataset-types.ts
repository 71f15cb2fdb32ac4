/**
 * The bundled dataset's shape (assets/data/entities.json).
 * The runtime validator in dataset-validate.ts checks every rule written here.
 */

export const ENTITY_TYPES = ['person', 'country', 'place', 'organization', 'event', 'concept'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

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
 * When a fact happened relative to the article, so the card can tell three times apart:
 * - "article": as of the article — the fact's latest possible day is on or before `article.date`
 *   (a month-only "2014-05" cannot be, for an article of 19 May: give the day);
 * - "after": in the days after it — its earliest possible day is after `article.date` and its
 *   latest on or before `article.daysAfterEnd` (the state visit, the gas contract, the election);
 * - "since": since then — its earliest possible day is after `article.date`, and it is not after
 *   the dataset's `date`.
 */
export const FACT_PERIODS = ['article', 'after', 'since'] as const;
export type FactPeriod = (typeof FACT_PERIODS)[number];

/** A dated key fact: date as YYYY, YYYY-MM or YYYY-MM-DD, and which period it belongs to. */
export interface Fact {
  date: string;
  period: FactPeriod;
  text: string;
}

/** What changed since the article, current to a stated month. */
export interface SinceThen {
  /** The cut-off the text is current to (YYYY-MM): at least 2025-10 and not after the dataset's date. */
  to: string;
  text: string;
}

export interface Entity {
  /** kebab-case, stable: tests, evaluation and settings refer to it. */
  id: string;
  type: EntityType;
  /** Canonical display name. */
  name: string;
  /** Every surface form that counts as a mention, the canonical name included. */
  aliases: Alias[];
  /** Phrases that contain an alias but never mean this entity ("South China Sea", "Shakhtar Donetsk"). */
  exclude?: Exclude[];
  /**
   * 2–4 sentences in our own words, true as of the article's date (`article.date`). The card opens
   * with the first sentence: at most 200 characters, saying why the entity matters in this story.
   */
  summary: string;
  /** What the article says about it (named) or how it bears on the article (not named). */
  inArticle: string;
  /** Whether the article text itself names the entity; validation checks it with the matcher. */
  namedInArticle: boolean;
  /** 3–6 dated key facts, each in its period. */
  facts: Fact[];
  /** What changed since the article, current to its cut-off; omitted when nothing important changed. */
  sinceThen?: SinceThen;
  /** Ids of related entities (each must exist). */
  related: string[];
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
