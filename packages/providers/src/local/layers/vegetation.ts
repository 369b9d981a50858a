import { darken, hsl, lighten, mix, type Rgb } from '../colour';
import type { Rng } from '../prng';
import type { ScenePlan } from '../scene-plan';
import { circle, fill, linearGradient, num, path, polygon, stroke, type Point } from '../svg';
import { landPath, profileAt, profilePoints } from '../terrain';
import { layer, mirror, outline, outlinePath, reflectionStrength, type Layer } from './layer';

type TreeKind = 'conifer' | 'broadleaf' | 'palm';

const coniferWords = ['pine', 'fir', 'spruce', 'conifer', 'evergreen', 'taiga', 'christma', 'cedar'];
const broadleafWords = ['oak', 'maple', 'willow', 'birch', 'jungle', 'orchard', 'beech', 'elm'];

/** Which trees grow here: named species first, then what the weather suggests, then chance. */
function treeKind(plan: ScenePlan, rng: Rng, coniferOdds: number): TreeKind {
  const named = (list: readonly string[]): boolean => list.some((word) => plan.words.has(word));
  if (named(['palm', 'tropical']) || plan.features.has('island')) return 'palm';
  if (named(coniferWords)) return 'conifer';
  if (named(broadleafWords)) return 'broadleaf';
  if (plan.features.has('snow') || plan.moods.includes('cold')) return 'conifer';
  if (plan.moods.includes('autumn')) return rng.chance(0.2) ? 'conifer' : 'broadleaf';
  return rng.chance(coniferOdds) ? 'conifer' : 'broadleaf';
}

/** A stacked-tier conifer standing at (x, y). */
function conifer(x: number, y: number, h: number, w: number, tiers: number): { tree: Point[]; snow: string } {
  const right: Point[] = [];
  let snow = '';
  const crown = y - h;
  const body = h * 0.88;
  for (let k = 1; k <= tiers; k++) {
    const ty = crown + (body * k) / tiers;
    const half = (w / 2) * (0.35 + (0.65 * k) / tiers);
    right.push([x + half, ty]);
    if (k < tiers) right.push([x + half * 0.42, ty - (body / tiers) * 0.2]);
    const prevY = crown + (body * (k - 1)) / tiers;
    snow += polygon([
      [x, prevY + (k === 1 ? 0 : (body / tiers) * 0.1)],
      [x + half * 0.55, ty - (body / tiers) * 0.35],
      [x - half * 0.7, ty - (body / tiers) * 0.3],
    ]);
  }
  const trunk = w * 0.07;
  const tree: Point[] = [
    [x, crown],
    ...right,
    [x + trunk, y - h * 0.12],
    [x + trunk, y],
    [x - trunk, y],
    [x - trunk, y - h * 0.12],
    ...[...right].reverse().map(([px, py]) => [2 * x - px, py] as const),
  ];
  return { tree, snow };
}

/** A round-crowned tree: a trunk under a cluster of circles, lit on the side facing the light. */
function broadleaf(rng: Rng, x: number, y: number, h: number, lightFromLeft: boolean) {
  const trunkW = h * 0.06;
  const trunk = polygon([
    [x - trunkW, y],
    [x - trunkW * 0.5, y - h * 0.55],
    [x + trunkW * 0.5, y - h * 0.55],
    [x + trunkW, y],
  ]);
  let crown = '';
  let light = '';
  const cy = y - h * 0.68;
  const spread = h * 0.32;
  const blobs = rng.int(6, 10);
  const side = lightFromLeft ? -1 : 1;
  for (let i = 0; i < blobs; i++) {
    const bx = x + rng.gauss(spread * 0.55);
    const by = cy + rng.gauss(spread * 0.35);
    const r = spread * rng.range(0.35, 0.55);
    crown += circle(bx, by, r);
    if ((bx - x) * side > -spread * 0.1) light += circle(bx + side * r * 0.15, by - r * 0.15, r * 0.7);
  }
  return { trunk, crown, light };
}

