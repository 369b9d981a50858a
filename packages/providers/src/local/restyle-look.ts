import { adjust, darken, hsl, luminance, mix, toHsl, type Rgb } from './colour';
import { moodShift } from './palette';
import { readPrompt } from './prompt-reader';
import {
  neonNight,
  pastelColour,
  styleLooks,
  watercolourColour,
  type RasterLook,
  type StyleId,
} from './styles';
import { namedColours, type ColourName, type TimeOfDay } from './vocabulary';

/** What Restyle does to a picture: colour changes (per colour), then the style's finish (per pixel). */
export interface RestyleLook {
  style: StyleId;
  /** A function of the colour alone (style recolour, moods, tints, time of day), or null. */
  colour: ((c: Rgb) => Rgb) | null;
  raster: RasterLook;
  /** 0..1 darkening toward the corners. */
  vignette: number;
  /** Scale down and back up first (watercolour's soft edges); 1 leaves the picture sharp. */
  soften: number;
  /** The words that changed the look, for the image's metadata. */
  understood: string[];
}

/** Words for each local style; the first found in the text wins. */
const styleWords: readonly [StyleId, readonly string[]][] = [
  ['photographic', ['photographic', 'photograph', 'photo', 'cinematic', 'realistic']],
  ['watercolor', ['watercolor', 'watercolour', 'aquarelle', 'painting', 'painted']],
  ['neon', ['neon', 'cyberpunk', 'synthwave', 'vaporwave']],
  ['pastel', ['pastel', 'pastels']],
  ['noir', ['noir']],
  ['pixel-art', ['pixel-art', 'pixel art', 'pixelart', 'pixelated', 'pixel', '8-bit', '8bit', '16-bit']],
  ['vintage', ['vintage', 'retro', 'antique', 'old photo', 'polaroid', 'aged']],
  ['none', ['none', 'original']],
];

/** Finishing words Restyle understands beyond the renderer's moods and colours. */
const finishWords = {
  greyscale: ['black and white', 'black & white', 'b&w', 'monochrome', 'greyscale', 'grayscale'],
  sepia: ['sepia'],
  grain: ['grain', 'grainy', 'film'],
  faded: ['faded', 'muted', 'washed out', 'washed'],
  contrast: ['high contrast', 'contrasty', 'punchy', 'crisp'],
  soft: ['soft', 'blurry', 'hazy', 'smooth'],
  vignette: ['vignette'],
} as const;

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\&-]/g, (c) => `\\${c}`);
const findWord = (text: string, word: string): number =>
  new RegExp(`(^|[^a-z0-9])${escape(word)}(?=$|[^a-z0-9])`).exec(text)?.index ?? -1;

/** Grades for a named time of day: the light of that hour laid over someone else's picture. */
const timeGrade: Record<TimeOfDay, ((c: Rgb) => Rgb) | null> = {
  day: null,
  dawn: (c) => mix(c, hsl(335, 0.55, Math.max(0.35, toHsl(c).l)), 0.14),
  sunset: (c) => mix(c, hsl(28, 0.95, Math.max(0.3, toHsl(c).l)), 0.2),
  dusk: (c) => darken(mix(c, hsl(262, 0.35, toHsl(c).l), 0.2), 0.18),
  night: (c) => darken(mix(c, hsl(222, 0.6, toHsl(c).l * 0.8), 0.35), 0.35),
};

/** Moves a colour's hue and saturation toward a named colour, keeping its own lightness. */
function tintToward(name: ColourName, amount: number): (c: Rgb) => Rgb {
  const [h, s, l] = namedColours[name];
  if (s < 0.12) {
    // White, grey, black: lighten or darken and drain colour instead of tinting.
    return (c) => adjust(c, (v) => ({ ...v, s: v.s * 0.7, l: v.l + (l - v.l) * amount * 0.6 }));
  }
  return (c) => mix(c, hsl(h, s, toHsl(c).l), amount);
}

/** Neon for any picture: shadows sink into violet-black, lights turn to saturated glow. */
const neonColour = (c: Rgb): Rgb => {
  const t = Math.min(1, Math.max(0, (luminance(c) - 0.35) / 0.4));
  const hot = adjust(c, (v) => ({ ...v, s: 1, l: 0.6 }));
  return mix(neonNight(c), hot, t * t * (3 - 2 * t));
};

const styleColour: Partial<Record<StyleId, (c: Rgb) => Rgb>> = {
  watercolor: watercolourColour,
  pastel: pastelColour,
  neon: neonColour,
};

/**
 * Reads a style from text: a local style name (or a word for one), finishing words (sepia, grainy,
 * faded…), and the renderer's own moods, colours and times of day (warm, cold, golden, teal,
 * sunset…). Null when it finds nothing it understands, so nothing is silently ignored.
 */
export function readStyleText(text: string): RestyleLook | null {
  const lower = ` ${text.toLowerCase()} `;
  const understood: string[] = [];
  let style: StyleId = 'none';
  let firstAt = Infinity;
  for (const [id, words] of styleWords) {
    for (const word of words) {
      const at = findWord(lower, word);
      if (at >= 0 && at < firstAt) {
        firstAt = at;
        style = id;
        understood[0] = word;
      }
    }
  }
  const base = styleLooks[style];
  let raster: RasterLook = { ...base.raster, renderScale: 1 };
  let vignette = base.vignette;
  let soften = style === 'watercolor' ? base.raster.renderScale : 1;
  let rest = lower;
  const has = (words: readonly string[]): boolean => {
    const word = words.find((w) => findWord(rest, w) >= 0);
    if (word === undefined) return false;
    understood.push(word);
    rest = rest.replace(word, ' ');
    return true;
  };
  if (has(finishWords.greyscale)) raster = { ...raster, greyscale: true };
  if (has(finishWords.sepia)) raster = { ...raster, sepia: Math.max(raster.sepia, 0.85) };
  if (has(finishWords.grain)) raster = { ...raster, grain: Math.max(raster.grain, 0.05) };
  if (has(finishWords.faded)) {
    raster = { ...raster, saturation: raster.saturation * 0.7, lift: raster.lift + 0.08 };
  }
  if (has(finishWords.contrast)) raster = { ...raster, contrast: raster.contrast * 1.25 };
  if (has(finishWords.soft)) soften = Math.min(soften, 0.6);
  if (has(finishWords.vignette)) vignette = Math.max(vignette, 0.5);

  // The renderer's vocabulary does the rest; style words were read above and must not be read twice.
  const description = readPrompt(rest);
  const steps: ((c: Rgb) => Rgb)[] = [];
  const recolour = styleColour[style];
  if (recolour !== undefined) steps.push(recolour);
  for (const mood of description.moods) steps.push(moodShift[mood]);
  for (const { colour } of description.colours) steps.push(tintToward(colour, 0.3));
  const grade = description.time === null ? null : timeGrade[description.time];
  if (grade !== null) steps.push(grade);
  understood.push(...description.moods, ...description.colours.map(({ colour }) => colour));
  if (grade !== null && description.time !== null) understood.push(description.time);

  if (understood.length === 0) return null;
  return {
    style,
    colour: steps.length === 0 ? null : (c) => steps.reduce((value, step) => step(value), c),
    raster,
    vignette,
    soften,
    understood: [...new Set(understood)],
  };
}

/** Every word Restyle understands by itself, for the message when it understands none. */
export const restyleVocabulary = (): string[] => [
  ...styleWords.flatMap(([, words]) => words.slice(0, 2)),
  ...Object.values(finishWords).map((words) => words[0]),
  'warm',
  'cold',
  'golden',
  'sunset',
  'night',
  'any colour name',
];
