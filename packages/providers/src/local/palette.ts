import {
  adjust,
  darken,
  hex,
  hsl,
  hueDistance,
  hueToward,
  lighten,
  mix,
  multiply,
  scale,
  type Hsl,
  type Rgb,
} from './colour';
import type { ColourMention } from './prompt-reader';
import {
  namedColours,
  type ColourName,
  type ColourTarget,
  type Mood,
  type SceneFeature,
  type TimeOfDay,
} from './vocabulary';

export interface Palette {
  skyTop: Rgb;
  skyMid: Rgb;
  skyHorizon: Rgb;
  /** Core of the sun or moon. */
  sun: Rgb;
  /** Halo around the sun or moon, and the light it throws on clouds and water. */
  glow: Rgb;
  /** The colour of the light falling on the land. */
  light: Rgb;
  /** What distant things fade into. */
  haze: Rgb;
  cloud: Rgb;
  cloudShade: Rgb;
  rock: Rgb;
  hill: Rgb;
  sand: Rgb;
  grass: Rgb;
  foliage: Rgb;
  snow: Rgb;
  water: Rgb;
  waterDeep: Rgb;
  building: Rgb;
  window: Rgb;
  accent: Rgb;
  flowers: Rgb[];
  star: Rgb;
  /** Outline colours for the neon style; empty otherwise. */
  neon: Rgb[];
  /** Night and dusk: windows and lighthouses are lit. */
  lowLight: boolean;
}

interface TimeLight {
  skyTop: Hsl;
  skyMid: Hsl;
  skyHorizon: Hsl;
  sun: Hsl;
  glow: Hsl;
  light: Hsl;
  /** How strongly the land is lit, 0..1. */
  brightness: number;
}

const h = (hue: number, s: number, l: number): Hsl => ({ h: hue, s, l });

const timeLight: Record<TimeOfDay, TimeLight> = {
  day: {
    skyTop: h(214, 0.62, 0.42),
    skyMid: h(206, 0.6, 0.62),
    skyHorizon: h(196, 0.45, 0.84),
    sun: h(52, 1, 0.94),
    glow: h(46, 1, 0.78),
    light: h(45, 0.35, 0.96),
    brightness: 1,
  },
  dawn: {
    skyTop: h(228, 0.38, 0.36),
    skyMid: h(322, 0.38, 0.66),
    skyHorizon: h(32, 0.92, 0.78),
    sun: h(44, 1, 0.9),
    glow: h(28, 1, 0.72),
    light: h(22, 0.75, 0.84),
    brightness: 0.78,
  },
  sunset: {
    skyTop: h(252, 0.42, 0.22),
    skyMid: h(334, 0.56, 0.46),
    skyHorizon: h(30, 0.96, 0.58),
    sun: h(44, 1, 0.78),
    glow: h(22, 1, 0.56),
    light: h(22, 0.88, 0.7),
    brightness: 0.62,
  },
  dusk: {
    skyTop: h(234, 0.5, 0.13),
    skyMid: h(262, 0.34, 0.3),
    skyHorizon: h(16, 0.46, 0.52),
    sun: h(48, 0.4, 0.9),
    glow: h(280, 0.4, 0.62),
    light: h(255, 0.32, 0.56),
    brightness: 0.4,
  },
  night: {
    skyTop: h(228, 0.62, 0.06),
    skyMid: h(224, 0.52, 0.15),
    skyHorizon: h(214, 0.42, 0.29),
    sun: h(52, 0.35, 0.93),
    glow: h(212, 0.55, 0.72),
    light: h(218, 0.42, 0.62),
    brightness: 0.3,
  },
};

/**
 * Moods as colour changes. Temperature moods tint in RGB rather than turning hues, because turning
 * a blue sky toward orange passes through green or purple on the way.
 */
const tintToward = (c: Rgb, target: Rgb, amount: number): Rgb => mix(c, target, amount);
export const moodShift: Record<Mood, (c: Rgb) => Rgb> = {
  calm: (c) => adjust(c, (v) => ({ ...v, s: v.s * 0.9 })),
  serene: (c) => adjust(c, (v) => ({ ...v, s: v.s * 0.85, l: v.l + (0.62 - v.l) * 0.1 })),
  stormy: (c) => adjust(c, (v) => ({ ...v, s: v.s * 0.55, l: v.l * 0.8 })),
  dark: (c) => adjust(c, (v) => ({ ...v, l: v.l * 0.62 })),
  bright: (c) => adjust(c, (v) => ({ ...v, s: Math.min(1, v.s * 1.1), l: v.l + (1 - v.l) * 0.14 })),
  dreamy: (c) => lighten(tintToward(c, hsl(305, 0.6, 0.72), 0.16), 0.1),
  misty: (c) => adjust(c, (v) => ({ ...v, s: v.s * 0.7, l: v.l + (0.72 - v.l) * 0.15 })),
  warm: (c) => ({ r: Math.min(1, c.r * 1.07 + 0.02), g: c.g * 1.01, b: c.b * 0.86 }),
  cold: (c) =>
    adjust({ r: c.r * 0.9, g: c.g * 0.98, b: Math.min(1, c.b * 1.08 + 0.03) }, (v) => ({
      ...v,
      s: v.s * 0.85,
    })),
  vibrant: (c) => adjust(c, (v) => ({ ...v, s: Math.min(1, v.s * 1.35) })),
  gloomy: (c) => adjust(c, (v) => ({ ...v, s: v.s * 0.45, l: v.l * 0.8 })),
  mysterious: (c) => darken(tintToward(c, hsl(270, 0.55, 0.3), 0.2), 0.15),
  dramatic: (c) =>
    adjust(c, (v) => ({
      ...v,
      s: Math.min(1, v.s * 1.1),
      l: Math.max(0, Math.min(1, 0.5 + (v.l - 0.5) * 1.3)),
    })),
  autumn: (c) => ({ r: Math.min(1, c.r * 1.04), g: c.g, b: c.b * 0.93 }),
};

