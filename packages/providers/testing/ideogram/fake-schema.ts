/**
 * Ideogram's request schema as the fake enforces it (shared/providers/ideogram-api.md §2–4). Written
 * independently of the client's own tables, so a wrong name or value in the client is caught here.
 */

export const aspectRatiosV3 = [
  '1x3', '3x1', '1x2', '2x1', '9x16', '16x9', '10x16', '16x10', '2x3', '3x2', '3x4', '4x3', '4x5', '5x4', '1x1',
] as const; // prettier-ignore

export const legacyAspectRatios = [
  'ASPECT_10_16', 'ASPECT_16_10', 'ASPECT_9_16', 'ASPECT_16_9', 'ASPECT_3_2', 'ASPECT_2_3', 'ASPECT_4_3',
  'ASPECT_3_4', 'ASPECT_1_1', 'ASPECT_1_3', 'ASPECT_3_1',
] as const; // prettier-ignore

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

export const legacyResolutions = [
  ...resolutionsV3,
  '640x1024', '720x1280', '768x1024', '768x1152', '768x1232', '1024x640', '1024x768', '1152x768', '1232x768',
  '1280x720',
].map((r) => `RESOLUTION_${r.replace('x', '_')}`); // prettier-ignore

/** Aspect ratio → generated size. Ideogram does not publish this mapping; these are ~1 MP picks from ResolutionV3. */
export const sizeForAspect: Record<string, string> = {
  '1x1': '1024x1024', '16x9': '1312x736', '9x16': '736x1312', '16x10': '1280x800', '10x16': '800x1280',
  '3x2': '1248x832', '2x3': '832x1248', '4x3': '1152x864', '3x4': '864x1152', '5x4': '1120x896',
  '4x5': '896x1120', '2x1': '1408x704', '1x2': '704x1408', '3x1': '1536x512', '1x3': '512x1536',
}; // prettier-ignore

export const renderingSpeeds = ['FLASH', 'TURBO', 'BALANCED', 'DEFAULT', 'QUALITY'] as const;
export const magicPromptOptions = ['AUTO', 'ON', 'OFF'] as const;
export const styleTypesV3 = [
  'AUTO',
  'GENERAL',
  'REALISTIC',
  'DESIGN',
  'CUSTOM',
  'FICTION',
  'STYLIZED',
] as const;
export const legacyStyleTypes = ['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN', 'RENDER_3D', 'ANIME'] as const;
export const legacyModels = [
  'V_1',
  'V_1_TURBO',
  'V_2',
  'V_2_TURBO',
  'V_2A',
  'V_2A_TURBO',
  'V_3',
  'AUTO',
] as const;
export const magicPromptVersions = [
  'V_0',
  'V_0_1',
  'V_0_2',
  'V_0_3',
  'V_0_4',
  'V_0_5',
  'V_0_6',
  'V_0_7',
  'V_0_8',
];
export const palettePresets = [
  'EMBER',
  'FRESH',
  'JUNGLE',
  'MAGIC',
  'MELON',
  'MOSAIC',
  'PASTEL',
  'ULTRAMARINE',
];
export const stylePresetsV3 = [
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

export const MAX_SEED = 2_147_483_647;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type FieldRule =
  | { kind: 'text'; required?: boolean; pattern?: RegExp; patternText?: string }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[]; required?: boolean; note?: string }
  | { kind: 'bool' }
  | { kind: 'palette' }
  | { kind: 'texts'; pattern: RegExp; patternText: string; max: number }
  | { kind: 'file'; required?: boolean }
  | { kind: 'files'; max?: number; maxTotalBytes?: number };

export type Fields = Record<string, FieldRule>;

/** How the produced images relate to the request. */
export type Output =
  'generate' | 'remix' | 'edit' | 'reframe' | 'replace-background' | 'transparent' | 'upscale' | 'describe';

export interface EndpointSpec {
  path: string;
  /** multipart: flat fields; legacy-multipart: `image_file` + an `image_request` JSON part; legacy-json: `{image_request}`. */
  body: 'multipart' | 'multipart-or-json' | 'legacy-multipart' | 'legacy-json';
  /** The spec documents 403 rather than 401 as the auth failure on a few paths. */
  authFailure: 401 | 403;
  /** Top-level parts (for legacy-multipart: the file parts only). */
  fields: Fields;
  /** Fields inside `image_request` (legacy endpoints). */
  imageRequest?: Fields;
  output: Output;
  /** A short name for the in-flight log and latency hook. */
  name: string;
}

