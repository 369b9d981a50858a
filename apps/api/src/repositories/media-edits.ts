import {
  type Adjustments,
  adjustPixels,
  isNeutral,
  perPixelAdjustments,
  blurSigma,
  type EditOperation,
  type GeometryOperation,
  isGeometry,
  mergeAdjustments,
  sharpening,
  straightenedSize,
} from '@atelier/image-edits';
import sharp, { type Sharp } from 'sharp';

/** Decoded pixels, 8 bits per channel, interleaved: RGB, or RGBA when the picture has alpha. */
export interface RawPicture {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface EditProgress {
  signal?: AbortSignal;
  /** 0..1, after each step. */
  onProgress?: (fraction: number) => void;
}

/**
 * The editor's operation list on decoded pixels (only media.repository.ts imports this): every
 * geometry operation in list order, each from raw pixels to raw pixels in memory, then blur and
 * sharpen, then the per-pixel colour formula of @atelier/image-edits over the buffer. Nothing is
 * encoded or decoded between steps.
 */
export async function editRaw(
  picture: RawPicture,
  operations: readonly EditOperation[],
  progress: EditProgress = {},
) {
  const steps = operations.filter(isGeometry);
  const total = steps.length + 2;
  let done = 0;
  const step = () => {
    progress.signal?.throwIfAborted();
    progress.onProgress?.(++done / total);
  };
  let current = picture;
  for (const operation of steps) {
    current = await applyGeometry(current, operation);
    step();
  }
  const adjustments = mergeAdjustments(operations);
  current = await applyFilters(current, adjustments.blur, adjustments.sharpen);
  step();
  await adjustInBands(current, adjustments, progress.signal);
  step();
  return current;
}

/** Rows per band of the colour pass: about a million pixels, tens of milliseconds of work. */
const BAND_PIXELS = 1 << 20;

/**
 * The colour formula in bands, yielding between them: the pass is plain JavaScript on this thread,
 * and a worker that also serves requests (role `all`) keeps answering while it runs.
 */
async function adjustInBands(picture: RawPicture, adjustments: Adjustments, signal?: AbortSignal) {
  const { data, width, height, channels } = picture;
  if (isNeutral(adjustments, perPixelAdjustments)) return;
  const rows = Math.max(1, Math.floor(BAND_PIXELS / width));
  for (let from = 0; from < height; from += rows) {
    adjustPixels(data, width, height, channels, adjustments, from, Math.min(height, from + rows));
    await new Promise(setImmediate);
    signal?.throwIfAborted();
  }
}

function fromRaw(picture: RawPicture) {
  const { width, height, channels } = picture;
  return sharp(picture.data, { raw: { width, height, channels }, limitInputPixels: false });
}

async function toRaw(pipeline: Sharp, channels: 3 | 4): Promise<RawPicture> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  // Every step keeps the channels it was given; one that did not would scramble every later step.
  if (info.channels !== channels) {
    throw new Error(`an edit step made ${info.channels} channels of ${channels}`);
  }
  return { data, width: info.width, height: info.height, channels };
}

async function applyGeometry(picture: RawPicture, operation: GeometryOperation): Promise<RawPicture> {
  const input = fromRaw(picture);
  const { channels } = picture;
  switch (operation.type) {
    case 'crop':
      return toRaw(
        input.extract({
          left: operation.x,
          top: operation.y,
          width: operation.width,
          height: operation.height,
        }),
        channels,
      );
    case 'rotate':
      return toRaw(input.rotate(operation.quarterTurns * 90), channels);
    case 'flip':
      return toRaw(operation.axis === 'horizontal' ? input.flop() : input.flip(), channels);
    case 'resize':
      return toRaw(input.resize(operation.width, operation.height, { fit: 'fill' }), channels);
    case 'straighten':
      return straighten(picture, operation.angle);
  }
}

/** Rotates by the free angle, then keeps the centred rectangle `sizeAfterOperation` says. */
async function straighten(picture: RawPicture, angle: number): Promise<RawPicture> {
  if (angle === 0) return picture;
  const inner = straightenedSize(picture, angle);
  const rotated = await toRaw(
    // A transparent background would add an alpha channel to an opaque picture; the corners it
    // fills are cropped away anyway.
    fromRaw(picture).rotate(angle, {
      background: picture.channels === 4 ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 0, g: 0, b: 0 },
    }),
    picture.channels,
  );
  return toRaw(
    fromRaw(rotated).extract({
      left: Math.floor((rotated.width - inner.width) / 2),
      top: Math.floor((rotated.height - inner.height) / 2),
      width: inner.width,
      height: inner.height,
    }),
    picture.channels,
  );
}

async function applyFilters(picture: RawPicture, blur: number, sharpen: number): Promise<RawPicture> {
  const shortSide = Math.min(picture.width, picture.height);
  const sigma = blurSigma(blur, shortSide);
  const unsharp = sharpening(sharpen, shortSide);
  if (sigma === null && unsharp === null) return picture;
  let pipeline = fromRaw(picture);
  if (unsharp) pipeline = pipeline.sharpen({ sigma: unsharp.sigma, m1: unsharp.amount, m2: unsharp.amount });
  // A box approximation keeps a large blur (tens of pixels on a big picture) as fast as a small one.
  if (sigma !== null) pipeline = pipeline.blur({ sigma, precision: sigma > 10 ? 'approximate' : 'integer' });
  return toRaw(pipeline, picture.channels);
}
