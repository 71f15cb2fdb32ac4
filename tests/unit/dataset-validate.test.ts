/**
 * The dataset is tested as data: the shipped one passes, and every kind of mistake in a broken
 * copy is reported with the entity id, the field and the reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset, Entity, Fact } from '../../src/core/dataset-types';
import {
  countSentences,
  earliestDay,
  formatError,
  isValidDate,
  latestDay,
  validateDataset,
} from '../../src/core/dataset-validate';
import { parentPath, readJson } from '../../src/core/json-positions';
import { findJsonSyntaxError } from '../../src/core/json-syntax';
import { aliasSpec } from '../../src/core/matcher-data';
import { loadDataset } from '../../scripts/lib/dataset';

const ROOT = resolve(import.meta.dirname, '../..');
const SHIPPED = JSON.parse(readFileSync(resolve(ROOT, 'assets/data/entities.json'), 'utf8')) as Dataset;
const ARTICLE = readFileSync(resolve(ROOT, 'assets/data/article.txt'), 'utf8');
const CONTRACT_IDS = `
  vladimir-putin xi-jinping dmitry-rogozin sergei-luzyanin angela-merkel russia china ukraine
  crimea japan germany east-china-sea shanghai beijing moscow kyiv donetsk luhansk kremlin
  izvestia mgimo gazprom cnpc power-of-siberia
`
  .trim()
  .split(/\s+/);

function copy(): Dataset {
  return structuredClone(SHIPPED);
}

function entity(d: Dataset, id: string): Entity {
  const e = d.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no ${id}`);
  return e;
}

/** Validates a broken copy and returns its messages. */
function problems(mutate: (d: Dataset) => void, withArticle = false): string[] {
  const d = copy();
  mutate(d);
  const { dataset, errors } = validateDataset(d, withArticle ? { articleText: ARTICLE } : {});
  expect(dataset).toBeNull();
  return errors.map(formatError);
}