const seed: FieldRule = { kind: 'int', min: 0, max: MAX_SEED };
const numImages: FieldRule = { kind: 'int', min: 1, max: 8 };
const prompt: FieldRule = { kind: 'text', required: true };
const styleCodes: FieldRule = {
  kind: 'texts',
  pattern: /^[0-9a-fA-F]{8}$/,
  patternText: '8 hexadecimal characters',
  max: 100,
};
const refs: FieldRule = { kind: 'files', maxTotalBytes: MAX_FILE_BYTES };
const customModel: FieldRule = {
  kind: 'text',
  pattern: /^model\/[^/]+\/version\/[^/]+$/,
  patternText: 'model/<name>/version/<version>',
};
const v3Speed: FieldRule = { kind: 'enum', values: renderingSpeeds };
const noFlash: FieldRule = {
  kind: 'enum',
  values: renderingSpeeds.filter((s) => s !== 'FLASH'),
  note: 'FLASH is not available on this endpoint',
};

const v3Generate: Fields = {
  prompt,
  seed,
  resolution: { kind: 'enum', values: resolutionsV3 },
  aspect_ratio: { kind: 'enum', values: aspectRatiosV3 },
  rendering_speed: v3Speed,
  magic_prompt: { kind: 'enum', values: magicPromptOptions },
  negative_prompt: { kind: 'text' },
  num_images: numImages,
  color_palette: { kind: 'palette' },
  style_codes: styleCodes,
  style_type: { kind: 'enum', values: styleTypesV3 },
  style_preset: { kind: 'enum', values: stylePresetsV3 },
  custom_model_uri: customModel,
  style_reference_images: refs,
  character_reference_images: { kind: 'files', max: 1, maxTotalBytes: MAX_FILE_BYTES },
  character_reference_images_mask: refs,
};

const pick = (from: Fields, names: string[]): Fields => Object.fromEntries(names.map((n) => [n, from[n]!]));

const legacyImageRequest: Fields = {
  prompt,
  model: { kind: 'enum', values: legacyModels },
  aspect_ratio: { kind: 'enum', values: legacyAspectRatios },
  resolution: { kind: 'enum', values: legacyResolutions },
  magic_prompt_option: { kind: 'enum', values: magicPromptOptions },
  magic_prompt_version: { kind: 'enum', values: magicPromptVersions },
  seed,
  style_type: { kind: 'enum', values: legacyStyleTypes },
  negative_prompt: { kind: 'text' },
  num_images: numImages,
  color_palette: { kind: 'palette' },
};

