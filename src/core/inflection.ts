/**
 * Declension of Russian and Ukrainian names, as data. Russian and Ukrainian pages decline names
 * (Путин, Путина, Путину, Путиным, о Путине), so an alias given in the nominative would find only
 * a fraction of its mentions. An alias names its pattern (`"inflect": "ru-m-surname"`, one pattern
 * per word for phrases), and the matcher's data is compiled with every form of it: the automaton
 * and the ordinary whole-word check then do the rest, so "Путинизм" stays unmatched and Latin
 * script is untouched.
 *
 * Only the singular of each pattern is listed. Forms that differ by stress or by exception are
 * left out rather than guessed; a form a language never writes is harmless (it is never found).
 */

/** The oblique cases a pattern lists (the nominative is the alias itself). */
export const CASES = ['gen', 'dat', 'acc', 'ins', 'loc'] as const;
export type GrammaticalCase = (typeof CASES)[number];

export interface InflectionPattern {
  /** Language of the pattern ('ru' or 'uk'). */
  lang: 'ru' | 'uk';
  /** Which words take it, with examples (shown in docs and error messages). */
  description: string;
  /** The base form must end like this (what it fits). */
  fits: RegExp;
  /** Letters removed from the end of the base form before an ending is added. */
  strip: number;
  /**
   * Endings per case; several where usage varies (-ой/-ою). A missing accusative is the
   * nominative for every word of the phrase (masculine things); a masculine person's accusative
   * is his genitive, which the genitive already lists ("Владимира Путина").
   */
  endings: Readonly<Partial<Record<GrammaticalCase, readonly string[]>>>;
  /** Ukrainian: к, г, х become ц, з, с before the dative/locative -і (Республіка → Республіці). */
  palatalise?: boolean;
}

