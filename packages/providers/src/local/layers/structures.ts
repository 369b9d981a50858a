import { darken, hsl, lighten, mix, type Rgb } from '../colour';
import type { ScenePlan } from '../scene-plan';
import {
  circle,
  fill,
  linearGradient,
  num,
  path,
  polygon,
  radialGradient,
  rect,
  stroke,
  type Point,
} from '../svg';
import { profileAt } from '../terrain';
import { layer, mirror, outline, outlinePath, reflectionStrength, type Layer } from './layer';

/** Window colours: warm lamps at night, a few cooler ones; at day, panes catching the sky. */
function windowColours(plan: ScenePlan): Rgb[] {
  const p = plan.palette;
  if (plan.palette.neon.length > 0) return plan.palette.neon;
  if (p.lowLight) return [p.window, lighten(p.window, 0.35), mix(p.window, hsl(200, 0.6, 0.75), 0.6)];
  return [p.window, lighten(p.window, 0.2)];
}

export function paintCity(plan: ScenePlan): Layer | null {
  if (!plan.features.has('city')) return null;
  const { width, horizon, unit, palette: p } = plan;
  const rng = plan.rng('city');
  const base = plan.water !== null ? horizon : horizon + unit * 4;
  const colours = windowColours(plan);
  const windows = colours.map(() => '');
  let body = '';
  let reflections = '';
  const litShare = p.lowLight ? 0.45 : 0.85;
  for (let row = 0; row < 2; row++) {
    const colour = row === 0 ? mix(p.building, p.haze, 0.45) : p.building;
    let shapes = '';
    let edges = '';
    let x = -rng.range(0, 40) * unit;
    while (x < width) {
      const w = unit * rng.range(30, 78) * (row === 0 ? 0.85 : 1);
      const centreBias = 1 - Math.abs(x / width - 0.5) * 0.9;
      const h = plan.height * rng.range(0.07, 0.3) * (row === 0 ? 1.15 : 0.75) * (0.55 + centreBias * 0.6);
      const top = base - h;
      const outlinePoints: Point[] = [
        [x, base],
        [x, top],
      ];
      shapes += rect(x, top, w, h + unit * 2);
      const roof = rng.next();
      if (roof < 0.3) {
        const inset = w * rng.range(0.15, 0.3);
        const step = h * rng.range(0.08, 0.18);
        shapes += rect(x + inset, top - step, w - 2 * inset, step + 1);
        outlinePoints.push(
          [x + inset, top],
          [x + inset, top - step],
          [x + w - inset, top - step],
          [x + w - inset, top],
        );
      } else if (roof < 0.42) {
        shapes += polygon([
          [x + w * 0.2, top],
          [x + w / 2, top - h * 0.22],
          [x + w * 0.8, top],
        ]);
        outlinePoints.push([x + w * 0.2, top], [x + w / 2, top - h * 0.22], [x + w * 0.8, top]);
      } else if (roof < 0.6) {
        shapes += rect(x + w / 2 - unit, top - h * 0.16, unit * 2, h * 0.16);
      }
      outlinePoints.push([x + w, top], [x + w, base]);
      edges += polygon(outlinePoints, false);
      if (plan.water !== null) reflections += polygon(mirror(outlinePoints, base));
      // Windows in a grid; at night only some are lit.
      const cell = unit * rng.range(7, 10) * (row === 0 ? 0.8 : 1);
      const cols = Math.floor((w - cell) / cell);
      const rows = Math.floor((h - cell * 1.5) / (cell * 1.25));
      const density = Math.min(1, plan.detail) * litShare;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          if (!rng.chance(density)) continue;
          const wx = x + cell * 0.75 + c * cell;
          const wy = top + cell + r * cell * 1.25;
          const k = rng.int(0, colours.length - 1);
          windows[k] += rect(wx, wy, cell * 0.5, cell * 0.7);
        }
      }
      x += w + unit * rng.range(-6, 6);
    }
    body += path(shapes, fill(colour));
    if (row === 1) {
      body += windows.map((d, k) => path(d, fill(colours[k] as Rgb, p.lowLight ? 0.92 : 0.35))).join('');
    }
    body += outlinePath(plan, edges, row + 1);
  }
  if (reflections !== '') {
    body = path(reflections, fill(mix(p.building, p.waterDeep, 0.3), reflectionStrength(plan))) + body;
    if (p.lowLight) {
      // Lit windows smear into long vertical streaks on the water.
      let streaks = '';
      for (let i = 0; i < 90 * plan.detail; i++) {
        const sx = rng.range(0, width);
        const sy = horizon + rng.range(2, 60) * unit;
        streaks += `M${num(sx)} ${num(sy)}v${num(unit * rng.range(4, 24))}`;
      }
      body += path(streaks, stroke(colours[0] as Rgb, unit * 2.5, 0.35));
    }
  }
  return layer('city', body);
}

