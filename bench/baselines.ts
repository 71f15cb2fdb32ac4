/**
 * Functions that run inside the page (serialised by puppeteer): the instrumentation installed
 * before any page script, and the baselines, each timed in one page.evaluate.
 *
 * tsx compiles with keepNames, which wraps inner functions in a `__name(...)` helper that does
 * not exist in the page; INSTRUMENT defines a no-op one first.
 */

export interface InstrumentOptions {
  /** Chromium: record PerformanceObserver 'longtask' entries (buffered). */
  longtask: boolean;
  /** Chromium: record Long Animation Frames ('long-animation-frame' entries, buffered) with their scripts. */
  loaf?: boolean;
  /** Firefox (no long-task entries): a 5 ms setInterval whose largest gap is the longest task. */
  ticks: boolean;
  /** With the extension: note the frame after `contextual-highlights:ready`. */
  ours: boolean;
  /** Keep recording frames after ready (the appending page). */
  frames: boolean;
}

/** What every baseline returns (times are performance.now() in the page). */
export interface WorkResult {
  t0: number;
  /** End of the work itself. */
  t1: number;
  /** After the next animation frame and one more task. */
  t2: number;
  matches: number;
  mutations: number;
}

/** One script of a long animation frame, as the browser lists it (times: performance.now()). */
export interface LoafScript {
  invokerType: string;
  invoker: string;
  sourceURL: string;
  start: number;
  duration: number;
  /** Style and layout the script forced (ms). */
  forced: number;
}

/**
 * A long animation frame (the Long Animation Frames API): from the start of the first task after
 * the previous rendering to the end of this frame's rendering. `renderStart` and `styleStart` are 0
 * when the frame did not render (one long task).
 */
export interface LoafFrame {
  start: number;
  duration: number;
  blocking: number;
  renderStart: number;
  styleStart: number;
  /**
   * The scripts of 5 ms or more the browser attributes: Chromium lists only scripts loaded over
   * http(s), data: or blob: and promise handlers of the page's main world, never an extension's
   * (animation_frame_timing_monitor.cc, ShouldAllowScriptURL), so these are the page's own.
   */
  scripts: LoafScript[];
}

export interface BenchGlobal {
  mutations: number;
  mutationsBeforeDcl: number;
  dcl: number;
  longtasks: [number, number][];
  loaf: LoafFrame[];
  ticks: number[];
  readyFrame: number | null;
  readyPromise: Promise<number>;
  frames: number[];
  stopFrames: boolean;
  begin(): void;
  countMutations(): number;
  nextFrame(): Promise<number>;
}

/**
 * Installed with page.evaluateOnNewDocument before the page's own scripts: counts DOM mutation
 * records (the parser's own insertions, before DOMContentLoaded, are counted apart), collects long
 * tasks or timer gaps, and for the extension's runs notes the frame after the `ready` mark.
 */
export function instrument(opts: InstrumentOptions): void {
  type W = typeof window & { __bench: BenchGlobal };
  let resolveReady: (t: number) => void = () => {};
  const B: BenchGlobal = {
    mutations: 0,
    mutationsBeforeDcl: 0,
    dcl: 0,
    longtasks: [],
    loaf: [],
    ticks: [],
    readyFrame: null,
    readyPromise: new Promise<number>((ok) => (resolveReady = ok)),
    frames: [],
    stopFrames: false,
    begin() {
      B.mutations = 0;
      mo.takeRecords();
    },
    countMutations() {
      B.mutations += mo.takeRecords().length;
      return B.mutations;
    },
    /** Resolves (with performance.now()) in the task after the next animation frame. */
    nextFrame() {
      return new Promise<number>((ok) => {
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => ok(performance.now());
          ch.port2.postMessage(0);
        });
      });
    },
  };
  (window as W).__bench = B;
  const mo = new MutationObserver((records) => {
    B.mutations += records.length;
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      B.mutationsBeforeDcl = B.countMutations();
      B.mutations = 0;
      B.dcl = performance.now();
    },
    { capture: true, once: true },
  );
  if (opts.longtask && PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  }
  if (opts.loaf && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    type Script = PerformanceEntry & {
      invokerType: string;
      invoker: string;
      sourceURL: string;
      forcedStyleAndLayoutDuration: number;
    };
    type Frame = PerformanceEntry & {
      blockingDuration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: Script[];
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Frame[]) {
        B.loaf.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          renderStart: e.renderStart,
          styleStart: e.styleAndLayoutStart,
          scripts: e.scripts.map((x) => ({
            invokerType: x.invokerType,
            invoker: x.invoker,
            sourceURL: x.sourceURL,
            start: x.startTime,
            duration: x.duration,
            forced: x.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
    // A mark both the page's timeline and a DevTools trace hold: how the two clocks line up.
    performance.mark('bench:anchor');
  }
  if (opts.ticks) {
    B.ticks.push(performance.now());
    setInterval(() => B.ticks.push(performance.now()), 5);
  }
  if (opts.ours) {
    const poll = (): void => {
      if (performance.getEntriesByName('contextual-highlights:ready').length === 0) {
        requestAnimationFrame(poll);
        return;
      }
      // This callback runs in the first frame after ready; the task after it follows that frame.
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        B.readyFrame = performance.now();
        resolveReady(B.readyFrame);
        if (opts.frames) {
          const loop = (): void => {
            if (B.stopFrames) return;
            requestAnimationFrame(() => {
              const c = new MessageChannel();
              c.port1.onmessage = () => {
                B.frames.push(performance.now());
                loop();
              };
              c.port2.postMessage(0);
            });
          };
          loop();
        }
      };
      ch.port2.postMessage(0);
    };
    requestAnimationFrame(poll);
  }
}

/** The script given to evaluateOnNewDocument. */
export function instrumentScript(opts: InstrumentOptions): string {
  return `globalThis.__name = globalThis.__name || function (f) { return f; };\n(${instrument.toString()})(${JSON.stringify(opts)});`;
}

type BenchWindow = typeof window & { __bench: BenchGlobal };

// ---------------------------------------------------------------------------------------------
// Baselines. Each one: begin (resets the mutation count), t0, the work, t1, next frame + task, t2.

/**
 * (a) The floor: a TreeWalker over every text node, reading its data, nothing else. Self-contained
 * (no `__bench`), so that the same code also runs in an isolated world for (a′), the kind of world
 * a content script runs in; the caller counts mutations around it.
 */
export async function floorWork(): Promise<WorkResult> {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    chars += (n as Text).data.length;
    nodes++;
  }
  const t1 = performance.now();
  const t2 = await new Promise<number>((ok) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok(performance.now());
      ch.port2.postMessage(0);
    });
  });
  // `chars` is returned through `matches` so that reading the data cannot be optimised away.
  return { t0, t1, t2, matches: chars > 0 ? nodes : 0, mutations: 0 };
}

