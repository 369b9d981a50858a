import type {
  GenerateForm_ProvidersQuery,
  GenerateImagesInput,
  ImageOperation,
  ImageQuality,
  MagicPrompt,
} from '../gql/graphql';
import { isDefaultStyle } from './provider-words';

/** A result type without the `__typename`s graphcache asks for: nothing here reads them. */
type WithoutTypenames<T> = T extends readonly (infer Item)[]
  ? WithoutTypenames<Item>[]
  : T extends object
    ? { [K in keyof T as K extends '__typename' ? never : K]: WithoutTypenames<T[K]> }
    : T;

export type Provider = WithoutTypenames<GenerateForm_ProvidersQuery['providers'][number]>;
export type Capabilities = Provider['capabilities'];
export type Model = Capabilities['models'][number];
export type SizeRule = NonNullable<Model['size']>;
/** How a provider expands the canvas, and its limits (see ./outpaint-plan.ts for the checks). */
export type OutpaintLimits = NonNullable<Capabilities['outpaint']>;

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
  /** "W:H", for models that take an aspect ratio instead of a size. */
  aspectRatio: string;
  magicPrompt: MagicPrompt;
  /** Providers to try next, in order. */
  fallbackProviders: string[];
}

export type FieldName = keyof GenerateValues;

/** The provider a form starts with: the wanted one if available, else the first available, else the first. */
export function pickProvider(
  providers: readonly Provider[],
  wanted: string | undefined,
): Provider | undefined {
  return (
    providers.find((p) => p.id === wanted && p.available) ??
    providers.find((p) => p.available) ??
    providers[0]
  );
}

/** The models of a provider that can do `operation` (the Generate form lists GENERATE models). */
export function modelsFor(provider: Provider, operation: ImageOperation = 'GENERATE'): Model[] {
  return provider.capabilities.models.filter((model) => model.operations.includes(operation));
}

/** Whether a provider can do `operation` at all (Enhance and Restyle may be declared without a model). */
export function supportsOperation(provider: Provider, operation: ImageOperation): boolean {
  const caps = provider.capabilities;
  if (operation === 'ENHANCE' && caps.enhance) return caps.enhance.scales.length > 0;
  if (operation === 'RESTYLE' && caps.restyle) return caps.restyle.fromText || caps.restyle.fromReference;
  if (operation === 'OUTPAINT' && !caps.outpaint) return false;
  return modelsFor(provider, operation).length > 0;
}

/** The model used for `operation` when none is chosen: the provider's default if it serves it. */
export function defaultModelFor(
  provider: Provider,
  operation: ImageOperation = 'GENERATE',
): Model | undefined {
  const models = modelsFor(provider, operation);
  return models.find((model) => model.id === provider.capabilities.defaultModel) ?? models[0];
}

export function findModel(
  provider: Provider | undefined,
  id: string | null | undefined,
  operation: ImageOperation = 'GENERATE',
): Model | undefined {
  if (!provider) return undefined;
  return (
    modelsFor(provider, operation).find((model) => model.id === id) ?? defaultModelFor(provider, operation)
  );
}

/**
 * Providers that may be tried after `chosen` fails: available now, able to do the operation, and
 * not the chosen one.
 */
export function fallbackCandidates(
  providers: readonly Provider[],
  chosen: string,
  operation: ImageOperation = 'GENERATE',
): Provider[] {
  return providers.filter((p) => p.id !== chosen && p.available && supportsOperation(p, operation));
}

/** The fallback choices that still make sense after the provider changed, in their order. */
export function keepFallbacks(
  selected: readonly string[] | undefined,
  providers: readonly Provider[],
  chosen: string,
  operation: ImageOperation = 'GENERATE',
): string[] {
  const allowed = new Set(fallbackCandidates(providers, chosen, operation).map((p) => p.id));
  return [...new Set(selected ?? [])].filter((id) => allowed.has(id));
}

export interface VisibleFields {
  /** Width and height inputs (the model has a size rule). */
  size: boolean;
  /** An aspect-ratio picker (the model takes "W:H" instead of a size). */
  aspectRatio: boolean;
  quality: boolean;
  steps: boolean;
  style: boolean;
  negativePrompt: boolean;
  seed: boolean;
  magicPrompt: boolean;
}

/** Only what the chosen model can use. */
export function visibleFields(model: Model): VisibleFields {
  return {
    size: !!model.size,
    aspectRatio: !model.size && model.aspectRatios.length > 0,
    quality: model.supportsQuality,
    steps: model.steps !== null && model.steps !== undefined,
    style: model.styles.some((style) => !isDefaultStyle(style)),
    negativePrompt: model.supportsNegativePrompt,
    seed: model.supportsSeed,
    magicPrompt: model.supportsMagicPrompt,
  };
}

export function maxCount(model: Pick<Model, 'maxCount'>): number {
  return Math.max(1, Math.min(MAX_COUNT, model.maxCount));
}

/** "16:9" → 16/9; null when malformed. */
export function parseRatio(value: string | null | undefined): number | null {
  const match = /^(\d+):(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const w = Number(match[1]);
  const h = Number(match[2]);
  return w > 0 && h > 0 ? w / h : null;
}

/** The listed ratio closest to width:height (compared on a log scale, so 2:1 and 1:2 are symmetric). */
export function nearestAspectRatio(
  width: number,
  height: number,
  ratios: readonly string[],
): string | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  const target = Math.log(width / height);
  let best: string | undefined;
  let distance = Number.POSITIVE_INFINITY;
  for (const ratio of ratios) {
    const value = parseRatio(ratio);
    if (value === null) continue;
    const d = Math.abs(Math.log(value) - target);
    if (d < distance) {
      best = ratio;
      distance = d;
    }
  }
  return best;
}

