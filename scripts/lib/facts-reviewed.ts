/**
 * Statements on two entities that `npm run facts -- --check` finds nearly the same, read by a
 * fact-checker and left as they are, with the reason (docs/dataset.md, "Checking the facts").
 * They are listed, not counted as problems; a pair that is no longer found is a problem (remove it
 * here), and a new pair fails the check until it is fixed or reviewed.
 */

/** Why a pair stands. */
const ARTICLE = 'both restate the one sentence of the article that names both';
const EVENT = 'the same event belongs on both cards, and each card must make sense alone';

/** Pairs of "entity field", in file order. */
export const REVIEWED_DUPLICATES: readonly { pair: readonly [string, string]; why: string }[] = [
  { pair: ['dmitry-rogozin inArticle', 'strategic-projects-2014 inArticle'], why: ARTICLE },
  { pair: ['angela-merkel inArticle', 'ukraine-constitutional-reform inArticle'], why: ARTICLE },
  { pair: ['crimea inArticle', 'positive-neutrality why'], why: ARTICLE },
  { pair: ['crimea inArticle', 'positive-neutrality inArticle'], why: ARTICLE },
  { pair: ['donetsk-peoples-republic inArticle', 'luhansk-peoples-republic inArticle'], why: ARTICLE },
  { pair: ['donetsk-peoples-republic inArticle', 'national-unity-roundtables inArticle'], why: ARTICLE },
  { pair: ['luhansk-peoples-republic inArticle', 'national-unity-roundtables inArticle'], why: ARTICLE },
  { pair: ['russia sinceThen.items[1]', 'ukraine sinceThen.items[2]'], why: EVENT },
  { pair: ['china facts[0]', 'beijing facts[1]'], why: EVENT },
  { pair: ['china sinceThen.items[1]', 'positive-neutrality sinceThen.items[1]'], why: EVENT },
  { pair: ['ukraine facts[5]', 'ukraine-crisis facts[4]'], why: EVENT },
  { pair: ['ukraine sinceThen.items[3]', 'kyiv sinceThen.items[3]'], why: EVENT },
  { pair: ['ukraine sinceThen.items[4]', 'crimea-annexation sinceThen.items[1]'], why: EVENT },
  { pair: ['japan facts[1]', 'east-china-sea facts[1]'], why: EVENT },
  { pair: ['crimea facts[1]', 'crimea-annexation facts[0]'], why: EVENT },
  { pair: ['donetsk sinceThen.items[0]', 'luhansk sinceThen.items[1]'], why: EVENT },
  { pair: ['donetsk sinceThen.items[0]', 'donbas sinceThen.items[2]'], why: EVENT },
  { pair: ['luhansk facts[1]', 'luhansk-peoples-republic facts[0]'], why: EVENT },
  { pair: ['luhansk sinceThen.items[0]', 'donbas sinceThen.items[1]'], why: EVENT },
  { pair: ['luhansk sinceThen.items[1]', 'donbas sinceThen.items[2]'], why: EVENT },
  { pair: ['donetsk-peoples-republic sinceThen.items[1]', 'luhansk-peoples-republic sinceThen.items[1]'], why: EVENT },
  { pair: ['putin-china-visit-2014 facts[3]', 'positive-neutrality facts[3]'], why: EVENT },
  { pair: ['ukraine-crisis facts[3]', 'donbas facts[1]'], why: EVENT },
  { pair: ['western-sanctions-2014 facts[4]', 'european-union facts[3]'], why: EVENT },
];
