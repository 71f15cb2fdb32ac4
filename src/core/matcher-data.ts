/**
 * Compiles a dataset into what matching needs, and nothing else: the automaton plus one small
 * record per alias. This is the only part of the dataset the content script carries.
 */
import { buildAutomaton, packAutomaton, unpackAutomaton, type Automaton, type PackedAutomaton } from './automaton';
import type { Alias, AliasSpec, Dataset, Entity, EntityType } from './dataset-types';
import { inflectedForms } from './inflection';
import { NameRule, givenNameInitials } from './name-rules';
import { primaryLanguage } from './language';
import { Kind, accentedText, casedText, foldText, kindOf } from './normalize';

export const RecordKind = {
  /** A way of naming an entity. */
  Mention: 0,
  /** A phrase that contains an alias but never names the entity ("South China Sea"). */
  Blocker: 1,
  /** A lower-case homograph ("china", porcelain); its presence makes some aliases need support. */
  Homograph: 2,
} as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

export interface AliasRecord {
  kind: RecordKind;
  /** Entity index, or -1 for blockers and homographs. */
  entity: number;
  /** The alias as written in the dataset, or one of its declined forms (for messages and debugging). */
  text: string;
  /** Case-preserving key; undefined when any case matches. */
  cased?: string;
  /** The ALL-CAPS form of `cased`, when it differs and has the same length. */
  upper?: string;
  /** Accent-preserving key when accents must match. */
  accented?: string;
  /** The alias starts / ends with a letter or digit of a spaced script, so word boundaries apply. */
  wordStart: boolean;
  wordEnd: boolean;
  /** May take the German genitive -s. */
  genitive: boolean;
  /** Matches only on pages of this language (primary subtag), when the alias is bound to its language. */
  lang?: string;
  /** Number of words (a phrase in capitals is its own capitals context). */
  words: number;
  /** Context rule: groups of entity indices; the page must name one entity of every group. */
  when?: number[][];
  /** A rule on the words around the name (name-rules.ts): NameRule.Surname or NameRule.Place. */
  nameRule?: NameRule;
  /** Local context: folded phrases, one of which must come right before / after the alias. */
  precededBy?: string[];
  followedBy?: string[];
  /** Homograph rule: index into MatcherData.homographs. */
  homograph?: number;
}

export interface EntityInfo {
  id: string;
  type: EntityType;
  name: string;
  /** For entities with name rules: the folded words of their longer aliases (their own words). */
  own?: string[];
  /** For persons with a surname rule: the initials of their own given names. */
  initials?: string;
}

export interface MatcherData {
  entities: EntityInfo[];
  /** Related entity indices per entity (support for homograph rules). */
  related: number[][];
  homographs: string[];
  records: AliasRecord[];
  /** Per automaton pattern: record indices, tried in order. */
  patterns: number[][];
  automaton: PackedAutomaton;
}

export interface Matcher extends Omit<MatcherData, 'automaton'> {
  automaton: Automaton;
  /** Per entity: its own words as a set (name rules). */
  own: ReadonlySet<string>[];
}

/** A `when` rule as groups: a flat list of ids is one group (one of them), a list of lists is every group. */
export function whenGroups(when: AliasSpec['when']): string[][] {
  if (!when || when.length === 0) return [];
  return when.every((g) => typeof g === 'string') ? [when as string[]] : (when as string[][]);
}

export function aliasSpec(alias: Alias): AliasSpec {
  return typeof alias === 'string' ? { text: alias } : alias;
}

const LATIN = /\p{Script=Latin}/u;

/**
 * The page language an alias is bound to, if any: a Latin-script alias with a `lang` could be
 * mistaken for a word of another language's page, so it matches only on pages of its own
 * ("Krim" on German pages); other scripts match anywhere. `langOnly` overrides either way.
 */
export function boundLanguage(spec: AliasSpec): string | undefined {
  if (spec.lang === undefined) return undefined;
  const bound = spec.langOnly ?? LATIN.test(spec.text);
  return bound ? primaryLanguage(spec.lang) : undefined;
}

function firstCode(s: string): number {
  return s.charCodeAt(0);
}

function lastCode(s: string): number {
  return s.charCodeAt(s.length - 1);
}

function makeRecord(kind: RecordKind, entity: number, spec: AliasSpec, genitiveOk: boolean): AliasRecord {
  const cased = casedText(spec.text);
  const rec: AliasRecord = {
    kind,
    entity,
    text: spec.text,
    wordStart: kindOf(firstCode(cased)) === Kind.Word,
    wordEnd: kindOf(lastCode(cased)) === Kind.Word,
    genitive: false,
    words: cased.split(' ').length,
  };
  if (spec.case !== 'any') {
    rec.cased = cased;
    const upper = cased.toUpperCase();
    if (upper !== cased && upper.length === cased.length) rec.upper = upper;
  }
  if (spec.accents === 'exact') rec.accented = accentedText(spec.text.normalize('NFC'));
  const lang = boundLanguage(spec);
  if (lang !== undefined) rec.lang = lang;
  const last = cased[cased.length - 1] ?? '';
  rec.genitive = genitiveOk && rec.wordEnd && /^\p{Lu}/u.test(cased) && /\p{L}/u.test(last) && !/[sxzß]/i.test(last);
  return rec;
}

/**
 * Builds the matcher's data. Assumes a dataset that passed validateDataset; unknown ids in
 * `when` are ignored here because validation reports them.
 */
