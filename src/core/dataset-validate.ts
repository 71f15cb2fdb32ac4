/**
 * Runtime validation of the dataset. Every problem is reported with the entity id, the field
 * path and the reason, so a broken dataset fails the build with a message that points at the fix.
 */
import { earliestDay, isValidDate, latestDay } from './dataset-dates';
import { WIKIPEDIA_HOST } from './links';
import {
  ENTITY_ID,
  ENTITY_TYPES,
  FACT_PERIODS,
  NAME_LANGUAGES,
  type AliasSpec,
  type ArticleInfo,
  type Dataset,
  type Entity,
  type ExcludeSpec,
  type Fact,
  type Relation,
  type SinceThen,
  type SinceThenItem,
  type Source,
} from './dataset-types';
import { findHits } from './find-mentions';
import type { JsonPositions } from './json-positions';

/** Where a field's value starts in the file (a JsonPositions, or one that renames paths, as a pack's). */
export type PositionLookup = Pick<JsonPositions, 'at'>;
import { checkInflect, inflectedForms } from './inflection';
import { aliasSpec, boundLanguage, createMatcher } from './matcher-data';
import { casedText, foldText } from './normalize';
import { splitSentences } from './sentences';
import { decideTextPage } from './text-context';

export interface DatasetError {
  /** Entity id (or `entities[i]` when the id itself is missing); null for top-level fields. */
  entity: string | null;
  /** Field path inside the entity or the dataset, e.g. `aliases[2].when[0]`. */
  field: string;
  reason: string;
  /**
   * Where the field's value starts in the JSON file (1-based; a missing field: where the object
   * that lacks it starts). Only when the dataset was read from its text (`ValidateOptions.positions`).
   */
  line?: number;
  column?: number;
}

/** `gazprom: facts[3].period (line 812, column 19): "article" but dated …`. */
export function formatError(e: DatasetError): string {
  const at = e.line === undefined ? '' : ` (line ${e.line}, column ${e.column})`;
  return printable(`${e.entity ?? 'dataset'}: ${e.field}${at}: ${e.reason}`);
}

/**
 * Characters a dataset text must not hold: U+FFFD (bytes that could not be decoded), C0 and C1
 * controls, the bidirectional formatting characters (they reorder what a card shows around them)
 * and lone surrogates (half a character).
 */
const UNWANTED =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What a character is called in an error message. */
function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A message safe to print on a terminal: the unwanted characters shown as their code points. */
export function printable(text: string): string {
  return text.replace(UNWANTED, (ch) => `<${codePoint(ch)}>`);
}

/** Why a text's characters are unwanted, or null. */
function characterProblem(text: string): string | null {
  const found = text.match(UNWANTED);
  if (!found) return null;
  const first = found[0];
  const what =
    first === '\uFFFD'
      ? 'U+FFFD, left where bytes could not be decoded'
      : /[\uD800-\uDFFF]/.test(first)
        ? `a lone surrogate (${codePoint(first)}, half a character)`
        : /[\u0000-\u001F\u007F-\u009F]/.test(first)
          ? `a control character (${codePoint(first)})`
          : `a bidirectional formatting character (${codePoint(first)}) that would reorder the text around it`;
  return `contains ${what}${found.length > 1 ? ` and ${found.length - 1} more such character${found.length > 2 ? 's' : ''}` : ''}`;
}

/** Every string in a value, keys included, with its path (in document order; a loop, not a recursion). */
function eachString(root: unknown, rootPath: string, visit: (text: string, path: string) => void): void {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') visit(v, path);
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, value] = entries[i]!;
        const at = path ? `${path}.${key}` : key;
        stack.push([value, at], [key, `${at} (the field's name)`]);
      }
    }
  }
}

function checkCharacters(c: Collector, v: unknown, path: string): void {
  eachString(v, path, (text, at) => {
    const problem = characterProblem(text);
    if (problem) c.add(at, problem);
  });
}

export interface ValidateOptions {
  /** The article's text: entities flagged namedInArticle must be found in it, and only those. */
  articleText?: string;
  /** Where each value starts in the file the dataset was read from: messages then give line and column. */
  positions?: PositionLookup;
}

const LIMITS = {
  name: 80,
  alias: 80,
  /** The glance card's two lines. */
  what: [10, 90],
  why: [20, 140],
  summary: [60, 700],
  /** The card opens with the summary's first sentence. */
  firstSentence: 200,
  inArticle: [20, 500],
  factText: [10, 240],
  sinceThenItem: [10, 200],
  facts: [3, 6],
  /** "Gazprom — signed the 30-year gas supply contract with — CNPC". */
  label: 60,
  gloss: 80,
  publisher: 120,
  title: 300,
} as const;

/** Every "since then" list is current to at least this month (the cards issue). */
export const SINCE_THEN_FLOOR = '2025-10';

