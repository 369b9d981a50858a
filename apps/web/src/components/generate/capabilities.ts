import type { GenerateForm_ProvidersQuery, GenerateImagesInput, ImageQuality } from '../../gql/graphql';

export type Provider = GenerateForm_ProvidersQuery['providers'][number];
export type Capabilities = Provider['capabilities'];
export type SizeRule = Capabilities['size'];

export const QUALITIES: readonly { value: ImageQuality; label: string }[] = [
  { value: 'DRAFT', label: 'Draft' },
  { value: 'STANDARD', label: 'Standard' },
  { value: 'HIGH', label: 'High' },
];

export const ASPECTS = [
  { label: '1:1', w: 1, h: 1 },
  { label: '4:3', w: 4, h: 3 },
  { label: '3:4', w: 3, h: 4 },
  { label: '16:9', w: 16, h: 9 },
] as const;

/** Hard ceiling of the API on images per request, whatever a provider claims. */
export const MAX_COUNT = 8;
const TARGET_PIXELS = 1024 * 1024;
export const MAX_SEED = 2_147_483_647;

/**
 * Form values as typed: numbers stay strings so a half-typed "10" on the way to "1024" is allowed;
 * a blank seed means random.
 */
export interface GenerateValues {
  prompt: string;
  provider: string;
  model: string;
  width: string;
  height: string;
  quality: ImageQuality;
  steps: string;
  style: string;
  negativePrompt: string;
  seed: string;
  count: string;
}

export type FieldName = keyof GenerateValues;

export interface VisibleFields {
  model: boolean;
  quality: boolean;
  steps: boolean;
  style: boolean;
  negativePrompt: boolean;
  seed: boolean;
}

/** Only what the chosen provider can use. */
export function visibleFields(caps: Capabilities): VisibleFields {
  return {
    model: caps.models.length > 1,
    quality: caps.supportsQuality,
    steps: caps.steps !== null && caps.steps !== undefined,
    style: caps.styles.some((style) => style.toLowerCase() !== 'none'),
    negativePrompt: caps.supportsNegativePrompt,
    seed: caps.supportsSeed,
  };
}

export function maxCount(caps: Capabilities): number {
  return Math.max(1, Math.min(MAX_COUNT, caps.maxCount));
}

/** Attributes for a width/height input that follow the size rule. */
export function sizeInputProps(rule: SizeRule) {
  return { min: rule.min, max: rule.max, step: rule.multipleOf };
}

/** Nearest allowed side: a multiple of `multipleOf` within [min, max]. */
export function snapSide(value: number, rule: SizeRule): number {
  const step = Math.max(1, rule.multipleOf);
  const low = Math.ceil(rule.min / step) * step;
  const high = Math.floor(rule.max / step) * step;
  const snapped = Math.round(value / step) * step;
  return Math.min(high, Math.max(low, snapped));
}

/**
 * The largest size of the given aspect near one megapixel that the rule allows: sides snapped to
 * `multipleOf`, within [min, max], and width × height ≤ maxPixels.
 */
export function aspectSize(
  aspectW: number,
  aspectH: number,
  rule: SizeRule,
): { width: number; height: number } {
  const step = Math.max(1, rule.multipleOf);
  const area = Math.min(TARGET_PIXELS, rule.maxPixels);
  let width = snapSide(Math.sqrt((area * aspectW) / aspectH), rule);
  let height = snapSide((width * aspectH) / aspectW, rule);
  // Shrink the width a step at a time (the height follows the aspect) until the pixels fit.
  while (width * height > rule.maxPixels && width - step >= rule.min) {
    width -= step;
    height = snapSide((width * aspectH) / aspectW, rule);
  }
  return { width, height };
}

/** Which preset the current size is, if any (by ratio, within rounding to `multipleOf`). */
export function matchingAspect(width: number, height: number, rule: SizeRule): string | null {
  for (const aspect of ASPECTS) {
    const size = aspectSize(aspect.w, aspect.h, rule);
    if (size.width === width && size.height === height) return aspect.label;
  }
  return null;
}

