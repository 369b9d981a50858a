import type { ImageQuality } from '../capabilities';
import { mix, type Rgb } from './colour';
import { buildPalette, type Palette } from './palette';
import { createRng, hashString, type Rng } from './prng';
import type { SceneDescription } from './prompt-reader';
import type { StyleLook } from './styles';
import {
  duneProfile,
  flatProfile,
  hillProfile,
  mountainProfile,
  volcanoProfile,
  type Profile,
} from './terrain';
import type { Mood, SceneFeature, TimeOfDay } from './vocabulary';

export type RidgeKind = 'mountain' | 'hill' | 'dune' | 'volcano' | 'ground';

export interface Ridge {
  kind: RidgeKind;
  profile: Profile;
  /** 0 for the farthest ridge, 1 for the nearest: how much haze it wears. */
  depth: number;
  amplitude: number;
  /** Where the ridge meets the land in front of it. */
  baseline: number;
  colour: Rgb;
  snowCap: boolean;
}

export interface Celestial {
  kind: 'sun' | 'moon';
  x: number;
  y: number;
  radius: number;
  /** Moon only: 0 new, 0.5 full, 1 new again. */
  phase: number;
}

/** Everything decided about one image before any drawing: the layers only read this. */
export interface ScenePlan {
  width: number;
  height: number;
  /** One thousandth of the short side: the measure for strokes and small shapes. */
  unit: number;
  time: TimeOfDay;
  features: ReadonlySet<SceneFeature>;
  moods: readonly Mood[];
  /** The prompt's words, singular, for details the scene vocabulary does not carry (pine or oak). */
  words: ReadonlySet<string>;
  horizon: number;
  water: 'sea' | 'lake' | null;
  ridges: Ridge[];
  /** Where mid-ground things (trees, houses, castles) stand. */
  ground: Profile;
  /** Top edge of the foreground band (meadow, beach), when there is one. */
  foreground: Profile | null;
  celestial: Celestial | null;
  lightFromLeft: boolean;
  palette: Palette;
  /** Multiplier for the number of small things: trees, stars, windows. */
  detail: number;
  look: StyleLook;
  /** 0 for still water and air, 1 for a gale. */
  wind: number;
  /** 0..1 how much fog hangs over the scene. */
  fog: number;
  /** An independent random stream per layer, so removing one layer leaves the others as they were. */
  rng(label: string): Rng;
}

export interface PlanInput {
  description: SceneDescription;
  seed: number;
  width: number;
  height: number;
  quality: ImageQuality;
  look: StyleLook;
}

const detailFor: Record<ImageQuality, number> = { DRAFT: 0.5, STANDARD: 1, HIGH: 1.6 };

const landForms: readonly SceneFeature[] = ['mountain', 'hill', 'volcano', 'desert', 'dune', 'city'];

function pickTime(
  rng: Rng,
  features: ReadonlySet<SceneFeature>,
  excluded: ReadonlySet<TimeOfDay>,
): TimeOfDay {
  const weights: [TimeOfDay, number][] = [
    ['day', 0.38],
    ['sunset', 0.26],
    ['dawn', 0.13],
    ['dusk', 0.1],
    ['night', 0.13],
  ];
  const allowed = weights.filter(
    ([time]) => !excluded.has(time) && !(features.has('sun') && (time === 'night' || time === 'dusk')),
  );
  const pool = allowed.length > 0 ? allowed : weights;
  const total = pool.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [time, weight] of pool) {
    roll -= weight;
    if (roll <= 0) return time;
  }
  return pool[0]?.[0] ?? 'day';
}

/** Unknown words each turn the palette a little; together they make any prompt look like itself. */
function wordHueShift(words: readonly string[]): number {
  const total = words.reduce((sum, word) => sum + ((hashString(word) % 41) - 20) * 0.9, 0);
  return Math.max(-45, Math.min(45, total));
}

