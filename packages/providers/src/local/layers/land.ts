import { darken, hsl, lighten, mix } from '../colour';
import type { Ridge, ScenePlan } from '../scene-plan';
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
  stroke,
  type Point,
} from '../svg';
import { landPath, profileAt, profilePoints, profileX, shadedFaces } from '../terrain';
import { layer, mirror, outline, reflectionStrength, type Layer } from './layer';

function paintRidge(plan: ScenePlan, ridge: Ridge, index: number): { defs: string; body: string } {
  const { palette: p, horizon, height } = plan;
  const onWater = plan.water !== null && ridge.kind !== 'ground';
  const bottom = onWater ? horizon + 1 : height + 2;
  const top = Math.min(...ridge.profile.ys);
  const id = `ridge-${index}`;
  const valley = mix(ridge.colour, p.haze, ridge.kind === 'ground' ? 0.08 : 0.3 + plan.fog * 0.3);
  const lit = ridge.kind === 'ground' ? lighten(ridge.colour, 0.04) : lighten(ridge.colour, 0.06);
  const foot = ridge.kind === 'ground' ? darken(ridge.colour, 0.28) : valley;
  let defs = linearGradient(
    id,
    [0, top],
    [0, ridge.kind === 'ground' ? height : ridge.baseline],
    [
      { offset: 0, colour: lit },
      { offset: 1, colour: foot },
    ],
  );
  const d = landPath(ridge.profile, bottom);
  let body = path(d, `fill="url(#${id})"`);

  if (ridge.kind === 'mountain' || ridge.kind === 'dune' || ridge.kind === 'volcano') {
    const faces = shadedFaces(ridge.profile, plan.lightFromLeft, ridge.amplitude * 0.12, ridge.baseline);
    const shadow = mix(ridge.colour, p.skyTop, 0.45);
    body += path(faces.map((face) => polygon(face)).join(''), fill(shadow, 0.3 + ridge.depth * 0.15));
  }
  if (ridge.snowCap) {
    const rng = plan.rng(`snowcap-${index}`);
    const snowline = Math.min(...ridge.profile.ys) + ridge.amplitude * rng.range(0.3, 0.5);
    const points = profilePoints(ridge.profile);
    const lower = points.map(([x, y]) => {
      const above = snowline - y;
      return [x, above > 0 ? y + Math.min(above, ridge.amplitude * 0.3) * rng.range(0.5, 1.1) : y] as const;
    });
    const snow = mix(p.snow, p.haze, (1 - ridge.depth) * 0.45);
    body += path(polygon([...points, ...[...lower].reverse()]), fill(snow, 0.92));
  }
  if (ridge.kind === 'volcano') {
    const extra = paintEruption(plan, ridge);
    defs += extra.defs;
    body += extra.body;
  }
  body += outline(plan, profilePoints(ridge.profile), index);

  const strength = reflectionStrength(plan);
  if (onWater && strength > 0) {
    const shape = mirror(
      [
        ...profilePoints(ridge.profile),
        [profileX(ridge.profile, ridge.profile.ys.length - 1), horizon],
        [ridge.profile.x0, horizon],
      ],
      horizon,
    );
    body += path(polygon(shape), fill(mix(ridge.colour, p.waterDeep, 0.35), strength));
  }
  return { defs, body };
}