const ID = ENTITY_ID;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** A four-digit year in prose (not part of a longer number such as 1,000 or 12108257). */
const YEAR = /(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d,])/g;
const VERSION = /^\d+\.\d+\.\d+$/;
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const WIKIDATA = /^Q[1-9]\d*$/;
/**
 * The known fields, listed from the types: adding a field to `Entity` or `AliasSpec` without
 * listing it here fails to compile, so the "is not a known field" check cannot drift.
 */
const ENTITY_FIELDS = {
  id: true,
  type: true,
  names: true,
  wikidata: true,
  aliases: true,
  exclude: true,
  what: true,
  why: true,
  summary: true,
  inArticle: true,
  namedInArticle: true,
  sources: true,
  facts: true,
  sinceThen: true,
  related: true,
  wikipedia: true,
} as const satisfies Record<keyof Entity, true>;
const ALIAS_FIELDS = {
  text: true,
  case: true,
  accents: true,
  lang: true,
  langOnly: true,
  inflect: true,
  when: true,
  precededBy: true,
  followedBy: true,
  nameRule: true,
  homograph: true,
  preferred: true,
  gloss: true,
} as const satisfies Record<keyof AliasSpec, true>;
const EXCLUDE_FIELDS = { text: true, inflect: true } as const satisfies Record<keyof ExcludeSpec, true>;
const FACT_FIELDS = { date: true, period: true, text: true, sources: true } as const satisfies Record<keyof Fact, true>;
const SINCE_THEN_FIELDS = { to: true, items: true } as const satisfies Record<keyof SinceThen, true>;
const SINCE_THEN_ITEM_FIELDS = { date: true, text: true, sources: true } as const satisfies Record<
  keyof SinceThenItem,
  true
>;
const SOURCE_FIELDS = { publisher: true, title: true, date: true, url: true } as const satisfies Record<
  keyof Source,
  true
>;
const RELATION_FIELDS = { id: true, label: true, inverse: true } as const satisfies Record<keyof Relation, true>;
const ARTICLE_FIELDS = {
  title: true,
  publisher: true,
  date: true,
  daysAfterEnd: true,
  url: true,
} as const satisfies Record<keyof ArticleInfo, true>;
const FACT_KEYS: ReadonlySet<string> = new Set(Object.keys(FACT_FIELDS));
const SINCE_THEN_KEYS: ReadonlySet<string> = new Set(Object.keys(SINCE_THEN_FIELDS));
const SINCE_THEN_ITEM_KEYS: ReadonlySet<string> = new Set(Object.keys(SINCE_THEN_ITEM_FIELDS));
const SOURCE_KEYS: ReadonlySet<string> = new Set(Object.keys(SOURCE_FIELDS));
const RELATION_KEYS: ReadonlySet<string> = new Set(Object.keys(RELATION_FIELDS));
const ARTICLE_KEYS: ReadonlySet<string> = new Set(Object.keys(ARTICLE_FIELDS));
const ENTITY_KEYS: ReadonlySet<string> = new Set(Object.keys(ENTITY_FIELDS));
const ALIAS_KEYS: ReadonlySet<string> = new Set(Object.keys(ALIAS_FIELDS));
const EXCLUDE_KEYS: ReadonlySet<string> = new Set(Object.keys(EXCLUDE_FIELDS));
/** Fields of format 1.1 that 1.2 replaced: where each went. */
const FORMER_FIELDS: Readonly<Record<string, string>> = {
  name: 'format 1.2 has "names": { "en": "…", "de": "…", … }',
};

/** The article's timeline: what fact periods are checked against (null parts when invalid). */
interface Timeline {
  article: string | null;
  daysAfterEnd: string | null;
  dataset: string | null;
}

/** Why a fact's period ("article" or "after") does not fit its date, or null when it does. */
function periodProblem(period: string, date: string, t: Timeline): string | null {
  const first = earliestDay(date);
  const last = latestDay(date);
  const exact = first === last;
  if (period === 'article') {
    if (t.article === null || last <= t.article) return null;
    if (first > t.article) return `"article" but dated ${date}, after the article (${t.article})`;
    return `"article" but dated ${date}, which may fall after the article (${t.article}): give the day`;
  }
  if (t.article !== null && first <= t.article) {
    return exact || last <= t.article
      ? `"${period}" but dated ${date}, not after the article (${t.article})`
      : `"${period}" but dated ${date}, which may fall on or before the article's day (${t.article}): give the day`;
  }
  if (t.daysAfterEnd !== null && last > t.daysAfterEnd) {
    return first > t.daysAfterEnd
      ? `"after" but dated ${date}, later than the days after the article (to ${t.daysAfterEnd}): make it an item of sinceThen`
      : `"after" but dated ${date}, which may fall after the days after the article (to ${t.daysAfterEnd}): give the day`;
  }
  return null;
}