export function paintBuildings(plan: ScenePlan): Layer | null {
  if (!plan.features.has('building')) return null;
  const { width, unit, palette: p } = plan;
  const rng = plan.rng('buildings');
  const count = rng.int(3, 7);
  const centre = width * rng.range(0.25, 0.75);
  const wall = mix(mix(p.sand, p.snow, 0.5), p.light, 0.2);
  const roofColour = mix(darken(p.accent, 0.35), p.rock, 0.4);
  const houses = Array.from({ length: count }, () => centre + rng.gauss(width * 0.14)).sort((a, b) => a - b);
  let walls = '';
  let roofs = '';
  let lit = '';
  let edges = '';
  const scale = plan.water !== null ? 0.55 : 1;
  for (const x of houses) {
    const ground = profileAt(plan.ground, x) + unit * 6 * scale;
    const w = unit * rng.range(40, 70) * scale;
    const h = unit * rng.range(26, 42) * scale;
    const top = ground - h;
    walls += rect(x - w / 2, top, w, h);
    const roof: Point[] = [
      [x - w * 0.6, top],
      [x, top - h * rng.range(0.55, 0.8)],
      [x + w * 0.6, top],
    ];
    roofs += polygon(roof);
    if (rng.chance(0.6)) roofs += rect(x + w * 0.2, top - h * 0.55, w * 0.1, h * 0.35);
    const windowsLit = p.lowLight ? 0.75 : 0.5;
    for (let i = 0; i < 2; i++) {
      if (rng.chance(windowsLit)) lit += rect(x - w * 0.35 + i * w * 0.45, top + h * 0.3, w * 0.22, h * 0.28);
    }
    edges += polygon(
      [[x - w / 2, ground], [x - w / 2, top], ...roof, [x + w / 2, top], [x + w / 2, ground]],
      false,
    );
  }
  const body =
    path(walls, fill(p.lowLight ? darken(wall, 0.55) : wall)) +
    path(roofs, fill(roofColour)) +
    path(lit, fill(p.lowLight ? p.window : darken(wall, 0.55), p.lowLight ? 0.95 : 0.8)) +
    outlinePath(plan, edges, 2);
  return layer('buildings', body);
}

