import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { sniffImage } from '@atelier/providers';
import { type EditOperation, validateOperations } from '@atelier/image-edits';
import { type EditProgress, editRaw } from './media-edits';
import type { StoredMime } from './storage.repository';

// Providers return at most ~4 MP, and an upscale of those reaches ~20 MP; the default is 268 MP.
const MAX_INPUT_PIXELS = 50_000_000;
export const THUMBNAIL_SIZES = [256, 768] as const;

export interface Rendition {
  size: number;
  bytes: Buffer;
  width: number;
  height: number;
}

export interface ProcessedImage {
  mime: StoredMime;
  width: number;
  height: number;
  thumbnails: Rendition[];
  thumbhash: string;
}

const formats: Record<string, StoredMime> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

export class MediaError extends Error {}

// Masks larger than this are refused before decoding.
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
// Imported images larger than this are refused before decoding.
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The only user of sharp: everything that decodes or encodes pixels lives here. */
export class MediaRepository {
  constructor() {
    sharp.cache(false);
  }

  /**
   * Checks that the bytes are a PNG, JPEG or WebP within the pixel limit, and derives the WebP
   * thumbnails and the ThumbHash from a single decode.
   */
  async process(bytes: Buffer): Promise<ProcessedImage> {
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await input.metadata().catch((error: unknown) => {
      throw new MediaError(`Not a readable image: ${String(error)}`);
    });
    const mime = formats[meta.format];
    if (!mime || !meta.width || !meta.height) {
      throw new MediaError(`Unsupported image format: ${meta.format}`);
    }
    const largest = Math.max(...THUMBNAIL_SIZES);
    const decoded = await input
      .rotate()
      .resize(largest, largest, { fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { mime, width: meta.width, height: meta.height, ...(await renditions(decoded)) };
  }

  /**
   * Applies the editor's operation list to a stored original with one decode and one encode (in
   * the original's own format): the pixels stay decoded in memory through every step (see
   * media-edits.ts), and the thumbnails and ThumbHash come from the same pixels.
   */
  async applyEdits(
    bytes: Buffer,
    operations: readonly EditOperation[],
    progress: EditProgress = {},
  ): Promise<{ bytes: Buffer; processed: ProcessedImage }> {
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await input.metadata().catch((error: unknown) => {
      throw new MediaError(`Not a readable image: ${String(error)}`);
    });
    const mime = formats[meta.format];
    if (!mime) throw new MediaError(`Unsupported image format: ${meta.format}`);
    const decoded = await input
      .rotate()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((error: unknown) => {
        throw new MediaError(`The image cannot be decoded: ${String(error)}`);
      });
    const { channels, width, height } = decoded.info;
    if (channels !== 3 && channels !== 4) throw new MediaError(`Unsupported channel count: ${channels}`);
    // Checked when queued against the recorded size; again here against the pixels themselves.
    const problem = validateOperations(operations, { width, height })[0];
    if (problem) {
      throw new MediaError(`operation ${problem.index ?? ''} ${problem.field ?? ''}: ${problem.message}`);
    }
    const edited = await editRaw(
      { data: decoded.data, width: decoded.info.width, height: decoded.info.height, channels },
      operations,
      progress,
    );
    const raw = () =>
      sharp(edited.data, {
        raw: { width: edited.width, height: edited.height, channels: edited.channels },
        limitInputPixels: false,
      });
    const largest = Math.max(...THUMBNAIL_SIZES);
    const [encoded, small] = await Promise.all([
      encodeAs(raw(), mime),
      raw()
        .resize(largest, largest, { fit: 'inside', withoutEnlargement: true })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ]);
    return {
      bytes: encoded,
      processed: { mime, width: edited.width, height: edited.height, ...(await renditions(small)) },
    };
  }

  /**
   * Makes an untrusted upload safe to keep: recognised by its bytes (never its name or declared
   * type), decoded within the pixel limit, failing on truncation, oriented, and re-encoded in its
   * own format without metadata (EXIF, GPS, ICC comments).
   */
  async reencode(bytes: Buffer): Promise<{ bytes: Buffer; mime: StoredMime }> {
    if (bytes.length > MAX_IMPORT_BYTES) throw new MediaError('The image is larger than 20 MB');
    const mime = sniffImage(bytes);
    if (!mime) throw new MediaError('This is not a PNG, JPEG or WebP image');
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    try {
      return { bytes: await encodeAs(input, mime), mime };
    } catch (error) {
      const message = String(error);
      if (/pixel limit/i.test(message)) throw new MediaError('The image is larger than 50 megapixels');
      throw new MediaError('The image is damaged or truncated and cannot be read');
    }
  }

  /** The whole image as WebP at full size, oriented, without metadata: a light copy for the web. */
  async fullSizeWebp(bytes: Buffer): Promise<Buffer> {
    return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .webp({ quality: 90 })
      .toBuffer();
  }

  /**
   * Turns any image into a mask for an image of `width`×`height`: scaled to that size, greyscale,
   * thresholded to pure black and white, PNG. White means "change", black "keep".
   */
  async normalizeMask(bytes: Buffer, width: number, height: number): Promise<Buffer> {
    if (bytes.length > MAX_UPLOAD_BYTES) throw new MediaError('The mask is larger than 10 MB');
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await input.metadata().catch((error: unknown) => {
      throw new MediaError(`The mask is not a readable image: ${String(error)}`);
    });
    if (!formats[meta.format]) {
      throw new MediaError(`The mask must be PNG, JPEG or WebP (got ${meta.format})`);
    }
    return input
      .flatten({ background: '#000000' })
      .resize(width, height, { fit: 'fill' })
      .greyscale()
      .threshold(128)
      .png()
      .toBuffer();
  }

  /**
   * An OpenAI-style mask (transparent where to change) as Atelier's (white where to change, black
   * where to keep). Without an alpha channel nothing is marked, which is refused.
   */
  async maskFromTransparency(bytes: Buffer): Promise<Buffer> {
    if (bytes.length > MAX_UPLOAD_BYTES) throw new MediaError('The mask is larger than 10 MB');
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await input.metadata().catch((error: unknown) => {
      throw new MediaError(`The mask is not a readable image: ${String(error)}`);
    });
    if (!formats[meta.format]) {
      throw new MediaError(`The mask must be PNG, JPEG or WebP (got ${meta.format})`);
    }
    if (!meta.hasAlpha) {
      throw new MediaError(
        'The mask must be a PNG with transparency: transparent where the picture should change',
      );
    }
    // Alpha below half means "change": invert the alpha channel and threshold it.
    return input.extractChannel('alpha').negate().threshold(128).png().toBuffer();
  }

  /** The picture re-encoded as `mime` (for a caller who asked for another format than the stored one). */
  async convert(bytes: Buffer, mime: StoredMime): Promise<Buffer> {
    return encodeAs(sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }), mime);
  }
}

