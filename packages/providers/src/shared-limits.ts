import type { ModelCapabilities, SizeRule, StepsRule } from './capabilities';

/**
 * What every one of some models that takes a setting accepts. A setting meant for whichever model a
 * request will name (a style preset without a provider) must lie within these to suit them all; for
 * one model they are its own rules. A field is null when none of the models takes the setting; a range
 * is empty (min > max), or a list empty, when no value suits them all.
 */
export interface SharedLimits {
  /** Pixel sizes, for the models that take one. */
  size: SizeRule | null;
  steps: Pick<StepsRule, 'min' | 'max'> | null;
  /** The styles every model with styles offers. */
  styles: readonly string[] | null;
  /** The aspect ratios every model that takes only a ratio offers; a model with pixel sizes takes any. */
  aspectRatios: readonly string[] | null;
}

export function sharedLimits(models: readonly ModelCapabilities[]): SharedLimits {
  const sizes = models.flatMap((model) => (model.size ? [model.size] : []));
  const steps = models.flatMap((model) => (model.steps ? [model.steps] : []));
  const styles = models.filter((model) => model.styles.length > 0).map((model) => model.styles);
  const ratios = models.filter((model) => !model.size).map((model) => model.aspectRatios);
  return {
    size:
      sizes.length === 0
        ? null
        : {
            min: Math.max(...sizes.map((rule) => rule.min)),
            max: Math.min(...sizes.map((rule) => rule.max)),
            multipleOf: sizes.map((rule) => rule.multipleOf).reduce(leastCommonMultiple),
            maxPixels: Math.min(...sizes.map((rule) => rule.maxPixels)),
          },
    steps:
      steps.length === 0
        ? null
        : {
            min: Math.max(...steps.map((rule) => rule.min)),
            max: Math.min(...steps.map((rule) => rule.max)),
          },
    styles: styles.length === 0 ? null : styles.reduce(common),
    aspectRatios: ratios.length === 0 ? null : ratios.reduce(common),
  };
}

function common(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((value) => b.includes(value));
}

function leastCommonMultiple(a: number, b: number): number {
  const divisor = (x: number, y: number): number => (y === 0 ? x : divisor(y, x % y));
  return (a / divisor(a, b)) * b;
}
