import type { Rgb } from './colour';
import type { RgbImage } from './pixels';

const GRID = 33;

/**
 * A colour transform sampled on a 33³ grid. Moods, tints and colour transfer are functions of the
 * colour alone, so they are evaluated 36k times here instead of once per pixel, and composing many
 * of them costs nothing extra per pixel.
 */
export function buildLut(transform: (c: Rgb) => Rgb): Float32Array {
  const lut = new Float32Array(GRID * GRID * GRID * 3);
  for (let b = 0; b < GRID; b++) {
    for (let g = 0; g < GRID; g++) {
      for (let r = 0; r < GRID; r++) {
        const out = transform({ r: r / (GRID - 1), g: g / (GRID - 1), b: b / (GRID - 1) });
        const i = ((b * GRID + g) * GRID + r) * 3;
        lut[i] = out.r;
        lut[i + 1] = out.g;
        lut[i + 2] = out.b;
      }
    }
  }
  return lut;
}

/** Applies a LUT with trilinear interpolation, in place. */
export function applyLut(image: RgbImage, lut: Float32Array): void {
  const { data } = image;
  const step = (GRID - 1) / 255;
  const strideG = GRID * 3;
  const strideB = GRID * GRID * 3;
  const at = (i: number): number => lut[i] ?? 0;
  for (let p = 0; p < data.length; p += 3) {
    const fr = (data[p] ?? 0) * step;
    const fg = (data[p + 1] ?? 0) * step;
    const fb = (data[p + 2] ?? 0) * step;
    const r0 = Math.min(GRID - 2, Math.floor(fr));
    const g0 = Math.min(GRID - 2, Math.floor(fg));
    const b0 = Math.min(GRID - 2, Math.floor(fb));
    const tr = fr - r0;
    const tg = fg - g0;
    const tb = fb - b0;
    const base = b0 * strideB + g0 * strideG + r0 * 3;
    for (let c = 0; c < 3; c++) {
      const i = base + c;
      const c00 = at(i) + (at(i + 3) - at(i)) * tr;
      const c10 = at(i + strideG) + (at(i + strideG + 3) - at(i + strideG)) * tr;
      const c01 = at(i + strideB) + (at(i + strideB + 3) - at(i + strideB)) * tr;
      const c11 =
        at(i + strideB + strideG) + (at(i + strideB + strideG + 3) - at(i + strideB + strideG)) * tr;
      const c0 = c00 + (c10 - c00) * tg;
      const c1 = c01 + (c11 - c01) * tg;
      const value = (c0 + (c1 - c0) * tb) * 255;
      data[p + c] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
    }
  }
}
