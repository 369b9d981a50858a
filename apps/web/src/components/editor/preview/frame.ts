import type { Adjustments } from '@atelier/image-edits';
import type { Size } from '../editor-context';
import type { Affine } from '../geometry-plan';
import type { Area } from '../viewport';

/** Everything one preview frame depends on. */
export interface Frame {
  /** The edited picture's size (the canvas is drawn at this size, or smaller; see `previewScale`). */
  size: Size;
  /** Maps a pixel of the edited picture to the source image's pixels. */
  toSource: Affine;
  /** Every slider's value (neutral where unset). */
  adjustments: Adjustments;
  /** Picture pixels left of this x show the picture before adjustments (the compare slider); null: none. */
  splitX: number | null;
  /**
   * Canvas pixels per picture pixel wanted (≤ 1): about what the screen shows, so a fitted 2048²
   * picture costs the pixels of the view, not 4 million per frame. 1 draws the picture's own pixels.
   */
  resolution: number;
  /**
   * The part of the picture on screen (picture pixels): only it is drawn, so zooming in costs the
   * pixels of the view, not of the picture. Null: the whole picture.
   */
  area: Area | null;
}

/** Blur and sharpen radii, in pixels of the full-size edited picture. */
export interface Sigmas {
  blur: number;
  sharpen: number;
  /** How strongly the sharpen adds back the detail (0 none). */
  sharpenAmount: number;
}

export interface PreviewRenderer {
  readonly kind: 'webgl2' | 'canvas2d';
  /**
   * The picture to edit; uploaded once (the frames that follow reuse it). `natural` is the
   * original's size, which `Frame.toSource` speaks in (the bitmap may be a smaller copy).
   */
  setSource: (source: ImageBitmap, natural: Size) => void;
  render: (frame: Frame) => void;
  /** The last frame drawn, as a PNG. */
  toBlob: () => Promise<Blob>;
  dispose: () => void;
}

/** The largest side the preview draws; a larger picture is drawn smaller and scaled up on screen. */
export const MAX_PREVIEW_SIDE = 4096;

/** How much smaller than the picture the preview canvas is (1: the same size). */
export function previewScale(size: Size, resolution = 1, maxSide = MAX_PREVIEW_SIDE): number {
  return Math.min(1, resolution, maxSide / Math.max(size.width, size.height));
}

/**
 * The resolution to draw at for a view scale and device pixel ratio: rounded up to sixteenths (and
 * halvings below 1/16), so zooming redraws the geometry only now and then and never draws blurry.
 */
export function resolutionFor(viewScale: number, devicePixelRatio: number): number {
  const wanted = viewScale * devicePixelRatio;
  if (wanted >= 1) return 1;
  if (wanted >= 1 / 16) return Math.ceil(wanted * 16) / 16;
  let level = 1 / 16;
  while (level / 2 >= wanted && level > 1 / 64) level /= 2;
  return level;
}

/** Where one frame's pixels go, in pixels of the whole picture drawn at `scale` (`full`). */
export interface CanvasPlan {
  /** Canvas pixels per picture pixel. */
  scale: number;
  /** The whole picture at `scale`. */
  full: Size;
  /** The part the canvas shows: the frame's area, grown to whole pixels. */
  canvas: Area;
  /**
   * The part the geometry pass draws: the canvas grown by at least `reach` (the blur's), so the
   * blur near the canvas's edges reads the picture that lies beyond them, as the server's does.
   */
  base: Area;
}

/** Plans a frame's canvas; `reach` is how far (picture pixels) a pixel's blur reads around it. */
export function planCanvas(frame: Frame, reach = 0, maxSide = MAX_PREVIEW_SIDE): CanvasPlan {
  const scale = previewScale(frame.size, frame.resolution, maxSide);
  const full = {
    width: Math.max(1, Math.round(frame.size.width * scale)),
    height: Math.max(1, Math.round(frame.size.height * scale)),
  };
  const whole = { x: 0, y: 0, width: full.width, height: full.height };
  if (!frame.area) return { scale, full, canvas: whole, base: whole };
  const span = (start: number, length: number, limit: number) => {
    const from = Math.max(0, Math.min(limit - 1, Math.floor(start * scale)));
    const to = Math.max(from + 1, Math.min(limit, Math.ceil((start + length) * scale)));
    return [from, to - from] as const;
  };
  const [x, width] = span(frame.area.x, frame.area.width, full.width);
  const [y, height] = span(frame.area.y, frame.area.height, full.height);
  const canvas = { x, y, width, height };
  // A power of two (at least 16 px): moving the blur slider rarely changes it, so the geometry
  // pass, keyed by this area, is not redrawn on every step.
  const grow = reach > 0 ? 2 ** Math.ceil(Math.log2(Math.max(16, reach * scale))) : 0;
  const bx = Math.max(0, x - grow);
  const by = Math.max(0, y - grow);
  const bw = Math.min(full.width, x + width + grow) - bx;
  const bh = Math.min(full.height, y + height + grow) - by;
  return { scale, full, canvas, base: { x: bx, y: by, width: bw, height: bh } };
}

/** The canvas's box inside the picture's element, in per cent of it (CSS left, top, width, height). */
export function canvasPlacement({ full, canvas }: CanvasPlan) {
  const percent = (part: number, whole: number) => `${(part / whole) * 100}%`;
  return {
    left: percent(canvas.x, full.width),
    top: percent(canvas.y, full.height),
    width: percent(canvas.width, full.width),
    height: percent(canvas.height, full.height),
  };
}
