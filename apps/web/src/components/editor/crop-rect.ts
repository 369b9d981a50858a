import { MIN_SIDE } from '@atelier/image-edits';
import type { Size } from './editor-context';

/** A crop rectangle in pixels of the picture as it is now (floats while dragging). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** The smallest crop side, in picture pixels (the server's smallest side). */
export const MIN_CROP = MIN_SIDE;

export interface CropRatio {
  label: string;
  /** Width over height; null is free. */
  value: number | null;
  /** A provider's pixel size: the crop is resized to exactly it once applied. */
  size?: Size;
  /** The provider whose sizes offered it (its chip is told apart from the usual ratios by this). */
  provider?: string;
}

/** The ratios offered for a picture: free, its own, then the usual ones and their portraits. */
export function cropRatios(size: Size): CropRatio[] {
  return [CROP_RATIOS[0]!, { label: 'Original', value: size.width / size.height }, ...CROP_RATIOS.slice(1)];
}

const CROP_RATIOS: readonly CropRatio[] = [
  { label: 'Free', value: null },
  { label: '1:1', value: 1 },
  { label: '4:3', value: 4 / 3 },
  { label: '3:4', value: 3 / 4 },
  { label: '3:2', value: 3 / 2 },
  { label: '2:3', value: 2 / 3 },
  { label: '16:9', value: 16 / 9 },
  { label: '9:16', value: 9 / 16 },
];

/** The largest centred rectangle of the ratio (the whole picture when free). */
export function initialCrop(size: Size, ratio: number | null): Rect {
  if (ratio === null) return { x: 0, y: 0, ...size };
  const width = Math.min(size.width, size.height * ratio);
  const height = width / ratio;
  return { x: (size.width - width) / 2, y: (size.height - height) / 2, width, height };
}

/** The same crop moved, kept inside the picture. */
export function moveCrop(rect: Rect, dx: number, dy: number, size: Size): Rect {
  return {
    ...rect,
    x: Math.min(size.width - rect.width, Math.max(0, rect.x + dx)),
    y: Math.min(size.height - rect.height, Math.max(0, rect.y + dy)),
  };
}

/** Changes the crop to a ratio, keeping its centre and as much of its area as fits. */
export function fitRatio(rect: Rect, ratio: number | null, size: Size): Rect {
  if (ratio === null) return rect;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  let height = Math.sqrt((rect.width * rect.height) / ratio);
  let width = height * ratio;
  const maxWidth = 2 * Math.min(cx, size.width - cx);
  const maxHeight = 2 * Math.min(cy, size.height - cy);
  const shrink = Math.min(1, maxWidth / width, maxHeight / height);
  width *= shrink;
  height *= shrink;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/**
 * Drags one handle by (dx, dy) from the crop `start`: the opposite edge or corner stays put (an
 * edge handle with a fixed ratio keeps the crop centred across), nothing leaves the picture.
 */
export function resizeCrop(
  start: Rect,
  handle: Handle,
  dx: number,
  dy: number,
  size: Size,
  ratio: number | null,
): Rect {
  let left = start.x;
  let top = start.y;
  let right = start.x + start.width;
  let bottom = start.y + start.height;
  const east = handle.includes('e');
  const west = handle.includes('w');
  const north = handle.includes('n');
  const south = handle.includes('s');

  if (ratio === null) {
    if (east) right = Math.min(size.width, Math.max(left + MIN_CROP, right + dx));
    if (west) left = Math.max(0, Math.min(right - MIN_CROP, left + dx));
    if (south) bottom = Math.min(size.height, Math.max(top + MIN_CROP, bottom + dy));
    if (north) top = Math.max(0, Math.min(bottom - MIN_CROP, top + dy));
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  const corner = (east || west) && (north || south);
  if (corner) {
    let width = Math.max(MIN_CROP, east ? start.width + dx : start.width - dx);
    let height = Math.max(MIN_CROP, south ? start.height + dy : start.height - dy);
    if (width / height > ratio) width = height * ratio;
    else height = width / ratio;
    const maxWidth = east ? size.width - left : right;
    const maxHeight = south ? size.height - top : bottom;
    const shrink = Math.min(1, maxWidth / width, maxHeight / height);
    width *= shrink;
    height *= shrink;
    return {
      x: east ? left : right - width,
      y: south ? top : bottom - height,
      width,
      height,
    };
  }

  if (east || west) {
    const cy = start.y + start.height / 2;
    let width = Math.max(MIN_CROP, east ? start.width + dx : start.width - dx);
    const maxWidth = Math.min(east ? size.width - left : right, 2 * Math.min(cy, size.height - cy) * ratio);
    width = Math.min(width, maxWidth);
    const height = width / ratio;
    return { x: east ? left : right - width, y: cy - height / 2, width, height };
  }
  const cx = start.x + start.width / 2;
  let height = Math.max(MIN_CROP, south ? start.height + dy : start.height - dy);
  const maxHeight = Math.min(south ? size.height - top : bottom, (2 * Math.min(cx, size.width - cx)) / ratio);
  height = Math.min(height, maxHeight);
  const width = height * ratio;
  return { x: cx - width / 2, y: south ? top : bottom - height, width, height };
}

/** Whole pixels inside the picture: what the crop operation records. */
export function roundCrop(rect: Rect, size: Size): Rect {
  const x = Math.min(size.width - 1, Math.max(0, Math.round(rect.x)));
  const y = Math.min(size.height - 1, Math.max(0, Math.round(rect.y)));
  const width = Math.max(1, Math.min(size.width - x, Math.round(rect.width)));
  const height = Math.max(1, Math.min(size.height - y, Math.round(rect.height)));
  return { x, y, width, height };
}

/** True when the crop keeps the whole picture (applying it would change nothing). */
export function isWholePicture(rect: Rect, size: Size): boolean {
  const r = roundCrop(rect, size);
  return r.x === 0 && r.y === 0 && r.width === size.width && r.height === size.height;
}
