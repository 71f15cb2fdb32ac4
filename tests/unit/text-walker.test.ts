// @vitest-environment jsdom
/**
 * What text is read and how it joins (docs/architecture.md, "scanned text" and "joining text").
 * jsdom has no layout, which these rules do not need: they depend on tags only.
 */
import { describe, expect, it } from 'vitest';
import { isInExcludedRegion } from '../../src/content/read/elements';
import { scanDocument } from '../../src/content/read/scan-document';
import { HUGE_OVERLAP, HUGE_PIECE, TextUnitWalker, readUnits, type TextUnit } from '../../src/content/read/text-walker';
import { smallMatcher } from './fixtures/content';

function units(html: string): string[] {
  document.body.innerHTML = html;
  return readUnits(document.body).map((u) => u.text);
}

describe('reading units', () => {
  it('joins inline elements and separates blocks', () => {
    expect(units('<p>Xi Jin<wbr>ping and <b>Russia</b><span>’s</span> role</p><p>Next</p>')).toEqual([
      'Xi Jinping and Russia’s role',
      'Next',
    ]);
  });

  it('records each element boundary as a soft break', () => {
    document.body.innerHTML = '<div><a>Coronavirus in India Live</a><a>Russia Ukraine War Live</a></div>';
    const [unit] = readUnits(document.body);
    expect(unit!.text).toBe('Coronavirus in India LiveRussia Ukraine War Live');
    expect(unit!.starts).toEqual([0, 25]);
  });

  it('separates at <br>, table cells, list items and headings', () => {
    expect(
      units('<div>a<br>b</div><table><tr><td>c</td><td>d</td></tr></table><ul><li>e</li><li>f</li></ul><h2>g</h2>h'),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('splits inline runs around a nested block', () => {
    expect(units('<p>before <span>in</span><div>block</div>after</p>')).toEqual(['before in', 'block', 'after']);
  });

  it.each(['script', 'style', 'noscript', 'template', 'textarea', 'select', 'title', 'iframe', 'noembed', 'noframes'])(
    'skips the contents of <%s>',
    (tag) => {
      document.body.innerHTML = `<p>Keep Putin</p><${tag}>Drop Putin</${tag}><p>Keep too</p>`;
      const texts = readUnits(document.body).map((u) => u.text);
      expect(texts.join('|')).not.toContain('Drop');
      expect(texts).toContain('Keep Putin');
    },
  );

  it('skips option texts, inputs and SVG titles', () => {
    expect(
      units(
        '<select><option>Moscow</option></select><input value="Moscow"><svg><title>Moscow</title><text>Kyiv</text></svg>',
      ),
    ).toEqual(['Kyiv']);
  });

  it('skips editable regions, but not contenteditable="false" islands inside normal text', () => {
    expect(
      units(
        '<div contenteditable>typed Putin</div><div contenteditable="true">x</div><p contenteditable="false">shown</p>',
      ),
    ).toEqual(['shown']);
  });

  it('reads text hidden with CSS (it is in the page)', () => {
    expect(units('<p style="display:none">hidden Putin</p><p hidden>also</p>')).toEqual(['hidden Putin', 'also']);
  });

  it('skips our own UI', () => {
    document.body.innerHTML = '<p>page</p><contextual-highlights-card>ours</contextual-highlights-card>';
    const read = readUnits(document.body, { isOwn: (el) => el.localName === 'contextual-highlights-card' });
    expect(read.map((u) => u.text)).toEqual(['page']);
  });

  it('reads open shadow roots as units of their own, after the tree that holds them', () => {
    document.body.innerHTML =
      '<p>light <span id="host">host text</span> after</p><news-widget id="w"></news-widget><p>end</p>';
    const host = document.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<b>Shadow Putin</b>';
    // A custom element with no light text: the text walk never meets it, the finder does.
    const widget = document.getElementById('w')!;
    widget.attachShadow({ mode: 'open' }).innerHTML = '<p>Widget <i>Kyiv</i></p>';
    const seen: ShadowRoot[] = [];
    const read = readUnits(document.body, { onShadowRoot: (r) => void seen.push(r) });
    expect(read.map((u) => u.text)).toEqual(['light host text after', 'end', 'Shadow Putin', 'Widget Kyiv']);
    expect(seen).toEqual([host.shadowRoot, widget.shadowRoot]);
  });

  it('separates at a <br> or empty block between inline runs, wherever it is nested', () => {
    expect(units('<p><b><i>Xi</i></b><br><a>Jinping</a></p>')).toEqual(['Xi', 'Jinping']);
    expect(units('<p>Xi<span></span><br>Jinping</p>')).toEqual(['Xi', 'Jinping']);
    expect(units('<p><b>Xi<br></b>Jinping</p>')).toEqual(['Xi', 'Jinping']);
    expect(units('<p>Xi<img src="x.png">Jinping</p>')).toEqual(['Xi', 'Jinping']);
    expect(units('<p>Xi <b></b><i>Jin</i><wbr>ping</p>')).toEqual(['Xi Jinping']);
    expect(units('<p>Xi<span><br></span>Jinping</p>')).toEqual(['Xi', 'Jinping']);
    expect(units('<p>Xi<b><i></i><span><img src="x.png"></span></b>Jinping</p>')).toEqual(['Xi', 'Jinping']);
  });

  // Security review F3: text a page hides inside a name must not be painted or quoted with it.
  describe('never joins text across an element whose text is not scanned', () => {
    it.each([
      [
        '<p>Vladimir <script type="text/plain">[SECURITY NOTICE]</script>Putin spoke.</p>',
        ['Vladimir ', 'Putin spoke.'],
      ],
      ['<p>Xi <textarea style="display:none">INJECTED</textarea>Jinping</p>', ['Xi ', 'Jinping']],
      ['<p>Vladi<style>b{}</style>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<noscript>x</noscript>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<template>x</template>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<select><option>x</option></select>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<title>x</title>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<iframe>x</iframe>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<noembed>x</noembed>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<input value="x">mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<span contenteditable>x</span>mir</p>', ['Vladi', 'mir']],
      // Nested in inline elements, with or without text of its own.
      ['<p>Vladi<b><i><script>x</script></i></b>mir</p>', ['Vladi', 'mir']],
      ['<p><b>Vladi<script>x</script></b><i>mir</i></p>', ['Vladi', 'mir']],
      ['<p>Vladi<span><textarea></textarea></span>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<b></b><span><i><input></i></span>mir</p>', ['Vladi', 'mir']],
      ['<p>Vladi<span contenteditable></span>mir</p>', ['Vladi', 'mir']],
      ['<p><my-name>Vladi<span><script></script></span></my-name>mir</p>', ['Vladi', 'mir']],
    ])('%s', (html, expected) => {
      expect(units(html)).toEqual(expected);
    });

    it.each([
      ['<p>Xi Jin<wbr>ping</p>', ['Xi Jinping']],
      ['<p>Russia<span>’s</span> role</p>', ['Russia’s role']],
      ['<p>Vla<b></b>di<!-- a comment -->mir</p>', ['Vladimir']],
      ['<p>Vla<span contenteditable="false">di</span>mir</p>', ['Vladimir']],
      ['<p><my-name>Vladi</my-name>mir</p>', ['Vladimir']],
    ])('still joins ordinary inline elements: %s', (html, expected) => {
      expect(units(html)).toEqual(expected);
    });

    it('skips our own UI between two halves of a name', () => {
      document.body.innerHTML = '<p>Vladi<span><x-ours>x</x-ours></span><x-ours></x-ours>mir</p>';
      const read = readUnits(document.body, { isOwn: (el) => el.localName === 'x-ours' });
      expect(read.map((u) => u.text)).toEqual(['Vladi', 'mir']);
    });

    it('finds no name across them (the scan command reads the same way)', () => {
      const scan = (html: string): string[] =>
        scanDocument(new DOMParser().parseFromString(html, 'text/html'), smallMatcher).mentions.map((x) => x.text);
      expect(scan('<p>Vladimir <script type="text/plain">[NOTICE]</script>Putin spoke.</p>')).toEqual(['Putin']);
      expect(scan('<p>Vladimir <b><textarea hidden>[NOTICE]</textarea></b>Putin spoke.</p>')).toEqual(['Putin']);
      expect(scan('<p>Vladimir <b>Pu</b>tin spoke.</p>')).toEqual(['Vladimir Putin']);
    });
  });

  it('drops units that are only whitespace', () => {
    expect(units('<div>\n   <p>text</p>\n  </div>')).toEqual(['text']);
  });

  it('walks DOM thousands deep without recursion', () => {
    // Built bottom-up and detached: jsdom itself recurses up the ancestors on every insertion.
    let node: Element = document.createElement('em');
    node.append('Deep Putin');
    for (let i = 0; i < 20_000; i++) {
      const wrapper = document.createElement(i % 2 ? 'span' : 'em');
      wrapper.append(node);
      node = wrapper;
    }
    const root = document.createElement('p');
    root.append(node, ' after');
    expect(readUnits(root).map((u) => u.text)).toEqual(['Deep Putin after']);
  });

  it('can pause and resume mid-page', () => {
    document.body.innerHTML = Array.from({ length: 2000 }, (_, i) => `<p>para <b>${i}</b></p>`).join('');
    const walker = new TextUnitWalker(document.body);
    const texts: string[] = [];
    let pauses = 0;
    let calls = 0;
    for (;;) {
      const u = walker.next(() => ++calls % 3 === 0);
      if (u === null) break;
      if (u === undefined) {
        pauses++;
        continue;
      }
      texts.push(u.text);
    }
    expect(pauses).toBeGreaterThan(0);
    expect(texts).toHaveLength(2000);
    expect(texts[1999]).toBe('para 1999');
  });

  it('knows when a node sits in an excluded region', () => {
    document.body.innerHTML = '<div contenteditable><p><b id="x">t</b></p></div><p><b id="y">u</b></p>';
    expect(isInExcludedRegion(document.getElementById('x')!.firstChild!, null)).toBe(true);
    expect(isInExcludedRegion(document.getElementById('y')!.firstChild!, null)).toBe(false);
  });
});

describe('a page that changes while it is read', () => {
  it('carries on from the root when the node it stopped at is removed', () => {
    document.body.innerHTML = '<p>one</p><p id="x">two</p><p>Putin three</p><p>four</p>';
    const walker = new TextUnitWalker(document.body);
    const first = walker.next();
    expect(first?.text).toBe('one');
    document.getElementById('x')!.remove();
    const rest: string[] = [];
    for (let u = walker.next(); u; u = walker.next()) if (u.nodes[0]!.isConnected) rest.push(u.text);
    expect(rest).toEqual(expect.arrayContaining(['Putin three', 'four']));
  });
});

describe('reading one inline run of a block', () => {
  it('reads only the children from first to last, as units split by what separates them inside', () => {
    document.body.innerHTML = 'before<br><i id="a">one</i> two <span id="c">three<br>four</span><br>after';
    const body = document.body;
    const first = document.getElementById('a')!;
    const last = document.getElementById('c')!;
    const walker = new TextUnitWalker(body, {}, { first, last });
    const read: string[] = [];
    for (let u = walker.next(); u; u = walker.next()) read.push(u.text);
    expect(read).toEqual(['one two three', 'four']);
  });

  it('starts at a text node as well as at an element', () => {
    document.body.innerHTML = 'x<br>Putin in <b>Moscow</b><br>y';
    const text = document.body.childNodes[2]!;
    const last = document.body.childNodes[3]!;
    const walker = new TextUnitWalker(document.body, {}, { first: text, last });
    expect(walker.next()?.text).toBe('Putin in Moscow');
    expect(walker.next()).toBeNull();
  });
});

describe('a text node of megabytes', () => {
  it('is read on its own, in parts that each own a range and carry context on both sides', () => {
    const big = 'Putin met Xi Jinping. '.repeat(150_000); // 3.3 million characters
    document.body.innerHTML = '<p>before <b>x</b></p>';
    const node = document.createTextNode(big);
    document.body.firstChild!.appendChild(node);
    const walker = new TextUnitWalker(document.body);
    const read: TextUnit[] = [];
    // A part per call, even when every call is asked to pause: the walk always moves on.
    for (let u = walker.next(() => true); u !== null; u = walker.next(() => true)) if (u) read.push(u);
    expect(read[0]!.text).toBe('before x');
    const parts = read.slice(1);
    expect(parts.length).toBe(Math.ceil(big.length / HUGE_PIECE));
    expect(parts.map((u) => u.part!.index)).toEqual(parts.map((_, i) => i));
    expect(parts.every((u) => u.nodes.length === 1 && u.nodes[0] === node)).toBe(true);
    expect(parts.map((u) => u.text.slice(...u.part!.own)).join('')).toBe(big);
    for (const u of parts) {
      expect(u.text.length).toBeLessThanOrEqual(HUGE_PIECE + 2 * HUGE_OVERLAP);
      // starts maps the part's offsets to the node's: the part's text is the node's from -starts[0].
      expect(big.slice(-u.starts[0]!, -u.starts[0]! + u.text.length)).toBe(u.text);
    }
  });

  it('finds every mention once with its offsets in the node, one across two parts included', () => {
    const name = 'Vladimir Putin';
    // Where each mention starts: at the start, across the first and second part boundaries, right
    // on the third, and near the end.
    const at = [0, HUGE_PIECE - 6, 2 * HUGE_PIECE - 13, 3 * HUGE_PIECE, 4 * HUGE_PIECE + 50];
    let text = '';
    for (const i of at) {
      if (i > 0) text += ` ${'x'.repeat(i - text.length - 2)} `;
      text += name;
    }
    text += ' and more words'.repeat(10);
    document.body.innerHTML = '<p></p>';
    document.body.firstChild!.appendChild(document.createTextNode(text));
    const scan = scanDocument(document, smallMatcher);
    expect(scan.text).toBe(text);
    expect(scan.counts).toEqual({ 'vladimir-putin': at.length });
    expect(scan.mentions.map((x) => x.start)).toEqual(at);
    expect(scan.mentions.every((x) => x.text === 'Vladimir Putin')).toBe(true);
  });
});
