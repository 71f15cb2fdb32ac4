/**
 * Whether a force-laid graph of the story can be read at the popup's size (issue 24): d3-force lays
 * out the entities with their relations as links and their names as boxes that must not overlap
 * (names wrapped at 110 px, 12 px text at about 6.4 px a character, 16 px a line), and this reports
 * the room the layout needs against the popup's panel (about 330 × 380 px). For the whole story
 * and for the largest single entity's neighbourhood. `npx tsx bench/graph-fit.ts`
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import { loadDataset } from '../scripts/lib/dataset';

const PANEL = { width: 330, height: 380 };
const CHAR = 6.4;
const LINE = 16;
const WRAP = 110;

interface Box {
  id: string;
  w: number;
  h: number;
  x?: number;
  y?: number;
}

function box(id: string, name: string): Box {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (next.length * CHAR > WRAP && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return { id, w: Math.max(...lines.map((l) => l.length * CHAR)) + 12, h: lines.length * LINE };
}

/** The extent (w × h) of a non-overlapping force layout of `ids`, and the overlaps left. */
export function fit(ids: readonly string[]): {
  nodes: number;
  links: number;
  width: number;
  height: number;
  overlaps: number;
} {
  const dataset = loadDataset();
  const entities = dataset.entities.filter((e) => ids.includes(e.id));
  const nodes = entities.map((e) => box(e.id, e.names.en));
  const links = entities.flatMap((e) =>
    e.related.filter((r) => ids.includes(r.id)).map((r) => ({ source: e.id, target: r.id })),
  );
  const simulation = forceSimulation(nodes as (Box & { index?: number })[])
    .force(
      'link',
      forceLink(links)
        .id((n) => (n as Box).id)
        .distance(60),
    )
    .force('charge', forceManyBody().strength(-120))
    .force(
      'collide',
      forceCollide((n) => Math.hypot((n as Box).w, (n as Box).h) / 2),
    )
    .force('x', forceX(PANEL.width / 2).strength(0.08))
    .force('y', forceY(PANEL.height / 2).strength(0.08))
    .stop();
  for (let i = 0; i < 400; i++) simulation.tick();
  const left = Math.min(...nodes.map((n) => n.x! - n.w / 2));
  const right = Math.max(...nodes.map((n) => n.x! + n.w / 2));
  const top = Math.min(...nodes.map((n) => n.y! - n.h / 2));
  const bottom = Math.max(...nodes.map((n) => n.y! + n.h / 2));
  let overlaps = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [nodes[i]!, nodes[j]!];
      if (Math.abs(a.x! - b.x!) < (a.w + b.w) / 2 && Math.abs(a.y! - b.y!) < (a.h + b.h) / 2) overlaps++;
    }
  }
  return { nodes: nodes.length, links: links.length, width: right - left, height: bottom - top, overlaps };
}

const dataset = loadDataset();
const degree = new Map<string, Set<string>>(dataset.entities.map((e) => [e.id, new Set([e.id])]));
for (const e of dataset.entities) {
  for (const r of e.related) {
    degree.get(e.id)?.add(r.id);
    degree.get(r.id)?.add(e.id);
  }
}
const [hub, around] = [...degree].sort((a, b) => b[1].size - a[1].size)[0]!;
for (const [label, ids] of [
  ['whole story', dataset.entities.map((e) => e.id)],
  [`${hub} and its neighbours`, [...around]],
] as const) {
  const r = fit(ids);
  console.log(
    `${label}: ${r.nodes} names, ${r.links} relations: needs ${Math.round(r.width)} × ${Math.round(r.height)} px ` +
      `(${((r.width * r.height) / (PANEL.width * PANEL.height)).toFixed(1)}× the panel's ${PANEL.width} × ${PANEL.height}), ${r.overlaps} overlapping names`,
  );
}
