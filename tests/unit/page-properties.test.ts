// @vitest-environment jsdom
/**
 * Properties of the whole content script on random pages (fast-check): random DOM trees — inline
 * and block elements, excluded elements (script, style, textarea, [contenteditable] …), comments,
 * page languages — whose texts are laced with the shipped aliases, split across elements, spaced
 * with Unicode spaces and invisible characters. For every tree the real Run (reading, the matcher,
 * the mention store, painting) scans the page, and:
 *  (1) the page's text, node count and structure are unchanged;
 *  (2) a second scan gives the same ranges;
 *  (3) every painted range lies on one of its entity's aliases (after normalisation);
 *  (4) nothing is painted inside an excluded element;
 *  (5) stopping (switching the site off) leaves no trace: nothing registered, the page as it was.
 * jsdom has no CSS Highlight API and no IntersectionObserver: a Map-backed registry and an
 * observer that sees nothing stand in (tests/unit/fixtures/content.ts); the browsers' own
 * painting is checked end to end (tests/e2e/).
 *
 * Seeded, 1,000 pages (fixtures/property-runs.ts); a failure prints its seed and the shrunk page.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import loadMatcherData from 'virtual:matcher-data';
import { loadMatcher, RecordKind } from '../../src/core/matcher-data';
import { foldText } from '../../src/core/normalize';
import type { Mention } from '../../src/content/mention-store';
import { Run } from '../../src/content/run';
import { FakeHighlight, fakeRegistry } from './fixtures/content';
import { PROPERTY_PARAMS, RUNS, SEED } from './fixtures/property-runs';

const matcher = loadMatcher(loadMatcherData());

// ---------------------------------------------------------------------------------------------
// Random pages
// ---------------------------------------------------------------------------------------------

type Tree =
  | { kind: 'text'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'element'; tag: string; attrs: [string, string][]; children: Tree[] };

/** The aliases a page is laced with: every alias and declined form of the shipped dataset. */
const ALIASES = [...new Set(matcher.records.filter((r) => r.kind === RecordKind.Mention).map((r) => r.text))];

const WORDS = ['the', 'talks', 'in', 'and', 'with', 'gas', 'deal', 'said', 'on', 'china', 'Mr.', 'Xi', '2014'];
const SEPARATORS = [' ', ' ', ' ', '\n', '\u00a0', '\u2009', ', ', '. ', '’s ', '-', '\u00ad', '\u200b', '\u200d', ''];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ALIASES) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  // Aliases in another case, or cut short: near misses.
  { weight: 1, arbitrary: fc.constantFrom(...ALIASES).map((a) => a.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom(...ALIASES).map((a) => a.slice(0, Math.max(1, a.length - 2))) },
);
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

const INLINE = ['span', 'b', 'i', 'em', 'a', 'strong', 'small', 'code', 'sup'];
const BLOCK = ['p', 'div', 'section', 'li', 'h2', 'blockquote', 'td'];
/** Elements whose text is never scanned (docs/architecture.md, "scanned text"), as this test knows them. */
const EXCLUDED = ['script', 'style', 'noscript', 'template', 'textarea', 'title', 'select', 'option', 'noembed'];
const VOID = ['br', 'wbr', 'input', 'img', 'hr'];

const attrs = fc.array(
  fc.oneof(
    fc.constant<[string, string]>(['contenteditable', 'true']),
    fc.constant<[string, string]>(['contenteditable', 'false']),
    fc.constant<[string, string]>(['lang', 'de']),
    fc.constant<[string, string]>(['dir', 'rtl']),
    fc.constant<[string, string]>(['hidden', '']),
    fc.constant<[string, string]>(['class', 'x']),
  ),
  { maxLength: 2 },
);

const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
  tree: fc.record({
    kind: fc.constant('element' as const),
    tag: fc.constant('main'),
    attrs: fc.constant<[string, string][]>([]),
    children: fc.array(tie('node'), { minLength: 1, maxLength: 6 }),
  }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: text.map((t): Tree => ({ kind: 'text', text: t })) },
    { weight: 1, arbitrary: fc.constantFrom(...ALIASES).map((t): Tree => ({ kind: 'comment', text: t })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...VOID).map((tag): Tree => ({ kind: 'element', tag, attrs: [], children: [] })),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('element' as const),
        tag: fc.constantFrom(...INLINE, ...BLOCK, ...BLOCK, ...EXCLUDED),
        attrs,
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    },
  ),
}));

const pageArb = fc.record({
  lang: fc.constantFrom('', 'en', 'de', 'ru', 'zh'),
  body: fc.array(tree, { minLength: 1, maxLength: 3 }),
});
type Page = typeof pageArb extends fc.Arbitrary<infer P> ? P : never;

/** Builds the tree with DOM calls (not the parser, which would tidy odd nestings away). */
function build(t: Tree, doc: Document): Node {
  if (t.kind === 'text') return doc.createTextNode(t.text);
  if (t.kind === 'comment') return doc.createComment(t.text);
  const el = doc.createElement(t.tag);
  // jsdom runs scripts and parses styles; typed as data they are still excluded the same way.
  if (t.tag === 'script' || t.tag === 'style') el.setAttribute('type', 'text/plain');
  for (const [name, value] of t.attrs) el.setAttribute(name, value);
  for (const child of t.children) el.appendChild(build(child, doc));
  return el;
}