export function paintForest(plan: ScenePlan): Layer | null {
  if (!plan.features.has('forest')) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('forest');
  const snowy = plan.features.has('snow');
  const pines = treeKind(plan, rng, 0.7) !== 'broadleaf';
  const rows = plan.detail < 0.75 ? 2 : 3;
  const onWater = plan.water !== null;
  const start = rng.chance(0.5) ? rng.range(-0.05, 0.2) : -0.05;
  const end = rng.chance(0.5) ? rng.range(0.75, 1.05) : 1.05;
  let body = '';
  for (let row = 0; row < rows; row++) {
    const nearness = (row + 1) / rows;
    const size = height * (onWater ? 0.05 + 0.04 * nearness : 0.06 + 0.07 * nearness);
    const drop = onWater ? row * unit * 5 : row * height * 0.03;
    const colour = mix(p.foliage, p.haze, (1 - nearness) * (0.45 + plan.fog * 0.3));
    let trees = '';
    let snow = '';
    let crowns = '';
    let lights = '';
    let edges = '';
    let reflections = '';
    const spacing = (size * (pines ? 0.32 : 0.45)) / Math.sqrt(plan.detail);
    // Where the wood ends before the frame does, it thins out instead of stopping like a wall.
    const taper = (x: number): number => {
      const fade = width * 0.1;
      const left = start <= -0.04 ? 1 : (x - width * start) / fade;
      const right = end >= 1.04 ? 1 : (width * end - x) / fade;
      return Math.max(0, Math.min(1, left, right));
    };
    for (let x = width * start; x < width * end; x += spacing * rng.range(0.6, 1.3)) {
      const y = profileAt(plan.ground, x) + drop + unit * 6;
      const h = size * rng.range(0.7, 1.3) * (0.35 + 0.65 * taper(x));
      if (pines) {
        const shape = conifer(x, y, h, h * rng.range(0.38, 0.5), rng.int(3, 4));
        trees += polygon(shape.tree);
        if (onWater) reflections += polygon(mirror(shape.tree, plan.horizon));
        if (snowy) snow += shape.snow;
        if (row === rows - 1 && rng.chance(0.15)) edges += polygon(shape.tree);
      } else {
        const shape = broadleaf(rng, x, y, h * 1.1, plan.lightFromLeft);
        trees += shape.trunk;
        crowns += shape.crown;
        lights += shape.light;
      }
    }
    // Close the gaps under the trunks so rows read as one dense wood.
    const underside: Point[] = [];
    for (let x = width * start; x <= width * end; x += width / 40) {
      underside.push([x, profileAt(plan.ground, x) + drop + unit * 6]);
    }
    const band = underside.map(([x, y]) => [x, y - size * 0.25 * taper(x)] as const);
    const strength = reflectionStrength(plan);
    if (reflections !== '' && strength > 0) {
      body += path(reflections, fill(mix(colour, p.waterDeep, 0.45), strength * 0.8));
    }
    body += path(
      polygon([...band, ...[...underside].reverse().map(([x, y]) => [x, y + unit * 8] as const)]),
      fill(colour),
    );
    body += path(trees, fill(pines ? colour : darken(colour, 0.3)));
    body += path(crowns, fill(colour));
    body += path(lights, fill(mix(colour, p.light, p.lowLight ? 0.06 : 0.18), 0.85));
    body += path(snow, fill(mix(p.snow, p.haze, (1 - nearness) * 0.3), 0.9));
    body += outlinePath(plan, edges, row);
  }
  return layer('forest', body);
}

