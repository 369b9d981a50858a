import { darken, hex, lighten, mix } from '../colour';
import type { ScenePlan } from '../scene-plan';
import { circle, ellipse, fill, linearGradient, num, path, radialGradient, rect } from '../svg';
import { layer, outlinePath, skyColourAt, type Layer } from './layer';

export function paintCelestial(plan: ScenePlan): Layer | null {
  const body = plan.celestial;
  if (body === null) return null;
  return body.kind === 'sun' ? paintSun(plan) : paintMoon(plan);
}

function paintSun(plan: ScenePlan): Layer | null {
  const { palette: p, celestial } = plan;
  if (celestial === null) return null;
  const { x, y, radius } = celestial;
  const halo = radius * (plan.time === 'day' ? 8 : 10);
  const rim = radius / halo;
  let defs =
    radialGradient('sun-halo', [x, y], halo, [
      { offset: 0, colour: lighten(p.glow, 0.4), opacity: 0.95 },
      { offset: rim * 1.1, colour: p.glow, opacity: 0.75 },
      { offset: rim * 2, colour: p.glow, opacity: 0.42 },
      { offset: rim * 3.5, colour: p.glow, opacity: 0.2 },
      { offset: 0.6, colour: p.glow, opacity: 0.06 },
      { offset: 1, colour: p.glow, opacity: 0 },
    ]) +
    radialGradient('sun-disc', [x, y], radius, [
      // The sun is always the brightest thing in the picture; a low one keeps a little colour.
      { offset: 0, colour: lighten(p.sun, plan.time === 'day' ? 0.75 : 0.6) },
      { offset: 0.6, colour: lighten(p.sun, plan.time === 'day' ? 0.5 : 0.4) },
      { offset: 0.92, colour: lighten(p.sun, 0.2) },
      { offset: 1, colour: mix(p.sun, p.glow, 0.3) },
    ]);
  let svg = path(circle(x, y, halo), 'fill="url(#sun-halo)"');
  if (plan.look.outlines) {
    // The synthwave sun: a gradient disc cut by bands of sky.
    defs += linearGradient(
      'sun-neon',
      [0, y - radius],
      [0, y + radius],
      [
        { offset: 0, colour: p.sun },
        { offset: 1, colour: p.glow },
      ],
    );
    svg += path(circle(x, y, radius * 1.6), 'fill="url(#sun-neon)"');
    for (let i = 0; i < 6; i++) {
      const bandY = y + radius * 1.6 * (0.1 + i * 0.16);
      const h = radius * (0.04 + i * 0.035);
      svg += path(rect(x - radius * 1.7, bandY, radius * 3.4, h), fill(skyColourAt(plan, bandY)));
    }
  } else {
    svg += path(circle(x, y, radius), 'fill="url(#sun-disc)"');
  }
  return layer('sun', svg, defs);
}

function paintMoon(plan: ScenePlan): Layer | null {
  const { palette: p, celestial } = plan;
  if (celestial === null) return null;
  const { x, y, radius: r, phase } = celestial;
  const rng = plan.rng('moon');
  const defs =
    radialGradient('moon-halo', [x, y], r * 7, [
      { offset: 0, colour: p.glow, opacity: 0.5 },
      { offset: 0.2, colour: p.glow, opacity: 0.18 },
      { offset: 1, colour: p.glow, opacity: 0 },
    ]) +
    radialGradient('moon-disc', [x - r * 0.25, y - r * 0.25], r * 1.3, [
      { offset: 0, colour: p.sun },
      { offset: 1, colour: mix(p.sun, p.glow, 0.35) },
    ]);
  let svg = path(circle(x, y, r * 7), 'fill="url(#moon-halo)"');
  // The unlit part still shows faintly against the sky (earthshine).
  svg += path(circle(x, y, r), fill(mix(skyColourAt(plan, y), p.sun, 0.08), 0.9));
  const k = Math.cos(phase * Math.PI * 2);
  const waxing = phase < 0.5;
  const rx = Math.abs(k) * r;
  let lit: string;
  if (Math.abs(phase - 0.5) < 0.02) {
    lit = circle(x, y, r);
  } else {
    const outerSweep = waxing ? 1 : 0;
    const crescent = k > 0;
    const innerSweep = waxing === crescent ? 0 : 1;
    lit =
      `M${num(x)} ${num(y - r)}A${num(r)} ${num(r)} 0 0 ${outerSweep} ${num(x)} ${num(y + r)}` +
      `A${num(rx)} ${num(r)} 0 0 ${innerSweep} ${num(x)} ${num(y - r)}Z`;
  }
  svg += path(lit, 'fill="url(#moon-disc)"');
  if (Math.abs(phase - 0.5) < 0.02) {
    let maria = '';
    for (let i = 0; i < 5; i++) {
      const a = rng.range(0, Math.PI * 2);
      const d = rng.range(0, 0.55) * r;
      const size = rng.range(0.12, 0.28) * r;
      maria += ellipse(x + Math.cos(a) * d, y + Math.sin(a) * d, size, size * rng.range(0.7, 1));
    }
    svg += `<path d="${maria}" fill="${hex(darken(p.sun, 0.35))}" fill-opacity="0.18"/>`;
  }
  svg += outlinePath(plan, lit, 0);
  return layer('moon', svg, defs);
}