export function planScene(input: PlanInput): ScenePlan {
  const { description, width, height, look } = input;
  const promptKey = description.words.join(' ');
  const base = createRng(hashString(`${promptKey}#${input.seed}`));
  const rng = (label: string): Rng => base.fork(label);
  const choose = rng('choices');
  const excluded = description.excluded;
  const features = new Set(description.features);
  // Every default rolls the dice even when excluded, so a negative prompt removes one thing
  // without reshuffling the rest of the scene.
  const add = (feature: SceneFeature, probability = 1): void => {
    const roll = choose.chance(probability);
    if (roll && !excluded.has(feature)) features.add(feature);
  };
  const abstract = features.size === 0;

  const time = description.time ?? pickTime(choose, description.named, description.excludedTimes);
  const lowLight = time === 'night' || time === 'dusk';

  if (abstract) add('lake', 0.35);
  const openSea = choose.chance(0.5);
  const mountains = choose.chance(0.55);
  if (!landForms.some((f) => features.has(f)) && !(features.has('sea') && openSea)) {
    add(mountains ? 'mountain' : 'hill');
  }
  if (!description.named.has('sun') && !description.named.has('moon') && !features.has('storm')) {
    if (time === 'night') add('moon', 0.8);
    else if (time === 'dusk') add('moon', 0.45);
    else add('sun', time === 'day' ? 0.75 : 0.92);
  }
  if (time === 'night' && !features.has('storm')) add('star');
  if (time === 'dusk') add('star', 0.5);
  if (!features.has('storm')) add('cloud', time === 'day' ? 0.7 : 0.5);
  if (!lowLight && abstract) add('bird', 0.2);

  const unit = Math.min(width, height) / 1000;
  const water: ScenePlan['water'] = features.has('sea') ? 'sea' : features.has('lake') ? 'lake' : null;
  const layout = rng('layout');
  const horizon =
    height *
    (water !== null ? layout.range(0.5, 0.6) : layout.range(0.55, 0.68) + (features.has('city') ? 0.06 : 0));

  const celestialKind = features.has('sun') ? 'sun' : features.has('moon') ? 'moon' : null;
  let celestial: Celestial | null = null;
  if (celestialKind !== null) {
    const sky = rng('celestial');
    const low = time === 'sunset' || time === 'dawn';
    const radius =
      unit * (celestialKind === 'sun' ? sky.range(40, 62) * (low ? 1.25 : 1) : sky.range(30, 46));
    const y = low ? horizon - radius * sky.range(-0.2, 2.6) : horizon * sky.range(0.18, 0.48);
    celestial = {
      kind: celestialKind,
      x: width * sky.range(0.18, 0.82),
      y,
      radius,
      phase: sky.chance(0.45) ? 0.5 : sky.range(0.15, 0.85),
    };
  }
  const lightRoll = layout.chance(0.5);
  const lightFromLeft = celestial !== null ? celestial.x < width / 2 : lightRoll;

  const moods = description.moods;
  const wind =
    moods.includes('stormy') || features.has('storm')
      ? 1
      : moods.includes('calm') || moods.includes('serene')
        ? 0.05
        : layout.range(0.2, 0.5);
  const fog = Math.min(
    1,
    (features.has('fog') ? 0.65 : 0) +
      (moods.includes('misty') ? 0.2 : 0) +
      (moods.includes('dreamy') ? 0.2 : 0) +
      layout.range(0, 0.12),
  );

  let hueShift = wordHueShift(description.unknownWords) + layout.gauss(5);
  if (abstract) hueShift += ((hashString(promptKey) % 121) - 60) * 0.8;
  let palette = buildPalette({
    time,
    features,
    moods,
    colours: description.colours,
    excludedColours: description.excludedColours,
    hueShift,
    accentHue: rng('accent').next(),
  });
  if (look.recolour !== null) palette = look.recolour(palette);

  const terrain = rng('terrain');
  const ridges: Ridge[] = [];
  const snowy = features.has('snow') || moods.includes('cold');
  const pushRidge = (
    kind: RidgeKind,
    profile: Profile,
    depth: number,
    amplitude: number,
    baseline: number,
  ): void => {
    const material =
      kind === 'mountain' || kind === 'volcano'
        ? palette.rock
        : kind === 'dune'
          ? palette.sand
          : features.has('desert')
            ? palette.sand
            : palette.hill;
    const haze = Math.min(0.92, (1 - depth) * (0.72 + fog * 0.2));
    ridges.push({
      kind,
      profile,
      depth,
      amplitude,
      baseline,
      colour: mix(material, palette.haze, haze),
      snowCap: kind === 'mountain' && (snowy || terrain.chance(0.35)),
    });
  };

  const mountainCount = features.has('mountain') ? terrain.int(2, 3) : 0;
  for (let i = 0; i < mountainCount; i++) {
    const amplitude = height * terrain.range(0.17, 0.3) * (1 - i * 0.22) * (water !== null ? 0.85 : 1);
    const baseline = horizon + (water === null ? i * height * 0.025 : 0);
    const profile = mountainProfile(terrain, {
      width,
      baseline,
      amplitude: Math.min(amplitude, baseline - height * 0.1),
      roughness: terrain.range(0.42, 0.56),
      peaks: terrain.int(2, 5),
    });
    pushRidge(
      'mountain',
      profile,
      mountainCount === 1 ? 0.35 : (i / (mountainCount - 1)) * 0.6,
      amplitude,
      baseline,
    );
  }
  if (features.has('volcano')) {
    const amplitude = height * terrain.range(0.22, 0.32);
    pushRidge(
      'volcano',
      volcanoProfile(terrain, { width, baseline: horizon, amplitude }, terrain.range(0.3, 0.7)),
      0.55,
      amplitude,
      horizon,
    );
  }
  if (features.has('hill')) {
    const count = terrain.int(1, 2);
    for (let i = 0; i < count; i++) {
      const amplitude = height * terrain.range(0.06, 0.13);
      const baseline = horizon + (water === null ? i * height * 0.03 : 0);
      pushRidge(
        'hill',
        hillProfile(terrain, { width, baseline, amplitude }),
        0.45 + i * 0.25,
        amplitude,
        baseline,
      );
    }
  }
  const facing = lightFromLeft ? 1 : -1;
  if (features.has('dune') || (features.has('desert') && water === null)) {
    const count = terrain.int(2, 3);
    for (let i = 0; i < count; i++) {
      const amplitude = height * terrain.range(0.05, 0.11) * (1 + i * 0.3);
      const baseline = horizon + (water === null ? i * height * 0.05 : 0);
      pushRidge(
        'dune',
        duneProfile(terrain, { width, baseline, amplitude }, facing),
        0.35 + (i / count) * 0.6,
        amplitude,
        baseline,
      );
    }
  }

  let ground: Profile = flatProfile(width, horizon);
  if (water === null) {
    // A city needs open ground in front of it; other scenes get a rise of land to stand things on.
    const open = features.has('city');
    const baseline = horizon + (height - horizon) * (open ? 0.05 : terrain.range(0.16, 0.3));
    const amplitude = height * (open ? 0.012 : terrain.range(0.025, 0.06));
    ground = features.has('desert')
      ? duneProfile(terrain, { width, baseline, amplitude }, facing)
      : hillProfile(terrain, { width, baseline, amplitude });
    pushRidge('ground', ground, 1, amplitude, baseline);
  }

  let foreground: Profile | null = null;
  if (['field', 'flower', 'beach', 'road'].some((f) => features.has(f as SceneFeature))) {
    const baseline = water !== null ? height * terrain.range(0.84, 0.9) : height * terrain.range(0.86, 0.92);
    foreground = hillProfile(terrain, { width, baseline, amplitude: height * terrain.range(0.025, 0.05) });
  }

  return {
    width,
    height,
    unit,
    time,
    features,
    moods,
    words: new Set(
      description.words.map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word)),
    ),
    horizon,
    water,
    ridges,
    ground,
    foreground,
    celestial,
    lightFromLeft,
    palette,
    detail: detailFor[input.quality],
    look,
    wind,
    fog,
    rng,
  };
}
