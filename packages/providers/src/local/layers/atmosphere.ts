import { darken, hsl, lighten, mix } from '../colour';
import type { ScenePlan } from '../scene-plan';
import {
  circle,
  fill,
  linearGradient,
  num,
  path,
  polygon,
  radialGradient,
  softStops,
  stroke,
  verticalGradient,
  type Point,
} from '../svg';
import { layer, type Layer } from './layer';

export function paintBirds(plan: ScenePlan): Layer | null {
  if (!plan.features.has('bird')) return null;
  const { width, horizon, unit, palette: p } = plan;
  const rng = plan.rng('birds');
  const flocks = rng.int(1, 2);
  let d = '';
  for (let f = 0; f < flocks; f++) {
    const cx = width * rng.range(0.15, 0.85);
    const cy = horizon * rng.range(0.2, 0.6);
    const count = Math.round(rng.int(3, 9) * Math.min(1.3, plan.detail));
    for (let i = 0; i < count; i++) {
      // A loose V: later birds trail behind and to the side.
      const x = cx + (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * unit * rng.range(14, 26);
      const y = cy + Math.ceil(i / 2) * unit * rng.range(6, 14) + rng.gauss(unit * 4);
      const s = unit * rng.range(6, 12);
      const flap = rng.range(0.2, 0.7);
      d += `M${num(x - s)} ${num(y - s * flap)}Q${num(x - s * 0.45)} ${num(y - s * 0.35)} ${num(x)} ${num(y)}Q${num(x + s * 0.45)} ${num(y - s * 0.35)} ${num(x + s)} ${num(y - s * flap)}`;
    }
  }
  const colour = p.neon.length > 0 ? (p.neon[1] ?? p.accent) : darken(mix(p.skyTop, p.building, 0.5), 0.4);
  return layer('birds', path(d, stroke(colour, unit * 2.2)));
}

export function paintLightning(plan: ScenePlan): Layer | null {
  if (!plan.features.has('storm')) return null;
  const { width, horizon, unit } = plan;
  const rng = plan.rng('lightning');
  const x0 = width * rng.range(0.2, 0.8);
  const bolt: Point[] = [[x0, horizon * 0.25]];
  let x = x0;
  let y = horizon * 0.25;
  let branch = '';
  while (y < horizon - unit * 10) {
    x += rng.range(-30, 30) * unit;
    y += rng.range(15, 40) * unit;
    bolt.push([x, Math.min(y, horizon)]);
    if (rng.chance(0.25)) {
      const bx = x + rng.range(-70, 70) * unit;
      branch += `M${num(x)} ${num(y)}L${num(bx)} ${num(y + rng.range(30, 70) * unit)}`;
    }
  }
  const glow = hsl(220, 0.8, 0.85);
  const d = polygon(bolt, false) + branch;
  // The flash lights up the clouds around the bolt.
  const defs = radialGradient('flash', [x0, horizon * 0.3], horizon * 0.75, softStops(glow, 0.45));
  const body =
    `<rect width="${width}" height="${num(horizon * 1.1)}" fill="url(#flash)"/>` +
    path(d, stroke(glow, unit * 14, 0.15)) +
    path(d, stroke(glow, unit * 6, 0.35)) +
    path(d, `${stroke(hsl(0, 0, 1), unit * 2.2)} stroke-linejoin="round"`);
  return layer('lightning', body, defs);
}

export function paintRain(plan: ScenePlan): Layer | null {
  if (!plan.features.has('rain')) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('rain');
  const slant = (0.15 + plan.wind * 0.3) * (rng.chance(0.5) ? 1 : -1);
  const count = Math.round(900 * plan.detail * ((width * height) / 1_000_000));
  const buckets = ['', ''];
  for (let i = 0; i < count; i++) {
    const x = rng.range(-0.1, 1.1) * width;
    const y = rng.range(-0.05, 1) * height;
    const length = unit * rng.range(18, 40);
    buckets[i % 2] += `M${num(x)} ${num(y)}l${num(slant * length)} ${num(length)}`;
  }
  const colour = lighten(mix(p.skyHorizon, p.cloud, 0.5), 0.3);
  const body =
    `<rect width="${width}" height="${height}" ${fill(darken(p.cloudShade, 0.3), 0.14)}/>` +
    path(buckets[0] ?? '', stroke(colour, unit * 1.4, 0.28)) +
    path(buckets[1] ?? '', stroke(colour, unit * 2, 0.16));
  return layer('rain', body);
}

export function paintSnowfall(plan: ScenePlan): Layer | null {
  if (!plan.features.has('snow')) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('snowfall');
  const count = Math.round(520 * plan.detail * ((width * height) / 1_000_000));
  const buckets = ['', '', ''];
  for (let i = 0; i < count; i++) {
    const size = rng.next();
    const bucket = size < 0.65 ? 0 : size < 0.92 ? 1 : 2;
    buckets[bucket] += circle(
      rng.range(0, width),
      rng.range(0, height),
      unit * ([1.6, 3, 5.5][bucket] ?? 2) * rng.range(0.7, 1.3),
    );
  }
  const flake = lighten(p.snow, 0.4);
  const body =
    path(buckets[0] ?? '', fill(flake, 0.75)) +
    path(buckets[1] ?? '', fill(flake, 0.85)) +
    path(buckets[2] ?? '', fill(flake, 0.55));
  return layer('snowfall', body);
}

export function paintFog(plan: ScenePlan): Layer | null {
  if (plan.fog < 0.15) return null;
  const { width, height, horizon, palette: p } = plan;
  const rng = plan.rng('fog');
  const mist = lighten(p.haze, 0.15);
  let defs = verticalGradient('fog-band', [
    { offset: 0, colour: mist, opacity: 0 },
    { offset: 0.5, colour: mist, opacity: 0.55 * plan.fog },
    { offset: 1, colour: mist, opacity: 0 },
  ]);
  defs += linearGradient(
    'fog-horizon',
    [0, horizon - height * 0.22],
    [0, horizon + height * 0.18],
    [
      { offset: 0, colour: mist, opacity: 0 },
      { offset: 0.55, colour: mist, opacity: 0.7 * plan.fog },
      { offset: 1, colour: mist, opacity: 0 },
    ],
  );
  let body = `<rect y="${num(horizon - height * 0.22)}" width="${width}" height="${num(height * 0.4)}" fill="url(#fog-horizon)"/>`;
  const bands = Math.round(2 + plan.fog * 4);
  for (let i = 0; i < bands; i++) {
    const y = horizon + rng.gauss(height * 0.12);
    const h = height * rng.range(0.04, 0.12);
    const x = width * rng.range(-0.3, 0.4);
    body += `<rect x="${num(x)}" y="${num(y - h / 2)}" width="${num(width * rng.range(0.6, 1.2))}" height="${num(h)}" rx="${num(h / 2)}" fill="url(#fog-band)"/>`;
  }
  return layer('fog', body, defs);
}

export function paintVignette(plan: ScenePlan): Layer | null {
  const strength = plan.look.vignette;
  if (strength <= 0) return null;
  const defs = `<radialGradient id="vignette" cx="50%" cy="50%" r="72%"><stop offset="55%" stop-color="#000" stop-opacity="0"/><stop offset="100%" stop-color="#000" stop-opacity="${strength}"/></radialGradient>`;
  return layer('finish', `<rect width="${plan.width}" height="${plan.height}" fill="url(#vignette)"/>`, defs);
}
