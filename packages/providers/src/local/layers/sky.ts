import { hsl, lighten, mix } from '../colour';
import type { ScenePlan } from '../scene-plan';
import {
  circle,
  each,
  ellipse,
  fill,
  linearGradient,
  num,
  path,
  polygon,
  puffGradient,
  softStops,
  stroke,
  verticalGradient,
  type Point,
} from '../svg';
import { layer, type Layer } from './layer';

export function paintSky(plan: ScenePlan): Layer | null {
  const { width, height, horizon, palette: p, celestial } = plan;
  const rich = plan.look.id === 'photographic';
  const stops = rich
    ? [
        { offset: 0, colour: p.skyTop },
        { offset: 0.3, colour: mix(p.skyTop, p.skyMid, 0.6) },
        { offset: 0.62, colour: p.skyMid },
        { offset: 0.88, colour: mix(p.skyMid, p.skyHorizon, 0.75) },
        { offset: 1, colour: p.skyHorizon },
      ]
    : [
        { offset: 0, colour: p.skyTop },
        { offset: 0.55, colour: p.skyMid },
        { offset: 1, colour: p.skyHorizon },
      ];
  let defs = linearGradient('sky', [0, 0], [0, horizon], stops);
  let body = `<rect width="${width}" height="${height}" fill="url(#sky)"/>`;
  if (celestial !== null) {
    // The bright band of sky around the sun or moon, widest along the horizon.
    const strength = celestial.kind === 'sun' ? (plan.time === 'day' ? 0.35 : 0.7) : 0.22;
    defs += puffGradient('horizon-glow', softStops(p.glow, strength));
    const rx = width * 0.75;
    const ry = Math.max(horizon - celestial.y, 0) * 1.2 + height * 0.22;
    body += path(ellipse(celestial.x, horizon, rx, ry), 'fill="url(#horizon-glow)"');
  }
  return layer('sky', body, defs);
}

export function paintStars(plan: ScenePlan): Layer | null {
  if (!plan.features.has('star')) return null;
  const { width, horizon, unit, palette: p } = plan;
  const rng = plan.rng('stars');
  const faint = plan.time === 'night' ? 1 : 0.55;
  const count = Math.round(((width * horizon) / 600_000) * 520 * plan.detail * faint);
  const buckets = ['', '', ''];
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, width);
    // More stars high up, where the sky is darkest.
    const y = horizon * rng.next() ** 1.5 * 0.95;
    const size = rng.next();
    const bucket = size < 0.6 ? 0 : size < 0.9 ? 1 : 2;
    buckets[bucket] += circle(x, y, unit * (0.7 + bucket * 0.55 + rng.range(0, 0.4)));
  }
  let body = buckets.map((d, i) => path(d, fill(p.star, [0.4, 0.7, 0.95][i] ?? 1))).join('');
  let defs = '';
  const bright = Math.round(rng.range(3, 8) * Math.sqrt(plan.detail) * faint);
  if (bright > 0) {
    defs = puffGradient('star-glow', [
      { offset: 0, colour: p.star, opacity: 0.7 },
      { offset: 1, colour: p.star, opacity: 0 },
    ]);
    let sparkles = '';
    const glows: string[] = [];
    for (let i = 0; i < bright; i++) {
      const x = rng.range(0.05, 0.95) * width;
      const y = rng.range(0.04, 0.55) * horizon;
      const r = unit * rng.range(7, 13);
      const w = r * 0.14;
      sparkles += polygon([
        [x, y - r],
        [x + w, y - w],
        [x + r, y],
        [x + w, y + w],
        [x, y + r],
        [x - w, y + w],
        [x - r, y],
        [x - w, y - w],
      ]);
      glows.push(circle(x, y, r * 0.7));
    }
    body += each(glows, 'fill="url(#star-glow)"') + path(sparkles, fill(lighten(p.star, 0.5)));
  }
  return layer('stars', body, defs);
}

export function paintAurora(plan: ScenePlan): Layer | null {
  if (!plan.features.has('aurora')) return null;
  const { width, horizon } = plan;
  const rng = plan.rng('aurora');
  const green = hsl(rng.range(130, 160), 0.9, 0.58);
  const violet = hsl(rng.range(280, 320), 0.75, 0.6);
  // Each curtain is many thin columns sharing one box-relative gradient, so every column fades
  // from a bright hem to nothing at its own top, however the curtain folds.
  const defs = verticalGradient('aurora', [
    { offset: 0, colour: violet, opacity: 0 },
    { offset: 0.35, colour: violet, opacity: 0.16 },
    { offset: 0.8, colour: green, opacity: 0.5 },
    { offset: 0.93, colour: green, opacity: 0.75 },
    { offset: 1, colour: green, opacity: 0 },
  ]);
  const curtains = rng.int(2, 3);
  let body = '';
  for (let c = 0; c < curtains; c++) {
    const base = horizon * rng.range(0.4, 0.66);
    const tall = horizon * rng.range(0.2, 0.36);
    const f1 = rng.range(0.8, 2);
    const f2 = rng.range(2.5, 5);
    const ph1 = rng.range(0, 6.3);
    const ph2 = rng.range(0, 6.3);
    const columns = Math.round(90 * Math.min(1.4, plan.detail));
    const from = rng.range(-0.2, 0.3);
    const to = rng.range(0.7, 1.2);
    let previous: Point[] | null = null;
    for (let i = 0; i <= columns; i++) {
      const t = from + ((to - from) * i) / columns;
      const x = width * t;
      const y =
        base +
        horizon * 0.09 * Math.sin(t * Math.PI * 2 * f1 + ph1) +
        horizon * 0.025 * Math.sin(t * 11 + ph2);
      const flicker = 0.75 + 0.25 * Math.sin(t * 57 + ph1);
      const ends = Math.sin((Math.PI * i) / columns) ** 0.6;
      const h = (tall * (0.5 + 0.5 * Math.sin(t * Math.PI * 2 * f2 + ph2)) * flicker + tall * 0.2) * ends;
      const column: Point[] = [
        [x, y - h],
        [x, y],
      ];
      if (previous !== null) {
        // A hair of overlap hides the anti-aliased seam between neighbouring columns.
        const [top, bottom] = previous as [Point, Point];
        const strip: Point[] = [top, [x + 0.6, y - h], [x + 0.6, y], bottom];
        body += path(polygon(strip), 'fill="url(#aurora)"');
      }
      previous = column;
    }
  }
  return layer('aurora', body, defs);
}

export function paintRainbow(plan: ScenePlan): Layer | null {
  if (!plan.features.has('rainbow') || plan.time === 'night') return null;
  const rng = plan.rng('rainbow');
  const { width, horizon, unit } = plan;
  const cx = width * rng.range(0.3, 0.7);
  const radius = Math.min(width * rng.range(0.32, 0.48), horizon * 0.9);
  const band = unit * 9;
  const hues = [0, 28, 52, 120, 205, 250, 280];
  const body = hues
    .map((hue, i) => {
      const r = radius - i * band;
      return path(
        `M${num(cx - r)} ${num(horizon)}A${num(r)} ${num(r)} 0 0 1 ${num(cx + r)} ${num(horizon)}`,
        stroke(hsl(hue, 0.9, 0.6), band * 1.05, 0.3),
      );
    })
    .join('');
  return layer('rainbow', body);
}
