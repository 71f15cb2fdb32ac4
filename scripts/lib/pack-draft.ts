/**
 * Drafting a story pack from a saved article (npm run pack:draft): the article's text by
 * @mozilla/readability, the story line from the page's metadata, candidate people, places and
 * organisations by compromise (an NLP library made for this), variants of one name merged (a
 * surname into the full name it ends), mentions counted. Every statement is left for a person to
 * write and source: the draft marks each TODO, and the validator refuses a pack that still has one.
 */
import { Readability } from '@mozilla/readability';
import nlp from 'compromise';
import { JSDOM } from 'jsdom';
import { ENTITY_ID, type Entity, type EntityType } from '../../src/core/dataset-types';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../src/core/pack';

export interface Candidate {
  name: string;
  type: EntityType;
  /** The forms seen in the text, the name first. */
  aliases: string[];
  mentions: number;
}

export interface Draft {
  pack: Pack;
  candidates: Candidate[];
}

/** Titles before a name that are not part of it ("President Trump", "Vice President Biden"). */
const TITLES =
  /^(?:(?:Vice|Deputy|Acting|Former|Then|Under)\s+)?(?:President|Secretary|Adviser|Advisor|Ambassador|Minister|Chancellor|Premier|Senator|Sen\.|Rep\.|Representative|Gov\.|Governor|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Lt\.?|Col\.?|Gen\.?|General|Chairman|Chair|Speaker|Prime Minister|Foreign Minister|National Security Adviser|Attorney General|King|Queen|Prince|Pope)\s+/;

/** A name as written, without quotes, trailing punctuation, a possessive or a title before it. */
export function cleanName(text: string): string {
  let s = text
    .replace(/[\u201C\u201D"“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '').replace(/\.$/, '');
  s = s.replace(/['’]s$/u, '').replace(/['’]$/u, '');
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(TITLES, '');
  }
  // "Adviser John Bolton — Morrison": a dash ends the name.
  return s.split(/\s[—–-]\s/)[0]!.trim();
}

const slug = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Occurrences of `alias` as a whole word in `text`, outside the spans already taken (which it then takes). */
function countAndTake(text: string, alias: string, taken: boolean[]): number {
  const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  let n = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.slice(start, end).some(Boolean)) continue;
    for (let i = start; i < end; i++) taken[i] = true;
    n++;
  }
  return n;
}

/** Candidates of the text: found by compromise, variants merged, counted, most mentioned first. */
export function findCandidates(text: string): Candidate[] {
  const doc = nlp(text);
  const found = new Map<string, EntityType>();
  const add = (list: string[], type: EntityType): void => {
    for (const raw of list) {
      const name = cleanName(raw);
      if (name.length < 2 || !/^\p{Lu}/u.test(name) || found.has(name)) continue;
      found.set(name, type);
    }
  };
  add(doc.people().out('array') as string[], 'person');
  add(doc.match('#Country').out('array') as string[], 'country');
  add(doc.places().out('array') as string[], 'place');
  add(doc.organizations().out('array') as string[], 'organization');

  // Full names lead; a single word that ends (or starts) exactly one longer name of the same kind is
  // one of its forms ("Volker" of "Kurt Volker").
  const names = [...found.keys()].sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);
  const groups = new Map<string, Candidate>();
  for (const name of names) {
    const type = found.get(name)!;
    const words = name.split(' ');
    if (words.length === 1) {
      const owners = [...groups.values()].filter(
        (c) => c.type === type && c.name.split(' ').length > 1 && c.name.split(' ').at(-1) === name,
      );
      if (owners.length === 1) {
        owners[0]!.aliases.push(name);
        continue;
      }
    }
    const longer = [...groups.values()].find((c) => c.aliases.includes(name));
    if (longer) continue;
    groups.set(name, { name, type, aliases: [name], mentions: 0 });
  }
  // A person's surname alone is one of their forms wherever it stands in the text ("Volker"), unless
  // two people share it ("Biden" of Joe and Hunter stays a candidate of its own).
  const people = [...groups.values()].filter((c) => c.type === 'person' && c.name.includes(' '));
  const surnames = new Map<string, Candidate[]>();
  for (const c of people) {
    const last = c.name.split(' ').at(-1)!;
    if (last.length >= 3) surnames.set(last, [...(surnames.get(last) ?? []), c]);
  }
  for (const [surname, owners] of surnames) {
    if (owners.length !== 1) continue;
    const owner = owners[0]!;
    if (!owner.aliases.includes(surname)) owner.aliases.push(surname);
    groups.delete(surname);
  }
  // Count: longer forms first, so "Kurt Volker" is not counted again as "Volker".
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const forms = [...groups.values()]
    .flatMap((c) => c.aliases.map((alias) => ({ c, alias })))
    .sort((a, b) => b.alias.length - a.alias.length);
  for (const { c, alias } of forms) c.mentions += countAndTake(text, alias, taken);
  return [...groups.values()]
    .filter((c) => c.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}

