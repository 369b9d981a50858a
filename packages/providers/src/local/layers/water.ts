import { darken, lighten, mix, type Rgb } from '../colour';
import type { ScenePlan } from '../scene-plan';
import {
  ellipse,
  fill,
  linearGradient,
  num,
  path,
  polygon,
  ellipticalGradient,
  rect,
  softStops,
  stroke,
  type Point,
} from '../svg';
import { profileAt } from '../terrain';
import { layer, mirror, outline, reflectionStrength, type Layer } from './layer';

/** How far below the horizon the water reaches. */
function waterBottom(plan: ScenePlan): number {
  return plan.foreground === null ? plan.height : Math.max(...plan.foreground.ys) + 2;
}

export function paintWater(plan: ScenePlan): Layer | null {
  if (plan.water === null) return null;
  const { width, horizon, palette: p, celestial } = plan;
  const bottom = waterBottom(plan);
  let defs = linearGradient(
    'water',
    [0, horizon],
    [0, bottom],
    [
      { offset: 0, colour: mix(p.skyHorizon, p.water, 0.3) },
      { offset: 0.3, colour: mix(p.skyMid, p.water, 0.55) },
      { offset: 1, colour: p.waterDeep },
    ],
  );
  let body = `<rect x="0" y="${num(horizon)}" width="${width}" height="${num(bottom - horizon)}" fill="url(#water)"/>`;
  if (celestial !== null) {
    // Light on the water under the sun: an ellipse centred on the horizon, but painted only
    // below it (a rect), so it never veils the sun itself.
    const rx = width * 0.35;
    const squash = ((bottom - horizon) * 0.9) / rx;
    defs += ellipticalGradient(
      'water-glow',
      [celestial.x, horizon],
      rx,
      squash,
      softStops(p.glow, celestial.kind === 'sun' ? 0.55 : 0.3),
    );
    body += `<rect x="0" y="${num(horizon)}" width="${width}" height="${num(bottom - horizon)}" fill="url(#water-glow)"/>`;
  }
  return layer('water', body, defs);
}

/** Glitter under the sun or moon and ripples across the surface, over every reflection. */
export function paintWaves(plan: ScenePlan): Layer | null {
  if (plan.water === null) return null;
  const { width, horizon, unit, palette: p, celestial, wind } = plan;
  const bottom = waterBottom(plan);
  const depth = bottom - horizon;
  const buckets: Record<string, string> = {};
  const add = (key: string, d: string): void => {
    buckets[key] = (buckets[key] ?? '') + d;
  };
  if (celestial !== null && celestial.y < horizon + celestial.radius) {
    const rng = plan.rng('glints');
    const count = Math.round(150 * plan.detail);
    for (let i = 0; i < count; i++) {
      const t = rng.next() ** 1.4;
      const y = horizon + depth * t + unit;
      const spread = celestial.radius * (1 + t * 3.5) * (0.6 + wind * 0.8);
      const x = celestial.x + rng.gauss(spread);
      const length = unit * (4 + 38 * t) * rng.range(0.4, 1.4);
      add(`glint-${t < 0.25 ? 0 : t < 0.6 ? 1 : 2}`, `M${num(x - length / 2)} ${num(y)}h${num(length)}`);
    }
  }
  const rng = plan.rng('ripples');
  const ripples = Math.round((80 + 220 * wind) * plan.detail);
  for (let i = 0; i < ripples; i++) {
    const t = rng.next() ** 1.6;
    const y = horizon + depth * t + unit * 2;
    const x = rng.range(-0.05, 1.05) * width;
    const length = unit * (5 + 70 * t) * rng.range(0.4, 1.3);
    add(rng.chance(0.5) ? 'light' : 'dark', `M${num(x)} ${num(y)}h${num(length)}`);
    if (wind > 0.8 && rng.chance(0.25)) add('foam', `M${num(x)} ${num(y - unit)}h${num(length * 0.4)}`);
  }
  const glint = lighten(mix(p.sun, p.glow, 0.3), 0.25);
  const body =
    path(buckets['dark'] ?? '', stroke(p.waterDeep, unit * 1.6, 0.25 + wind * 0.2)) +
    path(buckets['light'] ?? '', stroke(lighten(p.skyHorizon, 0.2), unit * 1.3, 0.12 + wind * 0.15)) +
    path(buckets['foam'] ?? '', stroke(lighten(p.cloud, 0.4), unit * 2.2, 0.6)) +
    path(buckets['glint-2'] ?? '', stroke(glint, unit * 3, 0.4)) +
    path(buckets['glint-1'] ?? '', stroke(glint, unit * 2.2, 0.6)) +
    path(buckets['glint-0'] ?? '', stroke(lighten(glint, 0.3), unit * 1.6, 0.85));
  return layer('waves', body);
}