export const endpoints: readonly EndpointSpec[] = [
  { path: '/v1/ideogram-v3/generate', name: 'v3-generate', body: 'multipart', authFailure: 401, fields: v3Generate, output: 'generate' },
  {
    path: '/v1/ideogram-v3/remix',
    name: 'v3-remix',
    body: 'multipart',
    authFailure: 403,
    fields: { image: { kind: 'file', required: true }, image_weight: { kind: 'int', min: 1, max: 100 }, ...v3Generate },
    output: 'remix',
  },
  {
    path: '/v1/ideogram-v3/edit',
    name: 'v3-edit',
    body: 'multipart',
    authFailure: 401,
    fields: {
      image: { kind: 'file', required: true },
      mask: { kind: 'file', required: true },
      ...pick(v3Generate, [
        'prompt', 'magic_prompt', 'num_images', 'seed', 'rendering_speed', 'style_type', 'style_preset',
        'custom_model_uri', 'color_palette', 'style_codes', 'style_reference_images', 'character_reference_images',
        'character_reference_images_mask',
      ]), // prettier-ignore
    },
    output: 'edit',
  },
  {
    path: '/v1/ideogram-v3/reframe',
    name: 'v3-reframe',
    body: 'multipart',
    authFailure: 401,
    fields: {
      image: { kind: 'file', required: true },
      resolution: { kind: 'enum', values: resolutionsV3, required: true },
      ...pick(v3Generate, [
        'num_images', 'seed', 'rendering_speed', 'style_preset', 'color_palette', 'style_codes', 'style_reference_images',
      ]), // prettier-ignore
    },
    output: 'reframe',
  },
  {
    path: '/v1/ideogram-v3/replace-background',
    name: 'v3-replace-background',
    body: 'multipart',
    authFailure: 401,
    fields: {
      image: { kind: 'file', required: true },
      ...pick(v3Generate, [
        'prompt', 'magic_prompt', 'num_images', 'seed', 'rendering_speed', 'style_preset', 'color_palette',
        'style_codes', 'style_reference_images',
      ]), // prettier-ignore
    },
    output: 'replace-background',
  },
  {
    path: '/v1/ideogram-v3/generate-transparent',
    name: 'v3-generate-transparent',
    body: 'multipart-or-json',
    authFailure: 401,
    fields: {
      ...pick(v3Generate, ['prompt', 'seed', 'aspect_ratio', 'magic_prompt', 'negative_prompt', 'num_images', 'custom_model_uri']),
      upscale_factor: { kind: 'enum', values: ['X1', 'X2', 'X4'] },
      rendering_speed: noFlash,
    },
    output: 'transparent',
  },
  {
    path: '/v1/ideogram-v4/generate',
    name: 'v4-generate',
    body: 'multipart-or-json',
    authFailure: 401,
    fields: {
      prompt,
      seed,
      num_images: numImages,
      magic_prompt_option: { kind: 'enum', values: magicPromptOptions },
      custom_model_uri: customModel,
      rendering_speed: noFlash,
    },
    output: 'generate',
  },
  { path: '/generate', name: 'generate', body: 'legacy-json', authFailure: 401, fields: {}, imageRequest: legacyImageRequest, output: 'generate' },
  {
    path: '/remix',
    name: 'remix',
    body: 'legacy-multipart',
    authFailure: 403,
    fields: { image_file: { kind: 'file', required: true } },
    imageRequest: { ...legacyImageRequest, image_weight: { kind: 'int', min: 1, max: 100 } },
    output: 'remix',
  },
  {
    path: '/upscale',
    name: 'upscale',
    body: 'legacy-multipart',
    authFailure: 403,
    fields: { image_file: { kind: 'file', required: true } },
    imageRequest: {
      prompt: { kind: 'text' },
      resemblance: { kind: 'int', min: 1, max: 100 },
      detail: { kind: 'int', min: 1, max: 100 },
      magic_prompt_option: { kind: 'enum', values: magicPromptOptions },
      magic_prompt_version: { kind: 'enum', values: magicPromptVersions },
      num_images: numImages,
      seed,
    },
    output: 'upscale',
  },
  {
    path: '/describe',
    name: 'describe',
    body: 'multipart',
    authFailure: 401,
    fields: {
      image_file: { kind: 'file', required: true },
      describe_model_version: { kind: 'enum', values: ['V_2', 'V_3', 'CUSTOM'] },
    },
    output: 'describe',
  },
  {
    path: '/edit',
    name: 'edit',
    body: 'multipart',
    authFailure: 401,
    fields: {
      image_file: { kind: 'file', required: true },
      mask: { kind: 'file', required: true },
      prompt,
      model: { kind: 'enum', values: ['V_2', 'V_2_TURBO'], required: true, note: 'legacy /edit supports V_2 and V_2_TURBO only' },
      magic_prompt_option: { kind: 'enum', values: magicPromptOptions },
      num_images: numImages,
      seed,
      style_type: { kind: 'enum', values: legacyStyleTypes },
    },
    output: 'edit',
  },
  {
    path: '/reframe',
    name: 'reframe',
    body: 'multipart',
    authFailure: 401,
    fields: {
      image_file: { kind: 'file', required: true },
      resolution: { kind: 'enum', values: legacyResolutions, required: true },
      model: { kind: 'enum', values: legacyModels, required: true },
      num_images: numImages,
      seed,
      style_type: { kind: 'enum', values: legacyStyleTypes },
    },
    output: 'reframe',
  },
]; // prettier-ignore

/** Names that belong to the other API generation: a frequent bug, answered with a pointed 400. */
export const renamedFields: Record<string, string> = {
  image_file: 'image',
  image: 'image_file',
  magic_prompt_option: 'magic_prompt',
  magic_prompt: 'magic_prompt_option',
};