describe('the shipped dataset', () => {
  it('passes validation, including the named-in-article check', () => {
    const { errors } = validateDataset(SHIPPED, { articleText: ARTICLE });
    expect(errors.map(formatError)).toEqual([]);
  });

  it('holds every entity id other tools rely on (docs/architecture.md)', () => {
    const ids = new Set(SHIPPED.entities.map((e) => e.id));
    for (const id of CONTRACT_IDS) expect(ids.has(id), id).toBe(true);
  });

  it('holds the article’s events and ideas as entities of their own', () => {
    const types = SHIPPED.entities.filter((e) => e.type === 'event' || e.type === 'concept').map((e) => e.id);
    for (const id of [
      'gas-deal-2014',
      'joint-sea-2014',
      'cica-summit-2014',
      'crimea-annexation',
      'western-sanctions-2014',
      'senkaku-dispute',
      'putin-china-visit-2014',
      'ukraine-crisis',
    ]) {
      expect(types, id).toContain(id);
    }
  });

  it('is dated, versioned and tied to the article’s day', () => {
    expect(SHIPPED.version).toBe('1.1.0');
    expect(SHIPPED.date).toBe('2026-12-04');
    expect(isValidDate(SHIPPED.date)).toBe(true);
    // Monday 19 May 2014: Putin's call with Merkel "on Monday", his travel "on Tuesday".
    expect(SHIPPED.article.date).toBe('2014-05-19');
    expect(SHIPPED.article.daysAfterEnd).toBe('2014-05-31');
    for (const e of SHIPPED.entities) expect(Object.keys(e), e.id).not.toContain('asOf');
  });

  it('dates every fact in its period and gives every since-then line its cut-off', () => {
    for (const e of SHIPPED.entities) {
      for (const f of e.facts) expect(['article', 'after', 'since'], `${e.id} ${f.date}`).toContain(f.period);
      if (e.sinceThen) expect(e.sinceThen.to >= '2025-10', e.id).toBe(true);
    }
  });

  it('has the spelling variants, titles and native-script names readers meet', () => {
    const aliases = (id: string): string[] => entity(SHIPPED, id).aliases.map((a) => aliasSpec(a).text);
    expect(aliases('kyiv')).toEqual(expect.arrayContaining(['Kyiv', 'Kiev']));
    expect(aliases('luhansk')).toEqual(expect.arrayContaining(['Luhansk', 'Lugansk']));
    expect(aliases('dmitry-rogozin')).toEqual(expect.arrayContaining(['Dmitry Rogozin', 'Dmitri Rogozin']));
    expect(aliases('sergei-luzyanin')).toContain('Segrei Luzyanin');
    expect(aliases('vladimir-putin')).toEqual(expect.arrayContaining(['Mr. Putin', 'Путин', '普京']));
    expect(aliases('xi-jinping')).toEqual(expect.arrayContaining(['President Xi', '习近平']));
    expect(aliases('donetsk')).toEqual(expect.arrayContaining(['Donetsk', 'Donetsk Oblast', 'Донецк', 'Донецьк']));
    expect(aliases('donetsk-peoples-republic')).toEqual(
      expect.arrayContaining(["Donetsk People's Republic", 'DPR', 'DNR']),
    );
    expect(aliases('luhansk-peoples-republic')).toEqual(
      expect.arrayContaining(["Luhansk People's Republic", "Lugansk People's Republic", 'LPR', 'LNR']),
    );
  });

  it('keeps its rules as data: Xi needs Xi Jinping, China knows porcelain, the South China Sea is not China', () => {
    const xi = entity(SHIPPED, 'xi-jinping')
      .aliases.map(aliasSpec)
      .find((a) => a.text === 'Xi');
    expect(xi?.when).toEqual(['xi-jinping']);
    const china = entity(SHIPPED, 'china')
      .aliases.map(aliasSpec)
      .find((a) => a.text === 'China');
    expect(china?.homograph).toBe('china');
    expect(entity(SHIPPED, 'china').exclude).toContain('South China Sea');
    expect(entity(SHIPPED, 'donetsk').exclude).toContain('Shakhtar Donetsk');
  });

  it('links English Wikipedia except where only another edition has an article', () => {
    const other = SHIPPED.entities
      .filter((e) => !e.wikipedia.startsWith('https://en.wikipedia.org/wiki/'))
      .map((e) => e.id);
    expect(other).toEqual(['sergei-luzyanin']);
  });

  it('keeps the cities of Donetsk and Luhansk apart from the self-proclaimed republics, each with its own article', () => {
    const wiki = (id: string): string => entity(SHIPPED, id).wikipedia;
    expect(wiki('donetsk')).toBe('https://en.wikipedia.org/wiki/Donetsk');
    expect(wiki('luhansk')).toBe('https://en.wikipedia.org/wiki/Luhansk');
    expect(wiki('donetsk-peoples-republic')).toBe('https://en.wikipedia.org/wiki/Donetsk_People%27s_Republic');
    expect(wiki('luhansk-peoples-republic')).toBe('https://en.wikipedia.org/wiki/Luhansk_People%27s_Republic');
    // The exclude list names the banned 2007 movement, not every "Donetsk republic".
    const dpr = entity(SHIPPED, 'donetsk-peoples-republic').exclude ?? [];
    expect(dpr).toContain('Donetsk Republic movement');
    expect(dpr).not.toContain('Donetsk Republic');
  });

  it('carries the fact-check findings of the 1.1 review', () => {
    const text = (id: string): string => {
      const e = entity(SHIPPED, id);
      return [e.summary, e.inArticle, ...e.facts.map((f) => f.text), e.sinceThen?.text ?? ''].join(' ');
    };
    // Errors.
    expect(text('dmitry-rogozin')).toContain('1997 to 2007');
    expect(text('dmitry-rogozin')).not.toMatch(/1997–2003/);
    for (const id of ['shanghai', 'strategic-projects-2014']) {
      expect(text(id), id).toContain('launched in Shanghai on 22 May 2017');
      expect(text(id), id).not.toContain('registered');
    }
    // Doubts.
    expect(text('kremlin')).toContain('1495');
    expect(text('kremlin')).not.toContain('1482');
    expect(entity(SHIPPED, 'ukraine').facts.find((f) => f.text.includes('Turchynov'))?.date).toBe('2014-02');
    expect(text('izvestia')).toContain('National Media Group');
    for (const id of ['russia', 'china']) expect(text(id), id).toContain('largest single-country trading partner');
    for (const id of ['east-china-sea', 'japan', 'senkaku-dispute'])
      expect(text(id), id).toMatch(/China (as the Diaoyu Islands )?and (by )?Taiwan/);
    expect(text('japan')).toContain('Senkaku Islands (Diaoyu to China)');
    expect(text('joint-sea-2014')).toContain('third in the Joint Sea series');
    expect(text('crimea-annexation')).toContain('Russia calls it incorporation');
    for (const e of SHIPPED.entities) expect(text(e.id), e.id).not.toMatch(/rather than take sides/);
    // "In this article" attributes what the article attributes, and keeps its counterpoints.
    const inArticle = (id: string): string => entity(SHIPPED, id).inArticle;
    expect(inArticle('positive-neutrality')).toContain('experts called');
    expect(inArticle('western-sanctions-2014')).toMatch(/^Experts cited in the article say/);
    expect(inArticle('ukraine-federalisation')).toContain('apparently designed');
    for (const id of ['ukraine-federalisation', 'national-unity-roundtables', 'donetsk-peoples-republic']) {
      expect(inArticle(id), id).toContain('no information about official contacts');
    }
  });

  it('lists each entity’s facts in date order', () => {
    for (const e of SHIPPED.entities) {
      const days = e.facts.map((f) => earliestDay(f.date));
      expect(days, e.id).toEqual([...days].sort());
    }
  });

  it('has no stray whitespace and sorted-unique related ids', () => {
    for (const e of SHIPPED.entities) {
      for (const text of [e.name, e.summary, e.inArticle, ...e.facts.map((f) => f.text)]) {
        expect(text, e.id).toBe(text.trim());
        expect(text, e.id).not.toMatch(/ {2}/);
      }
      expect(new Set(e.related).size, e.id).toBe(e.related.length);
    }
  });
});