/** Every declension pattern, by name. Names read `<lang>-<gender or part of speech>[-<ending>]`. */
export const INFLECTIONS = {
  // Russian -------------------------------------------------------------------------------------
  'ru-m': {
    lang: 'ru',
    description: 'Russian masculine noun ending in a hard consonant (Донецк, Пекин, Газпром, Крым, Владимир)',
    fits: /[бвгдзклмнпрстфхжшчщц]$/,
    strip: 0,
    endings: { gen: ['а'], dat: ['у'], ins: ['ом'], loc: ['е'] },
  },
  'ru-m-surname': {
    lang: 'ru',
    description: 'Russian surname in -ин, -ын, -ов, -ев, -ёв (Путин, Рогозин, Лузянин): instrumental -ым',
    fits: /(?:ин|ын|ов|ев|ёв)$/,
    strip: 0,
    endings: { gen: ['а'], dat: ['у'], ins: ['ым'], loc: ['е'] },
  },
  'ru-m-j': {
    lang: 'ru',
    description: 'Russian masculine noun in -ай, -ей, -ой (Китай, Шанхай, Сергей)',
    fits: /[аеоу]й$/,
    strip: 1,
    endings: { gen: ['я'], dat: ['ю'], ins: ['ем'], loc: ['е'] },
  },
  'ru-m-ij': {
    lang: 'ru',
    description: 'Russian masculine noun in -ий (Дмитрий): prepositional -ии',
    fits: /ий$/,
    strip: 1,
    endings: { gen: ['я'], dat: ['ю'], ins: ['ем'], loc: ['и'] },
  },
  'ru-m-soft': {
    lang: 'ru',
    description: 'Russian masculine noun in -ь (Кремль): instrumental -ём (also written -ем)',
    fits: /[^аеёиоуыэюя]ь$/,
    strip: 1,
    endings: { gen: ['я'], dat: ['ю'], ins: ['ём'], loc: ['е'] },
  },
  'ru-f-a': {
    lang: 'ru',
    description: 'Russian feminine noun in -а (Москва, Украина, Сила, Республика; -и after г, к, х)',
    fits: /[^аеёиоуыэюяь]а$/,
    strip: 1,
    endings: { gen: ['ы'], dat: ['е'], acc: ['у'], ins: ['ой', 'ою'], loc: ['е'] },
  },
  'ru-f-ija': {
    lang: 'ru',
    description: 'Russian feminine noun in -ия (Россия, Германия, Федерация)',
    fits: /ия$/,
    strip: 1,
    endings: { gen: ['и'], dat: ['и'], acc: ['ю'], ins: ['ей', 'ею'], loc: ['и'] },
  },
  'ru-f-soft': {
    lang: 'ru',
    description: 'Russian feminine noun in -ь (область)',
    fits: /[^аеёиоуыэюя]ь$/,
    strip: 1,
    endings: { gen: ['и'], dat: ['и'], acc: ['ь'], ins: ['ью'], loc: ['и'] },
  },
  'ru-adj-m': {
    lang: 'ru',
    description: 'Russian masculine adjective in -ый or -кий/-гий/-хий (Московский, государственный)',
    fits: /(?:ый|[гкх]ий)$/,
    strip: 2,
    endings: { gen: ['ого'], dat: ['ому'], ins: ['ым'], loc: ['ом'] },
  },
  'ru-adj-f': {
    lang: 'ru',
    description: 'Russian feminine adjective in -ая (Российская, Донецкая, Народная)',
    fits: /ая$/,
    strip: 2,
    endings: { gen: ['ой'], dat: ['ой'], acc: ['ую'], ins: ['ой', 'ою'], loc: ['ой'] },
  },
  'ru-pl-ija': {
    lang: 'ru',
    description: 'Russian plural noun in -ия (Известия)',
    fits: /ия$/,
    strip: 1,
    endings: { gen: ['й'], dat: ['ям'], ins: ['ями'], loc: ['ях'] },
  },
  // Ukrainian -----------------------------------------------------------------------------------
  'uk-m': {
    lang: 'uk',
    description:
      'Ukrainian masculine place name ending in a consonant other than к, г, х, genitive -а (Пекін: у Пекіні)',
    fits: /[бвґдзлмнпрстфжшчщц]$/,
    strip: 0,
    endings: { gen: ['а'], dat: ['у'], ins: ['ом'], loc: ['і'] },
  },
  'uk-m-k': {
    lang: 'uk',
    description: 'Ukrainian masculine place name ending in к, г, х, locative -у (Донецьк, Луганськ: у Донецьку)',
    fits: /[кгх]$/,
    strip: 0,
    endings: { gen: ['а'], dat: ['у'], ins: ['ом'], loc: ['у'] },
  },
  'uk-m-u': {
    lang: 'uk',
    description: 'Ukrainian masculine place name with genitive -у (Крим: з Криму, у Криму)',
    fits: /[бвгґдзклмнпрстфхжшчщц]$/,
    strip: 0,
    endings: { gen: ['у'], dat: ['у'], ins: ['ом'], loc: ['у'] },
  },
  'uk-m-surname': {
    lang: 'uk',
    description: 'Ukrainian form of a surname in -ін, -ин, -ов, -ев (Путін, Рогозін): instrumental -им',
    fits: /(?:ін|ин|ов|ев)$/,
    strip: 0,
    endings: { gen: ['а'], dat: ['у', 'ові'], ins: ['им'], loc: ['і', 'ові'] },
  },
  'uk-m-j': {
    lang: 'uk',
    description: 'Ukrainian masculine noun in -ай, -ей (Китай, Шанхай)',
    fits: /[ае]й$/,
    strip: 1,
    endings: { gen: ['ю'], dat: ['ю', 'єві'], ins: ['єм'], loc: ['ї', 'ю'] },
  },
  'uk-m-soft': {
    lang: 'uk',
    description: 'Ukrainian masculine noun in -ь (Кремль)',
    fits: /[^аеєиіїоуюя]ь$/,
    strip: 1,
    endings: { gen: ['я'], dat: ['ю', 'еві'], ins: ['ем'], loc: ['і', 'ю'] },
  },
  'uk-m-yiv': {
    lang: 'uk',
    description: 'Ukrainian masculine noun in -їв, whose ї becomes є (Київ: Києва, у Києві)',
    fits: /їв$/,
    strip: 2,
    endings: { gen: ['єва'], dat: ['єву'], ins: ['євом'], loc: ['єві'] },
  },
  'uk-f-a': {
    lang: 'uk',
    description: 'Ukrainian feminine noun in -а (Україна, Москва, Німеччина, Республіка → Республіці)',
    fits: /[^аеєиіїоуюяь]а$/,
    strip: 1,
    endings: { gen: ['и'], dat: ['і'], acc: ['у'], ins: ['ою'], loc: ['і'] },
    palatalise: true,
  },
  'uk-f-ija': {
    lang: 'uk',
    description: 'Ukrainian feminine noun in -ія (Росія)',
    fits: /ія$/,
    strip: 1,
    endings: { gen: ['ї'], dat: ['ї'], acc: ['ю'], ins: ['єю'], loc: ['ї'] },
  },
  'uk-f-soft': {
    lang: 'uk',
    description: 'Ukrainian feminine noun in -ь (область)',
    fits: /[^аеєиіїоуюя]ь$/,
    strip: 1,
    endings: { gen: ['і'], dat: ['і'], acc: ['ь'], ins: ['ю'], loc: ['і'] },
  },
  'uk-adj-f': {
    lang: 'uk',
    description: 'Ukrainian feminine adjective in -а (Донецька, Луганська, Народна)',
    fits: /[нкцзлр]а$/,
    strip: 1,
    endings: { gen: ['ої'], dat: ['ій'], acc: ['у'], ins: ['ою'], loc: ['ій'] },
  },
} as const satisfies Record<string, InflectionPattern>;

