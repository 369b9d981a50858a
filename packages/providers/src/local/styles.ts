import { adjust, darken, hsl, lighten, mix, type Rgb } from './colour';
import { mapPalette, type Palette } from './palette';

export const styleIds = [
  'none',
  'photographic',
  'watercolor',
  'neon',
  'pastel',
  'noir',
  'pixel-art',
  'vintage',
] as const;
export type StyleId = (typeof styleIds)[number];

export const isStyleId = (value: string): value is StyleId => (styleIds as readonly string[]).includes(value);

/** What happens to the pixels after the vector scene is drawn. */
export interface RasterLook {
  /** Render smaller and scale up: soft edges without an expensive blur filter. */
  renderScale: number;
  /** Render tiny, quantise the colours, then scale up with nearest neighbour. */
  pixelArt: boolean;
  /** Gaussian blur, as a fraction of the long side. */
  blur: number;
  /** A blurred copy screened over the image, radius as a fraction of the long side. */
  bloom: { radius: number; strength: number } | null;
  /** Film grain amplitude, 0..1. */
  grain: number;
  /** Paper texture multiplied over the image. */
  paper: boolean;
  greyscale: boolean;
  /** 0..1 blend toward sepia. */
  sepia: number;
  saturation: number;
  brightness: number;
  /** Contrast around mid grey: 1 leaves it unchanged. */
  contrast: number;
  /** Raises the blacks, 0..1: faded print. */
  lift: number;
}

export interface StyleLook {
  id: StyleId;
  recolour: ((palette: Palette) => Palette) | null;
  /** Silhouettes get bright outlines (the bloom turns them into glowing tubes). */
  outlines: boolean;
  /** 0..1 darkening toward the corners. */
  vignette: number;
  raster: RasterLook;
}

const plain: RasterLook = {
  renderScale: 1,
  pixelArt: false,
  blur: 0,
  bloom: null,
  grain: 0,
  paper: false,
  greyscale: false,
  sepia: 0,
  saturation: 1,
  brightness: 1,
  contrast: 1,
  lift: 0,
};

/** What the watercolour and pastel styles do to any one colour: shared by the renderer and Restyle. */
export const watercolourColour = (c: Rgb): Rgb =>
  lighten(
    adjust(c, (v) => ({ ...v, s: v.s * 0.82 })),
    0.14,
  );
export const pastelColour = (c: Rgb): Rgb =>
  adjust(c, (v) => ({ ...v, s: v.s * 0.55, l: 0.58 + v.l * 0.36 }));
/** Neon night: shadows sink into violet-black. */
export const neonNight = (c: Rgb): Rgb => mix(darken(c, 0.82), hsl(265, 0.6, 0.08), 0.45);

const neonPalette = (p: Palette): Palette => {
  const night = neonNight;
  const hot = adjust(p.accent, (c) => ({ ...c, s: 1, l: 0.6 }));
  return {
    ...p,
    skyTop: hsl(250, 0.7, 0.035),
    skyMid: hsl(272, 0.65, 0.1),
    skyHorizon: mix(hsl(318, 0.95, 0.42), p.skyHorizon, 0.15),
    haze: hsl(292, 0.6, 0.2),
    sun: hsl(48, 1, 0.68),
    glow: hsl(322, 1, 0.58),
    light: hsl(300, 0.7, 0.5),
    cloud: hsl(300, 0.55, 0.3),
    cloudShade: hsl(262, 0.6, 0.12),
    rock: night(p.rock),
    hill: night(p.hill),
    sand: night(p.sand),
    grass: night(p.grass),
    foliage: night(p.foliage),
    snow: night(p.snow),
    building: hsl(258, 0.5, 0.07),
    water: hsl(262, 0.65, 0.1),
    waterDeep: hsl(248, 0.7, 0.03),
    window: hsl(186, 1, 0.62),
    star: hsl(186, 0.8, 0.85),
    accent: hot,
    flowers: [hsl(186, 1, 0.6), hsl(318, 1, 0.62), hot],
    neon: [hsl(186, 1, 0.58), hsl(318, 1, 0.6), hot],
    lowLight: true,
  };
};

export const styleLooks: Record<StyleId, StyleLook> = {
  none: { id: 'none', recolour: null, outlines: false, vignette: 0, raster: plain },
  photographic: {
    id: 'photographic',
    recolour: null,
    outlines: false,
    vignette: 0.42,
    raster: {
      ...plain,
      bloom: { radius: 0.025, strength: 0.38 },
      grain: 0.035,
      saturation: 1.12,
      contrast: 1.1,
    },
  },
  watercolor: {
    id: 'watercolor',
    recolour: (p) => mapPalette(p, watercolourColour),
    outlines: false,
    vignette: 0,
    raster: { ...plain, renderScale: 0.4, blur: 0.0012, paper: true, saturation: 0.92, contrast: 0.94 },
  },
  neon: {
    id: 'neon',
    recolour: neonPalette,
    outlines: true,
    vignette: 0.3,
    raster: { ...plain, bloom: { radius: 0.008, strength: 1 }, saturation: 1.2, contrast: 1.05 },
  },
  pastel: {
    id: 'pastel',
    recolour: (p) => mapPalette(p, pastelColour),
    outlines: false,
    vignette: 0,
    raster: { ...plain, bloom: { radius: 0.02, strength: 0.25 }, contrast: 0.92 },
  },
  noir: {
    id: 'noir',
    recolour: null,
    outlines: false,
    vignette: 0.6,
    raster: { ...plain, greyscale: true, contrast: 1.5, grain: 0.06, bloom: { radius: 0.02, strength: 0.3 } },
  },
  'pixel-art': {
    id: 'pixel-art',
    recolour: null,
    outlines: false,
    vignette: 0,
    raster: { ...plain, pixelArt: true, saturation: 1.15, contrast: 1.05 },
  },
  vintage: {
    id: 'vintage',
    recolour: null,
    outlines: false,
    vignette: 0.65,
    raster: { ...plain, sepia: 0.7, lift: 0.1, contrast: 0.86, saturation: 0.85, grain: 0.07 },
  },
};