function paintEruption(plan: ScenePlan, ridge: Ridge): { defs: string; body: string } {
  const rng = plan.rng('eruption');
  const { unit } = plan;
  const ys = ridge.profile.ys;
  const peakIndex = ys.indexOf(Math.min(...ys));
  const x = profileX(ridge.profile, peakIndex);
  const y = ys[peakIndex] ?? plan.horizon;
  const lava = hsl(18, 1, 0.55);
  const defs =
    puffGradient('lava-glow', [
      { offset: 0, colour: hsl(35, 1, 0.65), opacity: 0.9 },
      { offset: 1, colour: lava, opacity: 0 },
    ]) +
    puffGradient('smoke', [
      { offset: 0, colour: mix(plan.palette.cloudShade, hsl(0, 0, 0.25), 0.6), opacity: 0.85 },
      { offset: 1, colour: plan.palette.cloudShade, opacity: 0 },
    ]);
  const smoke: string[] = [];
  let drift = 0;
  for (let i = 0; i < 14; i++) {
    drift += rng.range(-4, 10) * unit;
    const r = unit * (25 + i * 9);
    smoke.push(ellipse(x + drift * (1 + i * 0.4), y - i * unit * 26 - r * 0.3, r, r * 0.7));
  }
  let flows = '';
  const streams = rng.int(2, 4);
  for (let s = 0; s < streams; s++) {
    const side = rng.chance(0.5) ? 1 : -1;
    let fx = x + side * rng.range(0, 12) * unit;
    let fy = y + 4 * unit;
    const points: Point[] = [[fx, fy]];
    const length = rng.range(0.4, 0.9) * ridge.amplitude;
    while (fy < y + length) {
      fx += side * rng.range(4, 14) * unit;
      fy = Math.max(fy + rng.range(8, 20) * unit, profileAt(ridge.profile, fx) + 2 * unit);
      points.push([fx, fy]);
    }
    flows += polygon(points, false);
  }
  const body =
    each(smoke, 'fill="url(#smoke)"') +
    path(ellipse(x, y, unit * 60, unit * 45), 'fill="url(#lava-glow)"') +
    path(flows, stroke(lava, unit * 4)) +
    path(circle(x, y + unit * 3, unit * 10), fill(hsl(40, 1, 0.65)));
  return { defs, body };
}

export function paintFarLand(plan: ScenePlan): Layer | null {
  let defs = '';
  let body = '';
  const names = new Set<string>();
  plan.ridges.forEach((ridge, index) => {
    if (ridge.kind === 'ground') return;
    names.add(ridge.kind);
    const painted = paintRidge(plan, ridge, index);
    defs += painted.defs;
    body += painted.body;
  });
  const name = names.has('mountain')
    ? 'mountains'
    : names.has('volcano')
      ? 'volcano'
      : names.has('dune')
        ? 'dunes'
        : 'hills';
  return layer(name, body, defs);
}

export function paintGround(plan: ScenePlan): Layer | null {
  const index = plan.ridges.findIndex((ridge) => ridge.kind === 'ground');
  const ridge = plan.ridges[index];
  if (ridge === undefined) return null;
  const painted = paintRidge(plan, ridge, index);
  // A few strokes of texture so the ground does not read as a flat sheet.
  const rng = plan.rng('ground-texture');
  const { width, height, unit } = plan;
  let marks = '';
  const count = Math.round(70 * plan.detail);
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, width);
    const top = profileAt(ridge.profile, x);
    const t = rng.next() ** 0.7;
    const y = top + (height - top) * t;
    const length = unit * (6 + 40 * t) * rng.range(0.5, 1.5);
    marks += `M${num(x)} ${num(y)}h${num(length)}`;
  }
  let body = painted.body + path(marks, stroke(darken(ridge.colour, 0.22), unit * 1.6, 0.35));
  if (plan.look.outlines) body += neonGrid(plan, ridge);
  return layer('ground', body, painted.defs);
}

/** The synthwave floor: lines running to a vanishing point and rungs that crowd toward the horizon. */
function neonGrid(plan: ScenePlan, ridge: Ridge): string {
  const { width, height, unit, palette: p } = plan;
  const colour = p.neon[1] ?? p.accent;
  const top = Math.max(...ridge.profile.ys) + unit * 4;
  const cx = width / 2;
  let d = '';
  for (let k = -14; k <= 14; k++) {
    const xTop = cx + k * width * 0.045;
    d += `M${num(xTop)} ${num(top)}L${num(cx + (xTop - cx) * 7)} ${num(height + 2)}`;
  }
  for (let k = 1; k <= 12; k++) {
    const y = top + (height - top) * (k / 12) ** 1.8;
    d += `M0 ${num(y)}H${width}`;
  }
  return path(d, stroke(colour, unit * 1.6, 0.7));
}