function show(page: Page): void {
  document.documentElement.lang = page.lang;
  document.body.replaceChildren(...page.body.map((t) => build(t, document)));
}

/** Everything of the page a scan could change: every node with its type, name, attributes and text. */
function snapshot(root: Node): string {
  const out: string[] = [];
  const walk = (n: Node, depth: number): void => {
    const attrs = n instanceof Element ? [...n.attributes].map((a) => `${a.name}=${a.value}`).join(' ') : '';
    out.push(`${depth} ${n.nodeType} ${n.nodeName} ${attrs} ${n.nodeType === 1 ? '' : JSON.stringify(n.nodeValue)}`);
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c, depth + 1);
  };
  walk(root, 0);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The content script's run, as main.ts starts it for a site that is switched on
// ---------------------------------------------------------------------------------------------

let registry: HighlightRegistry;

beforeAll(() => {
  registry = fakeRegistry();
  Object.assign(globalThis, {
    Highlight: FakeHighlight,
    CSS: { ...(globalThis.CSS ?? {}), highlights: registry },
    IntersectionObserver: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });
});

afterAll(() => {
  document.body.replaceChildren();
});

interface Scan {
  run: Run;
  /** Painted ranges as "path:offset-path:offset entity-type". */
  painted: string[];
  mentions: Mention[];
}

/** A node's path from the body, as child indexes. */
function pathOf(n: Node): string {
  const steps: number[] = [];
  for (let x: Node = n; x !== document.body && x.parentNode; x = x.parentNode) {
    steps.push(Array.prototype.indexOf.call(x.parentNode.childNodes, x) as number);
  }
  return steps.reverse().join('/');
}

async function scan(): Promise<Scan> {
  const run = new Run({
    doc: document,
    matcher,
    startedAt: performance.now(),
    mode: 'background',
    loadCard: () => Promise.resolve(null),
    hoverDelayMs: () => 300,
    isMuted: () => false,
    setMuted: () => {},
    onChange: () => {},
  });
  run.setToken('k3x9q2m7zz');
  run.choosePainted({ allowed: () => true, firstOnly: false });
  run.release();
  await run.start();
  const painted: string[] = [];
  for (const [name, h] of registry as unknown as Map<string, Set<AbstractRange>>) {
    for (const r of h) {
      painted.push(`${pathOf(r.startContainer)}:${r.startOffset}-${pathOf(r.endContainer)}:${r.endOffset} ${name}`);
    }
  }
  const store = (run as unknown as { store: { all: ReadonlySet<Mention> } }).store;
  return { run, painted: painted.sort(), mentions: [...store.all].filter((m) => m.painted) };
}

function rangeText(m: Mention): string {
  const r = document.createRange();
  r.setStart(m.start, m.startOffset);
  r.setEnd(m.end, m.endOffset);
  return r.toString();
}

/** The text as the matcher compares it: folded, invisible characters gone, any run of spaces one space. */
function normalised(s: string): string {
  return foldText(s).replace(/\s+/g, ' ').trim();
}

/** Every folded alias (and declined form) per entity index. */
const aliasesOf = new Map<number, Set<string>>();
for (const r of matcher.records) {
  if (r.kind !== RecordKind.Mention) continue;
  const set = aliasesOf.get(r.entity) ?? new Set<string>();
  set.add(normalised(r.text));
  aliasesOf.set(r.entity, set);
}

function insideExcluded(n: Node): Element | null {
  for (let el = n.parentElement; el && el !== document.body; el = el.parentElement) {
    if (EXCLUDED.includes(el.localName)) return el;
    if (el.getAttribute('contenteditable') === 'true' || el.getAttribute('contenteditable') === '') return el;
  }
  return null;
}

describe(`the content script on random pages (seed ${SEED}, ${RUNS} pages)`, () => {
  let found = 0;

  it('changes nothing, scans the same twice, paints only aliases outside excluded elements, leaves no trace', async () => {
    await fc.assert(
      fc.asyncProperty(pageArb, async (page) => {
        show(page);
        const before = snapshot(document.body);
        const first = await scan();
        // (1) the page as it was
        expect(snapshot(document.body)).toBe(before);
        // (3) on an alias of its entity, (4) outside excluded elements
        for (const m of first.mentions) {
          const said = normalised(rangeText(m));
          expect(aliasesOf.get(m.entity)!.has(said), `"${rangeText(m)}" is not an alias of ${m.entity}`).toBe(true);
          expect(insideExcluded(m.start) ?? insideExcluded(m.end), `"${rangeText(m)}" inside`).toBeNull();
        }
        expect(first.painted.length).toBe(first.mentions.length);
        found += first.mentions.length;
        // (5) stopping leaves nothing registered and the page as it was
        first.run.stop();
        expect([...(registry as unknown as Map<string, unknown>).keys()]).toEqual([]);
        expect(document.adoptedStyleSheets ?? []).toEqual([]);
        expect(snapshot(document.body)).toBe(before);
        // (2) a second scan finds the same ranges
        const second = await scan();
        expect(second.painted).toEqual(first.painted);
        second.run.stop();
      }),
      PROPERTY_PARAMS,
    );
    // The generator is worth its name: pages are laced with mentions.
    expect(found).toBeGreaterThan(RUNS);
  }, 600_000);
});