describe('validation errors name the entity, the field and the reason', () => {
  it.each<[string, (d: Dataset) => void, RegExp]>([
    [
      'a missing field',
      (d) => delete (entity(d, 'gazprom') as Partial<Entity>).summary,
      /^gazprom: summary: is missing$/,
    ],
    [
      'a bad type',
      (d) => ((entity(d, 'japan') as { type: string }).type = 'nation'),
      /^japan: type: must be one of person, country/,
    ],
    [
      'a duplicate id',
      (d) => (entity(d, 'moscow').id = 'beijing'),
      /^entities\[\d+\]: id: duplicate id "beijing": entities\[\d+\] has it too$/,
    ],
    [
      'an id that is not kebab-case',
      (d) => (entity(d, 'moscow').id = 'Moscow City'),
      /^Moscow City: id: must be kebab-case/,
    ],
    [
      'an unknown related id',
      (d) => entity(d, 'russia').related.push('atlantis'),
      /^russia: related\[\d+\]: unknown entity id "atlantis"$/,
    ],
    [
      'a self-relation',
      (d) => entity(d, 'russia').related.push('russia'),
      /^russia: related\[\d+\]: an entity cannot be related to itself$/,
    ],
    ['an empty alias', (d) => entity(d, 'kremlin').aliases.push(''), /^kremlin: aliases\[\d+\]: is empty$/],
    [
      'an over-long alias',
      (d) => entity(d, 'kremlin').aliases.push('K'.repeat(81)),
      /^kremlin: aliases\[\d+\]: is too long \(81 > 80 characters\)$/,
    ],
    [
      'an alias with padding',
      (d) => entity(d, 'kremlin').aliases.push(' Kremlin '),
      /^kremlin: aliases\[\d+\]: has leading or trailing whitespace$/,
    ],
    [
      'an unknown alias field',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'Kreml', whenn: ['x'] } as never),
      /^kremlin: aliases\[\d+\]\.whenn: is not a known alias field$/,
    ],
    [
      'a context rule naming no entity',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'K.', when: ['nowhere'] }),
      /^kremlin: aliases\[\d+\]\.when\[0\]: unknown entity id "nowhere"$/,
    ],
    [
      'a context group naming no entity',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'K.', when: [['russia'], ['nowhere']] }),
      /^kremlin: aliases\[\d+\]\.when\[1\]\[0\]: unknown entity id "nowhere"$/,
    ],
    [
      'an empty context group',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'K.', when: [['russia'], []] }),
      /^kremlin: aliases\[\d+\]\.when\[1\]: is an empty group$/,
    ],
    [
      'a context rule mixing ids and groups',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'K.', when: ['russia', ['moscow']] as never }),
      /^kremlin: aliases\[\d+\]\.when: must be a non-empty list of entity ids, or a list of such lists/,
    ],
    [
      'an empty local-context list',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'K.', precededBy: [] }),
      /^kremlin: aliases\[\d+\]\.precededBy: must be a non-empty list of phrases$/,
    ],
    [
      'a bad case rule',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'Kreml', case: 'upper' as never }),
      /^kremlin: aliases\[\d+\]\.case: must be "exact" or "any"$/,
    ],
    [
      'a language binding without a language',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'Kremlyovsky', langOnly: true }),
      /^kremlin: aliases\[\d+\]\.langOnly: needs a "lang" to bind the alias to$/,
    ],
    [
      'a declension pattern that does not fit the word',
      (d) => entity(d, 'russia').aliases.push({ text: 'РФ', lang: 'ru', inflect: 'ru-f-ija' }),
      /^russia: aliases\[\d+\]\.inflect: "ru-f-ija" does not fit "РФ"/,
    ],
    [
      'a declension with one pattern too few',
      (d) => entity(d, 'russia').aliases.push({ text: 'Русская земля', lang: 'ru', inflect: 'ru-adj-f' }),
      /^russia: aliases\[\d+\]\.inflect: lists 1 pattern for 2 words/,
    ],
    [
      'an unknown declension pattern on an exclude phrase',
      (d) => entity(d, 'russia').exclude!.push({ text: 'Единая Россия', inflect: 'ru-adj-f ru-f-x' }),
      /^russia: exclude\[\d+\]\.inflect: unknown pattern "ru-f-x"/,
    ],
    [
      'a declined form claimed by two entities',
      (d) => entity(d, 'moscow').aliases.push({ text: 'Донецк', lang: 'ru', inflect: 'ru-m' }),
      /^(donetsk|moscow): aliases\[\d+\]: alias "Донецк" is also claimed by/,
    ],
    [
      'a surname rule on a place',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'Kremlyovsky', nameRule: 'surname' }),
      /^kremlin: aliases\[\d+\]\.nameRule: "surname" is for aliases of a person$/,
    ],
    [
      'an unknown name rule',
      (d) => entity(d, 'kremlin').aliases.push({ text: 'Kremlyovsky', nameRule: 'club' as never }),
      /^kremlin: aliases\[\d+\]\.nameRule: must be "surname", "place" or "none"$/,
    ],
    [
      'a malformed fact date',
      (d) => (entity(d, 'gazprom').facts[0]!.date = '1989-13'),
      /^gazprom: facts\[0\]\.date: must be a real date/,
    ],
    [
      'an impossible fact date',
      (d) => (entity(d, 'gazprom').facts[0]!.date = '2014-02-30'),
      /^gazprom: facts\[0\]\.date: must be a real date/,
    ],
    [
      'too few facts',
      (d) => (entity(d, 'gazprom').facts = entity(d, 'gazprom').facts.slice(0, 2)),
      /^gazprom: facts: must hold 3–6 facts \(has 2\)$/,
    ],
    [
      'too many facts',
      (d) => {
        const e = entity(d, 'gazprom');
        e.facts = [...e.facts, ...e.facts, ...e.facts].slice(0, 7);
      },
      /^gazprom: facts: must hold 3–6 facts \(has 7\)$/,
    ],
    ['an empty fact', (d) => (entity(d, 'gazprom').facts[1]!.text = ''), /^gazprom: facts\[1\]\.text: is empty$/],
    [
      'a one-sentence summary',
      (d) => (entity(d, 'gazprom').summary = 'Gazprom is a large Russian gas company with a state majority.'),
      /^gazprom: summary: must have 2–4 sentences \(has 1\)$/,
    ],
    [
      'an over-long summary',
      (d) => (entity(d, 'gazprom').summary = `${'A true sentence about gas. '.repeat(30)}End.`),
      /^gazprom: summary: is too long/,
    ],
    [
      'a non-Wikipedia link',
      (d) => (entity(d, 'gazprom').wikipedia = 'https://example.com/wiki/Gazprom'),
      /^gazprom: wikipedia: must be on a wikipedia\.org language edition/,
    ],
    [
      'a link that is not a URL',
      (d) => (entity(d, 'gazprom').wikipedia = 'Gazprom'),
      /^gazprom: wikipedia: is not a URL/,
    ],
    [
      'an http link',
      (d) => (entity(d, 'gazprom').wikipedia = 'http://en.wikipedia.org/wiki/Gazprom'),
      /^gazprom: wikipedia: must be an https URL$/,
    ],
    [
      'a fact dated after the article’s date placed as "article"',
      (d) => (entity(d, 'gazprom').facts.find((f) => f.date === '2014-05-21')!.period = 'article'),
      /^gazprom: facts\[\d\]\.period: "article" but dated 2014-05-21, after the article \(2014-05-19\)$/,
    ],
    [
      'a month-only date placed as "article" in the article’s month',
      (d) => entity(d, 'gazprom').facts.push({ date: '2014-05', period: 'article', text: 'Some fact of May 2014.' }),
      /^gazprom: facts\[\d\]\.period: "article" but dated 2014-05, which may fall after the article \(2014-05-19\): give the day$/,
    ],
    [
      'a fact before the article placed as "after"',
      (d) => (entity(d, 'gazprom').facts[0]!.period = 'after'),
      /^gazprom: facts\[0\]\.period: "after" but dated \d{4}, not after the article \(2014-05-19\)$/,
    ],
    [
      'a later fact placed as "after"',
      (d) =>
        entity(d, 'gazprom').facts.push({ date: '2019-12-02', period: 'after', text: 'Pipeline deliveries began.' }),
      /^gazprom: facts\[\d\]\.period: "after" but dated 2019-12-02, later than the days after the article \(to 2014-05-31\): use "since"$/,
    ],
    [
      'a "since" fact before the article',
      (d) => (entity(d, 'gazprom').facts[0]!.period = 'since'),
      /^gazprom: facts\[0\]\.period: "since" but dated \d{4}, not after the article \(2014-05-19\)$/,
    ],
    [
      'a "since" fact after the dataset’s date',
      (d) => entity(d, 'gazprom').facts.push({ date: '2031', period: 'since', text: 'Something in the future.' }),
      /^gazprom: facts\[\d\]\.period: "since" but dated 2031, after the dataset's date \(\d{4}-\d{2}-\d{2}\)$/,
    ],
    [
      'a fact without a period',
      (d) => delete (entity(d, 'gazprom').facts[0] as Partial<Fact>).period,
      /^gazprom: facts\[0\]\.period: must be one of "article", "after", "since"$/,
    ],
    [
      'a later year in a summary',
      (d) => (entity(d, 'gazprom').summary += ' It began exporting to China in 2019.'),
      /^gazprom: summary: mentions 2019, after the article's year \(2014\): it describes the article's day$/,
    ],
    [
      'a later year in "In this article"',
      (d) => (entity(d, 'gazprom').inArticle += ' Deliveries began in 2019.'),
      /^gazprom: inArticle: mentions 2019, after the article's year \(2014\)/,
    ],
    [
      'a later year in a fact as of the article',
      (d) => (entity(d, 'gazprom').facts[0]!.text = 'Planned deliveries from 2019 onwards.'),
      /^gazprom: facts\[0\]\.text: mentions 2019, after the article's year \(2014\)/,
    ],
    [
      'a first sentence over 200 characters',
      (d) => (entity(d, 'gazprom').summary = `${'Gazprom '.repeat(30)}is long. It is a gas company.`),
      /^gazprom: summary: first sentence is \d+ characters \(at most 200\): the card opens with it$/,
    ],
    [
      'a since-then line as plain text',
      (d) => ((entity(d, 'gazprom') as { sinceThen: unknown }).sinceThen = 'Later things.'),
      /^gazprom: sinceThen: must be an object \{ "to": "YYYY-MM", "text": "…" \}$/,
    ],
    [
      'a since-then cut-off before October 2025',
      (d) => (entity(d, 'gazprom').sinceThen!.to = '2024-12'),
      /^gazprom: sinceThen\.to: is 2024-12: the text must be current to 2025-10 or later$/,
    ],
    [
      'a since-then cut-off after the dataset’s date',
      (d) => (entity(d, 'gazprom').sinceThen!.to = '2031-01'),
      /^gazprom: sinceThen\.to: is 2031-01, after the dataset's date/,
    ],
    [
      'a since-then cut-off that is not a month',
      (d) => (entity(d, 'gazprom').sinceThen!.to = '2025'),
      /^gazprom: sinceThen\.to: must be the month the text is current to, as YYYY-MM \(got "2025"\)$/,
    ],
    [
      'an empty since-then text',
      (d) => (entity(d, 'gazprom').sinceThen!.text = ''),
      /^gazprom: sinceThen\.text: is empty$/,
    ],
    [
      'a field the types do not know',
      (d) => ((entity(d, 'gazprom') as unknown as Record<string, unknown>).asOf = '2014-05'),
      /^gazprom: asOf: is not a known field$/,
    ],
    [
      'an article date without the day',
      (d) => (d.article.date = '2014-05'),
      /^dataset: article\.date: must be the day the article was written, as YYYY-MM-DD$/,
    ],
    [
      'days after the article that end before it',
      (d) => (d.article.daysAfterEnd = '2014-05-01'),
      /^dataset: article\.daysAfterEnd: must be after the article's date \(2014-05-19\)$/,
    ],
    [
      'an exclude phrase that contains no alias',
      (d) => (entity(d, 'china').exclude = ['Porcelain Tower']),
      /^china: exclude\[0\]: "Porcelain Tower" does not contain one of the entity's aliases$/,
    ],
    [
      'one alias claimed by two entities',
      (d) => entity(d, 'beijing').aliases.push('Moscow'),
      /^(beijing|moscow): aliases\[\d+\]: alias "Moscow" is also claimed by (moscow|beijing) aliases\[\d+\]; mark exactly one as "preferred"$/,
    ],
    [
      'an alias repeated within an entity',
      (d) => entity(d, 'moscow').aliases.push('Moscow'),
      /^moscow: aliases\[\d+\]: "Moscow" repeats aliases\[0\]$/,
    ],
    ['a bad dataset date', (d) => (d.date = '27/11/2026'), /^dataset: date: must be a date as YYYY-MM-DD$/],
    ['a bad version', (d) => (d.version = 'v1'), /^dataset: version: must be a version/],
  ])('%s', (_, mutate, message) => {
    expect(problems(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('one text may appear twice in an entity when each has its own local context', () => {
    const d = copy();
    entity(d, 'kyiv').aliases.push(
      { text: 'Moscow', precededBy: ['talks in'], preferred: true },
      { text: 'Moscow', followedBy: ['talks'], preferred: true },
    );
    expect(validateDataset(d).errors.map(formatError)).toEqual([]);
  });

  it('a duplicate id names both entities and causes no follow-on errors', () => {
    const d = copy();
    const gazprom = entity(d, 'gazprom');
    const first = d.entities.indexOf(gazprom);
    d.entities.push(structuredClone(gazprom));
    const { dataset, errors } = validateDataset(d, { articleText: ARTICLE });
    expect(dataset).toBeNull();
    expect(errors.map(formatError)).toEqual([
      `entities[${d.entities.length - 1}]: id: duplicate id "gazprom": entities[${first}] has it too`,
    ]);
  });

  it('a duplicate made by renaming reports the duplicate, not a self-relation', () => {
    const list = problems((d) => (entity(d, 'moscow').id = 'beijing'));
    expect(list.filter((m) => m.includes('related to itself'))).toEqual([]);
  });

  it('a rule saying which entity wins makes a shared alias valid', () => {
    const d = copy();
    entity(d, 'beijing').aliases.push({ text: 'Moscow', preferred: true });
    expect(validateDataset(d).errors.map(formatError)).toEqual([]);
  });

  it('an entity flagged as named must be found in the article, and one found must be flagged', () => {
    expect(problems((d) => (entity(d, 'gazprom').namedInArticle = true), true)).toContain(
      'gazprom: namedInArticle: is true, but no alias of the entity is found in the article text',
    );
    expect(problems((d) => (entity(d, 'izvestia').namedInArticle = false), true)).toContain(
      'izvestia: namedInArticle: is false, but the matcher finds the entity in the article text',
    );
  });

  it('reports every problem at once, not just the first', () => {
    const list = problems((d) => {
      entity(d, 'gazprom').wikipedia = 'nope';
      entity(d, 'cnpc').facts = [];
      entity(d, 'mgimo').related.push('nowhere');
    });
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.some((m) => m.startsWith('gazprom: wikipedia'))).toBe(true);
    expect(list.some((m) => m.startsWith('cnpc: facts'))).toBe(true);
    expect(list.some((m) => m.startsWith('mgimo: related'))).toBe(true);
  });

  it('rejects input that is not a dataset at all', () => {
    expect(validateDataset(null).errors.map(formatError)).toEqual(['dataset: (root): must be a JSON object']);
    expect(
      validateDataset({ version: '1.0.0', date: '2026-01-01', article: {}, entities: [] }).errors.map(formatError),
    ).toContain('dataset: entities: must be a non-empty list');
  });
});

describe('texts hold only characters a card can show as written', () => {
  it.each<[string, (d: Dataset) => void, RegExp]>([
    [
      'a bidirectional override in a name',
      (d) => (entity(d, 'vladimir-putin').name = 'Vladimir \u202ePutin'),
      /^vladimir-putin: name: contains a bidirectional formatting character \(U\+202E\) that would reorder/,
    ],
    [
      'a lone surrogate in an alias',
      (d) => entity(d, 'xi-jinping').aliases.push('Xi\ud800'),
      /^xi-jinping: aliases\[\d+\]: contains a lone surrogate \(U\+D800, half a character\)$/,
    ],
    [
      'bytes that were not decoded, in a summary',
      (d) => (entity(d, 'gazprom').summary = entity(d, 'gazprom').summary.replace('a', '\ufffd')),
      /^gazprom: summary: contains U\+FFFD, left where bytes could not be decoded$/,
    ],
    [
      'a control character in the article title',
      (d) => (d.article.title += '\u0007'),
      /^dataset: article\.title: contains a control character \(U\+0007\)$/,
    ],
    [
      'a zero-width mark in a fact, counted',
      (d) => (entity(d, 'japan').facts[0]!.text = `\u200e${entity(d, 'japan').facts[0]!.text}\u200f`),
      /^japan: facts\[0\]\.text: contains a bidirectional formatting character \(U\+200E\).* and 1 more such character$/,
    ],
  ])('%s', (_, mutate, want) => {
    expect(problems(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(want)]));
  });

  it('shows unwanted characters in messages as code points, never raw', () => {
    const messages = problems((d) => (entity(d, 'moscow').wikipedia = 'https://en.wikipedia.org/wiki/\u202eMoscow'));
    expect(messages.join('\n')).not.toMatch(/\u202e/);
    expect(messages).toContain(
      'moscow: wikipedia: contains a bidirectional formatting character (U+202E) that would reorder the text around it',
    );
    expect(formatError({ entity: 'x', field: 'name', reason: 'is "a\u0007\u202eb"' })).toBe(
      'x: name: is "a<U+0007><U+202E>b"',
    );
  });
});