/** Four-digit years in `text` later than `year`. */
function yearsAfter(text: string, year: number): number[] {
  return [...text.matchAll(YEAR)].map((m) => Number(m[1])).filter((y) => y > year);
}

/** Sentences in a summary, not counting full stops of abbreviations and initials. */
export function countSentences(text: string): number {
  return splitSentences(text).length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The path of a message's field from the file's root, to look its position up. */
function pathInFile(base: string, field: string): string {
  const f = field.replace(/ \(the field's name\)$/, '');
  if (f.startsWith('(')) return base; // "(entity)", "(root)": the object itself
  return base ? `${base}.${f}` : f;
}

class Collector {
  constructor(
    private readonly entity: string | null = null,
    /** The path in the file of what field names are relative to: `entities[3]`, or the root. */
    private readonly base = '',
    private readonly positions: PositionLookup | null = null,
    readonly errors: DatasetError[] = [],
  ) {}
  /** The collector for one entity: its label in messages and its path in the file. */
  for(entity: string | null, base: string): Collector {
    return new Collector(entity, base, this.positions, this.errors);
  }
  add(field: string, reason: string): void {
    const at = this.positions?.at(pathInFile(this.base, field));
    this.errors.push({ entity: this.entity, field, reason, ...(at ? { line: at.line, column: at.column } : {}) });
  }
  text(v: unknown, field: string, min: number, max: number): v is string {
    if (typeof v !== 'string') {
      this.add(field, v === undefined ? 'is missing' : 'must be a string');
      return false;
    }
    if (v.trim() !== v) this.add(field, 'has leading or trailing whitespace');
    if (v.length < min) this.add(field, v.length === 0 ? 'is empty' : `is too short (${v.length} < ${min} characters)`);
    if (v.length > max) this.add(field, `is too long (${v.length} > ${max} characters)`);
    return true;
  }
}

function checkUrl(c: Collector, v: unknown, field: string, wikipedia = false): void {
  if (!c.text(v, field, 1, 300)) return;
  let url: URL;
  try {
    url = new URL(v as string);
  } catch {
    c.add(field, `is not a URL: "${v as string}"`);
    return;
  }
  if (url.protocol !== 'https:') c.add(field, 'must be an https URL');
  if (wikipedia && !WIKIPEDIA_HOST.test(url.hostname))
    c.add(field, 'must be on a wikipedia.org language edition (en.wikipedia.org first)');
  if (wikipedia && !url.pathname.startsWith('/wiki/')) c.add(field, 'must be a /wiki/ article URL');
  if (/\s/.test(v as string)) c.add(field, 'contains whitespace');
}

/** A `when` rule: one group of entity ids, or a list of groups (every group must be met). */
function checkWhen(c: Collector, when: unknown, field: string, ids: Set<string>): void {
  const problem = 'must be a non-empty list of entity ids, or a list of such lists (one entity of every list)';
  if (!Array.isArray(when) || when.length === 0) {
    c.add(field, problem);
    return;
  }
  const groups = when.every((g) => Array.isArray(g));
  if (!groups && !when.every((g) => typeof g === 'string')) {
    c.add(field, problem);
    return;
  }
  const check = (list: unknown[], at: string): void =>
    list.forEach((id: unknown, j) => {
      if (typeof id !== 'string' || !ids.has(id)) c.add(`${at}[${j}]`, `unknown entity id ${JSON.stringify(id)}`);
    });
  if (!groups) check(when, field);
  else
    (when as unknown[][]).forEach((group, g) => {
      if (group.length === 0) c.add(`${field}[${g}]`, 'is an empty group');
      else check(group, `${field}[${g}]`);
    });
}

function checkEntity(
  c: Collector,
  e: Record<string, unknown>,
  ids: Set<string>,
  t: Timeline,
  duplicate: boolean,
): void {
  for (const key of Object.keys(e)) {
    if (!ENTITY_KEYS.has(key)) {
      const former = Object.hasOwn(FORMER_FIELDS, key) ? FORMER_FIELDS[key] : undefined;
      c.add(key, `is not a known field${former ? ` (${former})` : ''}`);
    }
  }
  if (typeof e.type !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(e.type)) {
    c.add('type', `must be one of ${ENTITY_TYPES.join(', ')}`);
  }
  checkNames(c, e.names);
  if (e.wikidata !== undefined && (typeof e.wikidata !== 'string' || !WIKIDATA.test(e.wikidata))) {
    c.add('wikidata', `must be a Wikidata item id such as "Q7747" (got ${JSON.stringify(e.wikidata)})`);
  }
  if (!Array.isArray(e.aliases) || e.aliases.length === 0) {
    c.add('aliases', 'must be a non-empty list');
  } else {
    e.aliases.forEach((a: unknown, i) => {
      const f = `aliases[${i}]`;
      if (typeof a === 'string') {
        c.text(a, f, 1, LIMITS.alias);
        return;
      }
      if (!isObject(a)) {
        c.add(f, 'must be a string or an object');
        return;
      }
      for (const key of Object.keys(a)) if (!ALIAS_KEYS.has(key)) c.add(`${f}.${key}`, 'is not a known alias field');
      c.text(a.text, `${f}.text`, 1, LIMITS.alias);
      if (a.case !== undefined && a.case !== 'exact' && a.case !== 'any')
        c.add(`${f}.case`, 'must be "exact" or "any"');
      if (a.accents !== undefined && a.accents !== 'fold' && a.accents !== 'exact') {
        c.add(`${f}.accents`, 'must be "fold" or "exact"');
      }
      if (a.lang !== undefined && (typeof a.lang !== 'string' || !LANG.test(a.lang))) {
        c.add(`${f}.lang`, 'must be a language tag such as "ru" or "zh-Hans"');
      }
      if (a.langOnly !== undefined) {
        if (typeof a.langOnly !== 'boolean') c.add(`${f}.langOnly`, 'must be true or false');
        else if (a.lang === undefined) c.add(`${f}.langOnly`, 'needs a "lang" to bind the alias to');
      }
      if (a.inflect !== undefined) {
        if (typeof a.inflect !== 'string') c.add(`${f}.inflect`, 'must be a string of pattern names');
        else if (typeof a.text === 'string') {
          const problem = checkInflect(a.text, a.inflect);
          if (problem) c.add(`${f}.inflect`, problem);
        }
      }
      if (a.nameRule !== undefined) {
        if (a.nameRule !== 'surname' && a.nameRule !== 'place' && a.nameRule !== 'none') {
          c.add(`${f}.nameRule`, 'must be "surname", "place" or "none"');
        } else if (a.nameRule === 'surname' && e.type !== 'person') {
          c.add(`${f}.nameRule`, '"surname" is for aliases of a person');
        }
      }
      if (a.preferred !== undefined && typeof a.preferred !== 'boolean')
        c.add(`${f}.preferred`, 'must be true or false');
      if (a.homograph !== undefined) c.text(a.homograph, `${f}.homograph`, 1, LIMITS.alias);
      if (a.gloss !== undefined) c.text(a.gloss, `${f}.gloss`, 1, LIMITS.gloss);
      if (a.when !== undefined) checkWhen(c, a.when, `${f}.when`, ids);
      for (const key of ['precededBy', 'followedBy'] as const) {
        const v = a[key];
        if (v === undefined) continue;
        if (!Array.isArray(v) || v.length === 0) c.add(`${f}.${key}`, 'must be a non-empty list of phrases');
        else v.forEach((phrase: unknown, j) => c.text(phrase, `${f}.${key}[${j}]`, 1, LIMITS.alias));
      }
    });
  }
  if (e.exclude !== undefined) {
    if (!Array.isArray(e.exclude)) c.add('exclude', 'must be a list of phrases');
    else
      e.exclude.forEach((item: unknown, i) => {
        const f = `exclude[${i}]`;
        let phrase: unknown = item;
        if (isObject(item)) {
          for (const key of Object.keys(item)) if (!EXCLUDE_KEYS.has(key)) c.add(`${f}.${key}`, 'is not a known field');
          phrase = item.text;
          if (!c.text(phrase, `${f}.text`, 1, LIMITS.alias)) return;
          if (typeof item.inflect !== 'string') c.add(`${f}.inflect`, 'must be a string of pattern names');
          else {
            const problem = checkInflect(phrase as string, item.inflect);
            if (problem) c.add(`${f}.inflect`, problem);
          }
        } else if (!c.text(phrase, f, 1, LIMITS.alias)) return;
        const key = foldText(phrase as string);
        const aliases = Array.isArray(e.aliases) ? (e.aliases as unknown[]) : [];
        const contains = aliases.some((a) => {
          const t = typeof a === 'string' ? a : isObject(a) && typeof a.text === 'string' ? a.text : '';
          const k = foldText(t);
          return k.length > 0 && k !== key && key.includes(k);
        });
        if (!contains) c.add(f, `"${phrase as string}" does not contain one of the entity's aliases`);
      });
  }
  const articleYear = t.article === null ? null : Number(t.article.slice(0, 4));
  /** Texts that describe the article's day must not name a later year. */
  const noLaterYear = (text: unknown, field: string): void => {
    if (typeof text !== 'string' || articleYear === null) return;
    for (const y of yearsAfter(text, articleYear)) {
      c.add(field, `mentions ${y}, after the article's year (${articleYear}): it describes the article's day`);
    }
  };
  if (c.text(e.what, 'what', LIMITS.what[0], LIMITS.what[1])) noLaterYear(e.what, 'what');
  if (c.text(e.why, 'why', LIMITS.why[0], LIMITS.why[1])) {
    const sentences = splitSentences(e.why as string).length;
    if (sentences !== 1) c.add('why', `must be one sentence (has ${sentences}): it is one line of the card`);
    noLaterYear(e.why, 'why');
  }
  if (c.text(e.summary, 'summary', LIMITS.summary[0], LIMITS.summary[1])) {
    const sentences = splitSentences(e.summary as string);
    if (sentences.length < 2 || sentences.length > 4)
      c.add('summary', `must have 2–4 sentences (has ${sentences.length})`);
    const first = sentences[0] ?? '';
    if (first.length > LIMITS.firstSentence) {
      c.add(
        'summary',
        `first sentence is ${first.length} characters (at most ${LIMITS.firstSentence}): the card opens with it`,
      );
    }
    noLaterYear(e.summary, 'summary');
  }
  if (c.text(e.inArticle, 'inArticle', LIMITS.inArticle[0], LIMITS.inArticle[1])) noLaterYear(e.inArticle, 'inArticle');
  if (typeof e.namedInArticle !== 'boolean') c.add('namedInArticle', 'must be true or false');
  checkSources(c, e.sources, 'sources', t);
  if (!Array.isArray(e.facts)) {
    c.add('facts', 'must be a list');
  } else {
    if (e.facts.length < LIMITS.facts[0] || e.facts.length > LIMITS.facts[1]) {
      c.add('facts', `must hold ${LIMITS.facts[0]}–${LIMITS.facts[1]} facts (has ${e.facts.length})`);
    }
    e.facts.forEach((fact: unknown, i) => {
      const f = `facts[${i}]`;
      if (!isObject(fact)) {
        c.add(f, 'must be an object with date, period, text and sources');
        return;
      }
      for (const key of Object.keys(fact)) if (!FACT_KEYS.has(key)) c.add(`${f}.${key}`, 'is not a known field');
      const dated = typeof fact.date === 'string' && isValidDate(fact.date);
      if (!dated) {
        c.add(`${f}.date`, `must be a real date as YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(fact.date)})`);
      }
      if (fact.period === 'since') {
        c.add(`${f}.period`, '"since" facts belong in sinceThen.items: move it there, dated, with its sources');
      } else if (typeof fact.period !== 'string' || !(FACT_PERIODS as readonly string[]).includes(fact.period)) {
        c.add(`${f}.period`, `must be one of ${FACT_PERIODS.map((p) => `"${p}"`).join(', ')}`);
      } else if (dated) {
        const problem = periodProblem(fact.period, fact.date as string, t);
        if (problem) c.add(`${f}.period`, problem);
      }
      c.text(fact.text, `${f}.text`, LIMITS.factText[0], LIMITS.factText[1]);
      if (fact.period === 'article') noLaterYear(fact.text, `${f}.text`);
      checkSources(c, fact.sources, `${f}.sources`, t);
    });
  }
  if (e.sinceThen !== undefined) checkSinceThen(c, e.sinceThen, t);
  checkRelations(c, e, ids, duplicate);
  checkUrl(c, e.wikipedia, 'wikipedia', true);
}

/** Display names by UI language: `en` required, only languages the catalogs know (NAME_LANGUAGES). */
function checkNames(c: Collector, v: unknown): void {
  if (!isObject(v)) {
    c.add('names', 'must be an object of display names by UI language, with "en"');
    return;
  }
  for (const [lang, name] of Object.entries(v)) {
    if (!(NAME_LANGUAGES as readonly string[]).includes(lang)) {
      c.add(`names.${lang}`, `"${lang}" is not a UI language the catalogs know (${NAME_LANGUAGES.join(', ')})`);
    } else c.text(name, `names.${lang}`, 1, LIMITS.name);
  }
  if (!Object.hasOwn(v, 'en')) c.add('names.en', 'is missing: every entity has an English name');
}

/** A statement's sources: a non-empty list of { publisher, title, date, url? }. */
function checkSources(c: Collector, v: unknown, field: string, t: Timeline): void {
  if (!Array.isArray(v) || v.length === 0) {
    c.add(
      field,
      v === undefined
        ? 'is missing: every statement needs at least one source (drop a statement that has none)'
        : 'must be a non-empty list of sources { "publisher", "title", "date", "url"? }',
    );
    return;
  }
  v.forEach((s: unknown, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(s)) {
      c.add(f, 'must be an object { "publisher", "title", "date", "url"? }');
      return;
    }
    for (const key of Object.keys(s)) if (!SOURCE_KEYS.has(key)) c.add(`${f}.${key}`, 'is not a known field');
    c.text(s.publisher, `${f}.publisher`, 1, LIMITS.publisher);
    c.text(s.title, `${f}.title`, 1, LIMITS.title);
    if (s.date === undefined) c.add(`${f}.date`, 'is missing: when the source was published');
    else if (typeof s.date !== 'string' || !isValidDate(s.date)) {
      c.add(`${f}.date`, `must be a real date as YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(s.date)})`);
    } else if (t.dataset !== null && earliestDay(s.date) > t.dataset) {
      c.add(`${f}.date`, `is ${s.date}, after the dataset's date (${t.dataset})`);
    }
    if (s.url !== undefined) checkUrl(c, s.url, `${f}.url`);
  });
}

/**
 * The "since then" list: its cut-off (at least SINCE_THEN_FLOOR, not after the dataset's date) and
 * its dated items, oldest first, each after the days after the article and none after the cut-off.
 */
function checkSinceThen(c: Collector, v: unknown, t: Timeline): void {
  if (!isObject(v)) {
    c.add('sinceThen', 'must be an object { "to": "YYYY-MM", "items": [{ "date", "text", "sources" }] }');
    return;
  }
  for (const key of Object.keys(v)) {
    if (SINCE_THEN_KEYS.has(key)) continue;
    c.add(
      `sinceThen.${key}`,
      key === 'text'
        ? 'is not a known field (format 1.2 splits it into dated items: sinceThen.items)'
        : 'is not a known field',
    );
  }
  const to = v.to;
  let end: string | null = null;
  if (typeof to !== 'string' || !MONTH.test(to) || !isValidDate(to)) {
    c.add('sinceThen.to', `must be the month the items are current to, as YYYY-MM (got ${JSON.stringify(to)})`);
  } else {
    if (to < SINCE_THEN_FLOOR)
      c.add('sinceThen.to', `is ${to}: the items must be current to ${SINCE_THEN_FLOOR} or later`);
    if (t.dataset !== null && to > t.dataset.slice(0, 7)) {
      c.add('sinceThen.to', `is ${to}, after the dataset's date (${t.dataset})`);
    }
    end = latestDay(to);
  }
  if (!Array.isArray(v.items) || v.items.length === 0) {
    c.add(
      'sinceThen.items',
      'must be a non-empty list of dated items (leave sinceThen out when nothing important happened)',
    );
    return;
  }
  let previous: { date: string; index: number } | null = null;
  v.items.forEach((item: unknown, i) => {
    const f = `sinceThen.items[${i}]`;
    if (!isObject(item)) {
      c.add(f, 'must be an object { "date", "text", "sources" }');
      return;
    }
    for (const key of Object.keys(item))
      if (!SINCE_THEN_ITEM_KEYS.has(key)) c.add(`${f}.${key}`, 'is not a known field');
    const date = item.date;
    if (typeof date !== 'string' || !isValidDate(date)) {
      c.add(`${f}.date`, `must be a real date as YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(date)})`);
    } else {
      const first = earliestDay(date);
      const last = latestDay(date);
      if (t.daysAfterEnd !== null && first <= t.daysAfterEnd) {
        c.add(
          `${f}.date`,
          last <= t.daysAfterEnd
            ? `is ${date}, within the days after the article (to ${t.daysAfterEnd}): make it an "after" fact`
            : `is ${date}, which may fall within the days after the article (to ${t.daysAfterEnd}): give the day`,
        );
      }
      if (end !== null && last > end) {
        c.add(
          `${f}.date`,
          first > end
            ? `is ${date}, after the cut-off sinceThen.to (${to as string})`
            : `is ${date}, which may fall after the cut-off sinceThen.to (${to as string}): give the month`,
        );
      }
      if (previous !== null && first < earliestDay(previous.date)) {
        c.add(`${f}.date`, `is ${date}, older than items[${previous.index}] (${previous.date}): oldest first`);
      }
      previous = { date, index: i };
    }
    if (c.text(item.text, `${f}.text`, LIMITS.sinceThenItem[0], LIMITS.sinceThenItem[1])) {
      const sentences = splitSentences(item.text).length;
      if (sentences !== 1) c.add(`${f}.text`, `must be one sentence (has ${sentences}): one dated claim per item`);
    }
    checkSources(c, item.sources, `${f}.sources`, t);
  });
}

/** An entity's relations: each to a known other entity, once, with a short label (and an inverse). */
function checkRelations(c: Collector, e: Record<string, unknown>, ids: Set<string>, duplicate: boolean): void {
  if (!Array.isArray(e.related)) {
    c.add('related', 'must be a list of relations { "id", "label", "inverse"? }');
    return;
  }
  const seen = new Set<unknown>();
  e.related.forEach((r: unknown, i) => {
    const f = `related[${i}]`;
    if (!isObject(r)) {
      c.add(f, 'must be an object { "id", "label", "inverse"? }: format 1.2 says what ties the two');
      return;
    }
    for (const key of Object.keys(r)) if (!RELATION_KEYS.has(key)) c.add(`${f}.${key}`, 'is not a known field');
    const id = r.id;
    if (typeof id !== 'string' || !ids.has(id)) c.add(`${f}.id`, `unknown entity id ${JSON.stringify(id)}`);
    // A duplicate's id is someone else's: its own id in `related` is no self-relation.
    else if (id === e.id && !duplicate) c.add(`${f}.id`, 'an entity cannot be related to itself');
    else if (seen.has(id)) c.add(`${f}.id`, `"${id}" is listed twice`);
    seen.add(id);
    const reads = (v: unknown, field: string): void => {
      if (!c.text(v, field, 1, LIMITS.label)) return;
      if (v.length > 0 && !/^\p{Ll}/u.test(v)) {
        c.add(field, `must start in lower case: it reads between two names ("Gazprom — ${v} — CNPC")`);
      }
    };
    reads(r.label, `${f}.label`);
    if (r.inverse !== undefined) {
      reads(r.inverse, `${f}.inverse`);
      if (r.inverse === r.label)
        c.add(`${f}.inverse`, 'repeats the label: leave it out when both readings are the same');
    }
  });
}

/**
 * Each relation is written once and read both ways: one written on both of its entities is
 * refused (on the one later in the file), since the two could say different things.
 */
function checkRelationsOnce(top: Collector, entities: unknown[]): void {
  /** "a b" -> where the relation from a to b is written. */
  const written = new Map<string, string>();
  entities.forEach((e, index) => {
    if (!isObject(e) || typeof e.id !== 'string' || !Array.isArray(e.related)) return;
    e.related.forEach((r: unknown, i) => {
      if (!isObject(r) || typeof r.id !== 'string') return;
      written.set(`${e.id} ${r.id}`, `${e.id} related[${i}]`);
      const other = written.get(`${r.id} ${e.id}`);
      if (other === undefined || r.id === e.id) return;
      top
        .for(e.id as string, `entities[${index}]`)
        .add(
          `related[${i}]`,
          `the relation with ${r.id} is written on ${other} too: write it once, with an "inverse" where it reads differently from there`,
        );
    });
  });
}

/** Two entities claiming one alias must say which wins (`preferred` on exactly one of them). */
function checkAliasClaims(c: Collector, entities: Entity[]): void {
  interface Claim {
    entity: string;
    /** The entity's index, for its path in the file. */
    index: number;
    field: string;
    text: string;
    preferred: boolean;
    anyCase: boolean;
    /** Has local context (precededBy/followedBy): variants of one text may then differ by context. */
    contextual: boolean;
    /** The page language it is bound to, if any. */
    lang: string | undefined;
  }
  const claims = new Map<string, Claim[]>();
  entities.forEach((e, index) => {
    e.aliases.forEach((a, i) => {
      const spec = aliasSpec(a);
      // Declined forms claim their text too ("Донецка" must not name two entities).
      for (const text of inflectedForms(spec.text, spec.inflect)) {
        const fold = foldText(text);
        const list = claims.get(fold) ?? [];
        list.push({
          entity: e.id,
          index,
          field: `aliases[${i}]`,
          text,
          preferred: spec.preferred === true,
          anyCase: spec.case === 'any',
          contextual: spec.precededBy !== undefined || spec.followedBy !== undefined,
          lang: boundLanguage(spec),
        });
        claims.set(fold, list);
      }
    });
  });
  const clash = (a: Claim, b: Claim): boolean => a.anyCase || b.anyCase || casedText(a.text) === casedText(b.text);
  for (const list of claims.values()) {
    const rivals = new Set<Claim>();
    list.forEach((a, i) =>
      list.slice(i + 1).forEach((b) => {
        if (!clash(a, b)) return;
        if (a.entity === b.entity) {
          // The same letters bound to two page languages are two aliases ("UE" in French and Spanish).
          if (a.field !== b.field && !a.contextual && !b.contextual && a.lang === b.lang) {
            c.for(b.entity, `entities[${b.index}]`).add(b.field, `"${b.text}" repeats ${a.field}`);
          }
        } else rivals.add(a).add(b);
      }),
    );
    const winners = new Set([...rivals].filter((r) => r.preferred).map((r) => r.entity));
    if (rivals.size > 0 && winners.size !== 1) {
      const [first, ...rest] = [...rivals];
      const where = rest.map((r) => `${r.entity} ${r.field}`).join(', ');
      c.for(first!.entity, `entities[${first!.index}]`).add(
        first!.field,
        `alias "${first!.text}" is also claimed by ${where}; mark exactly one as "preferred"`,
      );
    }
  }
}

/** Named-in-article flags must agree with what the matcher finds in the article (one paragraph a line). */
function checkArticle(c: Collector, dataset: Dataset, articleText: string): void {
  const m = createMatcher(dataset);
  const blocks = articleText
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((text) => ({ text, hits: findHits(m, text) }));
  const shown = decideTextPage(m, blocks);
  const found = new Set<number>();
  for (const records of shown) for (const r of records) if (r >= 0) found.add(m.records[r]!.entity);
  dataset.entities.forEach((e, i) => {
    if (e.namedInArticle && !found.has(i)) {
      c.for(e.id, `entities[${i}]`).add(
        'namedInArticle',
        'is true, but no alias of the entity is found in the article text',
      );
    }
    if (!e.namedInArticle && found.has(i)) {
      c.for(e.id, `entities[${i}]`).add(
        'namedInArticle',
        'is false, but the matcher finds the entity in the article text',
      );
    }
  });
}

export interface ValidationResult {
  dataset: Dataset | null;
  errors: DatasetError[];
}

/** Validates untrusted JSON; returns the dataset only when there are no errors. */
export function validateDataset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const top = new Collector(null, '', options.positions ?? null);
  if (!isObject(input)) {
    top.add('(root)', 'must be a JSON object');
    return { dataset: null, errors: top.errors };
  }
  if (typeof input.version !== 'string' || !VERSION.test(input.version))
    top.add('version', 'must be a version such as "1.2.0"');
  if (typeof input.date !== 'string' || !FULL_DATE.test(input.date) || !isValidDate(input.date)) {
    top.add('date', 'must be a date as YYYY-MM-DD');
  }
  const timeline: Timeline = { article: null, daysAfterEnd: null, dataset: null };
  if (typeof input.date === 'string' && FULL_DATE.test(input.date) && isValidDate(input.date)) {
    timeline.dataset = input.date;
  }
  if (!isObject(input.article)) {
    top.add('article', 'must be an object with title, publisher, date, daysAfterEnd and url');
  } else {
    const a = input.article;
    for (const key of Object.keys(a)) if (!ARTICLE_KEYS.has(key)) top.add(`article.${key}`, 'is not a known field');
    top.text(a.title, 'article.title', 1, 200);
    top.text(a.publisher, 'article.publisher', 1, 100);
    if (typeof a.date !== 'string' || !FULL_DATE.test(a.date) || !isValidDate(a.date)) {
      top.add('article.date', 'must be the day the article was written, as YYYY-MM-DD');
    } else timeline.article = a.date;
    if (typeof a.daysAfterEnd !== 'string' || !FULL_DATE.test(a.daysAfterEnd) || !isValidDate(a.daysAfterEnd)) {
      top.add('article.daysAfterEnd', 'must be the last of the days after the article, as YYYY-MM-DD');
    } else if (timeline.article !== null && a.daysAfterEnd <= timeline.article) {
      top.add('article.daysAfterEnd', `must be after the article's date (${timeline.article})`);
    } else if (timeline.dataset !== null && a.daysAfterEnd > timeline.dataset) {
      top.add('article.daysAfterEnd', `must not be after the dataset's date (${timeline.dataset})`);
    } else timeline.daysAfterEnd = a.daysAfterEnd;
    checkUrl(top, a.url, 'article.url');
  }
  if (!Array.isArray(input.entities) || input.entities.length === 0) {
    top.add('entities', 'must be a non-empty list');
    return { dataset: null, errors: top.errors };
  }
  const ids = new Set<string>();
  /** Index of the first entity with each id. */
  const firstWith = new Map<string, number>();
  input.entities.forEach((e: unknown, i) => {
    if (!isObject(e) || typeof e.id !== 'string') return;
    ids.add(e.id);
    if (!firstWith.has(e.id)) firstWith.set(e.id, i);
  });
  input.entities.forEach((e: unknown, i) => {
    if (!isObject(e)) {
      top.for(`entities[${i}]`, `entities[${i}]`).add('(entity)', 'must be an object');
      return;
    }
    const first = typeof e.id === 'string' ? firstWith.get(e.id) : undefined;
    const duplicate = first !== undefined && first !== i;
    // A duplicate is named by its index, so its messages are not taken for the first one's.
    const label = typeof e.id === 'string' && e.id && !duplicate ? e.id : `entities[${i}]`;
    const c = top.for(label, `entities[${i}]`);
    if (typeof e.id !== 'string' || !ID.test(e.id)) c.add('id', 'must be kebab-case (a-z, 0-9, single hyphens)');
    else if (duplicate) c.add('id', `duplicate id "${e.id}": entities[${first}] has it too`);
    checkEntity(c, e, ids, timeline, duplicate);
    checkCharacters(c, e, '');
  });
  checkRelationsOnce(top, input.entities);
  const { entities: _entities, ...rest } = input;
  checkCharacters(top, rest, '');
  if (top.errors.length > 0) return { dataset: null, errors: top.errors };
  const dataset = input as unknown as Dataset;
  checkAliasClaims(top, dataset.entities);
  if (top.errors.length === 0 && options.articleText !== undefined) checkArticle(top, dataset, options.articleText);
  return { dataset: top.errors.length === 0 ? dataset : null, errors: top.errors };
}