export function paintRiver(plan: ScenePlan): Layer | null {
  if (!plan.features.has('river')) return null;
  if (plan.water !== null && plan.foreground === null) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('river');
  const start = plan.foreground !== null && plan.water !== null ? plan.foreground : plan.ground;
  const x0 = width * rng.range(0.3, 0.7);
  const y0 = profileAt(start, x0) + unit * 2;
  const xEnd = width * rng.range(0.25, 0.75);
  const bends = rng.range(1.2, 2.4);
  const phase = rng.range(0, Math.PI * 2);
  const left: Point[] = [];
  const right: Point[] = [];
  const centre: Point[] = [];
  const steps = 40;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const y = y0 + (height + unit * 4 - y0) * t ** 1.2;
    const x = x0 + (xEnd - x0) * t + Math.sin(t * Math.PI * bends + phase) * width * 0.12 * t;
    const half = width * (0.006 + 0.2 * t ** 1.6);
    left.push([x - half, y]);
    right.push([x + half, y]);
    centre.push([x, y]);
  }
  const defs = linearGradient(
    'river',
    [0, y0],
    [0, height],
    [
      { offset: 0, colour: mix(p.skyHorizon, p.water, 0.2) },
      { offset: 1, colour: mix(p.water, p.skyMid, 0.3) },
    ],
  );
  let ripples = '';
  for (let i = 0; i < Math.round(40 * plan.detail); i++) {
    const index = rng.int(2, steps - 1);
    const [x, y] = centre[index] as Point;
    const [lx] = left[index] as Point;
    const half = x - lx;
    ripples += `M${num(x + rng.gauss(half * 0.5))} ${num(y)}h${num(half * rng.range(0.1, 0.35))}`;
  }
  const banks = darken(p.grass, 0.25);
  const body =
    path(polygon([...left, ...[...right].reverse()]), `fill="url(#river)"`) +
    path(polygon(left, false) + polygon(right, false), stroke(banks, unit * 3, 0.5)) +
    path(ripples, stroke(lighten(p.skyHorizon, 0.3), unit * 1.5, 0.5)) +
    outline(plan, left, 0) +
    outline(plan, right, 0);
  return layer('river', body, defs);
}

export function paintIsland(plan: ScenePlan): Layer | null {
  if (!plan.features.has('island') || plan.water === null) return null;
  const { width, horizon, unit, palette: p } = plan;
  const rng = plan.rng('island');
  const cx = width * rng.range(0.25, 0.75);
  const w = width * rng.range(0.14, 0.26);
  const h = unit * rng.range(25, 50);
  const base = horizon + unit * rng.range(10, 30);
  const mound: Point[] = [];
  for (let i = 0; i <= 24; i++) {
    const t = i / 24;
    const bump = Math.sin(t * Math.PI) ** 0.7 * (1 + 0.15 * Math.sin(t * 11 + cx));
    mound.push([cx - w / 2 + w * t, base - h * bump]);
  }
  const land = mix(p.hill, p.haze, 0.25);
  const sand = mix(p.sand, p.haze, 0.2);
  let body = path(polygon(mirror(mound, base)), fill(mix(land, p.waterDeep, 0.4), reflectionStrength(plan)));
  body += path(ellipse(cx, base, w * 0.56, unit * 6), fill(sand));
  body += path(polygon(mound), fill(land));
  body += outline(plan, mound, 1);
  const palms = rng.int(1, 3);
  let trunks = '';
  let fronds = '';
  for (let i = 0; i < palms; i++) {
    const px = cx + rng.range(-0.25, 0.25) * w;
    const py = base - h * 0.75;
    const tall = unit * rng.range(55, 85);
    const lean = rng.range(-0.35, 0.35) * tall;
    const tx = px + lean;
    const ty = py - tall;
    trunks += `M${num(px)} ${num(py)}Q${num(px + lean * 0.2)} ${num(py - tall * 0.6)} ${num(tx)} ${num(ty)}`;
    for (let k = 0; k < 7; k++) {
      const a = (k / 7) * Math.PI * 2 + rng.range(-0.2, 0.2);
      const reach = unit * rng.range(22, 34);
      const ex = tx + Math.cos(a) * reach;
      const ey = ty + Math.abs(Math.sin(a)) * reach * 0.35 + reach * 0.25;
      fronds += `M${num(tx)} ${num(ty)}Q${num(tx + Math.cos(a) * reach * 0.6)} ${num(ty - reach * 0.25)} ${num(ex)} ${num(ey)}`;
    }
  }
  const palm = darken(mix(p.foliage, p.haze, 0.15), 0.1);
  body += path(trunks, stroke(darken(p.sand, 0.5), unit * 4)) + path(fronds, stroke(palm, unit * 5));
  return layer('island', body);
}

