// The only module in this package that imports sharp: everything else works on RgbImage buffers.
import sharp, { type Sharp } from 'sharp';

/** Interleaved 8-bit RGB, row by row, no padding. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

export type ResizeKernel = 'nearest' | 'cubic' | 'lanczos3';

export interface Transform {
  resize?: { width: number; height: number; kernel: ResizeKernel };
  /** Gaussian sigma in pixels, after the resize. */
  blur?: number;
  /** out = in × a + b, per channel, after the blur. */
  linear?: { a: number; b: number };
}

export type EncodeFormat = 'png' | 'webp';

const rawInput = (image: RgbImage) => ({
  raw: { width: image.width, height: image.height, channels: 3 as const },
});

async function toRgb(pipeline: Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Renders an SVG document at `density` DPI (72 = its own size). */
export function svgToRgb(svg: string, density: number): Promise<RgbImage> {
  return toRgb(sharp(Buffer.from(svg), { density }));
}

/** Resize, blur and scale in one sharp pipeline (one round trip through libvips). */
export function transformRgb(image: RgbImage, transform: Transform): Promise<RgbImage> {
  let pipeline = sharp(image.data, rawInput(image));
  if (transform.resize !== undefined) {
    const { width, height, kernel } = transform.resize;
    pipeline = pipeline.resize(width, height, { kernel, fit: 'fill' });
  }
  if (transform.blur !== undefined && transform.blur >= 0.3) pipeline = pipeline.blur(transform.blur);
  if (transform.linear !== undefined) pipeline = pipeline.linear(transform.linear.a, transform.linear.b);
  return toRgb(pipeline);
}

/** Reduces the image to at most `colours` colours, without dithering (flat pixel-art areas). */
export async function quantiseRgb(image: RgbImage, colours: number): Promise<RgbImage> {
  const png = await sharp(image.data, rawInput(image)).png({ palette: true, colours, dither: 0 }).toBuffer();
  return toRgb(sharp(png));
}

export function encodeRgb(
  image: RgbImage,
  format: EncodeFormat,
  options: { paletteColours?: number } = {},
): Promise<Buffer> {
  const pipeline = sharp(image.data, rawInput(image));
  if (format === 'webp') return pipeline.webp({ quality: 75, effort: 2 }).toBuffer();
  return options.paletteColours === undefined
    ? pipeline.png().toBuffer()
    : pipeline.png({ palette: true, colours: options.paletteColours, dither: 0 }).toBuffer();
}

export interface DecodedImage extends RgbImage {
  /** One byte per pixel when the source has transparency; null when it is opaque. */
  alpha: Buffer | null;
  format: string;
}

/** Decodes a PNG, JPEG or WebP to RGB pixels (and its alpha channel, when it has one). */
export async function decodeImage(bytes: Buffer): Promise<DecodedImage & { channels: 3 }> {
  const image = sharp(bytes);
  const metadata = await image.metadata();
  const rgb = await toRgb(image.clone());
  const alpha =
    metadata.hasAlpha === true ? await image.clone().extractChannel('alpha').raw().toBuffer() : null;
  return { ...rgb, channels: 3, alpha, format: metadata.format ?? 'unknown' };
}

/**
 * A single-channel image (a mask) at `width`×`height`, 0..255, its edge feathered by `feather`
 * pixels so a composite has no hard cut line.
 */
export async function decodeGrey(bytes: Buffer, width: number, height: number, feather = 0): Promise<Buffer> {
  let pipeline = sharp(bytes)
    .flatten({ background: '#000000' })
    .greyscale()
    .resize(width, height, { fit: 'fill', kernel: 'cubic' });
  if (feather >= 0.3) pipeline = pipeline.blur(feather);
  return pipeline.raw().toBuffer();
}

/** `overlay` (any encoded image, resized to fit) laid over `base` where `mask` is white. */
export async function compositeMasked(
  base: RgbImage,
  overlay: Buffer,
  mask: Buffer,
  format: EncodeFormat,
): Promise<Buffer> {
  const { width, height } = base;
  // Decoded to RGB first: sharp removes alpha late in a pipeline, which would drop the mask too.
  const frame = await toRgb(sharp(overlay).resize(width, height, { fit: 'fill' }));
  const top = await sharp(frame.data, rawInput(frame))
    .joinChannel(mask, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
  const out = sharp(base.data, rawInput(base)).composite([{ input: top }]);
  return format === 'png' ? out.png().toBuffer() : out.webp({ quality: 75, effort: 2 }).toBuffer();
}

/** Resizes a single-channel plane (an alpha channel), smoothly. */
export function resizeGrey(
  plane: Buffer,
  from: { width: number; height: number },
  width: number,
  height: number,
) {
  return sharp(plane, { raw: { width: from.width, height: from.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
}

/** Encodes RGB plus an alpha plane as a PNG with transparency. */
export async function encodeRgba(image: RgbImage, alpha: Buffer): Promise<Buffer> {
  return sharp(image.data, rawInput(image))
    .joinChannel(alpha, { raw: { width: image.width, height: image.height, channels: 1 } })
    .png()
    .toBuffer();
}

/** The image on a larger canvas, the new border filled by mirroring the picture at its edges. */
export async function extendMirrored(
  image: RgbImage,
  margins: { top: number; right: number; bottom: number; left: number },
): Promise<RgbImage> {
  return toRgb(sharp(image.data, rawInput(image)).extend({ ...margins, extendWith: 'mirror' }));
}
