import { ProviderError } from '../errors';
import type { SourceImage } from '../image-provider';
import { decodeImage } from '../local/pixels';
import { encodePng } from './png-encode';

/**
 * Our masks are white where to change; Ideogram's are black where to change (white = keep) and
 * must be the size of the image. Returns a black/white greyscale PNG the size of the source.
 */
export async function toIdeogramMask(mask: SourceImage, width: number, height: number): Promise<Buffer> {
  let decoded;
  try {
    decoded = await decodeImage(mask.bytes);
  } catch {
    throw new ProviderError({ code: 'INVALID_INPUT', message: 'The edit mask is not a readable image' });
  }
  const { data, channels } = decoded;
  const alpha = (decoded as { alpha?: Buffer | null }).alpha ?? null;
  const out = Buffer.alloc(width * height);
  let changed = 0;
  for (let y = 0; y < height; y++) {
    // Nearest neighbour, so a mask drawn at another size still lines up with the image.
    const sy = Math.min(decoded.height - 1, Math.floor(((y + 0.5) * decoded.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(decoded.width - 1, Math.floor(((x + 0.5) * decoded.width) / width));
      const p = sy * decoded.width + sx;
      const i = p * channels;
      const r = data[i] ?? 0;
      const grey = channels >= 3 ? 0.299 * r + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0) : r;
      // Transparent counts as black (keep).
      const luminance = alpha === null ? grey : (grey * (alpha[p] ?? 255)) / 255;
      if (luminance >= 128) changed++;
      out[y * width + x] = luminance >= 128 ? 0 : 255;
    }
  }
  if (changed === 0) {
    throw new ProviderError({ code: 'INVALID_INPUT', message: 'The edit mask marks nothing to change' });
  }
  return encodePng({ width, height, channels: 1, data: out });
}
