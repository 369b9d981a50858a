/** Sizes for BFL bodies: pixel sizes on a model's grid, or the nearest offered aspect ratio. */
import { checkSize, parseAspectRatio, type SizeRule } from '../capabilities';
import type { GenerationParams, SourceImage } from '../image-provider';
import { type FluxModel, invalidInput } from './flux-models';

export function nearestAspect(width: number, height: number, allowed: readonly string[]): string {
  const target = Math.log(width / height);
  let best = allowed[0] ?? '1:1';
  let distance = Infinity;
  for (const ratio of allowed) {
    const value = parseAspectRatio(ratio);
    if (value === null) continue;
    const d = Math.abs(Math.log(value) - target);
    if (d < distance) {
      distance = d;
      best = ratio;
    }
  }
  return best;
}

/** Scales (width, height) into `rule`, keeping the shape as well as the grid allows. */
export function fitToRule(width: number, height: number, rule: SizeRule): { width: number; height: number } {
  const shrink = Math.min(
    1,
    rule.max / Math.max(width, height),
    Math.sqrt(rule.maxPixels / (width * height)),
  );
  const grow = Math.max(1, rule.min / Math.min(width, height));
  const k = shrink < 1 ? shrink : grow;
  const snap = (value: number) =>
    Math.min(rule.max, Math.max(rule.min, Math.floor((value * k) / rule.multipleOf) * rule.multipleOf));
  let w = snap(width);
  let h = snap(height);
  while (w * h > rule.maxPixels) {
    if (w >= h) w -= rule.multipleOf;
    else h -= rule.multipleOf;
  }
  return { width: w, height: h };
}

/**
 * Width and height for a size-rule model: the request's, else its aspect ratio, else the source's.
 * A size off the model's grid is refused for text-to-image, but fitted when an image is being
 * reworked (an uploaded source can have any size).
 */
function pixelSize(
  model: FluxModel,
  params: GenerationParams,
  source: SourceImage | null,
): { width: number; height: number } {
  const rule = model.capabilities.size!;
  if (params.width !== null && params.height !== null) {
    const violation = checkSize(rule, params.width, params.height)[0];
    if (!violation) return { width: params.width, height: params.height };
    if (source) return fitToRule(params.width, params.height, rule);
    throw invalidInput(violation.message, violation.field);
  }
  const ratio = params.aspectRatio === null ? null : parseAspectRatio(params.aspectRatio);
  if (ratio !== null) return fitToRule(Math.sqrt(1_048_576 * ratio), Math.sqrt(1_048_576 / ratio), rule);
  if (source) return fitToRule(source.width, source.height, rule);
  return { width: 1024, height: 1024 };
}

/** An aspect ratio for an aspect-ratio model: the request's, else nearest to its size or the source's. */
function aspectRatio(model: FluxModel, params: GenerationParams, source: SourceImage | null): string {
  const allowed = model.capabilities.aspectRatios;
  if (params.aspectRatio !== null) {
    const ratio = parseAspectRatio(params.aspectRatio);
    if (ratio === null || ratio > 21 / 9 + 1e-9 || ratio < 9 / 21 - 1e-9) {
      throw invalidInput(
        `aspect ratio must be W:H between 21:9 and 9:21 (got "${params.aspectRatio}")`,
        'aspectRatio',
      );
    }
    return params.aspectRatio;
  }
  if (params.width !== null && params.height !== null) {
    return nearestAspect(params.width, params.height, allowed);
  }
  if (source) return nearestAspect(source.width, source.height, allowed);
  return '1:1';
}

export function shape(
  model: FluxModel,
  params: GenerationParams,
  source: SourceImage | null,
): Record<string, unknown> {
  if (model.capabilities.size !== null) return pixelSize(model, params, source);
  if (model.capabilities.aspectRatios.length > 0) return { aspect_ratio: aspectRatio(model, params, source) };
  return {};
}