export function paintCastle(plan: ScenePlan): Layer | null {
  if (!plan.features.has('castle')) return null;
  const { width, unit, palette: p } = plan;
  const rng = plan.rng('castle');
  const scale = plan.water !== null ? 0.7 : 1;
  const cx = width * rng.range(0.3, 0.7);
  const span = width * rng.range(0.2, 0.3) * scale;
  const base =
    Math.max(profileAt(plan.ground, cx - span / 2), profileAt(plan.ground, cx + span / 2)) + unit * 8;
  const stone = mix(mix(p.rock, p.building, 0.4), p.haze, plan.water !== null ? 0.25 : 0.05);
  const roofColour = mix(darken(p.accent, 0.3), stone, 0.35);
  const wallTop = base - unit * rng.range(70, 100) * scale;
  let walls = rect(cx - span / 2, wallTop, span, base - wallTop);
  let roofs = '';
  let flags = '';
  let windows = '';
  const merlon = unit * 7 * scale;
  for (let x = cx - span / 2; x < cx + span / 2 - merlon; x += merlon * 2) {
    walls += rect(x, wallTop - merlon, merlon, merlon);
  }
  const towers = rng.int(2, 4);
  const outlinePoints: Point[] = [];
  for (let i = 0; i < towers; i++) {
    const tx = cx - span / 2 + (span * i) / (towers - 1);
    const tw = unit * rng.range(24, 36) * scale * (i === 0 || i === towers - 1 ? 1 : 1.3);
    const top = wallTop - unit * rng.range(40, 110) * scale;
    walls += rect(tx - tw / 2, top, tw, base - top);
    const roof: Point[] = [
      [tx - tw * 0.62, top],
      [tx, top - tw * rng.range(1.1, 1.6)],
      [tx + tw * 0.62, top],
    ];
    if (rng.chance(0.75)) {
      roofs += polygon(roof);
      const peak = roof[1] as Point;
      flags += polygon([
        [peak[0], peak[1] - unit * 14 * scale],
        [peak[0] + unit * 14 * scale, peak[1] - unit * 10 * scale],
        [peak[0], peak[1] - unit * 6 * scale],
      ]);
      outlinePoints.push([tx - tw / 2, top], ...roof, [tx + tw / 2, top]);
    } else {
      for (let k = 0; k < 3; k++) walls += rect(tx - tw / 2 + (k * tw) / 2.5, top - merlon, tw / 5, merlon);
      outlinePoints.push([tx - tw / 2, top], [tx + tw / 2, top]);
    }
    for (let k = 0; k < 2; k++) {
      windows += rect(
        tx - unit * 2 * scale,
        top + (base - top) * (0.2 + k * 0.25),
        unit * 4 * scale,
        unit * 8 * scale,
      );
    }
  }
  const gate = `M${num(cx - unit * 12 * scale)} ${num(base)}V${num(base - unit * 22 * scale)}a${num(unit * 12 * scale)} ${num(unit * 12 * scale)} 0 0 1 ${num(unit * 24 * scale)} 0V${num(base)}Z`;
  const body =
    path(walls, fill(stone)) +
    path(roofs, fill(roofColour)) +
    path(flags, fill(p.accent)) +
    path(gate, fill(darken(stone, 0.6))) +
    path(windows, fill(p.lowLight ? p.window : darken(stone, 0.5))) +
    outline(plan, outlinePoints, 0);
  return layer('castle', body);
}