export function paintTrees(plan: ScenePlan): Layer | null {
  if (!plan.features.has('tree')) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('trees');
  const count = rng.int(1, 3);
  const snowy = plan.features.has('snow');
  const kind = treeKind(plan, rng, plan.features.has('beach') ? 0 : 0.4);
  const palm = kind === 'palm' || (plan.features.has('beach') && kind !== 'conifer');
  let body = '';
  for (let i = 0; i < count; i++) {
    const side = i % 2 === 0 ? rng.chance(0.5) : !rng.chance(0.5);
    const x = width * (side ? rng.range(0.04, 0.3) : rng.range(0.7, 0.96));
    const ground =
      plan.foreground !== null
        ? profileAt(plan.foreground, x)
        : plan.water !== null
          ? height
          : profileAt(plan.ground, x);
    const y = Math.min(height + unit * 10, ground + unit * rng.range(10, 40));
    const h = height * rng.range(0.3, 0.5);
    const colour = darken(p.foliage, 0.15);
    if (palm) {
      const lean = (side ? 1 : -1) * h * rng.range(0.1, 0.3);
      const tx = x + lean;
      const ty = y - h;
      let fronds = '';
      for (let k = 0; k < 9; k++) {
        const a = (k / 9) * Math.PI * 2;
        const reach = h * rng.range(0.25, 0.38);
        fronds += `M${num(tx)} ${num(ty)}Q${num(tx + Math.cos(a) * reach * 0.6)} ${num(ty - reach * 0.3)} ${num(tx + Math.cos(a) * reach)} ${num(ty + reach * 0.3 + Math.abs(Math.sin(a)) * reach * 0.3)}`;
      }
      body +=
        path(
          `M${num(x)} ${num(y)}Q${num(x + lean * 0.1)} ${num(y - h * 0.6)} ${num(tx)} ${num(ty)}`,
          stroke(darken(p.sand, 0.45), unit * 10),
        ) + path(fronds, stroke(colour, unit * 12));
    } else if (kind === 'conifer') {
      const shape = conifer(x, y, h, h * 0.45, 5);
      body += path(polygon(shape.tree), fill(colour)) + outline(plan, shape.tree, i, true);
      if (snowy) body += path(shape.snow, fill(p.snow, 0.95));
    } else {
      const shape = broadleaf(rng, x, y, h, plan.lightFromLeft);
      body +=
        path(shape.trunk, fill(darken(mix(p.sand, p.foliage, 0.5), 0.45))) +
        path(shape.crown, fill(colour)) +
        path(shape.light, fill(mix(colour, p.light, p.lowLight ? 0.08 : 0.22))) +
        outlinePath(plan, shape.crown, i);
    }
  }
  return layer('trees', body);
}

export function paintForeground(plan: ScenePlan): Layer | null {
  const edge = plan.foreground;
  if (edge === null) return null;
  const { width, height, unit, palette: p, features } = plan;
  const rng = plan.rng('foreground');
  const beach = features.has('beach') && (plan.water !== null || !features.has('field'));
  const top = Math.min(...edge.ys);
  const base = beach ? p.sand : p.grass;
  const defs = linearGradient(
    'foreground',
    [0, top],
    [0, height],
    [
      { offset: 0, colour: lighten(base, 0.06) },
      { offset: 1, colour: darken(base, 0.3) },
    ],
  );
  let body = path(landPath(edge, height + 2), 'fill="url(#foreground)"');
  const points = profilePoints(edge);
  if (beach) {
    const foam = points.map(([x, y]) => [x, y - unit * 3 + Math.sin(x / (unit * 40)) * unit * 2] as const);
    body +=
      path(
        polygon(
          points.map(([x, y]) => [x, y + unit * 6] as const),
          false,
        ),
        stroke(darken(p.sand, 0.2), unit * 12, 0.35),
      ) + path(polygon(foam, false), stroke(lighten(p.cloud, 0.5), unit * 4, 0.75));
  } else {
    // Grass blades, longer toward the viewer, leaning with the wind.
    const lean = (plan.wind * 0.6 + 0.1) * (plan.lightFromLeft ? 1 : -1);
    const buckets = ['', ''];
    const count = Math.round(900 * plan.detail * (width / 1000));
    for (let i = 0; i < count; i++) {
      const x = rng.range(0, width);
      const t = rng.next();
      const y0 = profileAt(edge, x);
      const y = y0 + (height - y0) * t;
      const h = unit * (6 + 30 * t) * rng.range(0.5, 1.3);
      buckets[rng.chance(0.5) ? 0 : 1] +=
        `M${num(x)} ${num(y)}q${num(lean * h * 0.3)} ${num(-h * 0.5)} ${num(lean * h)} ${num(-h)}`;
    }
    body +=
      path(buckets[0] ?? '', stroke(darken(base, 0.25), unit * 1.6, 0.8)) +
      path(buckets[1] ?? '', stroke(lighten(base, 0.15), unit * 1.4, 0.7));
  }
  body += outline(plan, points, 1);
  return layer(beach ? 'beach' : 'meadow', body, defs);
}

