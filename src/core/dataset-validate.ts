/**
 * Runtime validation of the dataset. Every problem is reported with the entity id, the field
 * path and the reason, so a broken dataset fails the build with a message that points at the fix.
 */
import { ENTITY_TYPES, type AliasSpec, type Dataset, type Entity, type ExcludeSpec } from './dataset-types';
import { findHits } from './find-mentions';
import { checkInflect, inflectedForms } from './inflection';
import { RecordKind, aliasSpec, createMatcher } from './matcher-data';
import { casedText, foldText } from './normalize';
import { splitSentences } from './sentences';
import { PageEvidence } from './page-evidence';

export interface DatasetError {
  /** Entity id (or `entities[i]` when the id itself is missing); null for top-level fields. */
  entity: string | null;
  /** Field path inside the entity or the dataset, e.g. `aliases[2].when[0]`. */
  field: string;
  reason: string;
}

export function formatError(e: DatasetError): string {
  return `${e.entity ?? 'dataset'}: ${e.field}: ${e.reason}`;
}

export interface ValidateOptions {
  /** The article's text: entities flagged namedInArticle must be found in it, and only those. */
  articleText?: string;
}

const LIMITS = {
  name: 80,
  alias: 80,
  summary: [60, 700],
  inArticle: [20, 500],
  factText: [10, 240],
  sinceThen: [10, 400],
  facts: [3, 6],
} as const;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/**
 * The known fields, listed from the types: adding a field to `Entity` or `AliasSpec` without
 * listing it here fails to compile, so the "is not a known field" check cannot drift.
 */
const ENTITY_FIELDS = {
  id: true,
  type: true,
  name: true,
  aliases: true,
  exclude: true,
  summary: true,
  inArticle: true,
  namedInArticle: true,
  facts: true,
  asOf: true,
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
} as const satisfies Record<keyof AliasSpec, true>;
const EXCLUDE_FIELDS = { text: true, inflect: true } as const satisfies Record<keyof ExcludeSpec, true>;
const ENTITY_KEYS: ReadonlySet<string> = new Set(Object.keys(ENTITY_FIELDS));
const ALIAS_KEYS: ReadonlySet<string> = new Set(Object.keys(ALIAS_FIELDS));
const EXCLUDE_KEYS: ReadonlySet<string> = new Set(Object.keys(EXCLUDE_FIELDS));

export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