export function paintBoats(plan: ScenePlan): Layer | null {
  if (!plan.features.has('boat') || plan.water === null) return null;
  const { width, horizon, unit, palette: p } = plan;
  const rng = plan.rng('boats');
  // Boats stay clear of the shore in front, which hides their reflections' lower ends.
  const bottom = plan.foreground === null ? plan.height : Math.min(...plan.foreground.ys);
  const count = rng.int(1, 4);
  const strength = reflectionStrength(plan);
  const hullColour = p.lowLight ? darken(p.building, 0.4) : mix(p.building, p.accent, 0.25);
  const sailColour: Rgb = p.lowLight
    ? mix(p.cloud, p.building, 0.5)
    : lighten(mix(p.light, p.cloud, 0.5), 0.2);
  const boats = Array.from({ length: count }, () => rng.range(0.08, 0.75)).sort((a, b) => a - b);
  let body = '';
  boats.forEach((t, i) => {
    const y = horizon + (bottom - horizon) * t;
    const size = unit * (18 + 150 * t);
    const x = width * rng.range(0.1, 0.9);
    const haze = (1 - t) * 0.5;
    const hull: Point[] = [
      [x - size * 0.6, y - size * 0.18],
      [x + size * 0.62, y - size * 0.18],
      [x + size * 0.42, y],
      [x - size * 0.45, y],
    ];
    let shapes = path(polygon(hull), fill(mix(hullColour, p.haze, haze)));
    let reflection = polygon(mirror(hull, y));
    if (rng.chance(0.75)) {
      const mastTop = y - size * 1.25;
      const main: Point[] = [
        [x, mastTop],
        [x, y - size * 0.24],
        [x + size * 0.5, y - size * 0.24],
      ];
      const jib: Point[] = [
        [x - size * 0.04, mastTop + size * 0.12],
        [x - size * 0.04, y - size * 0.24],
        [x - size * 0.45, y - size * 0.24],
      ];
      shapes +=
        path(
          `M${num(x)} ${num(mastTop)}V${num(y - size * 0.18)}`,
          stroke(hullColour, Math.max(unit, size * 0.025)),
        ) + path(polygon(main) + polygon(jib), fill(mix(sailColour, p.haze, haze)));
      if (p.lowLight) {
        shapes += path(ellipse(x + size * 0.2, y - size * 0.3, size * 0.03, size * 0.03), fill(p.window));
      }
      reflection += polygon(mirror(main, y)) + polygon(mirror(jib, y));
    } else {
      const cabin: Point[] = [
        [x - size * 0.3, y - size * 0.18],
        [x - size * 0.25, y - size * 0.45],
        [x + size * 0.2, y - size * 0.45],
        [x + size * 0.25, y - size * 0.18],
      ];
      shapes += path(polygon(cabin), fill(mix(lighten(hullColour, 0.5), p.haze, haze)));
      if (p.lowLight) {
        let portholes = '';
        for (let k = 0; k < 3; k++) {
          portholes += rect(x - size * 0.18 + k * size * 0.13, y - size * 0.36, size * 0.07, size * 0.07);
        }
        shapes += path(portholes, fill(p.window));
      }
    }
    shapes += outline(plan, hull, i, true);
    body += path(reflection, fill(mix(hullColour, p.waterDeep, 0.5), strength * 0.7)) + shapes;
  });
  return layer('boats', body);
}
