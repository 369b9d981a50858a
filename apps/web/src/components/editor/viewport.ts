import type { Point, Size } from './editor-context';

/**
 * Where the picture sits in the viewport element: its top-left corner at (x, y) CSS pixels from
 * the element's top-left, one picture pixel drawn `scale` CSS pixels wide and tall (the same on
 * both axes, so the picture keeps its aspect ratio at every zoom).
 */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;
/** The room left around a fitted picture, in CSS pixels. */
export const FIT_MARGIN = 16;
/** How much of the picture must stay in view while panning, in CSS pixels. */
const KEEP_VISIBLE = 48;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

function centred(picture: Size, box: Size, scale: number): View {
  return {
    scale,
    x: (box.width - picture.width * scale) / 2,
    y: (box.height - picture.height * scale) / 2,
  };
}

/** The whole picture, as large as the box allows with a margin, centred. */
export function fitView(picture: Size, box: Size, margin = FIT_MARGIN): View {
  const room = {
    width: Math.max(1, box.width - 2 * margin),
    height: Math.max(1, box.height - 2 * margin),
  };
  const scale = clampScale(Math.min(room.width / picture.width, room.height / picture.height));
  return centred(picture, box, scale);
}

/**
 * A box of picture pixels (it may reach outside the picture: an outpaint's new margins), as large
 * as the element allows with a margin, centred.
 */
export function fitAreaView(area: Area, box: Size, margin = FIT_MARGIN): View {
  const view = fitView(area, box, margin);
  return { scale: view.scale, x: view.x - area.x * view.scale, y: view.y - area.y * view.scale };
}

/** A rectangle in picture pixels. */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of the picture the element shows (picture pixels), grown outwards to a grid of `step`
 * pixels so a small pan does not change it; the whole picture when it all fits.
 */
export function visibleArea(view: View, picture: Size, box: Size, step = 1): Area {
  const from = toPicture(view, { x: 0, y: 0 });
  const to = toPicture(view, { x: box.width, y: box.height });
  const down = (value: number, limit: number) =>
    Math.min(limit, Math.max(0, Math.floor(value / step) * step));
  const up = (value: number, limit: number) => Math.min(limit, Math.max(0, Math.ceil(value / step) * step));
  const x = down(from.x, picture.width);
  const y = down(from.y, picture.height);
  return {
    x,
    y,
    width: up(to.x, picture.width) - x,
    height: up(to.y, picture.height) - y,
  };
}

/**
 * The grid `visibleArea` snaps to: a power of two about an eighth of the element's width in picture
 * pixels, so panning redraws the preview about every eighth of a screen, not on every pixel.
 */
export function visibleAreaStep(view: View, box: Size): number {
  const eighth = Math.max(1, box.width / view.scale / 8);
  return 2 ** Math.max(3, Math.floor(Math.log2(eighth)));
}

/** 100 %: one picture pixel per CSS pixel, keeping the picture point under `anchor` where it is. */
export function actualSizeView(view: View, anchor: Point): View {
  return zoomAt(view, 1 / view.scale, anchor);
}

/** Multiplies the scale by `factor`, keeping the picture point under `anchor` (box coordinates) still. */
export function zoomAt(view: View, factor: number, anchor: Point): View {
  const scale = clampScale(view.scale * factor);
  const ratio = scale / view.scale;
  return {
    scale,
    x: anchor.x - (anchor.x - view.x) * ratio,
    y: anchor.y - (anchor.y - view.y) * ratio,
  };
}

/** The zoom factor for one wheel event: a notch (100 px) zooms by about 1.2×, a trackpad smoothly. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 40 : deltaMode === 2 ? deltaY * 800 : deltaY;
  return Math.exp(-pixels * 0.0018);
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** Keeps at least a strip of the picture in the box, so it can never be panned out of reach. */
export function clampView(view: View, picture: Size, box: Size): View {
  const width = picture.width * view.scale;
  const height = picture.height * view.scale;
  const keepX = Math.min(KEEP_VISIBLE, width);
  const keepY = Math.min(KEEP_VISIBLE, height);
  return {
    scale: view.scale,
    x: Math.min(box.width - keepX, Math.max(keepX - width, view.x)),
    y: Math.min(box.height - keepY, Math.max(keepY - height, view.y)),
  };
}

/** Two fingers moved from `from` to `to`: zoom by the change of their distance, pan with their middle. */
export function pinchView(view: View, from: [Point, Point], to: [Point, Point]): View {
  const distance = ([a, b]: [Point, Point]) => Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const middle = ([a, b]: [Point, Point]) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const before = middle(from);
  const after = middle(to);
  const zoomed = zoomAt(view, distance(to) / distance(from), before);
  return panBy(zoomed, after.x - before.x, after.y - before.y);
}

/** A picture pixel → a point in the box. */
export function toBox(view: View, point: Point): Point {
  return { x: view.x + point.x * view.scale, y: view.y + point.y * view.scale };
}

/** A point in the box → a picture pixel (may lie outside the picture). */
export function toPicture(view: View, point: Point): Point {
  return { x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale };
}

/** Zoom as people read it: "100 %", "25 %", "12.5 %". */
export function zoomLabel(scale: number): string {
  const percent = scale * 100;
  return `${percent >= 10 ? Math.round(percent) : Number(percent.toFixed(1))} %`;
}
