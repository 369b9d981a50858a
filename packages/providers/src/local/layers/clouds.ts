import { darken, lighten, mix } from '../colour';
import type { ScenePlan } from '../scene-plan';
import { each, ellipse, linearGradient, num, puffGradient } from '../svg';
import { layer, type Layer } from './layer';

/**
 * Clouds are piles of soft radial-gradient ellipses: they read as fluffy without a blur filter,
 * which costs librsvg tens of milliseconds per use.
 */
export function paintClouds(plan: ScenePlan): Layer | null {
  if (!plan.features.has('cloud')) return null;
  const storm = plan.features.has('storm');
  const { width, horizon, unit, palette: p } = plan;
  const rng = plan.rng('clouds');
  const lowSun = plan.time === 'sunset' || plan.time === 'dawn' || plan.time === 'dusk';
  // Storm clouds: a lighter, greyer top over a near-black belly, so the ceiling has form.
  const lit = storm ? lighten(mix(p.cloud, p.cloudShade, 0.35), 0.08) : p.cloud;
  const shade = storm ? darken(p.cloudShade, 0.45) : p.cloudShade;
  const soft = (colour: typeof lit, opacity: number) => [
    { offset: 0, colour, opacity },
    { offset: 0.45, colour, opacity: opacity * 0.9 },
    { offset: 0.7, colour, opacity: opacity * 0.5 },
    { offset: 0.88, colour, opacity: opacity * 0.15 },
    { offset: 1, colour, opacity: 0 },
  ];
  const defs =
    puffGradient('puff-lit', soft(lit, 0.95)) +
    puffGradient('puff-shade', soft(shade, 0.9)) +
    puffGradient('puff-glow', soft(mix(p.glow, p.skyHorizon, 0.3), 0.85));

  const shades: string[] = [];
  const lights: string[] = [];
  const glows: string[] = [];
  const towardLight = plan.lightFromLeft ? -1 : 1;
  // A cumulus: a dome of puffs on a flat base, shaded underneath, lit on the side facing the light.
  const puff = (cx: number, cy: number, w: number, flat: number): void => {
    const count = Math.round(rng.range(7, 11) * Math.min(1.3, 0.6 + plan.detail * 0.4));
    for (let i = 0; i < count; i++) {
      const u = rng.range(-0.5, 0.5);
      const dome = Math.cos(u * Math.PI) ** 0.8;
      const x = cx + u * w;
      const rx = w * rng.range(0.11, 0.2) * (0.55 + 0.6 * dome);
      const ry = rx * rng.range(0.7, 0.9) * flat;
      const y = cy - dome * w * rng.range(0.05, 0.17) * flat;
      shades.push(ellipse(x, Math.min(y + ry * 0.3, cy + ry * 0.2), rx * 1.05, ry * 0.85));
      lights.push(ellipse(x + towardLight * rx * 0.12, y - ry * 0.18, rx * 0.85, ry * 0.8));
      if (lowSun && !storm) glows.push(ellipse(x, cy + ry * 0.35, rx * 0.9, ry * 0.4));
    }
  };

  let ceiling = '';
  let ceilingDefs = '';
  if (storm) {
    // An overcast sheet (one cheap gradient) with a row of billows along its lower edge: the
    // billows are what reads as storm cloud, and each one costs librsvg real time.
    const edge = horizon * rng.range(0.42, 0.55);
    ceilingDefs = linearGradient(
      'overcast',
      [0, 0],
      [0, edge],
      [
        { offset: 0, colour: shade, opacity: 0.95 },
        { offset: 0.7, colour: mix(shade, lit, 0.35), opacity: 0.9 },
        { offset: 1, colour: mix(shade, lit, 0.5), opacity: 0 },
      ],
    );
    ceiling = `<rect width="${width}" height="${num(edge)}" fill="url(#overcast)"/>`;
    const across = Math.round(3 + plan.detail * 2);
    for (let row = 0; row < 2; row++) {
      for (let i = 0; i <= across; i++) {
        const x = (width * (i + rng.range(-0.3, 0.3) + row * 0.5)) / across;
        puff(x, edge * (0.72 + row * 0.22), width * rng.range(0.3, 0.42), 1.1);
      }
    }
  }
  const count = storm ? rng.int(2, 3) : plan.features.has('cloud') ? rng.int(4, 7) : rng.int(2, 4);
  const stratus = lowSun || rng.chance(0.2);
  for (let i = 0; i < count; i++) {
    const x = width * rng.range(-0.05, 1.05);
    const y = horizon * rng.range(0.1, 0.62);
    if (stratus && rng.chance(0.7)) {
      // Long, thin bands lit from below by a low sun.
      const w = width * rng.range(0.25, 0.5);
      const pieces = rng.int(4, 7);
      for (let k = 0; k < pieces; k++) {
        const px = x + rng.gauss(w * 0.35);
        const py = y + rng.gauss(unit * 8);
        const rx = w * rng.range(0.18, 0.32);
        const ry = unit * rng.range(7, 16);
        shades.push(ellipse(px, py, rx, ry));
        lights.push(ellipse(px, py - ry * 0.25, rx * 0.85, ry * 0.6));
        glows.push(ellipse(px, py + ry * 0.45, rx * 0.8, ry * 0.55));
      }
    } else {
      const w = width * rng.range(0.12, 0.26) * (y / horizon + 0.5);
      puff(x, y, w, 1);
    }
  }
  const body =
    ceiling +
    each(shades, 'fill="url(#puff-shade)"') +
    each(lights, 'fill="url(#puff-lit)"') +
    each(glows, 'fill="url(#puff-glow)"');
  return layer('clouds', body, defs + ceilingDefs);
}
