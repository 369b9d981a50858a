import type { Rgb } from './colour';
import type { RgbImage } from './pixels';

type Lab = [number, number, number];

const toLinear = (v: number): number => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toGamma = (v: number): number => (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);
const WHITE = [0.95047, 1, 1.08883] as const;
const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
const fInverse = (t: number): number => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

export function rgbToLab({ r, g, b }: Rgb): Lab {
  const [lr, lg, lb] = [toLinear(r), toLinear(g), toLinear(b)];
  const x = f((0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / WHITE[0]);
  const y = f((0.2126 * lr + 0.7152 * lg + 0.0722 * lb) / WHITE[1]);
  const z = f((0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / WHITE[2]);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

export function labToRgb([l, a, bb]: Lab): Rgb {
  const fy = (l + 16) / 116;
  const x = fInverse(fy + a / 500) * WHITE[0];
  const y = fInverse(fy) * WHITE[1];
  const z = fInverse(fy - bb / 200) * WHITE[2];
  return {
    r: clamp01(toGamma(3.2406 * x - 1.5372 * y - 0.4986 * z)),
    g: clamp01(toGamma(-0.9689 * x + 1.8758 * y + 0.0415 * z)),
    b: clamp01(toGamma(0.0557 * x - 0.204 * y + 1.057 * z)),
  };
}

export interface LabStats {
  mean: Lab;
  std: Lab;
}

/** Mean and spread of each Lab channel, from at most ~65k pixels spread over the image. */
export function labStats(image: RgbImage): LabStats {
  const pixels = image.width * image.height;
  const stride = Math.max(1, Math.floor(pixels / 65_536));
  const sum: Lab = [0, 0, 0];
  const squares: Lab = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < pixels; p += stride) {
    const i = p * 3;
    const lab = rgbToLab({
      r: (image.data[i] ?? 0) / 255,
      g: (image.data[i + 1] ?? 0) / 255,
      b: (image.data[i + 2] ?? 0) / 255,
    });
    for (let c = 0; c < 3; c++) {
      const v = lab[c] ?? 0;
      sum[c] = (sum[c] ?? 0) + v;
      squares[c] = (squares[c] ?? 0) + v * v;
    }
    n++;
  }
  const mean = sum.map((s) => s / n) as Lab;
  const std = squares.map((s, c) => Math.sqrt(Math.max(0, s / n - (mean[c] ?? 0) ** 2))) as Lab;
  return { mean, std };
}

/**
 * Reinhard colour transfer: moves each Lab channel's mean and spread to the reference's. The
 * spread ratio is bounded, because a flat source against a busy reference would otherwise blow
 * noise up into blotches.
 */
export function colourTransfer(source: LabStats, reference: LabStats): (c: Rgb) => Rgb {
  const ratio = source.std.map((s, c) =>
    Math.min(2.5, Math.max(0.4, (reference.std[c] ?? 0) / Math.max(s, 1e-3))),
  );
  return (colour) => {
    const lab = rgbToLab(colour);
    return labToRgb(
      lab.map((v, c) => (v - (source.mean[c] ?? 0)) * (ratio[c] ?? 1) + (reference.mean[c] ?? 0)) as Lab,
    );
  };
}
