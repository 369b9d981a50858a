/**
 * Real images for the fake: the local procedural renderer paints the prompt at a small size, and
 * sharp scales it to the requested size and encodes the requested format. sharp is used directly
 * here because the fake must also read input images' sizes and write JPEG, which the local
 * renderer does not offer.
 */
import sharp from 'sharp';
import type { GenerationParams, ProviderImage } from '../../src/image-provider';
import { createLocalProvider } from '../../src/local/local.provider';
import type { Size } from './bfl-model-sizes';

export type OutputFormat = 'jpeg' | 'png' | 'webp';

export const contentTypes: Record<OutputFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const local = createLocalProvider();

/** The local renderer takes multiples of 64 from 256; render near the target's shape, small. */
function renderSize(target: Size): Size {
  const snap = (value: number) => Math.min(512, Math.max(256, Math.round(value / 64) * 64));
  const scale = 384 / Math.max(target.width, target.height);
  return { width: snap(target.width * scale), height: snap(target.height * scale) };
}

async function paint(prompt: string, seed: number, size: Size): Promise<Buffer> {
  const params: GenerationParams = {
    width: size.width,
    height: size.height,
    aspectRatio: null,
    quality: 'DRAFT',
    style: null,
    negativePrompt: null,
    seed: seed >>> 0,
    steps: 1,
    magicPrompt: null,
  };
  const signal = new AbortController().signal;
  // Accepts both the old (ProviderImage[]) and the new ({images}) shape of the local provider.
  const output: unknown = await local.generate(
    { prompt: prompt.trim() || 'abstract colours', model: 'procedural-v1', params, count: 1 },
    { signal, onProgress: () => undefined },
  );
  const images = Array.isArray(output)
    ? (output as ProviderImage[])
    : (output as { images: ProviderImage[] }).images;
  const first = images[0];
  if (!first) throw new Error('the local renderer returned no image');
  return first.bytes;
}

/** A plain gradient, if the local renderer is unavailable (it is being reworked in parallel). */
async function plain(seed: number, size: Size): Promise<Buffer> {
  const hue = (seed >>> 0) % 360;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">` +
    `<defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,60%)"/>` +
    `<stop offset="1" stop-color="hsl(${(hue + 140) % 360},60%,30%)"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export interface RenderedImage {
  bytes: Buffer;
  renderer: 'local' | 'plain';
}

/** A picture laid unchanged into the result (expand keeps its input in the middle of the canvas). */
export interface Inset {
  bytes: Buffer;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * What an expand task keeps: its input image at (left, top), scaled with the fake's render scale;
 * null for other models.
 */
export function insetFor(
  model: string,
  body: Record<string, unknown>,
  outputSize: Size,
  renderScale: number,
): Inset | null {
  if (model !== 'flux-pro-1.0-expand' || typeof body.image !== 'string') return null;
  const margin = (key: string) => Math.round((typeof body[key] === 'number' ? body[key] : 0) * renderScale);
  const left = margin('left');
  const top = margin('top');
  return {
    bytes: Buffer.from(body.image.replace(/^data:image\/[a-z]+;base64,/, ''), 'base64'),
    left,
    top,
    width: Math.max(1, outputSize.width - left - margin('right')),
    height: Math.max(1, outputSize.height - top - margin('bottom')),
  };
}

export async function renderImage(
  prompt: string,
  seed: number,
  size: Size,
  format: OutputFormat,
  inset: Inset | null = null,
): Promise<RenderedImage> {
  const small = renderSize(size);
  let source: Buffer;
  let renderer: RenderedImage['renderer'] = 'local';
  try {
    source = await paint(prompt, seed, small);
  } catch {
    renderer = 'plain';
    source = await plain(seed, small);
  }
  let resized = sharp(source).resize(size.width, size.height, { fit: 'fill' });
  if (inset !== null) {
    const kept = await sharp(inset.bytes)
      .resize(inset.width, inset.height, { fit: 'fill' })
      .removeAlpha()
      .png()
      .toBuffer();
    const background = await resized.removeAlpha().png().toBuffer();
    resized = sharp(background).composite([{ input: kept, left: inset.left, top: inset.top }]);
  }
  const bytes =
    format === 'png'
      ? await resized.png({ compressionLevel: 3 }).toBuffer()
      : format === 'jpeg'
        ? await resized.jpeg({ quality: 85 }).toBuffer()
        : await resized.webp({ quality: 80, effort: 1 }).toBuffer();
  return { bytes, renderer };
}

/** Format and size of encoded image bytes (for tests, which do not import sharp themselves). */
export async function describeImage(
  bytes: Buffer,
): Promise<{ format: string; width: number; height: number }> {
  const metadata = await sharp(bytes).metadata();
  return { format: metadata.format, width: metadata.width ?? 0, height: metadata.height ?? 0 };
}

/** The size of a base64 (or data-URL) image, or null when it is not a decodable image. */
export async function inspectImage(value: string): Promise<Size | null> {
  const base64 = value.replace(/^data:image\/[a-z]+;base64,/, '');
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(base64)) return null;
  try {
    const metadata = await sharp(Buffer.from(base64, 'base64')).metadata();
    if (!['png', 'jpeg', 'webp', 'gif'].includes(metadata.format)) return null;
    return metadata.width && metadata.height ? { width: metadata.width, height: metadata.height } : null;
  } catch {
    return null;
  }
}

/**
 * Decodes a model's image fields: their sizes by field, or what is wrong (BFL answers 400 for an
 * image it cannot read, and for a Fill mask whose size differs from the image's).
 */
export async function readInputImages(
  fields: readonly string[],
  urlAllowed: (field: string) => boolean,
  body: Record<string, unknown>,
): Promise<Map<string, Size> | string> {
  const sizes = new Map<string, Size>();
  for (const field of fields) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    if (/^https?:\/\//.test(value)) {
      if (!urlAllowed(field)) return `${field} must be a base64-encoded image, not a URL`;
      continue;
    }
    const size = await inspectImage(value);
    if (!size) return `Could not decode ${field}: expected a base64-encoded PNG, JPEG or WebP image`;
    sizes.set(field, size);
  }
  const image = sizes.get('image');
  const mask = sizes.get('mask');
  if (image && mask && (image.width !== mask.width || image.height !== mask.height)) {
    return `Mask size ${mask.width}x${mask.height} does not match image size ${image.width}x${image.height}`;
  }
  return sizes;
}