/** Sentences in a summary, not counting full stops of abbreviations and initials. */
export function countSentences(text: string): number {
  return splitSentences(text).length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Collector {
  readonly errors: DatasetError[] = [];
  constructor(private entity: string | null = null) {}
  for(entity: string | null): Collector {
    const c = new Collector(entity);
    (c as { errors: DatasetError[] }).errors = this.errors;
    return c;
  }
  add(field: string, reason: string): void {
    this.errors.push({ entity: this.entity, field, reason });
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

/** Any language edition of Wikipedia (English where an article exists; another where only it does). */
const WIKIPEDIA_HOST = /^[a-z]{2,3}(?:-[a-z]+)?\.wikipedia\.org$/;

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

function checkEntity(c: Collector, e: Record<string, unknown>, ids: Set<string>): void {
  for (const key of Object.keys(e)) if (!ENTITY_KEYS.has(key)) c.add(key, 'is not a known field');
  if (typeof e.type !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(e.type)) {
    c.add('type', `must be one of ${ENTITY_TYPES.join(', ')}`);
  }
  c.text(e.name, 'name', 1, LIMITS.name);
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
  if (c.text(e.summary, 'summary', LIMITS.summary[0], LIMITS.summary[1])) {
    const n = countSentences(e.summary as string);
    if (n < 2 || n > 4) c.add('summary', `must have 2–4 sentences (has ${n})`);
  }
  c.text(e.inArticle, 'inArticle', LIMITS.inArticle[0], LIMITS.inArticle[1]);
  if (typeof e.namedInArticle !== 'boolean') c.add('namedInArticle', 'must be true or false');
  if (!Array.isArray(e.facts)) {
    c.add('facts', 'must be a list');
  } else {
    if (e.facts.length < LIMITS.facts[0] || e.facts.length > LIMITS.facts[1]) {
      c.add('facts', `must hold ${LIMITS.facts[0]}–${LIMITS.facts[1]} facts (has ${e.facts.length})`);
    }
    e.facts.forEach((fact: unknown, i) => {
      if (!isObject(fact)) {
        c.add(`facts[${i}]`, 'must be an object with date and text');
        return;
      }
      if (typeof fact.date !== 'string' || !isValidDate(fact.date)) {
        c.add(
          `facts[${i}].date`,
          `must be a real date as YYYY, YYYY-MM or YYYY-MM-DD (got ${JSON.stringify(fact.date)})`,
        );
      }
      c.text(fact.text, `facts[${i}].text`, LIMITS.factText[0], LIMITS.factText[1]);
    });
  }
  if (typeof e.asOf !== 'string' || !isValidDate(e.asOf))
    c.add('asOf', 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
  if (e.sinceThen !== undefined) c.text(e.sinceThen, 'sinceThen', LIMITS.sinceThen[0], LIMITS.sinceThen[1]);
  if (!Array.isArray(e.related)) {
    c.add('related', 'must be a list of entity ids');
  } else {
    const seen = new Set<unknown>();
    e.related.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !ids.has(id)) c.add(`related[${i}]`, `unknown entity id ${JSON.stringify(id)}`);
      else if (id === e.id) c.add(`related[${i}]`, 'an entity cannot be related to itself');
      else if (seen.has(id)) c.add(`related[${i}]`, `"${id}" is listed twice`);
      seen.add(id);
    });
  }
  checkUrl(c, e.wikipedia, 'wikipedia', true);
}

/** Two entities claiming one alias must say which wins (`preferred` on exactly one of them). */
function checkAliasClaims(c: Collector, entities: Entity[]): void {
  interface Claim {
    entity: string;
    field: string;
    text: string;
    preferred: boolean;
    anyCase: boolean;
    /** Has local context (precededBy/followedBy): variants of one text may then differ by context. */
    contextual: boolean;
  }
  const claims = new Map<string, Claim[]>();
  for (const e of entities) {
    e.aliases.forEach((a, i) => {
      const spec = aliasSpec(a);
      // Declined forms claim their text too ("Донецка" must not name two entities).
      for (const text of inflectedForms(spec.text, spec.inflect)) {
        const fold = foldText(text);
        const list = claims.get(fold) ?? [];
        list.push({
          entity: e.id,
          field: `aliases[${i}]`,
          text,
          preferred: spec.preferred === true,
          anyCase: spec.case === 'any',
          contextual: spec.precededBy !== undefined || spec.followedBy !== undefined,
        });
        claims.set(fold, list);
      }
    });
  }
  const clash = (a: Claim, b: Claim): boolean => a.anyCase || b.anyCase || casedText(a.text) === casedText(b.text);
  for (const list of claims.values()) {
    const rivals = new Set<Claim>();
    list.forEach((a, i) =>
      list.slice(i + 1).forEach((b) => {
        if (!clash(a, b)) return;
        if (a.entity === b.entity) {
          if (a.field !== b.field && !a.contextual && !b.contextual) {
            c.for(b.entity).add(b.field, `"${b.text}" repeats ${a.field}`);
          }
        } else rivals.add(a).add(b);
      }),
    );
    const winners = new Set([...rivals].filter((r) => r.preferred).map((r) => r.entity));
    if (rivals.size > 0 && winners.size !== 1) {
      const [first, ...rest] = [...rivals];
      const where = rest.map((r) => `${r.entity} ${r.field}`).join(', ');
      c.for(first!.entity).add(
        first!.field,
        `alias "${first!.text}" is also claimed by ${where}; mark exactly one as "preferred"`,
      );
    }
  }
}

/** Named-in-article flags must agree with what the matcher finds in the article. */
function checkArticle(c: Collector, dataset: Dataset, articleText: string): void {
  const m = createMatcher(dataset);
  const evidence = new PageEvidence(m);
  const hits = articleText.split(/\n+/).flatMap((line) => findHits(m, line));
  for (const h of hits) evidence.update(h.record, 1);
  const found = new Set<number>();
  for (const h of hits) {
    const rec = m.records[h.record]!;
    if (rec.kind === RecordKind.Mention && evidence.shows(h.record)) found.add(rec.entity);
  }
  dataset.entities.forEach((e, i) => {
    if (e.namedInArticle && !found.has(i)) {
      c.for(e.id).add('namedInArticle', 'is true, but no alias of the entity is found in the article text');
    }
    if (!e.namedInArticle && found.has(i)) {
      c.for(e.id).add('namedInArticle', 'is false, but the matcher finds the entity in the article text');
    }
  });
}

export interface ValidationResult {
  dataset: Dataset | null;
  errors: DatasetError[];
}

/** Validates untrusted JSON; returns the dataset only when there are no errors. */
export function validateDataset(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const top = new Collector();
  if (!isObject(input)) {
    top.add('(root)', 'must be a JSON object');
    return { dataset: null, errors: top.errors };
  }
  if (typeof input.version !== 'string' || !VERSION.test(input.version))
    top.add('version', 'must be a version such as "1.2.0"');
  if (typeof input.date !== 'string' || !FULL_DATE.test(input.date) || !isValidDate(input.date)) {
    top.add('date', 'must be a date as YYYY-MM-DD');
  }
  if (!isObject(input.article)) {
    top.add('article', 'must be an object with title, publisher, date and url');
  } else {
    top.text(input.article.title, 'article.title', 1, 200);
    top.text(input.article.publisher, 'article.publisher', 1, 100);
    if (typeof input.article.date !== 'string' || !isValidDate(input.article.date))
      top.add('article.date', 'must be a date');
    checkUrl(top, input.article.url, 'article.url');
  }
  if (!Array.isArray(input.entities) || input.entities.length === 0) {
    top.add('entities', 'must be a non-empty list');
    return { dataset: null, errors: top.errors };
  }
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const e of input.entities as unknown[]) if (isObject(e) && typeof e.id === 'string') ids.add(e.id);
  input.entities.forEach((e: unknown, i) => {
    if (!isObject(e)) {
      top.for(`entities[${i}]`).add('(entity)', 'must be an object');
      return;
    }
    const label = typeof e.id === 'string' && e.id ? e.id : `entities[${i}]`;
    const c = top.for(label);
    if (typeof e.id !== 'string' || !ID.test(e.id)) c.add('id', 'must be kebab-case (a-z, 0-9, single hyphens)');
    else if (seen.has(e.id)) c.add('id', `duplicate id "${e.id}"`);
    if (typeof e.id === 'string') seen.add(e.id);
    checkEntity(c, e, ids);
  });
  if (top.errors.length > 0) return { dataset: null, errors: top.errors };
  const dataset = input as unknown as Dataset;
  checkAliasClaims(top, dataset.entities);
  if (top.errors.length === 0 && options.articleText !== undefined) checkArticle(top, dataset, options.articleText);
  return { dataset: top.errors.length === 0 ? dataset : null, errors: top.errors };
}