export function paintFlowers(plan: ScenePlan): Layer | null {
  if (!plan.features.has('flower')) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('flowers');
  const edge = plan.foreground ?? plan.ground;
  const colours = p.flowers;
  const petals = colours.map(() => '');
  let centres = '';
  const count = Math.round(320 * plan.detail * (width / 1000));
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, width);
    const y0 = profileAt(edge, x);
    const t = rng.next() ** 0.8;
    const y = y0 + (height - y0) * t + unit * 4;
    const r = unit * (1.5 + 7 * t) * rng.range(0.7, 1.3);
    // Flowers grow in drifts of one colour.
    const k =
      Math.floor(((Math.sin(x / (width * 0.13) + rng.range(-0.6, 0.6)) + 1) / 2) * colours.length) %
      colours.length;
    if (r < unit * 4) {
      petals[k] += circle(x, y, r);
    } else {
      for (let a = 0; a < 5; a++) {
        const angle = (a / 5) * Math.PI * 2;
        petals[k] += circle(x + Math.cos(angle) * r * 0.6, y + Math.sin(angle) * r * 0.45, r * 0.5);
      }
      centres += circle(x, y, r * 0.32);
    }
  }
  const body =
    petals.map((d, k) => path(d, fill(colours[k] as Rgb))).join('') + path(centres, fill(hsl(45, 0.9, 0.5)));
  return layer('flowers', body);
}

export function paintRoad(plan: ScenePlan): Layer | null {
  if (!plan.features.has('road')) return null;
  const { width, height, unit, palette: p } = plan;
  const rng = plan.rng('road');
  const vanishX = width * rng.range(0.35, 0.65);
  const vanishY = profileAt(plan.ground, vanishX) + unit * 2;
  const endX = width * rng.range(0.3, 0.7);
  const bend = rng.range(-0.15, 0.15) * width;
  const left: Point[] = [];
  const right: Point[] = [];
  const centre: Point[] = [];
  for (let i = 0; i <= 30; i++) {
    const t = i / 30;
    const y = vanishY + (height + unit * 10 - vanishY) * t ** 1.1;
    const x = vanishX + (endX - vanishX) * t + Math.sin(t * Math.PI) * bend;
    const half = width * (0.004 + 0.28 * t ** 1.3);
    left.push([x - half, y]);
    right.push([x + half, y]);
    centre.push([x, y]);
  }
  const asphalt = mix(mix(p.rock, p.building, 0.6), p.haze, 0.1);
  let dashes = '';
  for (let i = 1; i < centre.length - 1; i += 2) {
    const [x0, y0] = centre[i] as Point;
    const [x1, y1] = centre[i + 1] as Point;
    dashes += `M${num(x0)} ${num(y0)}L${num(x0 + (x1 - x0) * 0.6)} ${num(y0 + (y1 - y0) * 0.6)}`;
  }
  const line = p.lowLight ? mix(p.window, p.snow, 0.5) : lighten(p.light, 0.4);
  const body =
    path(polygon([...left, ...[...right].reverse()]), fill(asphalt)) +
    path(dashes, stroke(line, unit * 3, 0.8)) +
    outline(plan, left, 0) +
    outline(plan, right, 1);
  return layer('road', body);
}
