/**
 * Generated benchmark pages: news-like markup with many inline elements (a, em, strong, span),
 * realistic paragraphs that mix the dataset's entity names with ordinary prose, and a 2,000-deep
 * chain of divs. Everything is deterministic (seeded), so every run and every browser sees the
 * same bytes.
 *
 * The deep chain is built by a small inline script at the end of <body> (before DOMContentLoaded):
 * HTML parsers cap nesting (Chromium at 512, Firefox lower), so markup alone cannot make it.
 */
import type { Dataset } from '../src/core/dataset-types';
import { aliasSpec } from '../src/core/matcher-data';

/** Small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One way a page names an entity, with a weight (how often a news page would use it). */
interface Mention {
  text: string;
  weight: number;
}

/**
 * The names the pages use: every alias of the dataset that counts on its own (no `when` rule, not
 * an any-case phrase), the canonical names most often, non-Latin forms rarely. "Xi" (which needs
 * "Xi Jinping" elsewhere on the page) appears too, as it would in real coverage.
 */
export function mentionPool(dataset: Dataset): Mention[] {
  const pool: Mention[] = [];
  for (const e of dataset.entities) {
    e.aliases.forEach((a, i) => {
      const spec = aliasSpec(a);
      if (spec.case === 'any') return;
      if (spec.when && spec.text !== 'Xi') return;
      const latin = /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u.test(spec.text);
      let weight = i === 0 ? 4 : 1;
      if (!latin) weight = 0.15;
      if (e.type === 'event' || e.type === 'concept') weight *= 0.5;
      pool.push({ text: spec.text, weight });
    });
  }
  return pool;
}

/** Plain (unconditional) mentions only: what the appending page uses, so every one must paint. */
export function plainPool(dataset: Dataset): Mention[] {
  return mentionPool(dataset).filter(
    (m) =>
      m.text !== 'Xi' &&
      !dataset.entities.some((e) => e.aliases.some((a) => aliasSpec(a).text === m.text && aliasSpec(a).homograph)) &&
      /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u.test(m.text),
  );
}

function weighted(r: Rand, pool: readonly Mention[], total: number): string {
  let x = r() * total;
  for (const m of pool) {
    x -= m.weight;
    if (x <= 0) return m.text;
  }
  return pool[pool.length - 1]!.text;
}

// Ordinary prose. No word here is an alias (in particular no lower-case "china" or "japan", which
// would turn those names into homographs needing support).
const SUBJECT = [
  'officials',
  'analysts',
  'diplomats',
  'the ministry',
  'investors',
  'two senior aides',
  'the delegation',
  'energy executives',
  'a spokesman',
  'observers',
  'the negotiators',
  'several economists',
  'lawmakers',
];
const VERB = [
  'said',
  'told reporters',
  'confirmed',
  'argued',
  'warned',
  'suggested',
  'noted',
  'insisted',
  'added',
  'acknowledged',
  'stressed',
  'wrote in a statement',
];
const TOPIC = [
  'the pipeline contract',
  'closer defence ties',
  'the price of gas',
  'joint naval exercises',
  'the border settlement',
  'trade in national currencies',
  'a new credit line',
  'the security summit',
  'infrastructure projects',
  'rocket engine technology',
  'the sanctions regime',
  'regional stability',
  'the long-term supply agreement',
  'grain exports',
  'a visa-free regime',
  'satellite navigation',
];
const ADJ = ['slow', 'steady', 'significant', 'limited', 'unexpected', 'cautious', 'rapid', 'modest', 'real', 'uneven'];
const WHEN = [
  'on Tuesday',
  'late on Monday',
  'earlier this week',
  'last month',
  'on Thursday morning',
  'in recent weeks',
  'after the talks',
  'before the summit',
  'over the weekend',
  'this spring',
];
const FILLER = [
  'The details were not made public, and neither side would comment on the timetable.',
  'Markets reacted calmly to the news, with the currency little changed by the afternoon.',
  'Few expected a breakthrough so soon, given how long the negotiations had dragged on.',
  'The agreement still has to be approved by parliament, which is expected to do so quickly.',
  'A number of questions about financing remain open, according to people familiar with the matter.',
  'It was the third such meeting this year, and the most productive so far, one participant said.',
  'The figures could not be independently verified.',
  'Shares in several energy companies rose by more than two percent in early trading.',
];

type Seg = { k: 't'; s: string } | { k: 'e'; s: string } | { k: 'i'; s: string };

