/**
 * Declension patterns (src/core/inflection.ts), one table row per pattern: the forms a Russian or
 * Ukrainian reader expects, written from the grammar (not copied from the code's output), each
 * found as a whole word by the matcher; derived words (adjectives, nouns built on the name) are
 * not. Latin-script matching is untouched.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/dataset-types';
import { INFLECTIONS, checkInflect, inflectedForms } from '../../src/core/inflection';
import { createMatcher } from '../../src/core/matcher-data';
import { mentions } from './fixtures/matcher-dataset';

interface PatternRow {
  alias: string;
  inflect: string;
  /** Every form besides the alias itself, in any order. */
  forms: string[];
  /** Words built on the name that must not be found. */
  derived?: string[];
}

// prettier-ignore
const ROWS: PatternRow[] = [
  { alias: 'Донецк', inflect: 'ru-m', forms: ['Донецка', 'Донецку', 'Донецком', 'Донецке'], derived: ['Донецкий', 'Донецкая', 'донецкий', 'Донецкого'] },
  { alias: 'Газпром', inflect: 'ru-m', forms: ['Газпрома', 'Газпрому', 'Газпромом', 'Газпроме'], derived: ['Газпромбанк', 'Газпромнефть', 'газпромовский'] },
  { alias: 'Владимирович', inflect: 'ru-m', forms: ['Владимировича', 'Владимировичу', 'Владимировичем', 'Владимировиче'], derived: ['Владимировна'] },
  { alias: 'Путин', inflect: 'ru-m-surname', forms: ['Путина', 'Путину', 'Путиным', 'Путине'], derived: ['Путинизм', 'Путинский', 'путинский', 'Путинская', 'Путинах', 'Путиной'] },
  { alias: 'Китай', inflect: 'ru-m-j', forms: ['Китая', 'Китаю', 'Китаем', 'Китае'], derived: ['Китайский', 'Китаец', 'китайцы'] },
  { alias: 'Шанхай', inflect: 'ru-m-j', forms: ['Шанхая', 'Шанхаю', 'Шанхаем', 'Шанхае'], derived: ['Шанхайская', 'шанхайский'] },
  { alias: 'Дмитрий', inflect: 'ru-m-ij', forms: ['Дмитрия', 'Дмитрию', 'Дмитрием', 'Дмитрии'], derived: ['Дмитриевич'] },
  { alias: 'Кремль', inflect: 'ru-m-soft', forms: ['Кремля', 'Кремлю', 'Кремлём', 'Кремле'], derived: ['Кремлёвский', 'Кремлевский', 'кремлёвский'] },
  { alias: 'Москва', inflect: 'ru-f-a', forms: ['Москвы', 'Москве', 'Москву', 'Москвой', 'Москвою'], derived: ['Москвич', 'Москвичи', 'Москворецкий'] },
  { alias: 'Республика', inflect: 'ru-f-a', forms: ['Республики', 'Республике', 'Республику', 'Республикой', 'Республикою'], derived: ['Республиканский'] },
  { alias: 'Россия', inflect: 'ru-f-ija', forms: ['России', 'Россию', 'Россией', 'Россиею'], derived: ['Российский', 'Россиянин', 'россиянка'] },
  { alias: 'Известия', inflect: 'ru-pl-ija', forms: ['Известий', 'Известиям', 'Известиями', 'Известиях'] },
  { alias: 'Московский Кремль', inflect: 'ru-adj-m ru-m-soft', forms: ['Московского Кремля', 'Московскому Кремлю', 'Московским Кремлём', 'Московском Кремле'] },
  {
    alias: 'Донецкая Народная Республика',
    inflect: 'ru-adj-f ru-adj-f ru-f-a',
    forms: ['Донецкой Народной Республики', 'Донецкой Народной Республике', 'Донецкую Народную Республику', 'Донецкой Народной Республикой', 'Донецкою Народною Республикою'],
  },
  { alias: 'Донецкая область', inflect: 'ru-adj-f ru-f-soft', forms: ['Донецкой области', 'Донецкую область', 'Донецкой областью', 'Донецкою областью'] },
  { alias: 'Си Цзиньпин', inflect: '- ru-m', forms: ['Си Цзиньпина', 'Си Цзиньпину', 'Си Цзиньпином', 'Си Цзиньпине'] },
  { alias: 'Владимир Путин', inflect: 'ru-m ru-m-surname', forms: ['Владимира Путина', 'Владимиру Путину', 'Владимиром Путиным', 'Владимире Путине'] },
  { alias: 'Москва', inflect: 'ru-f-a|uk-f-a', forms: ['Москвы', 'Москви', 'Москве', 'Москві', 'Москву', 'Москвой', 'Москвою'], derived: ['Москвич'] },
  { alias: 'Пекін', inflect: 'uk-m', forms: ['Пекіна', 'Пекіну', 'Пекіном', 'Пекіні'], derived: ['Пекінський'] },
  { alias: 'Донецьк', inflect: 'uk-m-k', forms: ['Донецька', 'Донецьку', 'Донецьком'], derived: ['Донеччина'] },
  { alias: 'Крим', inflect: 'uk-m-u', forms: ['Криму', 'Кримом'], derived: ['Кримський', 'кримчани'] },
  { alias: 'Путін', inflect: 'uk-m-surname', forms: ['Путіна', 'Путіну', 'Путінові', 'Путіним', 'Путіні'], derived: ['Путінський', 'путінізм'] },
  { alias: 'Шанхай', inflect: 'uk-m-j', forms: ['Шанхаю', 'Шанхаєві', 'Шанхаєм', 'Шанхаї'] },
  { alias: 'Кремль', inflect: 'uk-m-soft', forms: ['Кремля', 'Кремлю', 'Кремлеві', 'Кремлем', 'Кремлі'], derived: ['Кремлівський'] },
  { alias: 'Київ', inflect: 'uk-m-yiv', forms: ['Києва', 'Києву', 'Києвом', 'Києві'], derived: ['Київщина', 'київський', 'Києво-Печерська'] },
  { alias: 'Україна', inflect: 'uk-f-a', forms: ['України', 'Україні', 'Україну', 'Україною'], derived: ['Українець', 'український'] },
  { alias: 'Республіка', inflect: 'uk-f-a', forms: ['Республіки', 'Республіці', 'Республіку', 'Республікою'] },
  { alias: 'Росія', inflect: 'uk-f-ija', forms: ['Росії', 'Росію', 'Росією'], derived: ['Російський', 'Росіянин'] },
  {
    alias: 'Донецька Народна Республіка',
    inflect: 'uk-adj-f uk-adj-f uk-f-a',
    forms: ['Донецької Народної Республіки', 'Донецькій Народній Республіці', 'Донецьку Народну Республіку', 'Донецькою Народною Республікою'],
  },
  { alias: 'Донецька область', inflect: 'uk-adj-f uk-f-soft', forms: ['Донецької області', 'Донецькій області', 'Донецьку область', 'Донецькою областю'] },
];

