/**
 * Story packs (docs/packs.md): one story's entities in one JSON file. A pack is a dataset (format
 * 1.2) with a story line in place of the article and a few rules of its own; its validator is the
 * dataset's, with the pack's rules around it, so a pack is refused with the same entity, field,
 * line and column a bad dataset gets.
 */
import type { ArticleInfo, Dataset, Entity } from './dataset-types';
import { ENTITY_ID } from './dataset-types';
import {
  formatError as formatDatasetError,
  validateDataset,
  type DatasetError,
  type PositionLookup,
} from './dataset-validate';
import { inflectedForms } from './inflection';
import { readJson } from './json-positions';
import { aliasSpec } from './matcher-data';
import { foldText } from './normalize';
import { PACK_LIMITS } from './pack-limits';

export const PACK_FORMAT = 'contextual-highlights-pack';
/** The newest format version this build reads; a newer one is refused (its rules may differ). */
export const PACK_FORMAT_VERSION = 1;

export { PACK_LIMITS };

/** The story a pack is about: the article its entities are as of. */
export interface StoryInfo extends ArticleInfo {
  /** The article's language (BCP 47, "en"). */
  language: string;
}

export interface Pack {
  format: typeof PACK_FORMAT;
  formatVersion: number;
  /** kebab-case, stable: settings and the options page refer to it. */
  id: string;
  /** Semantic version of the pack's content. */
  version: string;
  /** The date its facts were last checked (YYYY-MM-DD). */
  date: string;
  story: StoryInfo;
  entities: Entity[];
}

/** The story line a card part and the options page lead with: "CBS News, 19 Nov 2019: Title". */
export interface StoryLine {
  pack: string;
  title: string;
  publisher: string;
  date: string;
  /** The article's address: a card's story line links to it. */
  url: string;
}

export function storyLine(pack: Pack): StoryLine {
  const { title, publisher, date, url } = pack.story;
  return { pack: pack.id, title, publisher, date, url };
}

const PACK_KEYS: ReadonlySet<string> = new Set([
  'format',
  'formatVersion',
  'id',
  'version',
  'date',
  'story',
  'entities',
]);
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** Keys that name an object's machinery in JavaScript: refused anywhere in a pack. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** A draft's placeholder (pack:draft): a pack still holding one is not finished. */
const TODO = /\bTODO\b/;

/** The pack as the dataset it is (its story as the article), for the matcher and the cards. */
export function packAsDataset(pack: Pack): Dataset {
  const { language: _language, ...article } = pack.story;
  return { version: pack.version, date: pack.date, article, entities: pack.entities };
}

/** A dataset as a pack: how the bundled dataset becomes the first pack. */
export function datasetAsPack(dataset: Dataset, id: string, language: string): Pack {
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id,
    version: dataset.version,
    date: dataset.date,
    story: { ...dataset.article, language },
    entities: dataset.entities,
  };
}

export interface PackValidation {
  pack: Pack | null;
  errors: DatasetError[];
}

