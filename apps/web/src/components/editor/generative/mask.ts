/*
 * The inpaint mask: brush strokes and inversions recorded in IMAGE pixels, replayed onto a raster
 * of one byte per pixel (255 = change, 0 = keep). The upload is that raster at exactly the image's
 * natural size; the on-screen preview is the same replay at a smaller scale, so what is seen is
 * what is sent, round strokes stay round at any zoom or aspect, and every browser makes the same
 * bytes.
 */
import { encodeGreyPng } from './png';

export type Point = readonly [number, number];
export type BrushMode = 'paint' | 'erase';

export interface MaskStroke {
  type: 'stroke';
  mode: BrushMode;
  /** Brush diameter in image pixels. */
  size: number;
  /** 1 is a hard edge; lower fades out from that fraction of the radius to the rim. */
  hardness: number;
  points: readonly Point[];
}

/** Swaps change and keep for everything painted so far; later strokes paint on the result. */
export interface MaskInvert {
  type: 'invert';
}

export type MaskStep = MaskStroke | MaskInvert;

/** A mask in progress: one byte per pixel at `scale` times the image's size. */
export interface MaskRaster {
  width: number;
  height: number;
  /** Raster pixels per image pixel, the same across and down so circles stay circles. */
  scale: number;
  pixels: Uint8Array;
}

/** The part of a raster a step changed, in raster pixels. */
export interface DirtyRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * An empty raster for an image; `maxSide` caps its longer side (the preview), and the default is
 * the image's own size (the upload).
 */
export function createRaster(imageWidth: number, imageHeight: number, maxSide = Infinity): MaskRaster {
  const scale = Math.min(1, maxSide / Math.max(imageWidth, imageHeight));
  const width = Math.max(1, Math.round(imageWidth * scale));
  const height = Math.max(1, Math.round(imageHeight * scale));
  return { width, height, scale, pixels: new Uint8Array(width * height) };
}

/** 1 inside, easing to 0 at the rim (smoothstep), for a pixel at `t` of the way through the soft edge. */
function falloff(t: number): number {
  return 1 - t * t * (3 - 2 * t);
}

/**
 * Paints (or erases) the capsule from `a` to `b` of a stroke. Paint keeps the brighter value and
 * erase the darker, so overlapping segments of one stroke never add up: replaying a stroke a
 * segment at a time (while drawing) gives the same bytes as replaying it whole.
 */
export function applySegment(raster: MaskRaster, stroke: MaskStroke, a: Point, b: Point): DirtyRect | null {
  const { width, height, scale, pixels } = raster;
  const r = Math.max(0.5, stroke.size / 2) * scale;
  const inner = r * Math.min(1, Math.max(0, stroke.hardness));
  const ax = a[0] * scale;
  const ay = a[1] * scale;
  const bx = b[0] * scale;
  const by = b[1] * scale;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + r));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + r));
  if (x0 > x1 || y0 > y1) return null;
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const rSq = r * r;
  const erase = stroke.mode === 'erase';
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    const row = y * width;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      // Distance from the pixel centre to the segment a–b.
      let t = lengthSq > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSq : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const dSq = ex * ex + ey * ey;
      if (dSq > rSq) continue;
      const d = Math.sqrt(dSq);
      const value = d <= inner ? 255 : Math.round(255 * falloff((d - inner) / (r - inner)));
      const i = row + x;
      if (erase) pixels[i] = Math.min(pixels[i]!, 255 - value);
      else pixels[i] = Math.max(pixels[i]!, value);
    }
  }
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Replays one step onto the raster; returns what changed. */
export function applyStep(raster: MaskRaster, step: MaskStep): DirtyRect | null {
  if (step.type === 'invert') {
    const { pixels } = raster;
    for (let i = 0; i < pixels.length; i++) pixels[i] = 255 - pixels[i]!;
    return { x: 0, y: 0, width: raster.width, height: raster.height };
  }
  const [first, ...rest] = step.points;
  if (!first) return null;
  if (rest.length === 0) return applySegment(raster, step, first, first);
  let dirty: DirtyRect | null = null;
  let previous = first;
  for (const point of rest) {
    dirty = union(dirty, applySegment(raster, step, previous, point));
    previous = point;
  }
  return dirty;
}

export function union(a: DirtyRect | null, b: DirtyRect | null): DirtyRect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** Replays every step onto a fresh raster. */
export function replay(
  steps: readonly MaskStep[],
  imageWidth: number,
  imageHeight: number,
  maxSide = Infinity,
): MaskRaster {
  const raster = createRaster(imageWidth, imageHeight, maxSide);
  for (const step of steps) applyStep(raster, step);
  return raster;
}

/** The mask at the image's own size: one byte per pixel, row by row. */
export function rasterizeMask(steps: readonly MaskStep[], width: number, height: number): Uint8Array {
  return replay(steps, width, height).pixels;
}

/** The share of the picture marked for change, 0–1 (soft edges count by how much). */
export function coverage(pixels: Uint8Array): number {
  if (pixels.length === 0) return 0;
  let sum = 0;
  for (const value of pixels) sum += value;
  return sum / (pixels.length * 255);
}

/** The mask to upload: a greyscale PNG of exactly the image's size, white = change, black = keep. */
export async function maskFile(steps: readonly MaskStep[], width: number, height: number): Promise<File> {
  const png = await encodeGreyPng(rasterizeMask(steps, width, height), width, height);
  return new File([png as BlobPart], 'mask.png', { type: 'image/png' });
}

/** Whether a new pointer position is far enough from the last to be worth a point. */
export function farEnough(last: Point | undefined, next: Point, size: number): boolean {
  if (!last) return true;
  const min = Math.max(1.5, size / 8);
  return Math.hypot(next[0] - last[0], next[1] - last[1]) >= min;
}

/** Brush sizes for an image: a slider range and a starting size, in image pixels. */
export function brushRange(width: number, height: number) {
  const long = Math.max(width, height);
  const min = Math.max(2, Math.round(long / 100));
  const max = Math.max(min + 1, Math.round(long / 5));
  return { min, max, initial: Math.round(Math.min(max, Math.max(min, long / 16))) };
}
