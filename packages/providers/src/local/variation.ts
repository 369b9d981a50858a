import type { VariationStrength } from '../image-provider';
import { adjust, type Rgb } from './colour';
import { mapPalette } from './palette';
import { createRng, hashString } from './prng';
import type { ScenePlan } from './scene-plan';

/**
 * Random streams of small, scattered things. A subtle variation re-rolls these and keeps every
 * other stream (layout, terrain, sun, trees, buildings), so the scene stays where it was.
 */
const detailStreams = new Set([
  'clouds',
  'stars',
  'birds',
  'glints',
  'ripples',
  'rain',
  'snowfall',
  'lightning',
  'flowers',
  'foreground',
  'ground-texture',
  'aurora',
]);

/** The seed of variation `index`: the same source, strength and index always give the same picture. */
/** A seed for variation `index`, within 0–2³¹−1 like every seed a person can type back in. */
export const variationSeed = (seed: number, strength: VariationStrength, index: number): number =>
  hashString(`${seed}:${strength.toLowerCase()}:${index}`) % 2_147_483_648;

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** The same scene plan with its palette nudged and its small details re-scattered. */
export function subtlePlan(plan: ScenePlan, seed: number): ScenePlan {
  const jitter = createRng(seed).fork('palette');
  const hue = jitter.gauss(8);
  const saturation = 1 + jitter.gauss(0.1);
  const lightness = jitter.gauss(0.035);
  const shift = (c: Rgb): Rgb =>
    adjust(c, (v) => ({ h: v.h + hue, s: clamp01(v.s * saturation), l: clamp01(v.l + lightness) }));
  return {
    ...plan,
    palette: mapPalette(plan.palette, shift),
    // Ridges carry colours mixed from the palette when the plan was made.
    ridges: plan.ridges.map((ridge) => ({ ...ridge, colour: shift(ridge.colour) })),
    wind: clamp01(plan.wind + jitter.gauss(0.08)),
    rng: (label) => (detailStreams.has(label) ? createRng(hashString(`${seed}:${label}`)) : plan.rng(label)),
  };
}
