/**
 * What counts as nearby on a real page (src/content/nearby.ts, docs/matching.md): the scan command's
 * reading of small HTML pages, block structure and all, with the shipped dataset. Each row states the
 * mentions a reader should see, in page order: `[entityId, highlightedText]`.
 */
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../../scripts/lib/scan-html';
import { real } from './fixtures/matcher-dataset';

interface Row {
  html: string;
  expect: [entity: string, text: string][];
  why: string;
  lang?: string;
}

const page = (row: Row): string =>
  `<!doctype html><html lang="${row.lang ?? 'en'}"><head><title>t</title></head><body>${row.html}</body></html>`;

/** Filler of `n` words that name nothing. */
const filler = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

const STORY = 'Putin and Xi Jinping met in Shanghai; Russia, China and Ukraine were on the table.';
const STORY_FOUND: [string, string][] = [
  ['vladimir-putin', 'Putin'],
  ['xi-jinping', 'Xi Jinping'],
  ['shanghai', 'Shanghai'],
  ['russia', 'Russia'],
  ['china', 'China'],
  ['ukraine', 'Ukraine'],
];

// prettier-ignore
const rows: Row[] = [
  // Blocks.
  {
    html: '<p>Putin begins a state visit to China, with talks in Shanghai.</p>',
    expect: [['vladimir-putin', 'Putin'], ['putin-china-visit-2014', 'state visit to China'], ['shanghai', 'Shanghai']],
    why: 'anchor and the other group in the paragraph',
  },
  {
    html: '<p>Putin flew east.</p><p>The state visit to China opened in Shanghai.</p>',
    expect: [['vladimir-putin', 'Putin'], ['shanghai', 'Shanghai']],
    why: 'the anchor in the paragraph before: not where the phrase stands',
  },
  {
    html: `<ul><li>${STORY}</li><li>Turkey’s president arrives for a state visit to China.</li><li>Iran’s economy shrinks under Western sanctions.</li><li>Turkmenistan keeps its positive neutrality and sells gas to China.</li></ul>`,
    expect: [...STORY_FOUND, ['china', 'China']],
    why: 'a briefing in list items: the first line names the story, the others none of their anchors',
  },
  {
    html: `<table><tr><td>${STORY}</td><td>Iran’s economy shrinks under Western sanctions.</td></tr></table>`,
    expect: STORY_FOUND,
    why: 'table cells are blocks',
  },
  {
    html: `<div>${STORY}<br>Iran’s economy shrinks under Western sanctions.</div>`,
    expect: STORY_FOUND,
    why: 'a <br> ends the passage within a block',
  },
  {
    html: '<div>Western sanctions on Russia<br>were tightened over Ukraine.</div>',
    expect: [['western-sanctions-2014', 'Western sanctions'], ['russia', 'Russia'], ['ukraine', 'Ukraine']],
    why: 'the anchor on the same line, the other group on the next (near)',
  },
  {
    html: '<p>Western <a href="#">sanctions</a> on <b>Russia</b> over <i>Ukraine</i>.</p>',
    expect: [['western-sanctions-2014', 'Western sanctions'], ['russia', 'Russia'], ['ukraine', 'Ukraine']],
    why: 'inline elements are the same passage',
  },
  {
    html: `<p>Western sanctions, ${filler(40)}, on Russia <img src="x.png" alt=""> over Ukraine.</p>`,
    expect: [['western-sanctions-2014', 'Western sanctions'], ['russia', 'Russia'], ['ukraine', 'Ukraine']],
    why: 'an image inside a paragraph does not end it',
  },
  // Headings.
  {
    html: '<h2>Putin in Shanghai</h2><p>The state visit to China opens today.</p>',
    expect: [['vladimir-putin', 'Putin'], ['shanghai', 'Shanghai'], ['putin-china-visit-2014', 'state visit to China']],
    why: 'a heading with the block under it',
  },
  {
    html: '<h2>Putin in Shanghai</h2><div class="pad"></div><div><p>The state visit to China opens today.</p><p>More.</p></div>',
    expect: [['vladimir-putin', 'Putin'], ['shanghai', 'Shanghai'], ['putin-china-visit-2014', 'state visit to China']],
    why: 'the first paragraph of the container under the heading, past an empty spacer',
  },
  {
    html: `<h2>Putin in Shanghai</h2><p>Markets were calm.</p><p>${filler(70)}</p><p>The state visit to China opens today.</p>`,
    expect: [['vladimir-putin', 'Putin'], ['shanghai', 'Shanghai']],
    why: 'a later paragraph is not under the heading',
  },
  {
    html: '<h3>Western sanctions</h3><p>Russia answered, and Ukraine welcomed them.</p>',
    expect: [['western-sanctions-2014', 'Western sanctions'], ['russia', 'Russia'], ['ukraine', 'Ukraine']],
    why: 'the phrase in a heading, its anchors in the block under it',
  },
  {
    html: '<div><h2><a href="#">Xi: Reformer or dictator?</a></h2></div><ul><li>China and Japan trade words</li><li>Did Xi snub North Korea?</li></ul>',
    expect: [['xi-jinping', 'Xi'], ['china', 'China'], ['japan', 'Japan']],
    why: 'trap: cnn: the heading’s Xi with China in the first item under it; the later item has none',
  },
  // Near, across blocks.
  {
    html: "<p>Kiev held roundtables without the Donetsk People's Republic.</p><p>Putin ordered the troops to return to barracks.</p>",
    expect: [
      ['kyiv', 'Kiev'],
      ['donetsk-peoples-republic', "Donetsk People's Republic"],
      ['vladimir-putin', 'Putin'],
      ['troop-pullback-may-2014', 'return to barracks'],
    ],
    why: 'the anchor (Putin) in the paragraph, Ukraine and the 2014 crisis in the one before (near)',
  },
  {
    html: `<p>Kiev held roundtables without the Donetsk People's Republic.</p><p>${filler(61)}</p><p>Putin ordered the troops to return to barracks.</p>`,
    expect: [
      ['kyiv', 'Kiev'],
      ['donetsk-peoples-republic', "Donetsk People's Republic"],
      ['vladimir-putin', 'Putin'],
    ],
    why: 'more than 60 words away: not near',
  },
  {
    html: `<p>Putin said ${filler(145)} the troops would return to barracks near Kiev, in the Donetsk People's Republic.</p>`,
    expect: [
      ['vladimir-putin', 'Putin'],
      ['troop-pullback-may-2014', 'return to barracks'],
      ['kyiv', 'Kiev'],
      ['donetsk-peoples-republic', "Donetsk People's Republic"],
    ],
    why: 'the same paragraph, 149 words from the anchor',
  },
  {
    html: `<p>Putin said ${filler(160)} the troops would return to barracks near Kiev, in the Donetsk People's Republic.</p>`,
    expect: [
      ['vladimir-putin', 'Putin'],
      ['kyiv', 'Kiev'],
      ['donetsk-peoples-republic', "Donetsk People's Republic"],
    ],
    why: 'a long paragraph is no passage: the anchor 160 words away',
  },
  // The expansion, and homographs.
  {
    html: `<p>Xi Jinping spoke.</p>${`<p>${filler(50)}</p>`.repeat(20)}<p>Xi waved.</p>`,
    expect: [['xi-jinping', 'Xi Jinping'], ['xi-jinping', 'Xi']],
    why: 'the expansion anywhere on the page',
  },
  {
    html: `<p>A large china plate.</p><p>China exports rose, Beijing said.</p><p>${filler(70)}</p><p>China wins.</p>`,
    expect: [['china', 'China'], ['beijing', 'Beijing']],
    why: 'porcelain on the page: China with Beijing near it, not the China far from it',
  },
  // Not read: what a script holds says nothing.
  {
    html: '<p>Xi waved.<script type="text/plain">Xi Jinping</script></p>',
    expect: [],
    why: 'excluded text is not evidence',
  },
];

describe('what counts as nearby on a page', () => {
  it.each(rows.map((r) => [r.why, r] as const))('%s', (_, row) => {
    const scan = scanHtml(page(row), real);
    expect(scan.mentions.map((m) => [m.entity, m.text])).toEqual(row.expect);
  });
});