export function compileMatcherData(dataset: Dataset): MatcherData {
  const index = new Map(dataset.entities.map((e, i) => [e.id, i]));
  const records: AliasRecord[] = [];
  const homographs: string[] = [];
  const keyed = new Map<string, number[]>();
  /** Adds a record under its automaton key; returns its index, or -1 for an empty key. */
  const add = (key: string, rec: AliasRecord): number => {
    if (key.length === 0) return -1;
    const r = records.push(rec) - 1;
    const list = keyed.get(key);
    if (list) list.push(r);
    else keyed.set(key, [r]);
    return r;
  };

  const preferred = new Set<number>();
  dataset.entities.forEach((entity, e) => {
    const genitiveOk = entity.type !== 'concept' && entity.type !== 'event';
    for (const alias of entity.aliases) {
      const spec = aliasSpec(alias);
      const when = whenGroups(spec.when).map((group) =>
        group.map((id) => index.get(id)).filter((i): i is number => i !== undefined),
      );
      let homograph: number | undefined;
      if (spec.homograph !== undefined && foldText(spec.homograph) !== '') {
        homograph = homographs.indexOf(spec.homograph);
        if (homograph < 0) {
          homograph = homographs.push(spec.homograph) - 1;
          // Bound to the alias's language ("poutine" on French pages); an English one is read on
          // English and unmarked pages only (find-mentions.ts).
          const word = makeRecord(
            RecordKind.Homograph,
            -1,
            { text: spec.homograph, ...(spec.lang !== undefined && { lang: spec.lang }) },
            false,
          );
          word.homograph = homograph;
          add(foldText(spec.homograph), word);
        }
      }
      const rule = nameRuleOf(spec, entity.type);
      const precededBy = spec.precededBy?.map(foldText);
      const followedBy = spec.followedBy?.map(foldText);
      // A declined alias is compiled once per form, so the automaton finds every form as a word.
      for (const form of inflectedForms(spec.text, spec.inflect)) {
        const rec = makeRecord(RecordKind.Mention, e, { ...spec, text: form }, genitiveOk);
        if (when.length > 0) rec.when = when;
        // An alias with its own local context (precededBy, followedBy) is defined by that context.
        if (rule !== NameRule.None && !precededBy && !followedBy) rec.nameRule = rule;
        if (precededBy) rec.precededBy = precededBy;
        if (followedBy) rec.followedBy = followedBy;
        if (homograph !== undefined) rec.homograph = homograph;
        const r = add(foldText(form), rec);
        if (spec.preferred && r >= 0) preferred.add(r);
      }
    }
    for (const item of entity.exclude ?? []) {
      const phrase = typeof item === 'string' ? { text: item } : item;
      for (const form of inflectedForms(phrase.text, phrase.inflect)) {
        add(foldText(form), makeRecord(RecordKind.Blocker, -1, { text: form }, false));
      }
    }
  });

  // Within one key: preferred mentions first, then mentions, blockers, homographs.
  const rank = (r: number): number => {
    const rec = records[r]!;
    if (rec.kind !== RecordKind.Mention) return rec.kind + 1;
    return preferred.has(r) ? 0 : 1;
  };
  const keys = [...keyed.keys()];
  const patterns = keys.map((k) => keyed.get(k)!.sort((a, b) => rank(a) - rank(b) || a - b));
  const ruled = new Set(records.filter((r) => r.nameRule !== undefined).map((r) => r.entity));
  return {
    entities: dataset.entities.map((e, i) => entityInfo(e, ruled.has(i))),
    related: relatedBothWays(dataset, index),
    homographs,
    records,
    patterns,
    automaton: packAutomaton(buildAutomaton(keys)),
  };
}

/** The name rule an alias gets: its own, else "place" for countries, places and organisations. */
function nameRuleOf(spec: AliasSpec, type: EntityType): NameRule {
  const rule = spec.nameRule ?? (type === 'country' || type === 'place' || type === 'organization' ? 'place' : 'none');
  return rule === 'surname' ? NameRule.Surname : rule === 'place' ? NameRule.Place : NameRule.None;
}

/** What matching needs of an entity; the own words and initials only where a name rule reads them. */
function entityInfo(e: Entity, ruled: boolean): EntityInfo {
  const info: EntityInfo = { id: e.id, type: e.type, name: e.names.en };
  if (!ruled) return info;
  const words = new Set<string>();
  for (const alias of e.aliases) {
    const spec = aliasSpec(alias);
    if (!spec.text.includes(' ')) continue;
    for (const form of inflectedForms(spec.text, spec.inflect)) for (const w of form.split(' ')) words.add(w);
  }
  info.own = [...new Set([...words].map((w) => foldText(w.replace(/\.$/, ''))))].sort();
  if (e.type === 'person') info.initials = givenNameInitials([...words]);
  return info;
}

/** Related entities in either direction: Putin lists China, so Putin supports China too. */
function relatedBothWays(dataset: Dataset, index: Map<string, number>): number[][] {
  const sets = dataset.entities.map(() => new Set<number>());
  dataset.entities.forEach((e, i) => {
    for (const { id } of e.related) {
      const j = index.get(id);
      if (j === undefined || j === i) continue;
      sets[i]!.add(j);
      sets[j]!.add(i);
    }
  });
  return sets.map((s) => [...s].sort((a, b) => a - b));
}

/** Revives shipped matcher data (cheap: no automaton construction). */
export function loadMatcher(data: MatcherData): Matcher {
  return {
    ...data,
    automaton: unpackAutomaton(data.automaton),
    own: data.entities.map((e) => new Set(e.own ?? [])),
  };
}

/** Convenience for Node tools and tests: dataset straight to a ready matcher. */
export function createMatcher(dataset: Dataset): Matcher {
  return loadMatcher(compileMatcherData(dataset));
}
