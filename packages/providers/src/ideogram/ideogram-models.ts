import type {
  ImageQuality,
  ModelCapabilities,
  OutpaintCapability,
  ProviderCapabilities,
} from '../capabilities';
import type { VariationStrength } from '../image-provider';

export const IDEOGRAM_V3 = 'ideogram-v3';
/** Third-party guides cite 10 000 characters; Ideogram does not publish a limit. */
export const MAX_PROMPT_LENGTH = 10_000;
export const MAX_IMAGES_PER_REQUEST = 8;
/** Per image file, and per group of reference images. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** AspectRatioV3, as "W:H" for the form; the wire value is "WxH". */
export const aspectRatios = [
  '1:1',
  '16:9',
  '9:16',
  '4:3',
  '3:4',
  '3:2',
  '2:3',
  '16:10',
  '10:16',
  '5:4',
  '4:5',
  '2:1',
  '1:2',
  '3:1',
  '1:3',
] as const;

export function toWireAspectRatio(ratio: string): string | null {
  return (aspectRatios as readonly string[]).includes(ratio) ? ratio.replace(':', 'x') : null;
}

/** The declared ratio closest to a picture's shape (remix crops its input to the ratio it is given). */
export function nearestAspectRatio(width: number, height: number): string {
  const target = Math.log(width / height);
  let best: string = aspectRatios[0];
  let bestDistance = Infinity;
  for (const ratio of aspectRatios) {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

/** ResolutionV3 (ideogram-api.md §2.6): the canvas sizes reframe can deliver. */
export const resolutionsV3 = [
  '512x1536', '576x1408', '576x1472', '576x1536', '640x1344', '640x1408', '640x1472', '640x1536', '704x1152',
  '704x1216', '704x1280', '704x1344', '704x1408', '704x1472', '736x1312', '768x1088', '768x1216', '768x1280',
  '768x1344', '800x1280', '832x960', '832x1024', '832x1088', '832x1152', '832x1216', '832x1248', '864x1152',
  '896x960', '896x1024', '896x1088', '896x1120', '896x1152', '960x832', '960x896', '960x1024', '960x1088',
  '1024x832', '1024x896', '1024x960', '1024x1024', '1088x768', '1088x832', '1088x896', '1088x960', '1120x896',
  '1152x704', '1152x832', '1152x864', '1152x896', '1216x704', '1216x768', '1216x832', '1248x832', '1280x704',
  '1280x768', '1280x800', '1312x736', '1344x640', '1344x704', '1344x768', '1408x576', '1408x640', '1408x704',
  '1472x576', '1472x640', '1472x704', '1536x512', '1536x576', '1536x640',
] as const; // prettier-ignore

/**
 * Reframe (ideogram-api.md §3.4) takes a square picture and a target `resolution`, and no margins
 * or prompt: Atelier asks for the ResolutionV3 size closest in shape to the expanded canvas, and
 * takes only expansions that keep the picture centred (equal margins on opposite sides).
 */
export const ideogramOutpaint: OutpaintCapability = {
  maxMargin: null,
  maxSide: 8192,
  prompt: false,
  squareSourceOnly: true,
  centredOnly: true,
  resolutions: resolutionsV3,
  // ResolutionV3 shapes lie at most ~6 % apart between 1:3 and 3:1.
  shapeTolerance: 0.05,
  note:
    'Ideogram Reframe: square pictures only, kept centred (equal margins on opposite sides). The result ' +
    "is one of Ideogram's own sizes (at most 1536 pixels a side) closest in shape to the expanded canvas, " +
    'with the picture scaled to fit; no prompt is taken.',
};

/** StyleTypeV3 without CUSTOM (which needs a custom model), used as-is as our style names. */
export const styleTypes = ['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN', 'FICTION', 'STYLIZED'] as const;

/** StylePresetV3: restyle text that names one of these is sent as `style_preset`. */
export const stylePresets = [
  '80S_ILLUSTRATION', '90S_NOSTALGIA', 'ABSTRACT_ORGANIC', 'ANALOG_NOSTALGIA', 'ART_BRUT', 'ART_DECO',
  'ART_POSTER', 'AURA', 'AVANT_GARDE', 'BAUHAUS', 'BLUEPRINT', 'BLURRY_MOTION', 'BRIGHT_ART', 'C4D_CARTOON',
  'CHILDRENS_BOOK', 'COLLAGE', 'COLORING_BOOK_I', 'COLORING_BOOK_II', 'CUBISM', 'DARK_AURA', 'DOODLE',
  'DOUBLE_EXPOSURE', 'DRAMATIC_CINEMA', 'EDITORIAL', 'EMOTIONAL_MINIMAL', 'ETHEREAL_PARTY', 'EXPIRED_FILM',
  'FLAT_ART', 'FLAT_VECTOR', 'FOREST_REVERIE', 'GEO_MINIMALIST', 'GLASS_PRISM', 'GOLDEN_HOUR', 'GRAFFITI_I',
  'GRAFFITI_II', 'HALFTONE_PRINT', 'HIGH_CONTRAST', 'HIPPIE_ERA', 'ICONIC', 'JAPANDI_FUSION', 'JAZZY',
  'LONG_EXPOSURE', 'MAGAZINE_EDITORIAL', 'MINIMAL_ILLUSTRATION', 'MIXED_MEDIA', 'MONOCHROME', 'NIGHTLIFE',
  'OIL_PAINTING', 'OLD_CARTOONS', 'PAINT_GESTURE', 'POP_ART', 'RETRO_ETCHING', 'RIVIERA_POP', 'SPOTLIGHT_80S',
  'STYLIZED_RED', 'SURREAL_COLLAGE', 'TRAVEL_POSTER', 'VINTAGE_GEO', 'VINTAGE_POSTER', 'WATERCOLOR', 'WEIRD',
  'WOODBLOCK_PRINT',
] as const; // prettier-ignore

/** "oil painting", "Oil-Painting" or "OIL_PAINTING" → "OIL_PAINTING"; null when it names none. */
export function matchStylePreset(text: string): string | null {
  const key = text
    .trim()
    .toUpperCase()
    .replace(/['’]/g, '')
    .replace(/[\s-]+/g, '_');
  return (stylePresets as readonly string[]).includes(key) ? key : null;
}

export function matchStyleType(text: string): string | null {
  const key = text.trim().toUpperCase();
  return (styleTypes as readonly string[]).includes(key) ? key : null;
}

/** FLASH and BALANCED exist too, but three quality steps map onto three of the five speeds. */
export const renderingSpeeds: Record<ImageQuality, 'TURBO' | 'DEFAULT' | 'QUALITY'> = {
  DRAFT: 'TURBO',
  STANDARD: 'DEFAULT',
  HIGH: 'QUALITY',
};

/** Typical seconds per request (third-party measurements), for a progress estimate only. */
export function expectedSeconds(speed: string, images: number): number {
  const base = speed === 'TURBO' ? 6 : speed === 'QUALITY' ? 20 : 11;
  return base + 1.5 * Math.max(0, images - 1);
}

/** Remix `image_weight` (1–100, higher = closer to the input). */
export const variationWeights: Record<VariationStrength, number> = { SUBTLE: 80, STRONG: 35 };
export const RESTYLE_IMAGE_WEIGHT = 50;

/** Legacy /upscale works at a factor the service chooses (reported as ~2×). */
export const UPSCALE_SCALES = [2] as const;

const v3: ModelCapabilities = {
  id: IDEOGRAM_V3,
  name: 'Ideogram 3.0',
  description:
    'Ideogram 3.0: strong at legible text and typography in images, posters and logos. ' +
    'Quality picks the rendering speed (Draft = Turbo, Standard = Default, High = Quality); ' +
    'Magic Prompt lets Ideogram rewrite the prompt.',
  operations: ['GENERATE', 'VARIATION', 'RESTYLE', 'EDIT', 'ENHANCE', 'OUTPAINT'],
  size: null,
  aspectRatios,
  maxCount: MAX_IMAGES_PER_REQUEST,
  styles: styleTypes,
  steps: null,
  supportsNegativePrompt: true,
  supportsSeed: true,
  supportsQuality: true,
  supportsMagicPrompt: true,
  maxPromptLength: MAX_PROMPT_LENGTH,
};

export const ideogramCapabilities: ProviderCapabilities = {
  models: [v3],
  defaultModel: IDEOGRAM_V3,
  enhance: {
    scales: UPSCALE_SCALES,
    ai: true,
    note: "Ideogram's upscaler (about 2×, size chosen by Ideogram); billed like a generation.",
  },
  restyle: {
    fromText: true,
    fromReference: true,
    note:
      'Ideogram Remix: a style reference image is sent as a style reference; text naming an Ideogram ' +
      'style preset (e.g. "watercolor", "art deco") uses that preset, other text is added to the prompt.',
  },
  outpaint: ideogramOutpaint,
};

/** Enhance with the factors Ideogram lacks done locally (ESRGAN), saying who does what. */
export function withLocalEnhance(
  capabilities: ProviderCapabilities,
  localScales: readonly number[],
): ProviderCapabilities {
  if (localScales.length === 0) return capabilities;
  return {
    ...capabilities,
    enhance: {
      scales: [...UPSCALE_SCALES, ...localScales].sort((a, b) => a - b),
      ai: true,
      note:
        "2× by Ideogram's upscaler (size chosen by Ideogram, billed like a generation); " +
        `${localScales.join('× and ')}× by Atelier locally with ESRGAN, which Ideogram does not offer.`,
    },
  };
}
