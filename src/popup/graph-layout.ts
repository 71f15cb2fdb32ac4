/**
 * Where the relation graph's nodes and edges go: pure geometry, tested without a page. The entities
 * stand in two columns in the list's order (by type, as they first appear), each name on its own
 * line outside its column so that no label ever overlaps another at popup size; relations run
 * between the columns as curves, and within a column as arcs bowing into the space between.
 */
import type { EntityType } from '../core/dataset-types';

export interface GraphNode {
  id: string;
  name: string;
  type: EntityType;
  count: number;
}

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  r: number;
  column: 0 | 1;
  row: number;
  /** Where the name is drawn beside the node, and how wide it may be (a longer one is cut off there). */
  labelX: number;
  anchor: 'start' | 'end';
  labelRoom: number;
}

export interface PlacedEdge {
  a: string;
  b: string;
  /** SVG path data. */
  d: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export interface LayoutOptions {
  width?: number;
  rowHeight?: number;
}

/** Relations as unordered pairs of entities that are both in `nodes`, each once. */
export function edgesAmong(nodes: readonly { id: string; related: readonly { id: string }[] }[]): [string, string][] {
  const present = new Set(nodes.map((n) => n.id));
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const n of nodes) {
    for (const { id: r } of n.related) {
      if (r === n.id || !present.has(r)) continue;
      const pair: [string, string] = n.id < r ? [n.id, r] : [r, n.id];
      const key = pair.join('\n');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(pair);
    }
  }
  return out;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

export function layoutGraph(
  nodes: readonly GraphNode[],
  edges: readonly [string, string][],
  options: LayoutOptions = {},
): GraphLayout {
  const width = options.width ?? 360;
  const rowHeight = options.rowHeight ?? 24;
  const pad = 8;
  const gap = 6;
  // Each column's nodes sit at the inner edge of its label area; the middle band is for the edges.
  const band = width * 0.24;
  const xs = [(width - band) / 2, (width + band) / 2] as const;
  const perColumn = Math.ceil(nodes.length / 2);
  const placed: PlacedNode[] = nodes.map((n, i) => {
    const column: 0 | 1 = i < perColumn ? 0 : 1;
    const row = column === 0 ? i : i - perColumn;
    const x = xs[column];
    const r = 4 + Math.min(5, Math.log2(Math.max(1, n.count)));
    return {
      ...n,
      x: r1(x),
      y: r1(pad + row * rowHeight + rowHeight / 2),
      r: r1(r),
      column,
      row,
      labelX: r1(column === 0 ? x - r - gap : x + r + gap),
      anchor: column === 0 ? 'end' : 'start',
      labelRoom: r1(column === 0 ? x - r - gap - 2 : width - x - r - gap - 2),
    };
  });
  const byId = new Map(placed.map((n) => [n.id, n]));
  const out: PlacedEdge[] = [];
  for (const [a, b] of edges) {
    const p = byId.get(a);
    const q = byId.get(b);
    if (!p || !q) continue;
    let d: string;
    if (p.column === q.column) {
      // An arc bowing into the middle band, further the further apart its ends are.
      const bow = Math.min(band * 0.85, 10 + Math.abs(q.y - p.y) * 0.3) * (p.column === 0 ? 1 : -1);
      d = `M${p.x} ${p.y}Q${r1(p.x + bow)} ${r1((p.y + q.y) / 2)} ${q.x} ${q.y}`;
    } else {
      const [l, r] = p.column === 0 ? [p, q] : [q, p];
      const c = band / 2;
      d = `M${l.x} ${l.y}C${r1(l.x + c)} ${l.y} ${r1(r.x - c)} ${r.y} ${r.x} ${r.y}`;
    }
    out.push({ a, b, d });
  }
  return { width, height: r1(pad * 2 + perColumn * rowHeight), nodes: placed, edges: out };
}

/**
 * The node the arrow keys move to from `index`: up and down in its column, left and right to the
 * nearest row of the other column, Home and End to the first and last. -1 for other keys.
 */
export function nextNode(layout: GraphLayout, index: number, key: string): number {
  const nodes = layout.nodes;
  const here = nodes[index];
  if (!here) return -1;
  const inColumn = (column: 0 | 1): number[] => nodes.flatMap((n, i) => (n.column === column ? [i] : []));
  switch (key) {
    case 'ArrowUp':
    case 'ArrowDown': {
      const col = inColumn(here.column);
      const at = col.indexOf(index) + (key === 'ArrowDown' ? 1 : -1);
      return col[Math.max(0, Math.min(col.length - 1, at))]!;
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      const other = inColumn(key === 'ArrowLeft' ? 0 : 1);
      if (other.length === 0 || (key === 'ArrowLeft') === (here.column === 0)) return index;
      return other[Math.min(here.row, other.length - 1)]!;
    }
    case 'Home':
      return 0;
    case 'End':
      return nodes.length - 1;
    default:
      return -1;
  }
}
