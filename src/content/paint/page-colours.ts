/**
 * The colours of the page we paint on: the background its text sits on, read from computed styles,
 * so highlights and the card can pick their light or dark look.
 */
import type { Rgb } from '../../core/colors';

/**
 * Parses the computed form of a colour; null if (mostly) transparent. "rgb()"/"rgba()" directly;
 * other forms browsers now report (oklch(), lab(), color()) by painting one pixel with it.
 */
export function parseColor(value: string): Rgb | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!m) return value === 'transparent' ? null : paintedColor(value);
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

let pixel: OffscreenCanvasRenderingContext2D | null | undefined;

/** The colour a CSS colour value paints as (via a 1×1 canvas, never added to the page). */
function paintedColor(value: string): Rgb | null {
  try {
    if (pixel === undefined) {
      pixel = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    }
    if (!pixel) return null;
    pixel.clearRect(0, 0, 1, 1);
    pixel.fillStyle = '#000';
    pixel.fillStyle = value;
    pixel.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
    return a! < 128 ? null : [r!, g!, b!];
  } catch {
    // A canvas the page's CSP or a broken colour string refuses: treat the colour as unknown.
    return null;
  }
}

/** The colour the page's text sits on: the first opaque background of body or html, else the canvas. */
export function pageBackground(doc: Document): Rgb {
  const view = doc.defaultView;
  if (!view) return [255, 255, 255];
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const c = parseColor(view.getComputedStyle(el).backgroundColor);
    if (c) return c;
  }
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  const prefersDark = view.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return scheme.includes('dark') && (prefersDark || !scheme.includes('light')) ? [18, 18, 18] : [255, 255, 255];
}