/** What a draft leaves for a person: every statement, and where it comes from. */
const TODO_SOURCE = { publisher: 'TODO: publisher', title: 'TODO: headline as published', date: 'TODO: YYYY-MM-DD' };

function draftEntity(c: Candidate, ids: Set<string>): Entity {
  let id = slug(c.name) || 'entity';
  if (!ENTITY_ID.test(id)) id = `entity-${ids.size + 1}`;
  for (let n = 2; ids.has(id); n++) id = `${slug(c.name)}-${n}`;
  ids.add(id);
  const aliases = c.aliases.map((a, i) =>
    i > 0 && c.type === 'person' && !a.includes(' ') ? { text: a, nameRule: 'surname' as const } : a,
  );
  return {
    id,
    type: c.type,
    names: { en: c.name },
    aliases,
    what: 'TODO: what it is, as of the story’s day (at most 90 characters)',
    why: 'TODO: why it matters in this story, in one sentence (at most 140 characters)',
    summary: 'TODO: 2–4 sentences in your own words, true as of the story’s day; the first says why it matters here.',
    inArticle: 'TODO: what the article says about it',
    namedInArticle: true,
    sources: [TODO_SOURCE],
    facts: [1, 2, 3].map(() => ({
      date: 'TODO: YYYY-MM-DD',
      period: 'article' as const,
      text: 'TODO: a dated key fact',
      sources: [TODO_SOURCE],
    })),
    related: [],
    wikipedia: 'TODO: https://en.wikipedia.org/wiki/…',
  };
}

const meta = (doc: Document, selector: string): string | null =>
  doc.querySelector(selector)?.getAttribute('content')?.trim() || null;

/** The day of a date-time in the page's metadata ("2019-11-20T06:07:01+0000" -> 2019-11-20). */
function dayOf(value: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return m ? m[1]! : null;
}

/** Drafts a pack from a saved article page; `url` is where it was saved from, if known. */
export function draftPack(html: string, options: { url?: string; today?: string; max?: number } = {}): Draft {
  const dom = new JSDOM(html, { url: options.url ?? 'https://example.invalid/' });
  const doc = dom.window.document;
  const canonical =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, 'meta[property="og:url"]');
  const lang = doc.documentElement.getAttribute('lang')?.split(/[-_]/)[0]?.toLowerCase() || 'en';
  const story = {
    title: meta(doc, 'meta[property="og:title"]') ?? doc.title.trim(),
    publisher: meta(doc, 'meta[property="og:site_name"]') ?? 'TODO: publisher',
    date:
      dayOf(meta(doc, 'meta[property="article:published_time"]')) ??
      dayOf(doc.querySelector('time[datetime]')?.getAttribute('datetime')) ??
      'TODO: YYYY-MM-DD',
    daysAfterEnd: 'TODO: YYYY-MM-DD, the last of the days after the story',
    url: canonical ?? options.url ?? 'TODO: https://…',
    language: lang,
  };
  const article = new Readability(doc).parse();
  if (article) {
    if (story.title === '') story.title = article.title ?? '';
    if (story.publisher.startsWith('TODO') && article.siteName) story.publisher = article.siteName;
    if (story.date.startsWith('TODO')) story.date = dayOf(article.publishedTime) ?? story.date;
  }
  const text = article?.textContent ?? doc.body?.textContent ?? '';
  const candidates = findCandidates(text).slice(0, options.max ?? 40);
  const ids = new Set<string>();
  const pack: Pack = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: slug(`${story.title}`).slice(0, 48).replace(/-$/, '') || 'my-story',
    version: '0.1.0',
    date: options.today ?? new Date().toISOString().slice(0, 10),
    story,
    entities: candidates.map((c) => draftEntity(c, ids)),
  };
  return { pack, candidates };
}
