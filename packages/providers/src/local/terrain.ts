import type { Rng } from './prng';
import { polygon, type Point } from './svg';

/** A skyline of land: y (pixels, downwards) sampled at even steps across the scene. */
export interface Profile {
  readonly x0: number;
  readonly step: number;
  readonly ys: readonly number[];
}

export function profileAt(profile: Profile, x: number): number {
  const t = (x - profile.x0) / profile.step;
  const last = profile.ys.length - 1;
  if (t <= 0) return profile.ys[0] ?? 0;
  if (t >= last) return profile.ys[last] ?? 0;
  const i = Math.floor(t);
  const a = profile.ys[i] ?? 0;
  const b = profile.ys[i + 1] ?? a;
  return a + (b - a) * (t - i);
}

export const profileX = (profile: Profile, index: number): number => profile.x0 + index * profile.step;

export function profilePoints(profile: Profile): Point[] {
  return profile.ys.map((y, i) => [profileX(profile, i), y] as const);
}

/** The land under a profile, closed down to `bottom`. */
export function landPath(profile: Profile, bottom: number): string {
  const points = profilePoints(profile);
  const firstX = profile.x0;
  const lastX = profileX(profile, profile.ys.length - 1);
  return polygon([...points, [lastX, bottom], [firstX, bottom]]);
}

export const flatProfile = (width: number, y: number): Profile => ({ x0: -2, step: width + 4, ys: [y, y] });

interface Shape {
  width: number;
  /** Where the land meets the lowest point of the profile. */
  baseline: number;
  /** Height of the highest point above the baseline. */
  amplitude: number;
}

function normalised(values: readonly number[], { width, baseline, amplitude }: Shape): Profile {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x0 = -0.02 * width;
  const step = (1.04 * width) / (values.length - 1);
  return { x0, step, ys: values.map((v) => baseline - ((v - min) / span) * amplitude) };
}

/** Midpoint displacement from a few random peaks: sharp, mountain-like ridges. */
export function mountainProfile(rng: Rng, shape: Shape & { roughness: number; peaks: number }): Profile {
  let values = Array.from({ length: shape.peaks + 1 }, () => rng.next());
  let spread = 0.32;
  while (values.length < 97) {
    const next: number[] = [];
    for (let i = 0; i < values.length - 1; i++) {
      const a = values[i] as number;
      const b = values[i + 1] as number;
      next.push(a, (a + b) / 2 + rng.gauss(spread));
    }
    next.push(values[values.length - 1] as number);
    values = next;
    spread *= shape.roughness;
  }
  return normalised(values, shape);
}

/** A few overlapping sine waves: rolling hills. */
export function hillProfile(rng: Rng, shape: Shape): Profile {
  const waves = [
    { f: rng.range(0.6, 1.4), a: 1, p: rng.range(0, Math.PI * 2) },
    { f: rng.range(1.6, 3), a: 0.45, p: rng.range(0, Math.PI * 2) },
    { f: rng.range(3.5, 6), a: 0.12, p: rng.range(0, Math.PI * 2) },
  ];
  const values = Array.from({ length: 97 }, (_, i) => {
    const t = i / 96;
    return waves.reduce((sum, w) => sum + w.a * Math.sin(t * Math.PI * 2 * w.f + w.p), 0);
  });
  return normalised(values, shape);
}

/** Crests that rise gently on the windward side and drop steeply behind. */
export function duneProfile(rng: Rng, shape: Shape, facing: 1 | -1): Profile {
  const period = rng.range(0.28, 0.55);
  const phase = rng.next();
  const swell = rng.range(0, Math.PI * 2);
  const values = Array.from({ length: 129 }, (_, i) => {
    const t = i / 128;
    const u = ((((facing > 0 ? t : 1 - t) / period + phase) % 1) + 1) % 1;
    const crest =
      u < 0.72 ? Math.sin((u / 0.72) * (Math.PI / 2)) : Math.cos(((u - 0.72) / 0.28) * (Math.PI / 2));
    return crest * 0.75 + 0.25 * Math.sin(t * Math.PI * 2 * 0.7 + swell);
  });
  return normalised(values, shape);
}

/** A lone cone with a flattened crater, on a gently rolling base. */
export function volcanoProfile(rng: Rng, shape: Shape, centre: number): Profile {
  const halfWidth = rng.range(0.28, 0.38);
  const crater = rng.range(0.025, 0.045);
  const values = Array.from({ length: 129 }, (_, i) => {
    const t = i / 128;
    const d = Math.max(crater, Math.abs(t - centre));
    const cone = Math.max(0, 1 - (d - crater) / halfWidth) ** 1.6;
    return cone + 0.06 * Math.sin(t * 17 + centre * 40) + 0.04 * Math.sin(t * 41);
  });
  return normalised(values, shape);
}

/** Slopes facing away from the light, as polygons: the shadowed faces of peaks and dunes. */
export function shadedFaces(
  profile: Profile,
  lightFromLeft: boolean,
  minimumDrop: number,
  base: number,
): Point[][] {
  const ys = profile.ys;
  const faces: Point[][] = [];
  // Slopes are judged on a smoothed skyline, so small notches do not split a face into slivers.
  const reach = 3;
  const smooth = ys.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - reach); k <= Math.min(ys.length - 1, i + reach); k++) {
      sum += ys[k] as number;
      n++;
    }
    return sum / n;
  });
  const descending = (i: number): boolean => {
    const a = smooth[i] as number;
    const b = smooth[i + 1] as number;
    return lightFromLeft ? b > a : b < a;
  };
  let i = 0;
  while (i < ys.length - 1) {
    if (!descending(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < ys.length - 1 && descending(j)) j++;
    const [peak, valley] = lightFromLeft ? [i, j] : [j, i];
    const drop = Math.abs((ys[j] as number) - (ys[i] as number));
    if (drop > minimumDrop) {
      const run = profilePoints(profile).slice(Math.min(i, j), Math.max(i, j) + 1);
      const peakX = profileX(profile, peak);
      const valleyX = profileX(profile, valley);
      // A fan from the sunless slope down to one foot point: a faceted, low-poly face.
      const foot: Point = [peakX + (valleyX - peakX) * 0.3, base];
      const ordered = lightFromLeft ? run : [...run].reverse();
      faces.push([...ordered, foot]);
    }
    i = j;
  }
  return faces;
}
