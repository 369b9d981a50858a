import type { ExpandRequest } from '../image-provider';
import { planOutpaint } from '@atelier/image-edits';
import { decodeImage, encodeRgb, extendMirrored, type RgbImage, transformRgb } from './pixels';
import { localOutpaint } from './local-capabilities';
import { createRng } from './prng';
import { invalidInput } from './validate';

/** Checks the margins against the local limits, naming the field. */
export function checkLocalExpand(request: ExpandRequest): void {
  const { issues } = planOutpaint(localOutpaint, 'The local provider', request.source, request);
  const first = issues[0];
  if (first) throw invalidInput(first.message, { field: first.field });
}

/**
 * The source on the expanded canvas, unchanged, with the margins filled procedurally: the picture
 * mirrored at its edges, blending into a blurred copy and seeded grain the further from the edge,
 * so the seam is invisible and the fill reads as an out-of-focus continuation. Deterministic for a seed.
 */
export async function expandProcedurally(
  request: ExpandRequest,
  seeds: readonly number[],
): Promise<Buffer[]> {
  const decoded = await decodeImage(request.source.bytes);
  const base: RgbImage = { data: decoded.data, width: decoded.width, height: decoded.height };
  const { top, right, bottom, left } = request;
  const mirrored = await extendMirrored(base, { top, right, bottom, left });
  const { width, height } = mirrored;
  const blurred = await transformRgb(mirrored, { blur: Math.max(2, Math.min(width, height) / 48) });
  const feather = Math.max(4, Math.min(base.width, base.height) / 6);
  const x1 = left + base.width;
  const y1 = top + base.height;
  return Promise.all(
    seeds.map((seed) => {
      const rng = createRng(seed);
      const out = Buffer.alloc(width * height * 3);
      for (let y = 0; y < height; y++) {
        const dy = y < top ? top - y : y >= y1 ? y - y1 + 1 : 0;
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 3;
          const dx = x < left ? left - x : x >= x1 ? x - x1 + 1 : 0;
          if (dx === 0 && dy === 0) {
            const j = ((y - top) * base.width + (x - left)) * 3;
            out[i] = base.data[j]!;
            out[i + 1] = base.data[j + 1]!;
            out[i + 2] = base.data[j + 2]!;
            continue;
          }
          const w = Math.min(1, Math.hypot(dx, dy) / feather);
          const grain = (rng.next() - 0.5) * 10 * w;
          for (let c = 0; c < 3; c++) {
            const value = mirrored.data[i + c]! * (1 - w) + blurred.data[i + c]! * w + grain;
            out[i + c] = Math.max(0, Math.min(255, Math.round(value)));
          }
        }
      }
      return encodeRgb({ data: out, width, height }, 'png');
    }),
  );
}
