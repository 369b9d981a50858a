import { darken, lighten, mix } from '../colour';
import type { ScenePlan } from '../scene-plan';
import {
  circle,
  each,
  fill,
  linearGradient,
  num,
  path,
  polygon,
  puffGradient,
  rect,
  stroke,
  type Point,
} from '../svg';
import { profileAt } from '../terrain';
import { layer, outline, type Layer } from './layer';

export function paintWaterfall(plan: ScenePlan): Layer | null {
  if (!plan.features.has('waterfall')) return null;
  const { width, unit, height, palette: p } = plan;
  const rng = plan.rng('waterfall');
  const onLeft = rng.chance(0.5);
  const dir = onLeft ? 1 : -1;
  const edge = onLeft ? 0 : width;
  const cliffWidth = width * rng.range(0.32, 0.45);
  const lipX = edge + dir * cliffWidth;
  const foot = profileAt(plan.ground, lipX) + unit * 10;
  const cliffTop = foot - height * rng.range(0.22, 0.32);
  const cliff: Point[] = [[edge - dir * 5, foot + unit * 20]];
  for (let i = 0; i <= 10; i++) {
    const t = i / 10;
    cliff.push([edge + dir * cliffWidth * t, cliffTop + rng.range(-10, 10) * unit - (1 - t) * height * 0.05]);
  }
  cliff.push([lipX + dir * unit * 20, foot], [lipX + dir * unit * 20, foot + unit * 20]);
  const rock = mix(p.rock, p.foliage, 0.25);
  const fallWidth = unit * rng.range(40, 70);
  const fallX = lipX - dir * fallWidth * 0.9;
  const water = mix(lighten(p.skyHorizon, 0.5), p.cloud, 0.4);
  const defs =
    linearGradient(
      'fall',
      [0, cliffTop],
      [0, foot],
      [
        { offset: 0, colour: mix(water, p.water, 0.4) },
        { offset: 1, colour: lighten(water, 0.3) },
      ],
    ) +
    puffGradient('spray', [
      { offset: 0, colour: lighten(water, 0.4), opacity: 0.85 },
      { offset: 1, colour: water, opacity: 0 },
    ]);
  let streaks = '';
  for (let i = 0; i < 30 * plan.detail; i++) {
    const sx = fallX - fallWidth / 2 + rng.range(0, fallWidth);
    const sy = cliffTop + rng.range(0, foot - cliffTop) * 0.8;
    streaks += `M${num(sx)} ${num(sy)}v${num(unit * rng.range(20, 60))}`;
  }
  const spray: string[] = [];
  for (let i = 0; i < 7; i++) {
    spray.push(
      circle(fallX + rng.gauss(fallWidth), foot - rng.range(0, 20) * unit, unit * rng.range(20, 45)),
    );
  }
  const body =
    path(polygon(cliff), fill(rock)) +
    path(polygon(cliff.slice(1, 11), false), stroke(darken(rock, 0.3), unit * 3, 0.4)) +
    path(
      rect(fallX - fallWidth / 2, cliffTop - unit * 4, fallWidth, foot - cliffTop + unit * 4),
      'fill="url(#fall)"',
    ) +
    path(streaks, stroke(lighten(water, 0.5), unit * 2.5, 0.7)) +
    each(spray, 'fill="url(#spray)"') +
    outline(plan, cliff, 0, true);
  return layer('waterfall', body, defs);
}