/** Encodes in the given format: PNG lossless, JPEG and WebP at a quality that hides the loss. */
function encodeAs(input: Sharp, mime: StoredMime): Promise<Buffer> {
  const encoded =
    mime === 'image/png'
      ? input.png()
      : mime === 'image/jpeg'
        ? input.jpeg({ quality: 92 })
        : input.webp({ quality: 92 });
  return encoded.toBuffer();
}

/** The WebP thumbnails and the ThumbHash, from RGBA pixels at most the largest thumbnail's size. */
async function renditions(decoded: {
  data: Buffer;
  info: OutputInfo;
}): Promise<Pick<ProcessedImage, 'thumbnails' | 'thumbhash'>> {
  const raw = () =>
    sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels: 4 } });
  const thumbnails = await Promise.all(
    THUMBNAIL_SIZES.map(async (size) => {
      const { data, info } = await raw()
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        // effort 2 halves encoding time for a few percent more bytes; thumbnails are made on the hot path.
        .webp({ quality: 80, effort: 2 })
        .toBuffer({ resolveWithObject: true });
      return { size, bytes: data, width: info.width, height: info.height };
    }),
  );
  const tiny = await raw().resize(100, 100, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
  const thumbhash = Buffer.from(rgbaToThumbHash(tiny.info.width, tiny.info.height, tiny.data)).toString(
    'base64',
  );
  return { thumbnails, thumbhash };
}
