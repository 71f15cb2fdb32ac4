/**
 * The relation view: the entities on the page and the dataset's relations between them, drawn as an
 * SVG by graph-layout.ts's geometry. One tab stop for the whole graph; the arrow keys move between
 * nodes, Enter or Space (or a click) selects one. The focused node's relations stand out, and a
 * caption says them in words; the same relations are listed as text below the graph.
 */
import type { EntityType } from '../core/dataset-types';
import type { TabEntity } from '../shared/messages';
import { h, s } from './dom';
import { edgesAmong, layoutGraph, nextNode, type GraphLayout } from './graph-layout';

export interface GraphOptions {
  /** The popup's words. */
  say: {
    label: string;
    hint: string;
    none: string;
    asText: string;
    unrelated: string;
    node: (name: string, type: string, mentions: string) => string;
    type: (type: EntityType) => string;
    mentions: (n: number) => string;
  };
  /** The colour of a type's swatch in the current theme. */
  colour: (type: EntityType) => string;
  isDimmed: (entity: TabEntity) => boolean;
  onSelect: (id: string) => void;
}

/** Draws the graph of `entities` into `container` (replacing what was there). */
export function renderGraph(container: HTMLElement, entities: readonly TabEntity[], options: GraphOptions): void {
  const { say } = options;
  const edges = edgesAmong(entities);
  // Drawn at its own size (not scaled to fit), so that its text is the size the stylesheet says.
  const width = Math.round(container.clientWidth) || 332;
  const layout = layoutGraph(entities, edges, { width });
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const neighbours = new Map<string, string[]>(entities.map((e) => [e.id, []]));
  for (const [a, b] of edges) {
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }
  /** What ties `id` to `other`, read from `id` (every relation is read both ways). */
  const labels = new Map(entities.flatMap((e) => e.related.map((r) => [`${e.id} ${r.id}`, r.label] as const)));
  /** "is the president of Russia; oversaw the signing of Sino-Russian gas deal". */
  const relatedText = (id: string): string => {
    const list = neighbours.get(id) ?? [];
    return list.length > 0
      ? list.map((n) => `${labels.get(`${id} ${n}`) ?? ''} ${names.get(n)!}`.trim()).join('; ')
      : say.unrelated;
  };

  // An edge's tooltip reads the relation: "Gazprom — is the seller in — Sino-Russian gas deal".
  const edgePaths = layout.edges.map((e) =>
    s(
      'path',
      { class: 'edge', d: e.d, 'data-a': e.a, 'data-b': e.b },
      s('title', {}, `${names.get(e.a)!} — ${labels.get(`${e.a} ${e.b}`) ?? ''} — ${names.get(e.b)!}`),
    ),
  );
  const nodeEls = layout.nodes.map((n, i) => {
    const entity = entities[i]!;
    const label = `${say.node(n.name, say.type(n.type), say.mentions(n.count))}; ${relatedText(n.id)}`;
    // The pointer's tooltip says the same: the name (cut off when long) and what ties it to the others.
    const tooltip = `${n.name}: ${relatedText(n.id)}`;
    return s(
      'g',
      {
        class: `node${options.isDimmed(entity) ? ' dimmed' : ''}`,
        role: 'button',
        tabindex: i === 0 ? 0 : -1,
        'aria-label': label,
        'data-entity': n.id,
      },
      s('title', {}, tooltip),
      s('circle', { class: 'halo', cx: n.x, cy: n.y, r: n.r + 3 }),
      s('circle', { cx: n.x, cy: n.y, r: n.r, fill: options.colour(n.type) }),
      s('text', { x: n.labelX, y: n.y, 'text-anchor': n.anchor, 'dominant-baseline': 'central' }, n.name),
    );
  });
  // A name too long for its place is cut off at its end (not shortened: the visible words stay
  // those of its accessible name, which speech input relies on); the caption and the tooltip show it whole.
  const clips = s('defs', {});
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      role: 'group',
      'aria-label': say.label,
      'aria-describedby': 'graph-hint',
    },
    clips,
    s('g', { 'aria-hidden': 'true' }, ...edgePaths),
    s('g', {}, ...nodeEls),
  );
  const caption = h('p', { class: 'graph-caption', id: 'graph-caption', 'aria-hidden': 'true' });
  const hint = h('p', { class: 'hint', id: 'graph-hint' }, edges.length > 0 ? say.hint : say.none);
  const asText = h(
    'details',
    {},
    h('summary', {}, say.asText),
    h('ul', {}, ...entities.map((e) => h('li', {}, h('strong', {}, e.name), `: ${relatedText(e.id)}`))),
  );
  const root = h('div', { class: 'graph' });
  root.append(svg, caption, hint, asText);
  container.replaceChildren(root);
  fitLabels(layout, nodeEls, clips);

  const focusOn = (index: number): void => {
    const el = nodeEls[index];
    if (!el) return;
    for (const n of nodeEls) n.setAttribute('tabindex', n === el ? '0' : '-1');
    el.focus();
  };
  const emphasise = (id: string | null): void => {
    root.classList.toggle('focused', id !== null);
    const near = new Set(id ? [id, ...(neighbours.get(id) ?? [])] : []);
    for (const p of edgePaths) p.classList.toggle('on', p.dataset.a === id || p.dataset.b === id);
    for (const n of nodeEls) n.classList.toggle('on', near.has(n.dataset.entity ?? ''));
    caption.textContent = id ? `${names.get(id)}: ${relatedText(id)}` : '';
  };
  nodeEls.forEach((el, i) => {
    const id = layout.nodes[i]!.id;
    el.addEventListener('click', () => {
      focusOn(i);
      options.onSelect(id);
    });
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        options.onSelect(id);
        return;
      }
      const next = nextNode(layout as GraphLayout, i, e.key);
      if (next < 0) return;
      e.preventDefault();
      focusOn(next);
    });
    el.addEventListener('focus', () => emphasise(id));
    el.addEventListener('blur', () => emphasise(null));
    el.addEventListener('pointerenter', () => emphasise(id));
    el.addEventListener('pointerleave', () => emphasise(document.activeElement === el ? id : null));
  });
}

/** Names wider than their room start at the room's start and are cut off at its end (measured once drawn). */
function fitLabels(layout: GraphLayout, nodeEls: SVGGElement[], clips: SVGDefsElement): void {
  layout.nodes.forEach((n, i) => {
    const g = nodeEls[i]!;
    const text = g.querySelector('text')!;
    if (text.getComputedTextLength() <= n.labelRoom) return;
    const from = n.column === 0 ? n.labelX - n.labelRoom : n.labelX;
    text.setAttribute('x', String(from));
    text.setAttribute('text-anchor', 'start');
    const id = `graph-clip-${i}`;
    clips.append(s('clipPath', { id }, s('rect', { x: from, y: n.y - 10, width: n.labelRoom, height: 20 })));
    text.setAttribute('clip-path', `url(#${id})`);
  });
}