export interface PaletteInput {
  time: TimeOfDay;
  features: ReadonlySet<SceneFeature>;
  moods: readonly Mood[];
  colours: readonly ColourMention[];
  excludedColours: readonly ColourName[];
  /** Degrees every hue turns by: what unknown words and the seed contribute. */
  hueShift: number;
  /** 0..1 from the hash, for the accent colour when no colour is named. */
  accentHue: number;
}

const named = (name: ColourName): Hsl => {
  const [hue, s, l] = namedColours[name];
  return { h: hue, s, l };
};

const fromHsl = (c: Hsl): Rgb => hsl(c.h, c.s, c.l);

/** Paints a colour with a named colour's hue while keeping some of its own lightness. */
function tint(base: Hsl, colour: Hsl, strength: number, keepLight = 0.5): Hsl {
  return {
    h: colour.s < 0.12 ? base.h : hueToward(base.h, colour.h, strength),
    s: base.s + (colour.s - base.s) * strength,
    l: base.l * keepLight + colour.l * (1 - keepLight),
  };
}

export function buildPalette(input: PaletteInput): Palette {
  const { time, features, moods } = input;
  const lightPreset = timeLight[time];
  const byTarget = new Map<ColourTarget | null, Hsl[]>();
  for (const mention of input.colours) {
    const list = byTarget.get(mention.target) ?? [];
    list.push(named(mention.colour));
    byTarget.set(mention.target, list);
  }
  const first = (target: ColourTarget | null): Hsl | undefined => byTarget.get(target)?.[0];

  let skyTop = lightPreset.skyTop;
  let skyMid = lightPreset.skyMid;
  let skyHorizon = lightPreset.skyHorizon;
  const skyColour = first('sky');
  if (skyColour !== undefined) {
    skyTop = tint(skyTop, skyColour, 0.85, 0.75);
    skyMid = tint(skyMid, skyColour, 0.9, 0.55);
    skyHorizon = tint(skyHorizon, byTarget.get('sky')?.[1] ?? skyColour, 0.6, 0.6);
  }

  let sun = lightPreset.sun;
  let glow = lightPreset.glow;
  let light = lightPreset.light;
  const lightColour = first('light');
  if (lightColour !== undefined) {
    sun = tint(sun, lightColour, 0.5, 0.8);
    glow = tint(glow, lightColour, 0.9, 0.5);
    light = tint(light, lightColour, 0.7, 0.7);
    skyHorizon = tint(skyHorizon, lightColour, 0.45, 0.7);
  }

  const autumn = moods.includes('autumn');
  const snowy = features.has('snow') || moods.includes('cold');
  const desert = features.has('desert');

  let rock = h(226, 0.14, 0.46);
  let hill = autumn ? h(32, 0.45, 0.42) : h(104, 0.34, 0.4);
  let sand = h(34, 0.55, 0.66);
  let grass = autumn ? h(38, 0.55, 0.46) : h(92, 0.46, 0.42);
  let foliage = autumn ? h(18, 0.62, 0.36) : h(138, 0.34, 0.22);
  let water = h(205, 0.55, 0.4);
  let building = h(228, 0.1, 0.3);
  if (desert) {
    rock = h(18, 0.42, 0.48);
    hill = sand;
  }
  const landColour = first('land');
  if (landColour !== undefined) {
    rock = tint(rock, landColour, 0.9, 0.4);
    hill = tint(hill, landColour, 0.9, 0.4);
    if (desert) sand = tint(sand, landColour, 0.9, 0.4);
  }
  const groundColour = first('ground');
  if (groundColour !== undefined) {
    grass = tint(grass, groundColour, 0.9, 0.4);
    sand = tint(sand, groundColour, 0.9, 0.4);
  }
  const foliageColour = first('foliage');
  if (foliageColour !== undefined) foliage = tint(foliage, foliageColour, 0.9, 0.55);
  const waterColour = first('water');
  if (waterColour !== undefined) water = tint(water, waterColour, 0.9, 0.45);
  const cityColour = first('city');
  if (cityColour !== undefined) building = tint(building, cityColour, 0.8, 0.5);

  const accentBase = first('accent') ?? h(input.accentHue * 360, 0.72, 0.55);
  const flowerColours = byTarget.get('flowers') ?? [];
  const flowers: Hsl[] =
    flowerColours.length > 0
      ? flowerColours
      : [accentBase, { ...accentBase, h: accentBase.h + 50 }, h(52, 0.9, 0.62), h(0, 0, 0.95)];

  // Colours nobody placed tint the whole scene.
  const global = byTarget.get(null) ?? [];

  const lit = (material: Hsl, ambient = 0.14): Rgb => {
    const surface = scale(multiply(fromHsl(material), fromHsl(light)), 0.35 + 0.75 * lightPreset.brightness);
    return mix(surface, fromHsl(skyMid), ambient + (1 - lightPreset.brightness) * 0.25);
  };

  const lowLight = time === 'night' || time === 'dusk';
  const skyMidRgb = fromHsl(skyMid);
  const snowMaterial = h(212, 0.25, 0.95);
  const cloudBase = first('cloud');
  const cloudLit = mix(fromHsl(light), fromHsl(skyHorizon), lowLight ? 0.55 : 0.25);
  let palette: Palette = {
    skyTop: fromHsl(skyTop),
    skyMid: skyMidRgb,
    skyHorizon: fromHsl(skyHorizon),
    sun: fromHsl(sun),
    glow: fromHsl(glow),
    light: fromHsl(light),
    haze: mix(fromHsl(skyHorizon), skyMidRgb, 0.3),
    cloud:
      cloudBase !== undefined
        ? mix(fromHsl(cloudBase), cloudLit, 0.3)
        : scale(cloudLit, 0.55 + 0.45 * lightPreset.brightness),
    cloudShade: mix(skyMidRgb, fromHsl(skyTop), 0.35),
    rock: lit(rock),
    hill: snowy ? lit(snowMaterial) : lit(hill),
    sand: snowy ? lit(snowMaterial) : lit(sand),
    grass: snowy ? lit(snowMaterial) : lit(grass),
    foliage: lit(foliage, 0.08),
    snow: lit(snowMaterial, 0.1),
    water: mix(lit(water, 0.05), fromHsl(skyMid), 0.35),
    waterDeep: mix(scale(lit(water, 0.05), 0.55), fromHsl(skyTop), 0.45),
    building: lowLight ? scale(lit(building), 0.6) : lit(building),
    window: lowLight
      ? fromHsl(cityColour !== undefined ? { ...cityColour, l: 0.7 } : h(44, 0.95, 0.66))
      : mix(fromHsl(skyHorizon), fromHsl(building), 0.2),
    accent: fromHsl(accentBase),
    flowers: flowers.map((flower) => mix(fromHsl(flower), lit(flower), 0.5)),
    star: hsl(55, 0.3, 0.92),
    neon: [],
    lowLight,
  };

  const recolour = (change: (c: Rgb) => Rgb): void => {
    palette = mapPalette(palette, change);
  };

  for (const colour of global) {
    recolour((c) =>
      adjust(c, (value) =>
        colour.s < 0.12
          ? { ...value, s: value.s * 0.75, l: value.l + (colour.l - value.l) * 0.22 }
          : { ...value, h: hueToward(value.h, colour.h, 0.38), s: value.s + (colour.s - value.s) * 0.25 },
      ),
    );
  }
  if (input.hueShift !== 0) {
    recolour((c) => adjust(c, (value) => ({ ...value, h: value.h + input.hueShift })));
  }
  for (const mood of moods) recolour(moodShift[mood]);
  for (const name of input.excludedColours) {
    const avoid = named(name);
    if (avoid.s < 0.12) continue;
    recolour((c) =>
      adjust(c, (value) => {
        if (value.s < 0.15 || hueDistance(value.h, avoid.h) >= 40) return value;
        const away = hueToward(value.h, avoid.h, 1) > value.h ? -1 : 1;
        return { ...value, h: avoid.h + away * 48 };
      }),
    );
  }
  return palette;
}

/** The same palette with every colour changed the same way. */
export function mapPalette(palette: Palette, change: (c: Rgb) => Rgb): Palette {
  let next = palette;
  for (const key of Object.keys(palette) as (keyof Palette)[]) {
    const value = palette[key];
    if (Array.isArray(value)) next = { ...next, [key]: value.map(change) };
    else if (typeof value === 'object') next = { ...next, [key]: change(value) };
  }
  return next;
}

/** The scene's main colours, as hex, for the image's metadata. */
export function describePalette(palette: Palette): string[] {
  return [palette.skyTop, palette.skyMid, palette.skyHorizon, palette.glow, palette.hill, palette.water].map(
    hex,
  );
}
