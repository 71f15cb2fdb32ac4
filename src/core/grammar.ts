/**
 * The grammar that touches a name, as data, per language: what the name rules (name-rules.ts) and
 * the capitals context (find-mentions.ts) must read as grammar rather than as part of a name.
 *
 * - **Elision** (French, Italian): an article or preposition loses its vowel and joins the name with
 *   an apostrophe: l'Ukraine, d'Ukraine, qu'Ukraine, dell'Ucraina, all'Ucraina. The name after the
 *   apostrophe is a whole word already (the apostrophe is a boundary); in capitals ("L'UKRAINE") the
 *   elided word is not a neighbour that says whether the name stands among capitals.
 * - **Articles, prepositions and their contractions** (French du, au, des; Spanish del, al; Italian
 *   della, nella): capitalised at the start of a sentence they do not make a longer name of the name
 *   after them ("Au Japon", "Del Kremlin", "Según Putin").
 * - **Links** that join a name to the end of a longer name: "Bank of China", "Universidad de
 *   Pekín", "Université de Pékin", "Banca di Russia".
 *
 * Russian and Ukrainian declension is in inflection.ts, the German genitive -s in find-mentions.ts.
 * Every word is folded (lower case, no accents) as the matcher compares words.
 */
import { foldText } from './normalize';

const words = (s: string): string[] => s.trim().split(/\s+/).map(foldText);

/** Elided forms, without their apostrophe, that attach to the next word. */
export const ELISIONS: Readonly<Record<string, readonly string[]>> = {
  fr: words('l d qu j n s m t c jusqu lorsqu puisqu quoiqu presqu'),
  it: words('l d dell all dall nell sull coll un quest quell'),
};

/** Articles, prepositions and contractions: grammar words, not parts of a name. */
export const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  fr: words(`
    le la les un une des du au aux de en dans selon pour par avec sans sur sous chez entre vers contre
    après avant depuis pendant et ou mais donc car que qui quand où comme si ce cet cette ces son sa ses
    leur leurs notre votre il elle ils elles on nous vous je tu y lundi mardi mercredi jeudi vendredi
    samedi dimanche hier aujourd demain`),
  es: words(`
    el la los las un una unos unas del al de en con por para según sin sobre entre hacia desde hasta tras
    y e o u pero que quien cuando donde como si su sus este esta estos estas ese esa lunes martes
    miércoles jueves viernes sábado domingo ayer hoy mañana`),
  it: words(`
    il lo la i gli le un una del dello della dei degli delle al allo alla ai agli alle dal dalla nel
    nella sul sulla di da in con su per tra fra e o ma che secondo`),
};

/**
 * Links between the end of a longer name and the name after it ("Bank of China"), per language:
 * phrases of one or two words, folded.
 */
export const LINKS: Readonly<Record<string, readonly string[]>> = {
  en: ['of', 'of the'],
  fr: ['de', 'du', 'des', 'de la', "de l'", "d'"],
  es: ['de', 'del', 'de la', 'de los', 'de las'],
  it: ['di', 'del', 'della', "dell'", 'dei', 'degli', 'delle'],
};

/** One-letter abbreviations of titles, per language: "M. Poutine" is Monsieur Poutine, not an initial. */
export const TITLE_INITIALS: Readonly<Record<string, string>> = { fr: 'M' };

/** Every language's elisions, function words and links in one set each (the rules read them together). */
export const ALL_ELISIONS: ReadonlySet<string> = new Set(Object.values(ELISIONS).flat());
export const ALL_FUNCTION_WORDS: ReadonlySet<string> = new Set(Object.values(FUNCTION_WORDS).flat());
export const ALL_LINKS: readonly string[] = [...new Set(Object.values(LINKS).flat())].sort(
  (a, b) => b.length - a.length,
);