/**
 * (a″) The floor a content script cannot go under: a TreeWalker over elements AND text that skips
 * the subtrees a content script must not read (the elements of src/content/read/elements.ts'
 * EXCLUDED, and contenteditable regions), reading each text node's data and each element's name
 * and contenteditable attribute. Run from an isolated world, where every node touched needs a
 * wrapper of that world. Self-contained, like floorWork.
 */
export async function elementFloorWork(): Promise<WorkResult> {
  const skip = new Set(
    'script style noscript template textarea input select option title iframe noembed noframes'.split(' '),
  );
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  let n = walker.nextNode();
  while (n) {
    if (n.nodeType === 1) {
      const el = n as Element;
      const editable = el.getAttribute('contenteditable');
      if (skip.has(el.localName) || (editable !== null && editable.toLowerCase() !== 'false')) {
        // The next node outside this element's subtree.
        n = null;
        for (;;) {
          const next = walker.nextSibling();
          if (next) {
            n = next;
            break;
          }
          if (!walker.parentNode()) break;
        }
        continue;
      }
    } else {
      chars += (n as Text).data.length;
      nodes++;
    }
    n = walker.nextNode();
  }
  const t1 = performance.now();
  const t2 = await new Promise<number>((ok) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok(performance.now());
      ch.port2.postMessage(0);
    });
  });
  return { t0, t1, t2, matches: chars > 0 ? nodes : 0, mutations: 0 };
}

interface MarkInstance {
  markRegExp(re: RegExp, opts: { done: (n: number) => void }): void;
  mark(words: string[], opts: Record<string, unknown>): void;
}
type MarkCtor = new (ctx: Element) => MarkInstance;

/**
 * (b) mark.js: `markRegExp` with one word-bounded alternation of every alias, or (b′) `mark` with
 * the aliases as a keyword array (one pass per keyword).
 */
export async function markJsWork(
  query: { source: string; flags: string } | { keywords: string[] },
): Promise<WorkResult> {
  const B = (window as BenchWindow).__bench;
  const Mark = (window as unknown as { Mark: MarkCtor }).Mark;
  const re = 'source' in query ? new RegExp(query.source, query.flags) : null;
  B.begin();
  const t0 = performance.now();
  let t1 = 0;
  await new Promise<void>((ok) => {
    const done = (): void => {
      t1 = performance.now();
      ok();
    };
    const mark = new Mark(document.body);
    if (re) mark.markRegExp(re, { done });
    else
      mark.mark((query as { keywords: string[] }).keywords, { separateWordSearch: false, accuracy: 'exactly', done });
  });
  const t2 = await B.nextFrame();
  const mutations = B.countMutations();
  return { t0, t1, t2, matches: document.querySelectorAll('mark[data-markjs]').length, mutations };
}