/** The values a provider starts from, keeping what still fits from `previous`. */
export function valuesForProvider(provider: Provider, previous?: Partial<GenerateValues>): GenerateValues {
  const caps = provider.capabilities;
  const square = aspectSize(1, 1, caps.size);
  const keepSide = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value && Number.isFinite(n) && n > 0 ? String(snapSide(n, caps.size)) : String(fallback);
  };
  const count = Math.min(maxCount(caps), Math.max(1, Number(previous?.count) || 1));
  const modelKept = caps.models.some((model) => model.id === previous?.model);
  const styleKept = !!previous?.style && caps.styles.includes(previous.style);
  return {
    prompt: previous?.prompt ?? '',
    provider: provider.id,
    model: modelKept && previous?.model ? previous.model : caps.defaultModel,
    width: keepSide(previous?.width, square.width),
    height: keepSide(previous?.height, square.height),
    quality: previous?.quality ?? 'STANDARD',
    steps: caps.steps ? String(caps.steps.default) : '',
    style: styleKept && previous?.style ? previous.style : '',
    negativePrompt: previous?.negativePrompt ?? '',
    seed: previous?.seed ?? '',
    count: String(count),
  };
}

function intOrUndefined(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** What is sent: only the fields the provider supports; blanks take the provider's defaults. */
export function toInput(values: GenerateValues, provider: Provider): GenerateImagesInput {
  const show = visibleFields(provider.capabilities);
  const input: GenerateImagesInput = {
    prompt: values.prompt.trim(),
    provider: provider.id,
    count: intOrUndefined(values.count) ?? 1,
    width: intOrUndefined(values.width),
    height: intOrUndefined(values.height),
  };
  if (values.model) input.model = values.model;
  if (show.quality) input.quality = values.quality;
  if (show.steps) input.steps = intOrUndefined(values.steps);
  if (show.style && values.style) input.style = values.style;
  if (show.negativePrompt && values.negativePrompt.trim())
    input.negativePrompt = values.negativePrompt.trim();
  if (show.seed) input.seed = intOrUndefined(values.seed);
  for (const key of Object.keys(input) as (keyof GenerateImagesInput)[]) {
    if (input[key] === undefined) delete input[key];
  }
  return input;
}

/** "Generate 4 images · Local (procedural) · 1024×768". */
export function submitLabel(
  values: Pick<GenerateValues, 'count' | 'width' | 'height'>,
  provider: Provider | undefined,
): string {
  const count = Math.max(1, intOrUndefined(values.count) ?? 1);
  const parts = [`Generate ${count} ${count === 1 ? 'image' : 'images'}`];
  if (provider) parts.push(provider.displayName);
  if (values.width && values.height) parts.push(`${values.width}×${values.height}`);
  return parts.join(' · ');
}

/** Maps a server issue path ("input.width") to the form field it is about, or null for the form. */
export function fieldOfIssue(field: string): FieldName | null {
  const name = field.replace(/^input\./, '');
  const fields: readonly FieldName[] = [
    'prompt',
    'provider',
    'model',
    'width',
    'height',
    'quality',
    'steps',
    'style',
    'negativePrompt',
    'seed',
    'count',
  ];
  return (fields as readonly string[]).includes(name) ? (name as FieldName) : null;
}

export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

/** "pixel-art" → "Pixel art". */
export function styleLabel(style: string): string {
  const words = style.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Plain words for the size rule, shown under the size fields. */
export function sizeHint(rule: SizeRule): string {
  const megapixels = (rule.maxPixels / 1_000_000).toFixed(1).replace(/\.0$/, '');
  return `${rule.min}–${rule.max} px, multiples of ${rule.multipleOf}, up to ${megapixels} MP`;
}