describe('invalid JSON is reported with its line and column', () => {
  it.each<[string, string, { line: number; column: number; reason: RegExp }]>([
    [
      'a missing comma',
      '{\n  "a": 1\n  "b": 2\n}',
      { line: 3, column: 3, reason: /expected , or \} after a property value/ },
    ],
    ['a trailing comma', '{\n  "a": [1, 2,],\n}', { line: 2, column: 14, reason: /a comma before \]/ }],
    ['a single quote', "{\n  'a': 1\n}", { line: 2, column: 3, reason: /expected a property name in double quotes/ }],
    [
      'an unclosed string',
      '{\n  "a": "text\n}',
      { line: 2, column: 13, reason: /a line break or control character inside a string/ },
    ],
    [
      'a cut-off file',
      '{\n  "a": [1, 2',
      { line: 2, column: 13, reason: /expected , or \] after a list item, found the end/ },
    ],
    ['text after the end', '{}\n}', { line: 2, column: 1, reason: /unexpected "\}" after the end of the data/ }],
    ['a bad escape', '{"a": "\\q"}', { line: 1, column: 8, reason: /bad escape \\q/ }],
  ])('%s', (_, text, want) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = findJsonSyntaxError(text);
    expect(found).toMatchObject({ line: want.line, column: want.column });
    expect(found!.reason).toMatch(want.reason);
  });

  it('finds nothing wrong in valid JSON, the shipped dataset included', () => {
    expect(findJsonSyntaxError(readFileSync(resolve(ROOT, 'assets/data/entities.json'), 'utf8'))).toBeNull();
    expect(findJsonSyntaxError('\ufeff{"a": [true, false, null, -1.5e3, "\\u00e9"]}')).toBeNull();
  });

  it('refuses a file nested 300,000 levels deep with a message, not a stack overflow', () => {
    const deep = `${'['.repeat(300_000)}${']'.repeat(300_000)}`;
    expect(findJsonSyntaxError(deep)).toEqual({
      line: 1,
      column: 257,
      reason: 'nested too deeply (more than 256 levels of [ and {)',
      tooDeep: true,
    });
    // Broken at its far end, too: the scanner never recurses.
    expect(findJsonSyntaxError(`${'{"a":'.repeat(300_000)}1`, 400_000)).toMatchObject({
      reason: 'expected , or } after a property value, found the end of the file (a missing comma?)',
    });
    const dir = mkdtempSync(join(tmpdir(), 'ch-deep-'));
    try {
      const file = join(dir, 'deep.json');
      writeFileSync(file, `{"entities": ${deep}}`);
      expect(() => loadDataset(file)).toThrow(
        `dataset ${file} cannot be read: line 1, column 269: nested too deeply (more than 256 levels of [ and {)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows where each value starts, and places a missing field at the object that lacks it', () => {
    const reading = readJson('{\n  "entities": [\n    {"id": "x", "facts": [{"date": "2014"}]}\n  ]\n}');
    if (!reading.ok) throw new Error('not read');
    expect(reading.positions.at('entities[0].id')).toEqual({ line: 3, column: 12 });
    expect(reading.positions.at('entities[0].facts[0].date')).toEqual({ line: 3, column: 36 });
    expect(reading.positions.at('entities[0].facts[0].period')).toEqual({ line: 3, column: 27 });
    expect(reading.positions.at('entities[0]')).toEqual({ line: 3, column: 5 });
    expect(reading.positions.at('')).toEqual({ line: 1, column: 1 });
    expect(['a.b[2].c', 'a.b[2]', 'a.b', 'a', ''].map(parentPath)).toEqual(['a.b[2]', 'a.b', 'a', '', null]);
  });

  it('loading a dataset with a wrong field names the line and column of its value', () => {
    const d = copy();
    entity(d, 'gazprom').wikipedia = 'http://en.wikipedia.org/wiki/Gazprom';
    const text = JSON.stringify(d, null, 2);
    const before = text.slice(0, text.indexOf('"http://en.wikipedia.org/wiki/Gazprom"')).split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'ch-field-'));
    try {
      const file = join(dir, 'wrong.json');
      writeFileSync(file, text);
      expect(() => loadDataset(file)).toThrow(
        `gazprom: wikipedia (line ${before.length}, column ${before.at(-1)!.length + 1}): must be an https URL`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loading a broken dataset names the file, the line and the column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ch-json-'));
    try {
      const file = join(dir, 'broken.json');
      writeFileSync(file, '{\n  "version": "1.1.0",\n  "date": "2026-12-04"\n  "entities": []\n}\n');
      expect(() => loadDataset(file)).toThrow(
        `dataset ${file} is not valid JSON: line 4, column 3: expected , or } after a property value, found "\\"" (a missing comma?)`,
      );
      const bytes = join(dir, 'latin1.json');
      writeFileSync(
        bytes,
        Buffer.concat([Buffer.from('{\n  "version": "Kyiv '), Buffer.from([0xff, 0xfe]), Buffer.from('"\n}')]),
      );
      expect(() => loadDataset(bytes)).toThrow(
        `dataset ${bytes} is not valid UTF-8: line 2, column 20: bytes ff fe 22 0a`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('helpers', () => {
  it('counts sentences without splitting at abbreviations or initials', () => {
    expect(countSentences('Mr. Putin met Xi. They signed deals.')).toBe(2);
    expect(countSentences('The U.S. and the EU imposed sanctions in 2014. Russia answered. Prices rose.')).toBe(3);
    expect(countSentences('One sentence only, about Prof. S. Luzyanin of MGIMO.')).toBe(1);
  });

  it('knows the first and last day a date can mean', () => {
    expect([earliestDay('2014'), latestDay('2014')]).toEqual(['2014-01-01', '2014-12-31']);
    expect([earliestDay('2014-02'), latestDay('2014-02')]).toEqual(['2014-02-01', '2014-02-28']);
    expect([earliestDay('2016-02'), latestDay('2016-02')]).toEqual(['2016-02-01', '2016-02-29']);
    expect([earliestDay('2014-05-19'), latestDay('2014-05-19')]).toEqual(['2014-05-19', '2014-05-19']);
  });

  it('accepts real dates only', () => {
    expect(isValidDate('2014')).toBe(true);
    expect(isValidDate('2014-05')).toBe(true);
    expect(isValidDate('2016-02-29')).toBe(true);
    expect(isValidDate('2014-02-29')).toBe(false);
    expect(isValidDate('2014-00')).toBe(false);
    expect(isValidDate('14-05-2014')).toBe(false);
  });
});