/** One sentence as segments: plain text, entity mentions, and phrases worth an inline element. */
function sentence(r: Rand, name: () => string): Seg[] {
  const t = (s: string): Seg => ({ k: 't', s });
  const e = (): Seg => ({ k: 'e', s: name() });
  const i = (s: string): Seg => ({ k: 'i', s });
  const n = String(2 + Math.floor(r() * 97));
  switch (Math.floor(r() * 12)) {
    case 0:
      return [
        e(),
        t(` ${pick(r, VERB)} ${pick(r, WHEN)} that talks with `),
        e(),
        t(' had made '),
        i(`${pick(r, ADJ)} progress`),
        t(` on ${pick(r, TOPIC)}.`),
      ];
    case 1:
      return [
        t(`According to ${pick(r, SUBJECT)} in `),
        e(),
        t(', '),
        i(pick(r, TOPIC)),
        t(` will be discussed when `),
        e(),
        t(` visits ${pick(r, WHEN)}.`),
      ];
    case 2:
      return [
        t('“We see '),
        i(`${pick(r, ADJ)} momentum`),
        t(` here,” ${pick(r, SUBJECT)} ${pick(r, VERB)}, referring to `),
        e(),
        t('.'),
      ];
    case 3:
      return [
        t(`Trade between `),
        e(),
        t(' and '),
        e(),
        t(' grew by '),
        i(`${n} percent`),
        t(` last year, ${pick(r, SUBJECT)} ${pick(r, VERB)}.`),
      ];
    case 4:
      return [
        e(),
        t(` has long sought ${pick(r, TOPIC)}, but `),
        i(pick(r, SUBJECT)),
        t(` in `),
        e(),
        t(` remain ${pick(r, ADJ)} about it.`),
      ];
    case 5:
      return [t(pick(r, FILLER))];
    case 6:
      return [t(`The deal, worth about `), i(`$${n} billion`), t(`, was signed in `), e(), t(` ${pick(r, WHEN)}.`)];
    case 7:
      return [
        t(`Critics in `),
        e(),
        t(` ${pick(r, VERB)} that `),
        i(pick(r, TOPIC)),
        t(` would mostly benefit `),
        e(),
        t('.'),
      ];
    case 8:
      return [
        t(`Asked about `),
        e(),
        t(`, ${pick(r, SUBJECT)} ${pick(r, VERB)} only that the situation was `),
        i(pick(r, ADJ)),
        t('.'),
      ];
    case 9:
      return [t(pick(r, FILLER)), t(' '), e(), t(` declined to comment ${pick(r, WHEN)}.`)];
    case 10:
      return [
        t(`Ties with `),
        e(),
        t(` have improved ${pick(r, WHEN)}, ${pick(r, SUBJECT)} ${pick(r, VERB)}, while `),
        e(),
        t(` watched ${pick(r, TOPIC)} closely.`),
      ];
    default:
      return [
        t(`${pick(r, SUBJECT).replace(/^./, (c) => c.toUpperCase())} ${pick(r, VERB)} that `),
        i(pick(r, TOPIC)),
        t(` was ${pick(r, ADJ)}, `),
        t('a view shared in '),
        e(),
        t('.'),
      ];
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ESC[c]!);
const slug = (s: string): string => encodeURIComponent(s.toLowerCase().replace(/\s+/g, '-'));

/** Builds markup while counting the page's text: characters and text nodes (as the parser makes them). */
class Markup {
  private readonly parts: string[] = [];
  chars = 0;
  nodes = 0;
  mentions = 0;
  private inText = false;
  /** Text inside <head> (title) is not page text. */
  private counting = true;
  text(s: string): this {
    if (!s) return this;
    this.parts.push(esc(s));
    if (this.counting) {
      this.chars += s.length;
      if (!this.inText) this.nodes++;
    }
    this.inText = true;
    return this;
  }
  tag(s: string): this {
    this.parts.push(s);
    this.inText = false;
    return this;
  }
  count(on: boolean): this {
    this.counting = on;
    return this;
  }
  /** Inter-block whitespace: a text node of its own, as in real pages. */
  nl(): this {
    return this.text('\n');
  }
  raw(s: string): this {
    this.parts.push(s);
    return this;
  }
  toString(): string {
    return this.parts.join('');
  }
}

/** Writes one paragraph's sentences with inline elements; returns its plain text too. */
function paragraph(m: Markup, r: Rand, name: () => string, sentences: number): string {
  let plain = '';
  const t = (s: string): void => {
    m.text(s);
    plain += s;
  };
  for (let k = 0; k < sentences; k++) {
    if (k > 0) t(' ');
    for (const seg of sentence(r, name)) {
      if (seg.k === 't') t(seg.s);
      else if (seg.k === 'e') {
        m.mentions++;
        const x = r();
        if (x < 0.55) {
          m.tag(`<a href="/topic/${slug(seg.s)}">`);
          t(seg.s);
          m.tag('</a>');
        } else if (x < 0.65) {
          m.tag('<a href="/people"><strong>');
          t(seg.s);
          m.tag('</strong></a>');
        } else if (x < 0.82) {
          m.tag('<span class="entity">');
          t(seg.s);
          m.tag('</span>');
        } else t(seg.s);
      } else {
        const x = r();
        const tag = x < 0.4 ? 'em' : x < 0.7 ? 'strong' : x < 0.9 ? 'span' : 'a';
        m.tag(tag === 'a' ? '<a href="/more">' : tag === 'span' ? '<span class="hl">' : `<${tag}>`);
        t(seg.s);
        m.tag(`</${tag}>`);
      }
    }
  }
  return plain;
}

function nameSource(r: Rand, pool: readonly Mention[]): () => string {
  const total = pool.reduce((s, m) => s + m.weight, 0);
  let count = 0;
  return () => {
    // Every so often name Xi Jinping in full, so that "Xi" on its own is supported.
    if (++count % 97 === 1) return 'Xi Jinping';
    return weighted(r, pool, total);
  };
}

const STYLE = `body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem;color:#222;background:#fff}
nav ul{display:flex;flex-wrap:wrap;gap:.6rem;list-style:none;padding:0;font:13px sans-serif}
aside{border-left:3px solid #ccc;padding-left:1rem;color:#555}.byline{color:#666;font:13px sans-serif}
figure{margin:1rem 0}figcaption{font-size:13px;color:#555}.deep div{margin:0}`;

export interface GeneratedPage {
  html: string;
  /** Characters of text in <body> (the DOM's text nodes, the deep chain included). */
  textChars: number;
  textNodes: number;
  /** Entity names written into the page. */
  mentions: number;
}

/** Depth of the scripted div chain (the text at its bottom is counted). */
export const DEEP = 2000;

function head(m: Markup, title: string): void {
  m.tag('<!doctype html><html lang="en"><head><meta charset="utf-8">')
    .tag('<meta name="viewport" content="width=device-width,initial-scale=1"><title>')
    .count(false)
    .text(title)
    .count(true)
    .tag(`</title><style>${STYLE}</style></head><body>`);
}

function header(m: Markup): void {
  m.tag('<header><nav><ul>');
  for (const section of ['World', 'Europe', 'Asia', 'Business', 'Energy', 'Opinion', 'Video', 'Podcasts']) {
    m.nl().tag(`<li><a href="/${section.toLowerCase()}">`).text(section).tag('</a></li>');
  }
  m.nl().tag('</ul></nav></header>').nl();
}

/** The article and related blocks, repeated until the page has `targetChars` of text. */
function body(m: Markup, r: Rand, name: () => string, targetChars: number): void {
  let story = 0;
  while (m.chars < targetChars) {
    story++;
    m.tag('<article>').nl();
    m.tag('<h1>')
      .text(`${name()} and ${name()}: ${pick(r, TOPIC)} in focus`)
      .tag('</h1>')
      .nl();
    m.tag('<p class="byline">')
      .text(`By Staff Reporter · Story ${story} · Updated `)
      .tag('<time>')
      .text('14:05')
      .tag('</time>')
      .tag('</p>')
      .nl();
    const paragraphs = 4 + Math.floor(r() * 6);
    for (let p = 0; p < paragraphs && m.chars < targetChars; p++) {
      if (p === 2) {
        m.tag('<figure><div class="img"></div><figcaption>');
        paragraph(m, r, name, 1);
        m.tag('</figcaption></figure>').nl();
      }
      if (p === 3 && r() < 0.5) {
        m.tag('<h2>').text(`What ${name()} wants`).tag('</h2>').nl();
      }
      if (p === 4 && r() < 0.4) {
        m.tag('<blockquote><p>');
        paragraph(m, r, name, 1);
        m.tag('</p></blockquote>').nl();
      }
      m.tag('<p>');
      paragraph(m, r, name, 2 + Math.floor(r() * 4));
      m.tag('</p>').nl();
    }
    if (r() < 0.5) {
      m.tag('<aside><h3>').text('Related').tag('</h3><ul>').nl();
      for (let k = 0; k < 4; k++) {
        m.tag('<li><a href="/related">')
          .text(`${name()}: ${pick(r, TOPIC)}`)
          .tag('</a></li>')
          .nl();
        m.mentions++;
      }
      m.tag('</ul></aside>').nl();
    }
    m.tag('</article>').nl();
  }
}

/** The inline script that builds the deep chain (text at the bottom, counted by the caller). */
function deepChainScript(text: string): string {
  return `<div class="deep" id="deep"></div><script>(function(){var p=document.getElementById('deep');for(var i=0;i<${DEEP};i++){var d=document.createElement('div');p.appendChild(d);p=d;}var q=document.createElement('p');q.textContent=${JSON.stringify(text)};p.appendChild(q);})();</script>`;
}

/** A news-like page with about `targetChars` characters of text. */
export function newsPage(dataset: Dataset, targetChars: number, seed = 1): GeneratedPage {
  const r = rng(seed);
  const name = nameSource(r, mentionPool(dataset));
  const m = new Markup();
  head(m, `Generated news page (${targetChars} chars)`);
  header(m);
  m.tag('<main>').nl();
  const deepText = `At the bottom of a deep chain: ${name()} and ${name()} discussed ${pick(r, TOPIC)}.`;
  body(m, r, name, Math.max(0, targetChars - deepText.length - 200));
  m.tag('</main>').nl();
  m.tag('<footer><p>')
    .text('© Generated for the Contextual Highlights benchmark. No real reporting.')
    .tag('</p></footer>')
    .nl();
  m.raw(deepChainScript(deepText));
  m.chars += deepText.length;
  m.nodes += 1;
  m.mentions += 2;
  m.tag('</body></html>');
  return { html: m.toString(), textChars: m.chars, textNodes: m.nodes, mentions: m.mentions };
}

export interface AppendingPage {
  html: string;
  /** The plain text of each appended paragraph (for the expected-mention count). */
  texts: string[];
}

/**
 * A small live page that, one second after load, appends `count` paragraphs every `everyMs`,
 * marking `append-N` (performance.mark) right before inserting paragraph N.
 */
export function appendingPage(
  dataset: Dataset,
  count: number,
  everyMs: number,
  delayMs = 1000,
  seed = 7,
): AppendingPage {
  const r = rng(seed);
  const name = nameSource(r, mentionPool(dataset));
  const m = new Markup();
  head(m, 'Generated live page');
  header(m);
  m.tag('<main>').nl();
  body(m, r, name, 5_000);
  m.tag('<section id="live"><h2>').text('Live updates').tag('</h2>').nl().tag('</section>');
  m.tag('</main>');
  // The appended paragraphs name only entities that need no support from elsewhere on the page.
  const plainName = nameSource(r, plainPool(dataset));
  const htmls: string[] = [];
  const texts: string[] = [];
  for (let k = 0; k < count; k++) {
    const p = new Markup();
    p.tag(`<p data-append="${k}">`);
    texts.push(paragraph(p, r, plainName, 3));
    p.tag('</p>');
    htmls.push(p.toString());
  }
  m.raw(
    `<script>(function(){var paras=${JSON.stringify(htmls)};var live=document.getElementById('live');` +
      `function start(){var n=0;var id=setInterval(function(){if(n>=paras.length){clearInterval(id);window.__appendDone=true;return;}` +
      `var t=document.createElement('template');t.innerHTML=paras[n];var el=t.content.firstChild;` +
      `performance.mark('append-'+n);live.appendChild(el);n++;},${everyMs});}` +
      `addEventListener('load',function(){setTimeout(start,${delayMs});});})();</script>`,
  );
  m.tag('</body></html>');
  return { html: m.toString(), texts };
}

/** Plain-text paragraphs of the same prose (for the Node micro-benchmark), about `targetChars` in all. */
export function proseParagraphs(dataset: Dataset, targetChars: number, seed = 3): string[] {
  const r = rng(seed);
  const name = nameSource(r, mentionPool(dataset));
  const out: string[] = [];
  let chars = 0;
  while (chars < targetChars) {
    const text = paragraph(new Markup(), r, name, 2 + Math.floor(r() * 4));
    out.push(text);
    chars += text.length;
  }
  return out;
}