export function paintLighthouse(plan: ScenePlan): Layer | null {
  if (!plan.features.has('lighthouse')) return null;
  const { width, height, horizon, unit, palette: p } = plan;
  const rng = plan.rng('lighthouse');
  const onLeft = plan.celestial !== null ? plan.celestial.x > width / 2 : rng.chance(0.5);
  const edge = onLeft ? 0 : width;
  const dir = onLeft ? 1 : -1;
  const reach = width * rng.range(0.24, 0.34);
  const cliffTop = horizon - height * rng.range(0.03, 0.07);
  const waterline =
    plan.water !== null
      ? horizon + height * rng.range(0.06, 0.12)
      : profileAt(plan.ground, edge + dir * reach * 0.5);
  const rock: Point[] = [[edge - dir * 5, waterline + unit * 4]];
  for (let i = 0; i <= 12; i++) {
    const t = i / 12;
    const x = edge + dir * reach * t;
    const y =
      t < 0.55
        ? cliffTop + rng.range(-4, 4) * unit
        : cliffTop + (waterline - cliffTop) * ((t - 0.55) / 0.45) ** 0.8;
    rock.push([x, y]);
  }
  rock.push([edge + dir * reach, waterline + unit * 4]);
  const rockColour = mix(p.rock, p.building, 0.3);
  let defs = '';
  let body = path(polygon(rock), fill(rockColour)) + outline(plan, rock, 2, true);

  const tx = edge + dir * reach * 0.3;
  const tall = Math.min(height * rng.range(0.2, 0.28), unit * rng.range(240, 320));
  const bw = unit * 34;
  const tw = unit * 24;
  const top = cliffTop - tall;
  const tower: Point[] = [
    [tx - bw / 2, cliffTop + unit * 2],
    [tx - tw / 2, top],
    [tx + tw / 2, top],
    [tx + bw / 2, cliffTop + unit * 2],
  ];
  const white = mix(lighten(p.light, 0.3), p.building, p.lowLight ? 0.55 : 0.1);
  const red = mix(hsl(4, 0.75, 0.45), p.building, p.lowLight ? 0.5 : 0.1);
  body += path(polygon(tower), fill(white));
  let stripes = '';
  for (let k = 0; k < 4; k++) {
    const y0 = cliffTop - (tall * (k * 2 + 1)) / 8;
    const y1 = y0 - tall / 8;
    const half = (y: number): number => bw / 2 + ((tw - bw) / 2) * ((cliffTop - y) / tall);
    stripes += polygon([
      [tx - half(y0), y0],
      [tx - half(y1), y1],
      [tx + half(y1), y1],
      [tx + half(y0), y0],
    ]);
  }
  body += path(stripes, fill(red));
  const lamp = top - unit * 14;
  body +=
    path(rect(tx - tw * 0.75, top - unit * 3, tw * 1.5, unit * 4), fill(darken(rockColour, 0.4))) +
    path(
      rect(tx - tw * 0.35, lamp, tw * 0.7, unit * 12),
      fill(p.lowLight ? lighten(p.window, 0.4) : darken(p.building, 0.2)),
    ) +
    path(
      `M${num(tx - tw * 0.45)} ${num(lamp)}a${num(tw * 0.45)} ${num(tw * 0.45)} 0 0 1 ${num(tw * 0.9)} 0Z`,
      fill(darken(red, 0.3)),
    ) +
    outline(plan, tower, 1, true);
  if (p.lowLight) {
    const beamColour = lighten(p.window, 0.3);
    const lampY = lamp + unit * 6;
    defs +=
      linearGradient(
        'beam-right',
        [tx, 0],
        [tx + width * 0.6, 0],
        [
          { offset: 0, colour: beamColour, opacity: 0.55 },
          { offset: 1, colour: beamColour, opacity: 0 },
        ],
      ) +
      linearGradient(
        'beam-left',
        [tx, 0],
        [tx - width * 0.6, 0],
        [
          { offset: 0, colour: beamColour, opacity: 0.4 },
          { offset: 1, colour: beamColour, opacity: 0 },
        ],
      ) +
      radialGradient('lamp-glow', [tx, lampY], unit * 70, [
        { offset: 0, colour: beamColour, opacity: 0.9 },
        { offset: 1, colour: beamColour, opacity: 0 },
      ]);
    const spread = unit * rng.range(30, 60);
    const tilt = unit * rng.range(-40, 20);
    body +=
      path(
        polygon([
          [tx, lampY - unit * 3],
          [tx + width * 0.6, lampY + tilt - spread],
          [tx + width * 0.6, lampY + tilt + spread],
          [tx, lampY + unit * 3],
        ]),
        'fill="url(#beam-right)"',
      ) +
      path(
        polygon([
          [tx, lampY - unit * 3],
          [tx - width * 0.6, lampY - tilt - spread * 0.7],
          [tx - width * 0.6, lampY - tilt + spread * 0.7],
          [tx, lampY + unit * 3],
        ]),
        'fill="url(#beam-left)"',
      ) +
      path(circle(tx, lampY, unit * 70), 'fill="url(#lamp-glow)"');
  }
  return layer('lighthouse', body, defs);
}
