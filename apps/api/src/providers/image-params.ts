import type { FieldIssue, ImageParamsInput, JobInput } from '@atelier/domain';
import {
  checkSize,
  type GenerationParams,
  type ModelCapabilities,
  parseAspectRatio,
  type SizeRule,
} from '@atelier/providers';

const TARGET_PIXELS = 1024 * 1024;
const MAX_SEED = 2_147_483_647;

export type ResolvedParams = Pick<
  JobInput,
  | 'count'
  | 'width'
  | 'height'
  | 'aspectRatio'
  | 'quality'
  | 'style'
  | 'negativePrompt'
  | 'seed'
  | 'steps'
  | 'magicPrompt'
>;

/**
 * Checks the parameters against one model's declared capabilities and fills every default, so the
 * stored job says exactly what will run. Problems are pushed to `issues`, each naming its field.
 */
export function resolveParams(
  model: ModelCapabilities,
  input: Omit<ImageParamsInput, 'provider' | 'model' | 'fallbackProviders'>,
  issues: FieldIssue[],
  randomSeed: () => number = () => Math.floor(Math.random() * MAX_SEED),
): ResolvedParams {
  const issue = (field: string, message: string) => issues.push({ path: ['input', field], message });
  if (input.count > model.maxCount) {
    issue('count', `${model.name} makes at most ${model.maxCount} images per request`);
  }

  let width: number | null = null;
  let height: number | null = null;
  let aspectRatio: string | null = null;
  if (model.size) {
    if (input.aspectRatio !== null && input.width === null && input.height === null) {
      ({ width, height } = sizeForRatio(parseAspectRatio(input.aspectRatio) ?? 1, model.size));
    } else {
      width = input.width ?? Math.min(1024, model.size.max);
      height = input.height ?? Math.min(1024, model.size.max);
      for (const violation of checkSize(model.size, width, height)) issue(violation.field, violation.message);
    }
  } else {
    if (input.width !== null || input.height !== null) {
      issue(
        input.width !== null ? 'width' : 'height',
        `${model.name} takes an aspect ratio, not a pixel size`,
      );
    }
    aspectRatio = input.aspectRatio ?? model.aspectRatios[0] ?? null;
    if (aspectRatio !== null && !model.aspectRatios.includes(aspectRatio)) {
      issue('aspectRatio', `aspectRatio must be one of ${model.aspectRatios.join(', ')}`);
    }
  }
  if (input.style !== null && !model.styles.includes(input.style)) {
    issue(
      'style',
      model.styles.length > 0
        ? `style must be one of ${model.styles.join(', ')}`
        : `${model.name} takes no style`,
    );
  }
  if (input.negativePrompt !== null && input.negativePrompt.trim() !== '' && !model.supportsNegativePrompt) {
    issue('negativePrompt', `${model.name} does not take a negative prompt`);
  }
  if (input.seed !== null && !model.supportsSeed) issue('seed', `${model.name} does not take a seed`);
  if (input.quality !== null && !model.supportsQuality) {
    issue('quality', `${model.name} does not take a quality`);
  }
  if (input.magicPrompt !== null && !model.supportsMagicPrompt) {
    issue('magicPrompt', `${model.name} cannot rewrite prompts`);
  }
  if (input.steps !== null) {
    if (!model.steps) issue('steps', `${model.name} does not take steps`);
    else if (input.steps < model.steps.min || input.steps > model.steps.max) {
      issue('steps', `steps must be between ${model.steps.min} and ${model.steps.max}`);
    }
  }
  return {
    count: input.count,
    width,
    height,
    aspectRatio,
    quality: input.quality ?? (model.supportsQuality ? 'STANDARD' : null),
    style: input.style,
    negativePrompt: input.negativePrompt?.trim() || null,
    seed: input.seed ?? (model.supportsSeed ? randomSeed() : null),
    steps: input.steps ?? model.steps?.default ?? null,
    magicPrompt: input.magicPrompt ?? (model.supportsMagicPrompt ? 'AUTO' : null),
  };
}

/**
 * The job's parameters as another model (a fallback provider's) can take them: the size snapped to
 * its rule or its nearest aspect ratio, unsupported options dropped, counts capped.
 */
export function adaptParams(
  job: ResolvedParams,
  model: ModelCapabilities,
): GenerationParams & { count: number } {
  const ratio =
    job.width !== null && job.height !== null
      ? job.width / job.height
      : (parseAspectRatio(job.aspectRatio ?? '1:1') ?? 1);
  let width: number | null = null;
  let height: number | null = null;
  let aspectRatio: string | null = null;
  if (model.size) {
    const fits =
      job.width !== null && job.height !== null && checkSize(model.size, job.width, job.height).length === 0;
    ({ width, height } = fits ? { width: job.width!, height: job.height! } : sizeForRatio(ratio, model.size));
  } else {
    aspectRatio =
      job.aspectRatio !== null && model.aspectRatios.includes(job.aspectRatio)
        ? job.aspectRatio
        : nearestRatio(ratio, model.aspectRatios);
  }
  return {
    count: Math.min(job.count, model.maxCount),
    width,
    height,
    aspectRatio,
    quality: job.quality ?? 'STANDARD',
    style: job.style !== null && model.styles.includes(job.style) ? job.style : null,
    negativePrompt: model.supportsNegativePrompt ? job.negativePrompt : null,
    seed: job.seed ?? 0,
    steps: model.steps ? clamp(job.steps ?? model.steps.default, model.steps.min, model.steps.max) : null,
    magicPrompt: model.supportsMagicPrompt ? job.magicPrompt : null,
  };
}

/** The largest size near one megapixel with the given aspect ratio that the rule allows. */
export function sizeForRatio(ratio: number, rule: SizeRule): { width: number; height: number } {
  const area = Math.min(TARGET_PIXELS, rule.maxPixels);
  const snap = (value: number) =>
    clamp(
      Math.round(value / rule.multipleOf) * rule.multipleOf,
      rule.min,
      Math.floor(rule.max / rule.multipleOf) * rule.multipleOf,
    );
  let width = snap(Math.sqrt(area * ratio));
  let height = snap(width / ratio);
  while (width * height > rule.maxPixels && width > rule.min) {
    width -= rule.multipleOf;
    height = snap(width / ratio);
  }
  return { width, height };
}

export function nearestRatio(ratio: number, choices: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const value = parseAspectRatio(choice);
    if (value === null) continue;
    const distance = Math.abs(Math.log(value / ratio));
    if (distance < bestDistance) {
      best = choice;
      bestDistance = distance;
    }
  }
  return best;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
