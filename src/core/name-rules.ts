/**
 * Rules that read the words around a found name, for names that are often part of someone or
 * something else's name:
 *
 * - **surname**: a person's bare surname right after a different capitalised given name, or an
 *   initial, is another person: "Alexei Rogozin" (the son), "Ulrich Merkel", "R. Merkel". Kept:
 *   titles ("President Putin", "Mr Putin", "Chancellor Merkel"), sentence openers ("When Putin
 *   returned", "Where Putin keeps his wine", "Según Putin"), possessives ("Russia's Putin"), the
 *   person's own given names and initials, names of other entities ("Kremlin Putin"), and Title
 *   Case headlines ("Merkel Calls Putin"), where a capital says nothing.
 * - **place** (places, countries and organisations): a name that begins or ends a longer proper
 *   name is not a mention of it — a drink, a dish, a fossil, a venue, a company, a journal or another
 *   state named after the place or firm:
 *   - it ENDS one after a capitalised word that is not a modifier: a party ("United Russia"), a club
 *     ("Spartak Moscow"), another kremlin ("Tula Kremlin"), a dish ("Chicken Kiev"); or after a
 *     capitalised word and a link ("Bank of China", "Republic of China", "Universidad de Pekín");
 *   - it BEGINS one before a capitalised word ("Moscow Mule", "Peking Man", "Donbass Arena", "Gazprom
 *     Neft", "Japan Times"); so does a comma and a US state ("Moscow, Idaho");
 *   - unless the longer name is the entity's own alias (matched first: "Moscow Kremlin") or the other
 *     word keeps the reference: a continuation (Region, Oblast, Government, Embassy, War, Crisis —
 *     KEEPERS), the entity's own descriptors (the words of its longer aliases), a title, a modifier
 *     before it ("Eastern Ukraine", "Russian Gazprom"), a country or capital used as an adjunct
 *     ("India China border"), another mention ("Russia Ukraine War"), a day or sentence opener
 *     ("in Moscow Tuesday", "Au Japon"), a Title Case headline ("Russia Says It Will Respond").
 *
 * Both rules are off on German pages, where every noun is capitalised (an initial still marks
 * another person there: "R. Merkel"); the "begins" rule is off in Cyrillic, where a capital after a
 * place is a name of its own ("В Москве Лавров заявил") and longer names continue in lower case.
 * The word lists are the rules' data (grammar.ts holds the articles, prepositions, elisions and
 * links of French, Spanish and Italian); they are folded (lower case, no accents) like everything
 * the matcher compares.
 */
import { ALL_ELISIONS, ALL_FUNCTION_WORDS, ALL_LINKS, TITLE_INITIALS } from './grammar';
import { Kind, foldCode, foldText, isLower, isUpper, isWordAt, kindOf } from './normalize';

export const NameRule = {
  None: 0,
  /** A person's bare surname (marked in the data: `"nameRule": "surname"`). */
  Surname: 1,
  /** A place's name (the default for country and place entities). */
  Place: 2,
} as const;
export type NameRule = (typeof NameRule)[keyof typeof NameRule];

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/).map(foldText));

/** Titles and forms of address: the capitalised word before a surname that keeps it the person. */
const TITLES = set(`
  mr mrs ms miss mx dr prof professor sir dame lord lady president presidents vice premier prime minister
  chancellor secretary senator governor mayor ambassador envoy general gen colonel col lt captain capt admiral
  marshal commander chief leader chairman chairwoman chair director deputy speaker judge justice comrade tsar czar
  emperor king queen prince princess father saint st rev strongman autocrat dictator ruler boss head spokesman
  spokeswoman patriarch metropolitan ceo chairmen executive founder owner
  herr frau präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin altkanzlerin ministerpräsident
  staatschef kremlchef machthaber presidente presidenta señor señora sr sra don doña monsieur madame mme président
  présidente chancelière ministre
  президент премьер министр глава лидер канцлер генсек профессор господин госпожа товарищ посол депутат сенатор
  губернатор мэр директор председатель вице пан пані голова міністр прем'єр канцлерка
`);

