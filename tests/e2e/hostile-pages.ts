/**
 * The hostile-page gallery: pages built to break an extension that runs on every page (huge,
 * deep, constantly changing, sabotaging, rewriting themselves). Generated here and served from
 * memory by hostile.e2e.ts. Each page that runs a script also runs a 5 ms timer of its own, whose
 * ticks and longest gap the tests read (the page's own script must keep running).
 */
import type { ServedPage } from '../../scripts/lib/server';

const HEAD = (title: string, extra = ''): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>` +
  `<style>body{font:16px/1.5 serif;margin:16px}</style>${extra}</head>`;

/**
 * The page's own timer: window.ticks counts, window.maxGap is its longest wait (ms), window.gaps
 * lists every wait over 10 ms as [start, length] (what the machine, or we, held it up for).
 */
export const TIMER = `<script>
  window.ticks = 0; window.maxGap = 0; window.gaps = []; let last = performance.now();
  setInterval(() => {
    const now = performance.now(), gap = now - last;
    window.maxGap = Math.max(window.maxGap, gap);
    if (gap > 10 && window.gaps.length < 10000) window.gaps.push([last, gap]);
    last = now; window.ticks++;
  }, 5);
</script>`;

function page(title: string, body: string, extraHead = ''): string {
  return `${HEAD(title, extraHead)}<body>${body}${TIMER}</body></html>`;
}

/** One sentence with two mentions, repeated: the text of the big pages. */
export const SENTENCE = 'Lorem ipsum dolor sit amet, Vladimir Putin met Xi Jinping again. ';

export const GALLERY: Record<string, string | ServedPage> = {
  // A single text node of 10 MB.
  '/text-10mb.html': page(
    '10 MB text node',
    `<p id="t">${SENTENCE.repeat(Math.ceil(10_000_000 / SENTENCE.length))}</p>`,
  ),

  // 200,000 mentions in one paragraph (security review 6).
  '/long-paragraph.html': page('One paragraph', `<p id="t">${'Putin met Xi Jinping. '.repeat(100_000)}</p>`),

  // DOM depth 5,000 (HTML parsers stop nesting near 512, so the page builds it). Blocks and inline
  // elements alternate; the blocks are display: contents, because Chromium itself stops rendering
  // (without any extension) when boxes nest a thousand deep.
  '/deep.html': page(
    'Deep',
    `<div id="root"></div><script>
      let el = document.getElementById('root');
      for (let i = 0; i < 5000; i++) {
        const s = document.createElement(i % 2 ? 'span' : 'div');
        if (!(i % 2)) s.style.display = 'contents';
        if (i % 500 === 0) s.append('level ' + i + ' ');
        el.append(s); el = s;
      }
      el.append('At the bottom, Vladimir Putin met Xi Jinping.');
    </script>`,
  ),

  // 200,000 text nodes.
  '/many-nodes.html': page(
    'Many text nodes',
    `<div id="root"></div><script>
      const root = document.getElementById('root'); const f = document.createDocumentFragment();
      for (let i = 0; i < 200000; i++) { const s = document.createElement('span'); s.textContent = i % 1000 === 0 ? 'Gazprom ' : 'word '; f.append(s); if (i % 50 === 49) f.append(document.createElement('br')); }
      root.append(f);
    </script>`,
  ),

  // 10,000 mentions across 2,000 paragraphs.
  '/mentions-10k.html': page(
    '10,000 mentions',
    Array.from(
      { length: 2000 },
      (_, i) => `<p id="p${i}">${i}: Vladimir Putin, Xi Jinping and Angela Merkel spoke in Moscow and Beijing.</p>`,
    ).join(''),
  ),

  // Text that changes every frame.
  '/every-frame.html': page(
    'Every frame',
    `<p>Live: <span id="ticker">Putin 0</span></p><p>Steady text about Gazprom.</p><script>
      let n = 0; const t = document.getElementById('ticker');
      const step = () => { n++; t.textContent = (n % 2 ? 'Moscow ' : 'Putin ') + n; requestAnimationFrame(step); };
      requestAnimationFrame(step);
    </script>`,
  ),

  // Nodes we painted, removed and put back again and again.
  '/remove-readd.html': page(
    'Remove and re-add',
    `<p id="p1">Vladimir Putin arrived.</p><p id="p2">Xi Jinping waited in Shanghai.</p><p id="p3">Gazprom signed.</p><script>
      const p2 = document.getElementById('p2'); const p3 = document.getElementById('p3');
      setInterval(() => { if (p2.isConnected) p2.remove(); else p3.before(p2); }, 100);
    </script>`,
  ),

  // A page that clears CSS.highlights and replaces its shadow roots' adopted style sheets.
  '/clears-highlights.html': page(
    'Clears highlights',
    `<p>Vladimir Putin met Xi Jinping.</p><div id="host"></div><script>
      const root = document.getElementById('host').attachShadow({ mode: 'open' });
      root.innerHTML = '<p>Gazprom and CNPC, in a shadow root.</p>';
      window.sabotage = () => { CSS.highlights.clear(); root.adoptedStyleSheets = []; };
    </script>`,
  ),

  // The main world's built-ins replaced.
  '/overrides.html': page(
    'Overrides',
    `<p id="a">Vladimir Putin met Xi Jinping in Shanghai.</p><p id="b">Gazprom and CNPC signed.</p><script>
      // In place from the start, and put back only for the test to read the result.
      const saved = [
        [Array.prototype, 'push'], [Array.prototype, 'map'], [Array.prototype, 'forEach'],
        [Node.prototype, 'appendChild'], [Node.prototype, 'contains'], [Node.prototype, 'compareDocumentPosition'],
        [Document.prototype, 'createTreeWalker'], [window, 'Range'], [window, 'StaticRange'],
      ].map(([o, k]) => [o, k, o[k]]);
      Array.prototype.push = function () { throw new Error('page push'); };
      Array.prototype.map = function () { return []; };
      Array.prototype.forEach = function () {};
      Node.prototype.appendChild = function () { throw new Error('page appendChild'); };
      Node.prototype.contains = function () { return false; };
      Node.prototype.compareDocumentPosition = function () { return 0; };
      Document.prototype.createTreeWalker = function () { throw new Error('page createTreeWalker'); };
      window.Range = function () { throw new Error('page Range'); };
      window.StaticRange = function () { throw new Error('page StaticRange'); };
      window.restoreBuiltins = () => { for (const [o, k, v] of saved) o[k] = v; };
    </script>`,
  ),

  // A strict Content-Security-Policy: no script, no style of ours is allowed in by the page.
  '/strict-csp.html': {
    body: `${HEAD('Strict CSP')}<body><p id="a">Vladimir Putin met Xi Jinping in Shanghai.</p></body></html>`,
    headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
  },

  // Sandboxed and cross-origin frames (the cross-origin one is filled in by the test: its port).
  '/frames.html': page(
    'Frames',
    `<p>Vladimir Putin in the top frame.</p>
     <iframe sandbox srcdoc="<p>Xi Jinping in a sandboxed frame.</p>"></iframe>
     <iframe id="x" src="about:blank"></iframe>`,
  ),
  '/frame-child.html': page('Child', '<p>Gazprom in a cross-origin frame.</p>'),

  // A pushState navigation every second, with new content.
  '/pushstate.html': page(
    'pushState',
    `<main id="main"><p>Vladimir Putin, page 0.</p></main><script>
      const names = ['Xi Jinping', 'Angela Merkel', 'Gazprom', 'Moscow'];
      let n = 0;
      setInterval(() => { n++; history.pushState({}, '', '?page=' + n); document.getElementById('main').innerHTML = '<p>' + names[n % names.length] + ', page ' + n + '.</p>'; }, 1000);
    </script>`,
  ),

  // Right to left.
  '/rtl.html': `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>RTL</title></head><body><p>التقى Vladimir Putin مع Xi Jinping في شنغهاي.</p>${TIMER}</body></html>`,

  // A page whose text sits inline in <body>, with a clock updated every 100 ms (security review 5).
  '/inline-clock.html': page(
    'Inline clock',
    `Clock: <span id="clock">0</span><br>` +
      Array.from(
        { length: 1000 },
        (_, i) => `<span>${i}: Putin and Xi Jinping in Shanghai. ${'lorem ipsum dolor sit amet '.repeat(9)}</span><br>`,
      ).join('') +
      `<script>const c = document.getElementById('clock'); setInterval(() => { c.textContent = String(Date.now()); }, 100);</script>`,
  ),

  // document.open() and write() after load (security review 10): the test calls window.rewrite().
  '/document-write.html': page(
    'document.write',
    `<p>Vladimir Putin met Xi Jinping.</p><script>
      window.rewrite = () => { document.open(); document.write('<!doctype html><p id="new">Gazprom and CNPC signed.</p>'); document.close(); };
    </script>`,
  ),

  // The body re-rendered every 20 ms (security review 18).
  '/rerender.html': page(
    'Re-render',
    `<div id="app"></div><script>
      let n = 0;
      setInterval(() => { n++; document.body.firstElementChild.innerHTML = '<p>Vladimir Putin met Xi Jinping (' + n + ').</p><p>Gazprom and CNPC.</p>'; }, 20);
    </script>`,
  ),

  // A page whose own MutationObserver throws.
  '/throwing-observer.html': page(
    'Throwing observer',
    `<p id="a">Vladimir Putin met Xi Jinping.</p><script>
      new MutationObserver(() => { throw new Error('the page’s own observer failed'); }).observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => { const p = document.createElement('p'); p.textContent = 'Later: Gazprom and CNPC.'; document.body.append(p); }, 300);
    </script>`,
  ),

  // A page with highlights of its own under our prefix, registered before we run (security review 12).
  '/own-highlights.html': page(
    'Own highlights',
    `<p id="a">Vladimir Putin met Xi Jinping in Shanghai.</p><p id="b">The page marks these words itself.</p><script>
      const t = document.getElementById('b').firstChild;
      const mark = (from, to) => { const r = new Range(); r.setStart(t, from); r.setEnd(t, to); return new Highlight(r); };
      CSS.highlights.set('contextual-highlights-person', mark(4, 8));
      CSS.highlights.set('contextual-highlights-focus', mark(9, 14));
      window.own = { person: CSS.highlights.get('contextual-highlights-person'), focus: CSS.highlights.get('contextual-highlights-focus') };
    </script>`,
  ),

  // An XML document, which the browser shows in its own viewer (security review 17).
  '/data.xml': {
    body: '<?xml version="1.0"?><news><item>Vladimir Putin met Xi Jinping.</item><item>Gazprom and CNPC.</item></news>',
    type: 'application/xml; charset=utf-8',
  },
};
