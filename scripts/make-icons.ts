/// <reference types="node" />
/**
 * make-icons.ts — generates the extension icons from source.
 *
 * Why this exists: the toolbar/store icons are simple geometry, so instead of
 * checking in hand-edited binaries we draw them here and encode the PNGs
 * ourselves. Anyone can rebuild or tweak them with Node alone — no image
 * editor, ImageMagick, sharp or other image tools (the build machine is offline
 * and has none).
 *
 * Outputs (in assets/icons/):
 *   icon-16.png, icon-32.png, icon-48.png, icon-128.png  (RGBA, anti-aliased)
 *   icon.svg                                              (same design, for Firefox and the README)
 *
 * Run from the repository root:  npx tsx scripts/make-icons.ts
 *
 * Design (128-unit canvas, all edges on multiples of 8 so they land on whole
 * pixels at 16 px): a deep-blue rounded square with three white "text lines";
 * an amber highlight bar sits behind the right part of the middle line, like a
 * highlighter stroke over a phrase.
 *
 * The PNG encoder below is deliberately self-contained (signature, IHDR, IDAT
 * = zlib deflate of filtered scanlines, IEND, CRC-32) and uses only node:zlib
 * and node:fs.
 */

import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// Design
// ---------------------------------------------------------------------------

type RGB = readonly [number, number, number];

interface RoundRect {
  /** Left, top, right, bottom in 0..128 design units. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Corner radius in design units. */
  r: number;
  color: string;
}

const CANVAS = 128;

const BLUE = '#1f4e8c';
const WHITE = '#ffffff';
const AMBER = '#ffc21a';

/** Painted in order; later shapes cover earlier ones. */
const SHAPES: readonly RoundRect[] = [
  // Background tile.
  { x0: 0, y0: 0, x1: 128, y1: 128, r: 24, color: BLUE },
  // Text line 1.
  { x0: 24, y0: 24, x1: 104, y1: 40, r: 8, color: WHITE },
  // Highlight bar behind the right part of text line 2 (overhangs the line by
  // one 16-px pixel above, below and to the right).
  { x0: 48, y0: 48, x1: 112, y1: 80, r: 4, color: AMBER },
  // Text line 2, drawn over the highlight.
  { x0: 24, y0: 56, x1: 104, y1: 72, r: 8, color: WHITE },
  // Text line 3 (shorter, like the end of a paragraph).
  { x0: 24, y0: 88, x1: 80, y1: 104, r: 8, color: WHITE },
];

const SIZES = [16, 32, 48, 128] as const;

/** Sub-samples per pixel along each axis (SS * SS samples per pixel). */
const SS = 16;

function hexToRgb(hex: string): RGB {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function insideRoundRect(s: RoundRect, x: number, y: number): boolean {
  if (x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1) return false;
  const dx = Math.max(s.x0 + s.r - x, 0, x - (s.x1 - s.r));
  const dy = Math.max(s.y0 + s.r - y, 0, y - (s.y1 - s.r));
  return dx * dx + dy * dy <= s.r * s.r;
}

/**
 * Rasterises the design at `size` x `size` pixels into straight (non-premultiplied)
 * RGBA. Each pixel averages SS x SS sample points: every sample takes the colour
 * of the topmost shape covering it (or transparent), and the pixel's alpha is the
 * fraction of covered samples — i.e. coverage-based anti-aliasing.
 */
function render(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const colors = SHAPES.map((s) => hexToRgb(s.color));
  const scale = CANVAS / size;
  const total = SS * SS;

  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        const y = (py + (sy + 0.5) / SS) * scale;
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) * scale;
          for (let i = SHAPES.length - 1; i >= 0; i--) {
            if (insideRoundRect(SHAPES[i]!, x, y)) {
              const c = colors[i]!;
              r += c[0];
              g += c[1];
              b += c[2];
              covered++;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        // Sums are premultiplied by coverage; divide by `covered` to un-premultiply.
        out[o] = Math.round(r / covered);
        out[o + 1] = Math.round(g / covered);
        out[o + 2] = Math.round(b / covered);
        out[o + 3] = Math.round((covered / total) * 255);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// PNG encoder
// ---------------------------------------------------------------------------

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const buf = Buffer.alloc(12 + data.length);
  buf.writeUInt32BE(data.length, 0);
  buf.write(type, 4, 'latin1');
  buf.set(data, 8);
  // CRC covers the chunk type and data, not the length.
  buf.writeUInt32BE(crc32(buf.subarray(4, 8 + data.length)), 8 + data.length);
  return buf;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Applies one of the five PNG filter types to every scanline, choosing per row
 * the filter with the smallest sum of absolute (signed) residuals — the usual
 * heuristic from the PNG specification.
 */
function filterScanlines(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const bpp = 4;
  const stride = width * bpp;
  const out = new Uint8Array(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  const best = new Uint8Array(stride);

  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = (y - 1) * stride;
    let bestType = 0;
    let bestScore = Infinity;

    for (let type = 0; type <= 4; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const x = rgba[row + i]!;
        const a = i >= bpp ? rgba[row + i - bpp]! : 0;
        const b = y > 0 ? rgba[prev + i]! : 0;
        const c = y > 0 && i >= bpp ? rgba[prev + i - bpp]! : 0;
        let v: number;
        switch (type) {
          case 0:
            v = x;
            break;
          case 1:
            v = x - a;
            break;
          case 2:
            v = x - b;
            break;
          case 3:
            v = x - ((a + b) >> 1);
            break;
          default:
            v = x - paeth(a, b, c);
            break;
        }
        v &= 0xff;
        candidate[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
        best.set(candidate);
      }
    }

    const o = y * (stride + 1);
    out[o] = bestType;
    out.set(best, o + 1);
  }
  return out;
}

function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha (RGBA)
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method: adaptive
  ihdr[12] = 0; // interlace: none

  const idat = deflateSync(filterScanlines(rgba, width, height), { level: 9 });

  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

// ---------------------------------------------------------------------------
// SVG (same shapes)
// ---------------------------------------------------------------------------

function toSvg(): string {
  const rects = SHAPES.map(
    (s) =>
      `  <rect x="${s.x0}" y="${s.y0}" width="${s.x1 - s.x0}" height="${s.y1 - s.y0}" rx="${s.r}" fill="${s.color}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CANVAS}" height="${CANVAS}" viewBox="0 0 ${CANVAS} ${CANVAS}">`,
    '  <title>Contextual Highlights</title>',
    ...rects,
    '</svg>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'icons');
mkdirSync(outDir, { recursive: true });

for (const size of SIZES) {
  const png = encodePng(render(size), size, size);
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, png);
  console.log(`wrote ${file} (${png.length} bytes)`);
}

const svgFile = join(outDir, 'icon.svg');
writeFileSync(svgFile, toSvg());
console.log(`wrote ${svgFile}`);