/** Words that open sentences and clauses, and dates: a capital there is not a name. */
const OPENERS = set(`
  a an the and but or nor so for if when where while why how what who whom whose which that this these those there
  here then now today tonight yesterday tomorrow also as at by from in into of on onto to with without within after
  before since until till unless although though because once whether during despite against between through over
  under about around among amid upon like unlike than both either neither each every all any some many most much
  more less few several such only even still already again meanwhile however instead indeed thus hence therefore
  moreover furthermore besides otherwise perhaps maybe is are was were be been being am do does did has have had
  will would shall should can could may might must not no yes he she it we they i you his her its our their my your
  me him us them let says said asks asked tells told adds added watch video photos opinion analysis update live
  breaking exclusive report reports via per vs versus plus dear whereas whenever wherever well ok okay together
  soon later earlier recently finally first next last never always often sometimes yet whatever whoever
  monday tuesday wednesday thursday friday saturday sunday january february march april june july august september
  october november december jan feb mar apr jun jul aug sep sept oct nov dec
  вчера сегодня завтра когда где как что почему зачем теперь сейчас также тоже однако но и а или если после до
  потом затем ранее позже тогда именно даже лишь только уже еще ещё при для по об о про над под перед между против
  через без кроме вот это этот эта эти так там тут здесь он она они мы вы я его ее её их наш ваш кто чем чтобы хотя
  поэтому пока в во на с со к ко у из от за
  вчора сьогодні коли де як що чому тепер зараз також теж проте але і й та або якщо після потім раніше пізніше тоді
  навіть лише тільки вже ще під між проти крім ось це цей ця ці він вона вони ми ви його її їх хто щоб хоча тому із
  зі від
`);

/** Words that qualify a place without making a new name of it. */
const MODIFIERS = set(`
  eastern western northern southern central east west north south northeast northwest southeast southwest
  northeastern northwestern southeastern southwestern upper lower greater inner outer mainland continental coastal
  rural urban old new modern ancient medieval contemporary soviet tsarist czarist imperial communist red maoist
  post pre independent occupied annexed whole entire global official federal postwar prewar wartime feudal mother
  holy rising resurgent isolated authoritarian capitalist socialist stalinist revolutionary putinist
  russian chinese ukrainian german japanese american european british french italian spanish polish indian
  turkish iranian korean western-backed pro
`);

/**
 * Words after a place (or before a link and the place) that keep the reference: the place's own
 * parts and institutions, what happens there, news sections. "Donetsk Oblast", "Ukraine War",
 * "EU Commission", "the Government of Ukraine" still name the place or body; any other capitalised
 * word makes a longer name of something else.
 */
const KEEPERS = set(`
  region regions oblast oblasts province provinces territory territories district city municipality county capital
  mainland peninsula coast border borders frontier
  government governments administration authorities authority cabinet ministry ministries foreign defence defense
  interior finance economy economic trade energy affairs justice
  embassy embassies consulate mission delegation parliament senate congress council assembly duma rada court courts
  commission institutions institution member members presidency leadership leaders people peoples nation citizens
  residents
  army navy military forces troops police
  war wars crisis conflict talks summit summits policy policies relations ties deal deals sanctions invasion
  annexation occupation election elections referendum vote
  news politics business markets travel sport sports world weather latest updates coverage
  gobierno ministerio exteriores embajada ejército parlamento asuntos gouvernement ministère ambassade armée parlement
`);