export type InflectionName = keyof typeof INFLECTIONS;

/** A word that does not decline in an `inflect` list ("Си" in "Си Цзиньпин"). */
export const FIXED = '-';

function isPattern(name: string): name is InflectionName {
  return Object.hasOwn(INFLECTIONS, name);
}

/** Russian spelling rules for an ending after a stem: -ы becomes -и after г к х ж ш ч щ; an unstressed -о- after ж ш ч щ ц becomes -е- (Владимирович → Владимировичем). */
function joinRussian(stem: string, ending: string): string {
  const last = stem.slice(-1).toLowerCase();
  if (ending.startsWith('ы') && 'гкхжшчщ'.includes(last)) return stem + 'и' + ending.slice(1);
  if (/^о[мйю]$/.test(ending) && 'жшчщц'.includes(last)) return stem + 'е' + ending.slice(1);
  return stem + ending;
}

const PALATAL: Readonly<Record<string, string>> = { к: 'ц', г: 'з', х: 'с', К: 'Ц', Г: 'З', Х: 'С' };

function formsOfWord(word: string, name: InflectionName, c: GrammaticalCase): string[] {
  const p: InflectionPattern = INFLECTIONS[name];
  const endings = p.endings[c];
  if (!endings) return [word];
  const stem = word.slice(0, word.length - p.strip);
  return endings.map((ending) => {
    if (p.lang === 'ru') return joinRussian(stem, ending);
    const last = stem.slice(-1);
    if (p.palatalise && ending === 'і' && PALATAL[last]) return stem.slice(0, -1) + PALATAL[last] + ending;
    return stem + ending;
  });
}

/**
 * Why an `inflect` value does not fit its alias, or null when it does. The value lists one entry
 * per word of the alias: a pattern name, several joined with "|" (a spelling shared by Russian
 * and Ukrainian: "ru-f-a|uk-f-a"), or "-" for a word that does not change.
 */
export function checkInflect(text: string, inflect: string): string | null {
  const words = text.split(' ');
  const entries = inflect.trim().split(/\s+/);
  if (entries.length !== words.length) {
    return `lists ${entries.length} pattern${entries.length === 1 ? '' : 's'} for ${words.length} word${words.length === 1 ? '' : 's'} (one per word, "${FIXED}" for a word that does not change)`;
  }
  for (const [i, entry] of entries.entries()) {
    if (entry === FIXED) continue;
    const word = words[i]!;
    for (const name of entry.split('|')) {
      if (!isPattern(name)) return `unknown pattern "${name}" (known: ${Object.keys(INFLECTIONS).join(', ')})`;
      if (!INFLECTIONS[name].fits.test(word.toLowerCase())) {
        return `"${name}" does not fit "${word}": it is for ${INFLECTIONS[name].description}`;
      }
    }
  }
  if (entries.every((e) => e === FIXED)) return `declines no word (leave "inflect" out)`;
  return null;
}

/**
 * Every form of an alias under its `inflect` value, the alias itself first, without repeats.
 * Words of a phrase decline together, case by case ("Донецкой Народной Республики"); where a case
 * has variants (-ой/-ою) the n-th variant of each word goes together. Assumes checkInflect passed.
 */
export function inflectedForms(text: string, inflect: string | undefined): string[] {
  if (inflect === undefined) return [text];
  const words = text.split(' ');
  const entries = inflect.trim().split(/\s+/);
  const forms = new Set<string>([text]);
  for (const c of CASES) {
    const perWord = words.map((word, i) => {
      const entry = entries[i] ?? FIXED;
      if (entry === FIXED) return [word];
      const variants = new Set<string>();
      for (const name of entry.split('|')) {
        if (isPattern(name)) for (const f of formsOfWord(word, name, c)) variants.add(f);
      }
      return [...variants];
    });
    const n = Math.max(...perWord.map((v) => v.length));
    for (let k = 0; k < n; k++) forms.add(perWord.map((v) => v[Math.min(k, v.length - 1)]!).join(' '));
  }
  return [...forms];
}
