import type { Adjustments } from '@atelier/image-edits';
import type { Size } from '../editor-context';
import type { Affine } from '../geometry-plan';

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