/** A one-entity dataset holding the row's alias (and, to check Latin script is untouched, "Putin"). */
function matcherFor(row: PatternRow) {
  const dataset = {
    version: '0.0.0',
    date: '2024-01-01',
    entities: [
      {
        id: 'x',
        type: 'place',
        names: { en: row.alias },
        aliases: [{ text: row.alias, inflect: row.inflect }, 'Putin'],
        related: [],
      },
    ],
  } as unknown as Dataset;
  return createMatcher(dataset);
}

describe('declension patterns', () => {
  it.each(ROWS.map((r) => [`${r.alias} (${r.inflect})`, r] as const))('%s', (_, row) => {
    expect(checkInflect(row.alias, row.inflect)).toBeNull();
    const forms = inflectedForms(row.alias, row.inflect);
    expect(forms[0]).toBe(row.alias);
    expect(new Set(forms.slice(1))).toEqual(new Set(row.forms));
    const m = matcherFor(row);
    // Every form is found as a whole word, in running text and in quotes («Газпрома»).
    for (const form of [row.alias, ...row.forms]) {
      expect(mentions(m, `Сообщение: ${form} и другие.`), form).toEqual([['x', form, 11]]);
      expect(mentions(m, `«${form}»`), form).toEqual([['x', form, 1]]);
      const upper = form.toUpperCase();
      expect(mentions(m, `${upper} ЗАЯВИЛ`), upper).toEqual([['x', upper, 0]]);
    }
    // Words built on the name are not the name.
    for (const word of row.derived ?? []) expect(mentions(m, `Слово ${word} здесь.`), word).toEqual([]);
  });

  it('has a row for every pattern', () => {
    const used = new Set(ROWS.flatMap((r) => r.inflect.split(/[\s|]+/)));
    for (const name of Object.keys(INFLECTIONS)) expect(used, name).toContain(name);
  });

  it('accepts ё written as е (Кремлем = Кремлём)', () => {
    const m = matcherFor(ROWS.find((r) => r.inflect === 'ru-m-soft')!);
    expect(mentions(m, 'над Кремлем')).toEqual([['x', 'Кремлем', 4]]);
  });

  it('leaves Latin script alone: no Russian endings on Latin names', () => {
    const m = matcherFor(ROWS.find((r) => r.inflect === 'ru-m-surname')!);
    expect(mentions(m, 'Putin and Putina and Putinym')).toEqual([['x', 'Putin', 0]]);
  });

  it.each<[string, string, RegExp]>([
    ['Путин', 'ru-m ru-m', /^lists 2 patterns for 1 word/],
    ['Путин', 'ru-x', /^unknown pattern "ru-x"/],
    ['Россия', 'ru-f-a', /^"ru-f-a" does not fit "Россия": it is for Russian feminine noun in -а/],
    ['Кремль', 'ru-m', /^"ru-m" does not fit "Кремль"/],
    ['Си Цзиньпин', '- -', /^declines no word/],
    ['Москва', 'ru-f-a|uk-f-ija', /^"uk-f-ija" does not fit "Москва"/],
  ])('rejects %s with "%s"', (text, inflect, message) => {
    expect(checkInflect(text, inflect)).toMatch(message);
  });
});