/** Field paths in messages and in the file: the dataset's `article` is the pack's `story`. */
function storyField(field: string): string {
  return field.startsWith('article.') ? `story.${field.slice('article.'.length)}` : field;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every key and string in a value with its path, in document order (a loop, not a recursion). */
function walk(root: unknown, visit: (path: string, key: string | null, value: unknown) => void): void {
  const stack: [unknown, string, string | null][] = [[root, '', null]];
  while (stack.length > 0) {
    const [v, path, key] = stack.pop()!;
    visit(path, key, v);
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`, null]);
    else if (isObject(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        stack.push([v[k], path ? `${path}.${k}` : k, k]);
      }
    }
  }
}

/** The entity id and the field inside it of a path from the root (`entities[3].facts[0]`). */
function locate(input: Record<string, unknown>, path: string): { entity: string | null; field: string } {
  const m = /^entities\[(\d+)\](?:\.)?(.*)$/.exec(path);
  if (!m) return { entity: null, field: path };
  const e = Array.isArray(input.entities) ? input.entities[Number(m[1])] : undefined;
  const id = isObject(e) && typeof e.id === 'string' ? e.id : `entities[${m[1]}]`;
  return { entity: id, field: m[2] || '(entity)' };
}

export interface PackValidateOptions {
  positions?: PositionLookup;
  /** The story's text: entities flagged namedInArticle must be found in it (pack:check with the page). */
  articleText?: string;
}

/**
 * Validates untrusted JSON as a pack; returns it only when there are no errors. The pack's own
 * rules come first (format, version, id, story, forbidden keys, placeholders), then the dataset's.
 */
export function validatePack(input: unknown, options: PackValidateOptions = {}): PackValidation {
  const errors: DatasetError[] = [];
  const at = (path: string): { line?: number; column?: number } => {
    const p = options.positions?.at(path);
    return p ? { line: p.line, column: p.column } : {};
  };
  const add = (path: string, reason: string, located = locate(isObject(input) ? input : {}, path)): void => {
    errors.push({ ...located, reason, ...at(path) });
  };
  if (!isObject(input)) {
    add('', 'must be a JSON object (a story pack)', { entity: null, field: '(root)' });
    return { pack: null, errors };
  }
  if (input.format !== PACK_FORMAT) {
    add('format', `must be "${PACK_FORMAT}": this is not a story pack`);
    return { pack: null, errors };
  }
  const v = input.formatVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) add('formatVersion', 'must be a whole number (1)');
  else if (v > PACK_FORMAT_VERSION) {
    add(
      'formatVersion',
      `is ${v}, newer than this version of the extension reads (${PACK_FORMAT_VERSION}): update the extension`,
    );
    return { pack: null, errors };
  }
  for (const key of Object.keys(input)) if (!PACK_KEYS.has(key)) add(key, 'is not a known field');
  if (typeof input.id !== 'string' || !ENTITY_ID.test(input.id) || input.id.length > 64) {
    add('id', 'must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters');
  }
  const story = input.story;
  if (!isObject(story)) add('story', 'must be an object with title, publisher, date, daysAfterEnd, url and language');
  else if (typeof story.language !== 'string' || !LANG.test(story.language)) {
    add('story.language', 'must be the article\'s language as a BCP 47 tag ("en", "de", "pt-BR")');
  }
  walk(input, (path, key, value) => {
    if (key !== null && FORBIDDEN_KEYS.has(key)) add(path, `"${key}" is not allowed as a field name`);
    if (typeof value === 'string' && TODO.test(value)) add(path, 'is still to be written (TODO): write and source it');
  });
  if (errors.length > 0) return { pack: null, errors };

  const { format: _f, formatVersion: _v, id: _id, story: s, ...rest } = input;
  const { language: _language, ...article } = s as Record<string, unknown>;
  const asDataset = { ...rest, article };
  const from = options.positions;
  const checked = validateDataset(asDataset, {
    ...(from ? { positions: { at: (path: string) => from.at(storyField(path)) } } : {}),
    ...(options.articleText !== undefined ? { articleText: options.articleText } : {}),
  });
  for (const e of checked.errors) errors.push({ ...e, field: storyField(e.field) });
  if (errors.length > 0) return { pack: null, errors };
  checkWikidataAliases(input as unknown as Pack, add);
  if (errors.length > 0) return { pack: null, errors };
  return { pack: input as unknown as Pack, errors };
}

/**
 * An alias given to entities with two different Wikidata items in one pack is refused: the pack
 * would say one name is two things. (Across packs it is allowed: see docs/packs.md.)
 */
function checkWikidataAliases(pack: Pack, add: (path: string, reason: string) => void): void {
  const seen = new Map<string, { wikidata: string; entity: string }>();
  pack.entities.forEach((e, i) => {
    if (e.wikidata === undefined) return;
    e.aliases.forEach((a, j) => {
      const spec = aliasSpec(a);
      // An alias with context rules is meant to be shared and told apart on the page.
      if (spec.when || spec.precededBy || spec.followedBy) return;
      for (const form of inflectedForms(spec.text, spec.inflect)) {
        const key = `${spec.case === 'any' ? 'any' : 'cased'} ${spec.case === 'any' ? foldText(form) : form}`;
        const other = seen.get(key);
        if (other && other.wikidata !== e.wikidata) {
          add(
            `entities[${i}].aliases[${j}]`,
            `"${form}" is also an alias of ${other.entity} (${other.wikidata}), a different Wikidata item`,
          );
          return;
        }
        if (!other) seen.set(key, { wikidata: e.wikidata!, entity: e.id });
      }
    });
  });
}

export type PackReading = { ok: true; pack: Pack } | { ok: false; errors: DatasetError[] };

/** Reads a pack file's text: size, JSON (line and column), then the pack's rules. */
export function readPack(text: string, options: Omit<PackValidateOptions, 'positions'> = {}): PackReading {
  // UTF-16 units are at most 3 bytes each in UTF-8; the byte count is exact below that bound.
  const bytes = text.length * 3 <= PACK_LIMITS.bytes ? text.length : utf8Length(text);
  if (bytes > PACK_LIMITS.bytes) {
    const mb = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MB`;
    return {
      ok: false,
      errors: [{ entity: null, field: '(file)', reason: `is ${mb(bytes)}, over the ${mb(PACK_LIMITS.bytes)} limit` }],
    };
  }
  const reading = readJson(text);
  if (!reading.ok) {
    const { line, column, reason } = reading.error;
    return {
      ok: false,
      errors: [{ entity: null, field: '(file)', reason: `is not valid JSON: ${reason}`, line, column }],
    };
  }
  const { pack, errors } = validatePack(reading.value, { ...options, positions: reading.positions });
  return pack ? { ok: true, pack } : { ok: false, errors };
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** `kurt-volker: aliases[3] (line 120, column 9): …`; the pack's own fields under "pack". */
export function formatError(e: DatasetError): string {
  return formatDatasetError(e.entity === null ? { ...e, entity: 'pack' } : e);
}