/** "16:9 · landscape". */
export function aspectRatioLabel(ratio: string): string {
  const value = parseRatio(ratio);
  if (value === null) return ratio;
  const shape = Math.abs(value - 1) < 0.01 ? 'square' : value > 1 ? 'landscape' : 'portrait';
  return `${ratio} · ${shape}`;
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

const SQUARE_FALLBACK = { width: 1024, height: 1024 };

/**
 * The values a provider (and one of its models) starts from, keeping what still fits from
 * `previous`. Width and height are kept even for aspect-ratio models, so switching back restores them.
 */
export function valuesForProvider(
  provider: Provider,
  previous?: Partial<GenerateValues>,
  providers: readonly Provider[] = [],
): GenerateValues {
  const model = findModel(provider, previous?.model);
  const rule = model?.size ?? null;
  const square = rule ? aspectSize(1, 1, rule) : SQUARE_FALLBACK;
  const keepSide = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    if (!value || !Number.isFinite(n) || n <= 0) return String(fallback);
    return String(rule ? snapSide(n, rule) : Math.round(n));
  };
  const width = keepSide(previous?.width, square.width);
  const height = keepSide(previous?.height, square.height);
  const ratios = model?.aspectRatios ?? [];
  const aspectRatio =
    previous?.aspectRatio && ratios.includes(previous.aspectRatio)
      ? previous.aspectRatio
      : (nearestAspectRatio(Number(width), Number(height), ratios) ?? ratios[0] ?? '');
  const count = Math.min(model ? maxCount(model) : 1, Math.max(1, Number(previous?.count) || 1));
  const styleKept =
    !!previous?.style && !isDefaultStyle(previous.style) && !!model?.styles.includes(previous.style);
  return {
    prompt: previous?.prompt ?? '',
    provider: provider.id,
    model: model?.id ?? provider.capabilities.defaultModel,
    width,
    height,
    aspectRatio,
    quality: previous?.quality ?? 'STANDARD',
    steps: model?.steps ? String(model.steps.default) : '',
    style: styleKept && previous?.style ? previous.style : '',
    negativePrompt: previous?.negativePrompt ?? '',
    seed: previous?.seed ?? '',
    count: String(count),
    magicPrompt: previous?.magicPrompt ?? 'AUTO',
    fallbackProviders: keepFallbacks(previous?.fallbackProviders, providers, provider.id),
  };
}

function intOrUndefined(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** What is sent: only the fields the model supports; blanks take the model's defaults. */
export function toInput(values: GenerateValues, provider: Provider): GenerateImagesInput {
  const model = findModel(provider, values.model);
  const input: GenerateImagesInput = {
    prompt: values.prompt.trim(),
    provider: provider.id,
    count: intOrUndefined(values.count) ?? 1,
  };
  if (model) {
    const show = visibleFields(model);
    input.model = model.id;
    if (show.size) {
      input.width = intOrUndefined(values.width);
      input.height = intOrUndefined(values.height);
    }
    if (show.aspectRatio && values.aspectRatio) input.aspectRatio = values.aspectRatio;
    if (show.quality) input.quality = values.quality;
    if (show.steps) input.steps = intOrUndefined(values.steps);
    if (show.style && values.style) input.style = values.style;
    if (show.negativePrompt && values.negativePrompt.trim()) {
      input.negativePrompt = values.negativePrompt.trim();
    }
    if (show.seed) input.seed = intOrUndefined(values.seed);
    if (show.magicPrompt) input.magicPrompt = values.magicPrompt;
  }
  if (values.fallbackProviders.length > 0) input.fallbackProviders = [...values.fallbackProviders];
  for (const key of Object.keys(input) as (keyof GenerateImagesInput)[]) {
    if (input[key] === undefined) delete input[key];
  }
  return input;
}

/** The provider's name, with the model's when the provider offers several for the operation. */
export function modelLabel(
  provider: Provider,
  model: Model | undefined,
  operation: ImageOperation = 'GENERATE',
): string {
  if (!model || modelsFor(provider, operation).length <= 1) return provider.displayName;
  const first = provider.displayName.split(/\s+/)[0]?.toLowerCase() ?? '';
  return model.name.toLowerCase().includes(first) ? model.name : `${provider.displayName} ${model.name}`;
}

/** "Generate 4 images · Local (procedural) · 1024×768", or "… · Ideogram 3.0 · 16:9". */
export function submitLabel(
  values: Pick<GenerateValues, 'count' | 'width' | 'height'> &
    Partial<Pick<GenerateValues, 'model' | 'aspectRatio'>>,
  provider: Provider | undefined,
): string {
  const count = Math.max(1, intOrUndefined(values.count) ?? 1);
  const parts = [`Generate ${count} ${count === 1 ? 'image' : 'images'}`];
  const model = findModel(provider, values.model);
  if (provider) parts.push(modelLabel(provider, model));
  if (model && !model.size && model.aspectRatios.length > 0) {
    if (values.aspectRatio) parts.push(values.aspectRatio);
  } else if (values.width && values.height) parts.push(`${values.width}×${values.height}`);
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
    'aspectRatio',
    'magicPrompt',
    'fallbackProviders',
  ];
  return (fields as readonly string[]).includes(name) ? (name as FieldName) : null;
}

export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

/** Plain words for the size rule, shown under the size fields. */
export function sizeHint(rule: SizeRule): string {
  const megapixels = (rule.maxPixels / 1_000_000).toFixed(1).replace(/\.0$/, '');
  return `${rule.min}–${rule.max} px, multiples of ${rule.multipleOf}, up to ${megapixels} MP`;
}