/** Country, region and capital names: "India China border", "Washington Moscow talks". */
const PLACES = set(`
  afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahrain bangladesh
  belarus belgium bhutan bolivia bosnia herzegovina botswana brazil britain brunei bulgaria cambodia cameroon canada
  chad chile colombia congo croatia cuba cyprus czechia denmark ecuador egypt eritrea estonia ethiopia finland
  france gabon georgia ghana greece guatemala guinea haiti honduras hungary iceland india indonesia iran iraq
  ireland israel italy jamaica jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya
  lithuania luxembourg macedonia madagascar malaysia mali malta mexico moldova monaco mongolia montenegro morocco
  mozambique myanmar namibia nepal netherlands holland nicaragua niger nigeria norway oman pakistan palestine panama
  paraguay peru philippines poland portugal qatar romania rwanda arabia senegal serbia singapore slovakia slovenia
  somalia africa spain lanka sudan sweden switzerland syria taiwan tajikistan tanzania thailand tibet tunisia turkey
  türkiye turkmenistan uganda emirates kingdom states america uruguay uzbekistan venezuela vietnam yemen zambia
  zimbabwe europe asia eurasia siberia arctic pacific atlantic nato
  washington london paris berlin brussels warsaw minsk ankara tehran delhi islamabad kabul astana tashkent tokyo
  seoul pyongyang taipei kong hanoi manila jakarta canberra ottawa rome madrid vienna budapest prague bucharest sofia
  belgrade riga tallinn vilnius helsinki stockholm oslo copenhagen geneva munich sochi kharkiv odesa odessa mariupol
  sevastopol simferopol
`);

/** US states (and their AP abbreviations) after a comma: "Moscow, Idaho" is a town abroad. */
const US_STATES = [
  'Alabama',
  'Alaska',
  'Arizona',
  'Arkansas',
  'California',
  'Colorado',
  'Connecticut',
  'Delaware',
  'Florida',
  'Georgia',
  'Hawaii',
  'Idaho',
  'Illinois',
  'Indiana',
  'Iowa',
  'Kansas',
  'Kentucky',
  'Louisiana',
  'Maine',
  'Maryland',
  'Massachusetts',
  'Michigan',
  'Minnesota',
  'Mississippi',
  'Missouri',
  'Montana',
  'Nebraska',
  'Nevada',
  'New Hampshire',
  'New Jersey',
  'New Mexico',
  'New York',
  'North Carolina',
  'North Dakota',
  'Ohio',
  'Oklahoma',
  'Oregon',
  'Pennsylvania',
  'Rhode Island',
  'South Carolina',
  'South Dakota',
  'Tennessee',
  'Texas',
  'Utah',
  'Vermont',
  'Virginia',
  'Washington',
  'West Virginia',
  'Wisconsin',
  'Wyoming',
  'Ala.',
  'Ariz.',
  'Ark.',
  'Calif.',
  'Colo.',
  'Conn.',
  'Del.',
  'Fla.',
  'Ga.',
  'Ill.',
  'Ind.',
  'Kan.',
  'Ky.',
  'La.',
  'Md.',
  'Mass.',
  'Mich.',
  'Minn.',
  'Miss.',
  'Mo.',
  'Mont.',
  'Neb.',
  'Nev.',
  'N.H.',
  'N.J.',
  'N.M.',
  'N.Y.',
  'N.C.',
  'N.D.',
  'Okla.',
  'Ore.',
  'Pa.',
  'R.I.',
  'S.C.',
  'S.D.',
  'Tenn.',
  'Tex.',
  'Vt.',
  'Va.',
  'Wash.',
  'W.Va.',
  'Wis.',
  'Wyo.',
].map(foldText);

/** Short words that Title Case leaves in lower case: no evidence of prose. */
const TITLE_CASE_SMALL = set(
  'a an the and or nor but for of on in at to by as per via vs von van der den des del de la le les du el los las di da y e et',
);

/** A sentence opener, or an article, preposition or contraction of French, Spanish or Italian. */
const isGrammar = (word: string): boolean =>
  OPENERS.has(word) || ALL_FUNCTION_WORDS.has(word) || ALL_ELISIONS.has(word);

