/**
 * The dataset is tested as data: the shipped one passes, and every kind of mistake in a broken
 * copy is reported with the entity id, the field, where its value starts in the file (line and
 * column) and the reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { earliestDay, isBefore, isValidDate, latestDay } from '../../src/core/dataset-dates';
import { NAME_LANGUAGES, type Dataset, type Entity, type Fact, type Source } from '../../src/core/dataset-types';
import { countSentences, formatError, validateDataset } from '../../src/core/dataset-validate';
import { parentPath, readJson } from '../../src/core/json-positions';
import { findJsonSyntaxError } from '../../src/core/json-syntax';
import { aliasSpec } from '../../src/core/matcher-data';
import { loadDataset } from '../../scripts/lib/dataset';
import { tinyDataset } from './fixtures/tiny-dataset';

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

/** A source for the facts the tables add. */
const sources: Source[] = [{ publisher: 'Reuters', title: 'A report', date: '2019-12-02' }];

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

  it('is version 1.3.0 of format 1.2, checked on 2026-12-07, tied to the article’s day', () => {
    expect(SHIPPED.version).toBe('1.3.0');
    expect(SHIPPED.date).toBe('2026-12-07');
    expect(isValidDate(SHIPPED.date)).toBe(true);
    // Monday 19 May 2014: Putin's call with Merkel "on Monday", his travel "on Tuesday".
    expect(SHIPPED.article.date).toBe('2014-05-19');
    expect(SHIPPED.article.daysAfterEnd).toBe('2014-05-31');
    for (const e of SHIPPED.entities) expect(Object.keys(e), e.id).not.toContain('asOf');
  });

  it('holds the 40 entities of 1.1 in their order, then the European Union and the Donbas', () => {
    expect(SHIPPED.entities).toHaveLength(42);
    expect(SHIPPED.entities.slice(-2).map((e) => e.id)).toEqual(['european-union', 'donbas']);
    expect(SHIPPED.entities.slice(0, 2).map((e) => e.id)).toEqual(['vladimir-putin', 'xi-jinping']);
  });

  it('dates every fact as of the article or the days after, and every since-then item within its cut-off, oldest first', () => {
    for (const e of SHIPPED.entities) {
      for (const f of e.facts) {
        expect(['article', 'after'], `${e.id} ${f.date}`).toContain(f.period);
        if (f.period === 'article') expect(latestDay(f.date) <= '2014-05-19', `${e.id} ${f.date}`).toBe(true);
        else expect(f.date >= '2014-05-20' && f.date <= '2014-05-31', `${e.id} ${f.date}`).toBe(true);
      }
      if (!e.sinceThen) continue;
      expect(e.sinceThen.to, e.id).toBe('2025-10');
      expect(e.sinceThen.items.length, e.id).toBeGreaterThan(0);
      let previous = '';
      for (const item of e.sinceThen.items) {
        expect(earliestDay(item.date) > '2014-05-31', `${e.id} ${item.date}`).toBe(true);
        expect(latestDay(item.date) <= latestDay(e.sinceThen.to), `${e.id} ${item.date} after the cut-off`).toBe(true);
        expect(earliestDay(item.date) >= previous, `${e.id} ${item.date} out of order`).toBe(true);
        previous = earliestDay(item.date);
      }
    }
  });

  it('relates entities that exist, each relation written once with a short label', () => {
    const ids = new Set(SHIPPED.entities.map((e) => e.id));
    const pairs = new Set<string>();
    for (const e of SHIPPED.entities) {
      for (const r of e.related) {
        expect(ids.has(r.id), `${e.id} -> ${r.id}`).toBe(true);
        expect(r.id, e.id).not.toBe(e.id);
        const pair = [e.id, r.id].sort().join(' ');
        expect(pairs.has(pair), `${pair} written twice`).toBe(false);
        pairs.add(pair);
        for (const label of [r.label, r.inverse ?? 'x']) {
          expect(label.length, `${e.id} -> ${r.id}`).toBeLessThanOrEqual(60);
          expect(label, `${e.id} -> ${r.id}`).toMatch(/^\p{Ll}/u);
        }
      }
    }
    // The new entities are tied in: the EU to the sanctions and the gas market, the Donbas to its cities.
    const related = (id: string): string[] =>
      SHIPPED.entities.flatMap((e) =>
        e.id === id ? e.related.map((r) => r.id) : e.related.some((r) => r.id === id) ? [e.id] : [],
      );
    expect(related('european-union')).toEqual(expect.arrayContaining(['western-sanctions-2014', 'gazprom', 'russia']));
    expect(related('donbas')).toEqual(expect.arrayContaining(['donetsk', 'luhansk', 'ukraine-crisis']));
  });

  it('sources every statement, with publisher, title and date, and https addresses only', () => {
    const sourceLists = (e: Entity): [string, Source[]][] => [
      ['sources', e.sources],
      ...e.facts.map((f, i): [string, Source[]] => [`facts[${i}]`, f.sources]),
      ...(e.sinceThen?.items ?? []).map((it, i): [string, Source[]] => [`sinceThen.items[${i}]`, it.sources]),
    ];
    for (const e of SHIPPED.entities) {
      for (const [field, sources] of sourceLists(e)) {
        expect(sources.length, `${e.id} ${field}`).toBeGreaterThan(0);
        for (const src of sources) {
          expect(src.publisher && src.title && isValidDate(src.date), `${e.id} ${field}`).toBeTruthy();
          if (src.url !== undefined) expect(src.url, `${e.id} ${field}`).toMatch(/^https:\/\/\S+$/);
          // A title is the headline as published, or a [description] of a source whose headline
          // we have not seen (docs/dataset.md, "Sources"); never a page address passed off as one.
          expect(src.title, `${e.id} ${field}`).not.toMatch(/title as in|title from the URL|headline not shown/i);
          const bracketed = src.title.startsWith('[') || src.title.endsWith(']');
          expect(!bracketed || (src.title.startsWith('[') && src.title.endsWith(']')), src.title).toBe(true);
        }
      }
    }
  });

  it('names every entity in English, and in the other UI languages only', () => {
    for (const e of SHIPPED.entities) {
      expect(e.names.en, e.id).toBeTruthy();
      for (const lang of Object.keys(e.names)) expect(NAME_LANGUAGES, e.id).toContain(lang);
      expect(e.what.length, e.id).toBeLessThanOrEqual(90);
      expect(e.why.length, e.id).toBeLessThanOrEqual(140);
    }
    // Wikidata ids only where they were verified.
    expect(Object.fromEntries(SHIPPED.entities.filter((e) => e.wikidata).map((e) => [e.id, e.wikidata]))).toEqual({
      'vladimir-putin': 'Q7747',
      'xi-jinping': 'Q15031',
      'angela-merkel': 'Q567',
      russia: 'Q159',
      china: 'Q148',
      ukraine: 'Q212',
      japan: 'Q17',
      germany: 'Q183',
      crimea: 'Q7835',
      shanghai: 'Q8686',
      beijing: 'Q956',
      moscow: 'Q649',
      kyiv: 'Q1899',
      'european-union': 'Q458',
    });
    const names = (id: string): Record<string, string> => entity(SHIPPED, id).names;
    expect(names('kyiv')).toMatchObject({ en: 'Kyiv', de: 'Kiew', uk: 'Київ' });
    expect(names('european-union')).toMatchObject({ en: 'European Union', de: 'Europäische Union' });
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
    // Coverage gaps C1 and C3 of the fact-check: the European Union, the Donbas in its spellings.
    expect(aliases('european-union')).toEqual(expect.arrayContaining(['European Union', 'EU', 'Евросоюз', '欧盟']));
    expect(aliases('donbas')).toEqual(expect.arrayContaining(['Donbas', 'Donbass', 'Донбасс', 'Донбас', '顿巴斯']));
  });

  it('keeps its rules as data: Xi needs Xi Jinping or China near it, China knows porcelain, the South China Sea is not China', () => {
    const xi = entity(SHIPPED, 'xi-jinping')
      .aliases.map(aliasSpec)
      .find((a) => a.text === 'Xi');
    expect(xi?.when?.[0]).toEqual(expect.arrayContaining(['xi-jinping', 'china']));
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

  it('carries the fixes of the fact-check of 2026-12-07 (E1–E5, D1–D12, S1–S13)', () => {
    const e = (id: string): Entity => entity(SHIPPED, id);
    const items = (id: string): string[] => (e(id).sinceThen?.items ?? []).map((it) => `${it.date} ${it.text}`);
    const facts = (id: string): string[] => e(id).facts.map((f) => `${f.date} ${f.text}`);
    const text = (id: string): string =>
      [e(id).what, e(id).why, e(id).summary, e(id).inArticle, ...facts(id), ...items(id)].join(' | ');
    // E1, D1: the EU listed Rogozin on 21 March 2014.
    expect(e('dmitry-rogozin').summary).toContain('EU travel ban and asset freeze on 21 March 2014');
    expect(facts('dmitry-rogozin')).toContainEqual(expect.stringMatching(/^2014-03-21 .*EU/));
    expect(text('dmitry-rogozin')).not.toMatch(/the EU did not/);
    // E2: the US sector sanctions came the day before MH17, the EU's after it.
    expect(items('western-sanctions-2014')).toContainEqual(
      expect.stringMatching(/^2014-07-16 .*a day before flight MH17/),
    );
    expect(items('western-sanctions-2014')).toContainEqual(
      expect.stringMatching(/^2014-07-31 .*after the downing of MH17/),
    );
    // E3, E4: 355 days in 2024.
    for (const id of ['east-china-sea', 'senkaku-dispute']) {
      expect(text(id), id).toContain('355 days in 2024');
      expect(text(id), id).not.toContain('353');
    }
    // E5: the helicopter talks go back to 2010.
    expect(e('strategic-projects-2014').summary).toContain('since 2010');
    // D2: Gubarev was in custody at the proclamation.
    expect(text('donetsk-peoples-republic')).not.toMatch(/figurehead/);
    expect(facts('donetsk-peoples-republic')).toContainEqual(expect.stringMatching(/^2014-05-07 Pavel Gubarev/));
    // D3: no start of building "the following year" before the contract.
    expect(text('power-of-siberia')).not.toMatch(/following year/);
    // D4: director by December 2017; the unconfirmed 2023 TV appearance is gone.
    expect(items('sergei-luzyanin')[0]).toMatch(/^2017-12 .*director/);
    expect(text('sergei-luzyanin')).not.toMatch(/2023/);
    // D5: an RDIF memorandum on the rail bridge, no "$400 million".
    expect(text('strategic-projects-2014')).toMatch(/memorandum on investing in the first rail bridge/);
    for (const id of ['strategic-projects-2014', 'putin-china-visit-2014'])
      expect(text(id), id).not.toMatch(/400 million/);
    // D6: the US widened its list on 20 March, the EU on 21 March.
    expect(facts('western-sanctions-2014')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2014-03-20 The US/),
        expect.stringMatching(/^2014-03-21 The EU/),
      ]),
    );
    // D7: Joint Sea went on, in the East China Sea in December 2022.
    expect(items('joint-sea-2014')).toContainEqual(expect.stringMatching(/^2022-12-21 .*East China Sea/));
    // D8: 2024 trade and the 2025 population.
    for (const id of ['russia', 'china']) expect(text(id), id).toContain('$244.8 billion for 2024');
    expect(text('russia')).toContain('146.03 million on 1 January 2025');
    // D9: still not condemning, stated up to the cut-off.
    expect(items('positive-neutrality').at(-1)).toMatch(/^2025-08-03 China had still not condemned/);
    // D10: the amendments that did pass.
    expect(items('ukraine-constitutional-reform')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^2016-06-02 /), expect.stringMatching(/^2019-02-07 /)]),
    );
    // D11: the court's return to Moscow from 1728.
    expect(e('moscow').summary).toContain('1728');
    // D12: the secondary Chinese form is kept, with a line saying it is not the official name.
    const secondary = e('joint-sea-2014')
      .aliases.map(aliasSpec)
      .find((a) => a.text === '海上协作-2014');
    expect(secondary?.gloss).toContain('official: 海上联合-2014');
    // S1, S2: appointments after the removal; Kerry's answer after Lavrov's proposal.
    const ukraine = facts('ukraine');
    expect(ukraine.findIndex((f) => f.includes('Turchynov'))).toBeGreaterThan(
      ukraine.findIndex((f) => f.startsWith('2014-02-22')),
    );
    const federalisation = facts('ukraine-federalisation');
    expect(federalisation.findIndex((f) => f.includes('Kerry said'))).toBeGreaterThan(
      federalisation.findIndex((f) => f.includes('Lavrov')),
    );
    // S3: no hindsight about the spelling in text that describes May 2014.
    expect(text('ukraine')).not.toMatch(/then usually spelled/);
    expect(text('kyiv')).not.toMatch(/still wrote/);
    // S4, S5: Ischinger co-moderated; military observers, not OSCE monitors.
    expect(text('national-unity-roundtables')).toContain('co-moderat');
    for (const id of ['angela-merkel', 'germany']) {
      expect(text(id), id).toContain('military observers');
      expect(text(id), id).not.toMatch(/OSCE monitors/);
    }
    // S6: one trade figure for 2013 on both cards.
    for (const id of ['russia', 'china']) expect(text(id), id).toContain('close to $90 billion');
    // S7, S8: the article's attributions.
    expect(e('beijing').inArticle).not.toMatch(/experts cited there/);
    expect(e('vladimir-putin').inArticle).toContain('said he had ordered');
    // S9: Tianjin on 31 August–1 September, the Power of Siberia 2 memorandum on 2 September in Beijing.
    for (const id of ['vladimir-putin', 'putin-china-visit-2014']) {
      expect(items(id), id).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^2025-08-31 .*Tianjin/),
          expect.stringMatching(/^2025-09-02 .*Beijing/),
        ]),
      );
    }
    // S10: Dai Houliang dated.
    expect(items('cnpc')).toContainEqual(expect.stringMatching(/^2020-01 Dai Houliang/));
    // S11: opened at Wusong naval port, drilled at sea.
    expect(facts('joint-sea-2014')).toContainEqual(expect.stringMatching(/Wusong naval port/));
    // S12: no scare quotes around referendum, no "self-styled".
    for (const x of SHIPPED.entities) expect(text(x.id), x.id).not.toMatch(/'referendum|referendum'|self-styled/);
    // S13: Traditional-script aliases are zh-Hant.
    const lang = (id: string, text: string): string | undefined =>
      e(id)
        .aliases.map(aliasSpec)
        .find((a) => a.text === text)?.lang;
    expect([
      lang('vladimir-putin', '普丁'),
      lang('xi-jinping', '習近平'),
      lang('senkaku-dispute', '釣魚臺列嶼'),
    ]).toEqual(['zh-Hant', 'zh-Hant', 'zh-Hant']);
    // Kept from the 1.1 review: attributions and counterpoints.
    expect(e('positive-neutrality').inArticle).toContain('experts called');
    expect(e('western-sanctions-2014').inArticle).toMatch(/^Experts cited in the article say/);
    for (const id of ['ukraine-federalisation', 'national-unity-roundtables', 'donetsk-peoples-republic']) {
      expect(e(id).inArticle, id).toContain('no information about official contacts');
    }
  });

  it('lists each entity’s facts in date order', () => {
    for (const e of SHIPPED.entities) {
      const days = e.facts.map((f) => earliestDay(f.date));
      expect(days, e.id).toEqual([...days].sort());
    }
  });

  it('has no stray whitespace and unique related ids', () => {
    for (const e of SHIPPED.entities) {
      const texts = [
        ...Object.values(e.names),
        e.what,
        e.why,
        e.summary,
        e.inArticle,
        ...e.facts.map((f) => f.text),
        ...(e.sinceThen?.items ?? []).map((it) => it.text),
        ...e.related.flatMap((r) => [r.label, r.inverse ?? 'x']),
      ];
      for (const text of texts) {
        expect(text, e.id).toBe(text.trim());
        expect(text, e.id).not.toMatch(/ {2}/);
      }
      expect(new Set(e.related.map((r) => r.id)).size, e.id).toBe(e.related.length);
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
      (d) => entity(d, 'russia').related.push({ id: 'atlantis', label: 'borders' }),
      /^russia: related\[\d+\]\.id: unknown entity id "atlantis"$/,
    ],
    [
      'a self-relation',
      (d) => entity(d, 'russia').related.push({ id: 'russia', label: 'is' }),
      /^russia: related\[\d+\]\.id: an entity cannot be related to itself$/,
    ],
    [
      'a relation listed twice on one entity',
      (d) => entity(d, 'russia').related.push({ ...entity(d, 'russia').related[0]! }),
      /^russia: related\[\d+\]\.id: "[a-z-]+" is listed twice$/,
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
      (d) =>
        entity(d, 'gazprom').facts.push({
          date: '2014-05',
          period: 'article',
          text: 'Some fact of May 2014.',
          sources,
        }),
      /^gazprom: facts\[\d\]\.period: "article" but dated 2014-05, which may fall after the article \(2014-05-19\): give the day$/,
    ],
    [
      'a fact before the article placed as "after"',
      (d) => (entity(d, 'gazprom').facts[0]!.period = 'after'),
      /^gazprom: facts\[0\]\.period: "after" but dated [\d-]+, not after the article \(2014-05-19\)$/,
    ],
    [
      'a later fact placed as "after"',
      (d) =>
        entity(d, 'gazprom').facts.push({ date: '2019-12-02', period: 'after', text: 'Deliveries began.', sources }),
      /^gazprom: facts\[\d\]\.period: "after" but dated 2019-12-02, later than the days after the article \(to 2014-05-31\): make it an item of sinceThen$/,
    ],
    [
      'a "since" fact (1.1): it belongs in sinceThen.items',
      (d) => ((entity(d, 'gazprom').facts[0] as { period: string }).period = 'since'),
      /^gazprom: facts\[0\]\.period: "since" facts belong in sinceThen\.items: move it there, dated, with its sources$/,
    ],
    [
      'a fact without a period',
      (d) => delete (entity(d, 'gazprom').facts[0] as Partial<Fact>).period,
      /^gazprom: facts\[0\]\.period: must be one of "article", "after"$/,
    ],
    [
      'a source dated after the dataset’s date',
      (d) => (entity(d, 'gazprom').sources[0]!.date = '2031'),
      /^gazprom: sources\[0\]\.date: is 2031, after the dataset's date \(2026-12-07\)$/,
    ],
    [
      'a source that is not an object',
      (d) => ((entity(d, 'gazprom').sources as unknown[])[0] = 'Reuters'),
      /^gazprom: sources\[0\]: must be an object \{ "publisher", "title", "date", "url"\? \}$/,
    ],
    [
      'a source with a field it does not know',
      (d) => ((entity(d, 'gazprom').sources[0] as unknown as Record<string, string>).author = 'V. Radyuhin'),
      /^gazprom: sources\[0\]\.author: is not a known field$/,
    ],
    [
      'a source with an impossible date',
      (d) => (entity(d, 'gazprom').facts[0]!.sources[0]!.date = '2014-02-30'),
      /^gazprom: facts\[0\]\.sources\[0\]\.date: must be a real date as YYYY, YYYY-MM or YYYY-MM-DD \(got "2014-02-30"\)$/,
    ],
    [
      'a since-then item that may fall after the cut-off',
      (d) => (entity(d, 'gazprom').sinceThen!.items.at(-1)!.date = '2025'),
      /^gazprom: sinceThen\.items\[\d+\]\.date: is 2025, which may fall after the cut-off sinceThen\.to \(2025-10\): give the month$/,
    ],
    [
      'an empty since-then list',
      (d) => (entity(d, 'gazprom').sinceThen!.items = []),
      /^gazprom: sinceThen\.items: must be a non-empty list of dated items \(leave sinceThen out when nothing important happened\)$/,
    ],
    [
      'a relation label that is empty',
      (d) => (entity(d, 'gazprom').related[0]!.label = ''),
      /^gazprom: related\[0\]\.label: is empty$/,
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
      /^gazprom: sinceThen: must be an object \{ "to": "YYYY-MM", "items": \[\{ "date", "text", "sources" \}\] \}$/,
    ],
    [
      'a since-then cut-off before October 2025',
      (d) => (entity(d, 'gazprom').sinceThen!.to = '2024-12'),
      /^gazprom: sinceThen\.to: is 2024-12: the items must be current to 2025-10 or later$/,
    ],
    [
      'a since-then cut-off after the dataset’s date',
      (d) => (entity(d, 'gazprom').sinceThen!.to = '2031-01'),
      /^gazprom: sinceThen\.to: is 2031-01, after the dataset's date/,
    ],
    [
      'a since-then cut-off that is not a month',
      (d) => (entity(d, 'gazprom').sinceThen!.to = '2025'),
      /^gazprom: sinceThen\.to: must be the month the items are current to, as YYYY-MM \(got "2025"\)$/,
    ],
    [
      'an empty since-then item',
      (d) => (entity(d, 'gazprom').sinceThen!.items[0]!.text = ''),
      /^gazprom: sinceThen\.items\[0\]\.text: is empty$/,
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
      entity(d, 'mgimo').related.push({ id: 'nowhere', label: 'is near' });
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

describe('format 1.2: each rule takes a right value and refuses a wrong one, naming its line and column', () => {
  type Mutate = (d: Dataset) => void;
  const gazprom = (d: Dataset): Entity => d.entities[0]!;
  const cnpc = (d: Dataset): Entity => d.entities[1]!;
  const raw = (x: unknown): Record<string, unknown> => x as Record<string, unknown>;
  const items = (d: Dataset) => gazprom(d).sinceThen!.items;
  const moveRelationToCnpc: Mutate = (d) => {
    gazprom(d).related = [];
    cnpc(d).related.push({ id: 'gazprom', label: 'bought gas from', inverse: 'sold gas to' });
  };
  /** A mutated copy of the small dataset, validated from its 2-space JSON text. */
  const check = (mutate: Mutate): { messages: string[]; text: string } => {
    const d = tinyDataset();
    mutate(d);
    const text = JSON.stringify(d, null, 2);
    const reading = readJson(text);
    if (!reading.ok) throw new Error(reading.error.reason);
    return { messages: validateDataset(reading.value, { positions: reading.positions }).errors.map(formatError), text };
  };

  it.each<[string, Mutate, Mutate, string, string]>([
    // [rule, a right value, a wrong one, the message, what the file holds at its line and column]
    [
      'an entity names its sources',
      (d) => gazprom(d).sources.push({ publisher: 'Reuters', title: 'Gazprom', date: '2014' }),
      (d) => delete raw(gazprom(d)).sources,
      'gazprom: sources (line 12, column 5): is missing: every statement needs at least one source (drop a statement that has none)',
      '{',
    ],
    [
      'a fact names its sources',
      (d) => gazprom(d).facts[0]!.sources.push({ publisher: 'AP', title: 'Miller', date: '2001-05-30' }),
      (d) => delete raw(gazprom(d).facts[0]).sources,
      'gazprom: facts[0].sources (line 41, column 9): is missing: every statement needs at least one source (drop a statement that has none)',
      '{',
    ],
    [
      'a since-then item names its sources',
      (d) => items(d)[0]!.sources.push({ publisher: 'AFP', title: 'Gas flows', date: '2019-12' }),
      (d) => (items(d)[0]!.sources = []),
      'gazprom: sinceThen.items[0].sources (line 85, column 24): must be a non-empty list of sources { "publisher", "title", "date", "url"? }',
      '[]',
    ],
    [
      'a source has a publisher',
      (d) => (gazprom(d).sources[0]!.publisher = 'The Hindu (Chennai)'),
      (d) => delete raw(gazprom(d).sources[0]).publisher,
      'gazprom: sources[0].publisher (line 33, column 9): is missing',
      '{',
    ],
    [
      'a source has a title',
      (d) => (gazprom(d).facts[1]!.sources[0]!.title = '[report on the expected price]'),
      (d) => (gazprom(d).facts[1]!.sources[0]!.title = ''),
      'gazprom: facts[1].sources[0].title (line 60, column 24): is empty',
      '""',
    ],
    [
      'a source has a date',
      (d) => (gazprom(d).facts[2]!.sources[0]!.date = '2014-05'),
      (d) => delete raw(gazprom(d).facts[2]!.sources[0]).date,
      'gazprom: facts[2].sources[0].date (line 71, column 13): is missing: when the source was published',
      '{',
    ],
    [
      'a source address is https',
      (d) => (items(d)[1]!.sources[0]!.url = 'https://www.reuters.com/'),
      (d) => (items(d)[1]!.sources[0]!.url = 'http://www.reuters.com/'),
      'gazprom: sinceThen.items[1].sources[0].url (line 101, column 24): must be an https URL',
      '"http://www.reuters.com/"',
    ],
    [
      'a since-then item is not after the cut-off',
      (d) => (items(d)[1]!.date = '2025-10'),
      (d) => (items(d)[1]!.date = '2025-11-02'),
      'gazprom: sinceThen.items[1].date (line 94, column 21): is 2025-11-02, after the cut-off sinceThen.to (2025-10)',
      '"2025-11-02"',
    ],
    [
      'since-then items go oldest first',
      (d) => (items(d)[0]!.date = '2025-09'),
      (d) => (items(d)[0]!.date = '2025-09-30'),
      'gazprom: sinceThen.items[1].date (line 94, column 21): is 2025-09, older than items[0] (2025-09-30): oldest first',
      '"2025-09"',
    ],
    [
      'a since-then item is after the days after the article',
      (d) => (items(d)[0]!.date = '2014-06'),
      (d) => (items(d)[0]!.date = '2014-05-28'),
      'gazprom: sinceThen.items[0].date (line 83, column 21): is 2014-05-28, within the days after the article (to 2014-05-31): make it an "after" fact',
      '"2014-05-28"',
    ],
    [
      'a since-then item is one sentence',
      (d) => (items(d)[0]!.text = 'Gas began to flow to China Co. by pipeline.'),
      (d) => (items(d)[0]!.text = 'Gas began to flow. China paid.'),
      'gazprom: sinceThen.items[0].text (line 84, column 21): must be one sentence (has 2): one dated claim per item',
      '"Gas began to flow. China paid."',
    ],
    [
      'facts are as of the article or the days after, never "since"',
      (d) => (gazprom(d).facts[2]!.period = 'after'),
      (d) => (raw(gazprom(d).facts[2]).period = 'since'),
      'gazprom: facts[2].period (line 68, column 21): "since" facts belong in sinceThen.items: move it there, dated, with its sources',
      '"since"',
    ],
    [
      'sinceThen holds items, not the 1.1 paragraph',
      (d) => items(d).pop(),
      (d) => (raw(gazprom(d).sinceThen).text = 'Gas began to flow in 2019.'),
      'gazprom: sinceThen.text (line 105, column 17): is not a known field (format 1.2 splits it into dated items: sinceThen.items)',
      '"Gas began to flow in 2019."',
    ],
    [
      'a relation is to a known entity',
      moveRelationToCnpc,
      (d) => (gazprom(d).related[0]!.id = 'cnpc-group'),
      'gazprom: related[0].id (line 108, column 17): unknown entity id "cnpc-group"',
      '"cnpc-group"',
    ],
    [
      'a relation has a label',
      (d) => (gazprom(d).related[0]!.label = 'signed a contract with'),
      (d) => delete raw(gazprom(d).related[0]).label,
      'gazprom: related[0].label (line 107, column 9): is missing',
      '{',
    ],
    [
      'a label has at most 60 characters',
      (d) => (gazprom(d).related[0]!.label = 'x'.repeat(60)),
      (d) => (gazprom(d).related[0]!.label = 'x'.repeat(61)),
      'gazprom: related[0].label (line 109, column 20): is too long (61 > 60 characters)',
      '"xxxxxxxx',
    ],
    [
      'a label starts in lower case',
      (d) => (gazprom(d).related[0]!.label = 'sold gas to'),
      (d) => (gazprom(d).related[0]!.label = 'Sold gas to'),
      'gazprom: related[0].label (line 109, column 20): must start in lower case: it reads between two names ("Gazprom — Sold gas to — CNPC")',
      '"Sold gas to"',
    ],
    [
      'an inverse says something the label does not',
      (d) => (gazprom(d).related[0]!.inverse = 'bought gas from'),
      (d) => (gazprom(d).related[0]!.inverse = gazprom(d).related[0]!.label),
      'gazprom: related[0].inverse (line 110, column 22): repeats the label: leave it out when both readings are the same',
      '"signed the 30-year',
    ],
    [
      'a relation is written once, on one side',
      moveRelationToCnpc,
      (d) => cnpc(d).related.push({ id: 'gazprom', label: 'bought gas from' }),
      'cnpc: related[0] (line 181, column 9): the relation with gazprom is written on gazprom related[0] too: write it once, with an "inverse" where it reads differently from there',
      '{',
    ],
    [
      'a relation says what ties the two (not a bare id, as in 1.1)',
      (d) => (gazprom(d).related[0]!.inverse = 'bought gas from'),
      (d) => (raw(gazprom(d)).related = ['cnpc']),
      'gazprom: related[0] (line 107, column 9): must be an object { "id", "label", "inverse"? }: format 1.2 says what ties the two',
      '"cnpc"',
    ],
    [
      'names are in languages the catalogs know',
      (d) => (cnpc(d).names.zh = '中国石油天然气集团公司'),
      (d) => (raw(cnpc(d).names).pt = 'CNPC'),
      'cnpc: names.pt (line 119, column 15): "pt" is not a UI language the catalogs know (en, de, fr, es, ru, uk, zh)',
      '"CNPC"',
    ],
    [
      'names include English',
      (d) => (cnpc(d).names.de = 'CNPC'),
      (d) => delete raw(cnpc(d).names).en,
      'cnpc: names.en (line 117, column 16): is missing: every entity has an English name',
      '{}',
    ],
    [
      'names replace the 1.1 name',
      (d) => (cnpc(d).names.fr = 'CNPC'),
      (d) => (raw(cnpc(d)).name = 'CNPC'),
      'cnpc: name (line 182, column 15): is not a known field (format 1.2 has "names": { "en": "…", "de": "…", … })',
      '"CNPC"',
    ],
    [
      'a Wikidata id is a Q-number',
      (d) => (cnpc(d).wikidata = 'Q42'),
      (d) => (cnpc(d).wikidata = '1138'),
      'cnpc: wikidata (line 182, column 19): must be a Wikidata item id such as "Q7747" (got "1138")',
      '"1138"',
    ],
    [
      '"what" fits the glance card’s line (90 characters)',
      (d) => (cnpc(d).what = 'x'.repeat(90)),
      (d) => (cnpc(d).what = 'x'.repeat(91)),
      'cnpc: what (line 123, column 15): is too long (91 > 90 characters)',
      '"xxxxxxxx',
    ],
    [
      '"why" is one sentence',
      (d) => (cnpc(d).why = 'The buyer, CNPC Co. of Beijing, in the deal.'),
      (d) => (cnpc(d).why = 'The buyer. It signed.'),
      'cnpc: why (line 124, column 14): must be one sentence (has 2): it is one line of the card',
      '"The buyer. It signed."',
    ],
    [
      '"why" describes the article’s day',
      (d) => (cnpc(d).why = 'The buyer in the deal the article expects in 2014.'),
      (d) => (cnpc(d).why = 'The buyer in the deal signed in 2014 and flowing in 2019.'),
      "cnpc: why (line 124, column 14): mentions 2019, after the article's year (2014): it describes the article's day",
      '"The buyer in the deal signed in 2014',
    ],
    [
      'an alias’s gloss fits a card line (80 characters)',
      (d) => (raw(gazprom(d).aliases[1]).gloss = 'x'.repeat(80)),
      (d) => (raw(gazprom(d).aliases[1]).gloss = 'x'.repeat(81)),
      'gazprom: aliases[1].gloss (line 24, column 20): is too long (81 > 80 characters)',
      '"xxxxxxxx',
    ],
  ])('%s', (_, right, wrong, message, held) => {
    expect(check(right).messages).toEqual([]);
    const { messages, text } = check(wrong);
    expect(messages).toEqual([message]);
    // The line and column are where the field's value starts (or the object that lacks it).
    const [, line, column] = /\(line (\d+), column (\d+)\)/.exec(message)!;
    expect(
      text
        .split('\n')
        [Number(line) - 1]!.slice(Number(column) - 1)
        .startsWith(held),
    ).toBe(true);
  });

  it('the small dataset itself passes', () => {
    expect(check(() => undefined).messages).toEqual([]);
  });
});

describe('texts hold only characters a card can show as written', () => {
  it.each<[string, (d: Dataset) => void, RegExp]>([
    [
      'a bidirectional override in a name',
      (d) => (entity(d, 'vladimir-putin').names.en = 'Vladimir \u202ePutin'),
      /^vladimir-putin: names\.en: contains a bidirectional formatting character \(U\+202E\) that would reorder/,
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

  it('compares dates at the precision both have', () => {
    expect(isBefore('2013', '2014-05-21')).toBe(true);
    expect(isBefore('2014-05-20', '2014-05-21')).toBe(true);
    expect(isBefore('2014', '2014-05-21')).toBe(false);
    expect(isBefore('2014-05', '2014-05-21')).toBe(false);
    expect(isBefore('2014-06', '2014-05-21')).toBe(false);
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