/** (c) One regex over each text node's data, a Range per match, one Highlight. */
export async function regexHighlightWork(source: string, flags: string): Promise<WorkResult> {
  const B = (window as BenchWindow).__bench;
  const re = new RegExp(source, flags);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('::highlight(bench-regex){background:#ffe066;color:#000}');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  B.begin();
  const t0 = performance.now();
  const highlight = new Highlight();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let count = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const parent = n.parentNode!.nodeName;
    if (parent === 'SCRIPT' || parent === 'STYLE') continue;
    const data = n.data;
    re.lastIndex = 0;
    for (let m = re.exec(data); m; m = re.exec(data)) {
      const range = new Range();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      highlight.add(range);
      count++;
    }
  }
  CSS.highlights.set('bench-regex', highlight);
  const t1 = performance.now();
  const t2 = await B.nextFrame();
  return { t0, t1, t2, matches: count, mutations: B.countMutations() };
}

/** (c') One regex over each text node's data, each match wrapped in <mark> (split text nodes). */
export async function regexWrapWork(source: string, flags: string): Promise<WorkResult> {
  const B = (window as BenchWindow).__bench;
  const re = new RegExp(source, flags);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('mark.bench{background:#ffe066;color:#000}');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  B.begin();
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found: Text[] = [];
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const parent = n.parentNode!.nodeName;
    if (parent === 'SCRIPT' || parent === 'STYLE') continue;
    re.lastIndex = 0;
    if (re.test(n.data)) found.push(n);
  }
  let count = 0;
  for (const node of found) {
    const data = node.data;
    let current = node;
    let consumed = 0;
    re.lastIndex = 0;
    for (let m = re.exec(data); m; m = re.exec(data)) {
      const hit = current.splitText(m.index - consumed);
      current = hit.splitText(m[0].length);
      consumed = m.index + m[0].length;
      const mark = document.createElement('mark');
      mark.className = 'bench';
      hit.parentNode!.insertBefore(mark, hit);
      mark.appendChild(hit);
      count++;
    }
  }
  const t1 = performance.now();
  const t2 = await B.nextFrame();
  return { t0, t1, t2, matches: count, mutations: B.countMutations() };
}

// ---------------------------------------------------------------------------------------------
// Readers used after a run.

/** Ranges painted by the extension: every `contextual-highlights-<token>-…` highlight except the focus one. */
export function paintedRanges(): number {
  let n = 0;
  CSS.highlights.forEach((h, name) => {
    if (name.startsWith('contextual-highlights-') && !name.endsWith('-focus')) n += h.size;
  });
  return n;
}

export interface OursTimeline {
  scanStart: number;
  scanWall: number;
  busy: number;
  firstPaint: number;
  ready: number;
  readyFrame: number;
  rescans: [number, number][];
  marks: [string, number][];
  mutations: number;
  mutationsBeforeDcl: number;
  longtasks: [number, number][];
  loaf: LoafFrame[];
  ticks: number[];
  frames: number[];
  painted: number;
}

/** Everything the extension's run left on the page's performance timeline, plus our counters. */
export function readOurs(): OursTimeline {
  const B = (window as BenchWindow).__bench;
  const one = (name: string): PerformanceEntry | undefined => performance.getEntriesByName(name)[0];
  const scan = one('contextual-highlights:scan');
  let painted = 0;
  CSS.highlights.forEach((h, name) => {
    if (name.startsWith('contextual-highlights-') && !name.endsWith('-focus')) painted += h.size;
  });
  return {
    scanStart: scan?.startTime ?? NaN,
    scanWall: scan?.duration ?? NaN,
    busy: one('contextual-highlights:scan-busy')?.duration ?? NaN,
    firstPaint: one('contextual-highlights:first-paint')?.startTime ?? NaN,
    ready: one('contextual-highlights:ready')?.startTime ?? NaN,
    readyFrame: B.readyFrame ?? NaN,
    rescans: performance.getEntriesByName('contextual-highlights:rescan').map((e) => [e.startTime, e.duration]),
    marks: performance
      .getEntriesByType('mark')
      .filter((e) => e.name.startsWith('append-'))
      .map((e) => [e.name, e.startTime]),
    mutations: B.countMutations(),
    mutationsBeforeDcl: B.mutationsBeforeDcl,
    longtasks: B.longtasks,
    loaf: B.loaf,
    ticks: B.ticks,
    frames: B.frames,
    painted,
  };
}

/** Painted ranges inside each appended paragraph (`p[data-append=N]`), by N. */
export function paintedPerAppended(): Record<string, number> {
  const out: Record<string, number> = {};
  CSS.highlights.forEach((h, name) => {
    if (!name.startsWith('contextual-highlights-') || name.endsWith('-focus')) return;
    h.forEach((r) => {
      const el = (r.startContainer.parentElement ?? null)?.closest('[data-append]');
      const n = el?.getAttribute('data-append');
      if (n != null) out[n] = (out[n] ?? 0) + 1;
    });
  });
  return out;
}

/** Timer ticks and long tasks collected so far (baseline pages). */
export function readTiming(): { longtasks: [number, number][]; ticks: number[]; loaf: LoafFrame[] } {
  const B = (window as BenchWindow).__bench;
  return { longtasks: B.longtasks, ticks: B.ticks, loaf: B.loaf };
}