const SENTENCE_END = /[.!?…:;]/;
/** Opening brackets; quotes, apostrophes and dashes of every style are recognised by their fold. */
const OPENING = /[(\[]/;
const isOpening = (text: string, i: number): boolean => {
  const f = foldCode(text.charCodeAt(i));
  return f === 0x22 || f === 0x27 || f === 0x2d || OPENING.test(text[i]!);
};

interface Span {
  start: number;
  end: number;
}

const isGap = (code: number): boolean => {
  const k = kindOf(code);
  return k === Kind.Space || k === Kind.Deleted;
};

/** A word starting with a capital and holding a lower-case letter ("United", "Alexei"; not "US"). */
function isCapitalised(text: string, w: Span): boolean {
  if (!isUpper(text.charCodeAt(w.start))) return false;
  for (let i = w.start + 1; i < w.end; i++) if (isLower(text.charCodeAt(i))) return true;
  return false;
}

/**
 * The word right before `start`, separated from it by spaces only, when it starts with a capital;
 * null if punctuation intervenes or the word is in lower case (most names: "in Russia"), which
 * costs no allocation.
 */
function wordBefore(text: string, start: number): (Span & { apostrophe: boolean }) | null {
  let j = start - 1;
  let spaces = 0;
  while (j >= 0 && isGap(text.charCodeAt(j))) {
    if (kindOf(text.charCodeAt(j)) === Kind.Space) spaces++;
    j--;
  }
  if (spaces === 0 || !isWordAt(text, j)) return null;
  const end = j + 1;
  let apostrophe = false;
  while (j >= 0 && (isWordAt(text, j) || kindOf(text.charCodeAt(j)) === Kind.Apostrophe)) {
    if (kindOf(text.charCodeAt(j)) === Kind.Apostrophe) apostrophe = true;
    j--;
  }
  if (!isUpper(text.charCodeAt(j + 1))) return null;
  return { start: j + 1, end, apostrophe };
}

/** An initial right before `start`: "R. Merkel" -> "R". */
function initialBefore(text: string, start: number): string | null {
  let j = start - 1;
  let spaces = 0;
  while (j >= 0 && isGap(text.charCodeAt(j))) {
    if (kindOf(text.charCodeAt(j)) === Kind.Space) spaces++;
    j--;
  }
  if (spaces === 0 || text[j] !== '.' || !isUpper(text.charCodeAt(j - 1)) || isWordAt(text, j - 2)) return null;
  return text[j - 1]!;
}

/** Whether `w` opens a sentence: only spaces and opening quotes or dashes between it and a sentence end. */
function opensSentence(text: string, w: Span): boolean {
  for (let j = w.start - 1; j >= 0; j--) {
    const ch = text[j]!;
    if (isGap(text.charCodeAt(j)) || isOpening(text, j)) continue;
    return SENTENCE_END.test(ch);
  }
  return true;
}

/** Up to `n` words before `from` (stopping at a sentence end), nearest first. */
function wordsBefore(text: string, from: number, n: number): Span[] {
  const out: Span[] = [];
  let j = from - 1;
  while (j >= 0 && out.length < n) {
    if (SENTENCE_END.test(text[j]!)) break;
    if (!isWordAt(text, j)) {
      j--;
      continue;
    }
    const end = j + 1;
    while (j >= 0 && isWordAt(text, j)) j--;
    out.push({ start: j + 1, end });
  }
  return out;
}

/** Up to `n` words after `from` (stopping at a sentence end). */
function wordsAfter(text: string, from: number, n: number): Span[] {
  const out: Span[] = [];
  let j = from;
  while (j < text.length && out.length < n) {
    if (SENTENCE_END.test(text[j]!)) break;
    if (!isWordAt(text, j)) {
      j++;
      continue;
    }
    const start = j;
    while (j < text.length && isWordAt(text, j)) j++;
    out.push({ start, end: j });
  }
  return out;
}

/**
 * Title Case around the name: its neighbours are capitalised and none reads as prose (a lower-case
 * word other than Title Case's small words). "Merkel Calls Putin Over Ukraine" is a headline;
 * "members of United Russia said" is prose.
 */
function inTitleCase(text: string, w: Span, end: number): boolean {
  let capitals = 0;
  for (const s of [...wordsBefore(text, w.start, 8), ...wordsAfter(text, end, 8)]) {
    const small = TITLE_CASE_SMALL.has(foldText(text.slice(s.start, s.end)));
    const code = text.charCodeAt(s.start);
    if (isLower(code)) {
      if (!small) return false;
    } else if (isUpper(code) && !small) capitals++;
  }
  return capitals > 0;
}

const isCyrillic = (text: string, w: Span): boolean => /\p{Script=Cyrillic}/u.test(text[w.start]!);

/**
 * The initials of a person's own given names, from the words of the entity's longer aliases
 * ("Vladimir Putin", "Владимир Путин" -> "VВ"); titles ("President Putin") give none.
 */
export function givenNameInitials(words: readonly string[]): string {
  let out = '';
  for (const word of words) {
    const first = word[0];
    if (first === undefined || !isUpper(word.charCodeAt(0)) || word.length < 2) continue;
    const key = foldText(word.replace(/\.$/, ''));
    if (TITLES.has(key) || isGrammar(key)) continue;
    if (!out.includes(first)) out += first;
  }
  return out;
}

export interface NameContext {
  /** End of the previous hit in the unit (-1 if none): a word inside it is a known name. */
  previousEnd: number;
  /** Start of the next found name in the unit (-1 if none): a word there is a known name. */
  nextStart: number;
  /** The page's language (the rules are off on German pages, but for initials). */
  lang: string;
  /** The entity's own words (folded words of its longer aliases: Vladimir, President, Moscow …). */
  own: ReadonlySet<string>;
  /** The initials of the entity's own given names (V, W, В for Putin). */
  initials: string;
}

/**
 * The capitalised word right before a name, when it could make the name part of someone or
 * something else's name: not a title, opener, place or the entity's own word, not a possessive,
 * not inside the previous mention, and not a sentence-opening English adverb or participle
 * ("Ultimately China", "Explaining Beijing's position").
 */
function nameWordBefore(text: string, start: number, ctx: NameContext, also: ReadonlySet<string>): Span | null {
  const w = wordBefore(text, start);
  if (!w || w.apostrophe || w.end <= ctx.previousEnd || !isCapitalised(text, w)) return null;
  const word = foldText(text.slice(w.start, w.end));
  if (isGrammar(word) || TITLES.has(word) || PLACES.has(word) || also.has(word) || ctx.own.has(word)) return null;
  if (opensSentence(text, w) && /(?:ly|ing)$/.test(word)) return null;
  return w;
}

const NONE: ReadonlySet<string> = new Set();

/** Whether the surname at [start, end) names another person (see the module comment). */
export function isAnotherPerson(text: string, start: number, end: number, ctx: NameContext): boolean {
  const initial = initialBefore(text, start);
  if (initial !== null) return !ctx.initials.includes(initial) && !(TITLE_INITIALS[ctx.lang] ?? '').includes(initial);
  if (ctx.lang === 'de') return false;
  const w = nameWordBefore(text, start, ctx, NONE);
  return w !== null && !inTitleCase(text, w, end);
}

/** Whether the place name at [start, end) is part of a longer proper name (see the module comment). */
export function isInsideLongerName(text: string, start: number, end: number, ctx: NameContext): boolean {
  if (ctx.lang === 'de') return false;
  if (followedByUsState(text, end)) return true;
  if (beginsLongerName(text, start, end, ctx) || endsLongerNameAfterLink(text, start, end, ctx)) return true;
  const w = nameWordBefore(text, start, ctx, MODIFIERS);
  if (!w) return false;
  // Russian and Ukrainian put nouns before a place in the genitive at a sentence's start
  // ("Правительство России"); mid-sentence those nouns are in lower case.
  if (isCyrillic(text, w) && opensSentence(text, w)) return false;
  // A longer capitalised name before the place makes the place its adjunct, not its end:
  // "the National Security Council Ukraine expert", "a White House Russia adviser".
  const previous = wordsBefore(text, w.start, 1)[0];
  if (previous && previous.end === wordBefore(text, w.start)?.end && isCapitalised(text, previous)) {
    const word = foldText(text.slice(previous.start, previous.end));
    if (!TITLE_CASE_SMALL.has(word) && !isGrammar(word)) return false;
  }
  return !inTitleCase(text, w, end);
}

/** A word that keeps the reference when it continues the name (or stands before its link). */
function keeps(word: string, ctx: NameContext): boolean {
  return KEEPERS.has(word) || TITLES.has(word) || isGrammar(word) || PLACES.has(word) || ctx.own.has(word);
}

/** The word right after `end`, separated by spaces only (no punctuation), or null. */
function wordAfter(text: string, end: number): Span | null {
  let j = end;
  let spaces = 0;
  while (j < text.length && isGap(text.charCodeAt(j))) {
    if (kindOf(text.charCodeAt(j)) === Kind.Space) spaces++;
    j++;
  }
  if (spaces === 0 || !isWordAt(text, j)) return null;
  const start = j;
  while (j < text.length && isWordAt(text, j)) j++;
  return { start, end: j };
}

/**
 * "Moscow Mule", "Donbass Arena", "Gazprom Neft": a capitalised word right after the name that
 * does not keep the reference, outside a Title Case headline. Not in Cyrillic (module comment).
 */
function beginsLongerName(text: string, start: number, end: number, ctx: NameContext): boolean {
  const w = wordAfter(text, end);
  if (!w || w.start === ctx.nextStart || !isCapitalised(text, w) || isCyrillic(text, w)) return false;
  if (keeps(foldText(text.slice(w.start, w.end)), ctx) || endsTitle(text, start)) return false;
  return !inTitleCase(text, { start, end: w.start }, w.end);
}

/**
 * The name ends a title and a person's name follows: "Ambassador to the European Union Gordon
 * Sondland", "Foreign Minister of Japan Taro Kono" (a title, then links, right before the name).
 */
function endsTitle(text: string, start: number): boolean {
  for (const w of wordsBefore(text, start, 4)) {
    const word = foldText(text.slice(w.start, w.end));
    if (TITLES.has(word)) return true;
    if (!isGrammar(word)) return false;
  }
  return false;
}

/**
 * "Bank of China", "the Republic of China", "Universidad de Pekín": a capitalised word, then a
 * link (grammar.ts), right before the name; the word must not open the sentence ("Parts of Ukraine
 * were shelled"), unless a capitalised word comes before it ("Central Bank of Russia").
 */
function endsLongerNameAfterLink(text: string, start: number, end: number, ctx: NameContext): boolean {
  const at = linkBefore(text, start);
  if (at < 0) return false;
  const w = wordBefore(text, at);
  if (!w || w.apostrophe || w.end <= ctx.previousEnd || !isCapitalised(text, w)) return false;
  if (keeps(foldText(text.slice(w.start, w.end)), ctx)) return false;
  if (opensSentence(text, w)) {
    const previous = wordBefore(text, w.start);
    if (!previous || !isCapitalised(text, previous) || isGrammar(foldText(text.slice(previous.start, previous.end))))
      return false;
  }
  return !inTitleCase(text, w, end);
}

/** Where a link ("of", "of the", "de la", "d'") that ends right before the name starts, or -1. */
function linkBefore(text: string, start: number): number {
  let j = start;
  while (j > 0 && isGap(text.charCodeAt(j - 1))) j--;
  const elided = j === start && j > 0 && kindOf(text.charCodeAt(j - 1)) === Kind.Apostrophe;
  for (const link of ALL_LINKS) {
    // An elided link ("d'", "dell'") touches the name; the others stand apart from it.
    if (link.endsWith("'") !== elided) continue;
    const from = (elided ? start : j) - link.length;
    if (from <= 0 || foldText(text.slice(from, elided ? start : j)) !== link) continue;
    if (isWordAt(text, from - 1) || !isGap(text.charCodeAt(from - 1))) continue;
    return from;
  }
  return -1;
}

/** ", Idaho" / ", Pa." / ", New York" right after the place. */
function followedByUsState(text: string, end: number): boolean {
  let j = end;
  while (j < text.length && isGap(text.charCodeAt(j))) j++;
  if (text[j] !== ',') return false;
  j++;
  while (j < text.length && isGap(text.charCodeAt(j))) j++;
  if (!isUpper(text.charCodeAt(j))) return false;
  const rest = foldText(text.slice(j, j + 16));
  return US_STATES.some((s) => rest.startsWith(s) && (s.endsWith('.') || !isWordAt(rest, s.length)));
}
