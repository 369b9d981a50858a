export type ImageQuality = 'DRAFT' | 'STANDARD' | 'HIGH';
export const imageQualities: readonly ImageQuality[] = ['DRAFT', 'STANDARD', 'HIGH'];

export interface ModelInfo {
  id: string;
  name: string;
  description: string;
}

/** Width and height in pixels, each within [min, max] and a multiple of `multipleOf`. */
export interface SizeRule {
  min: number;
  max: number;
  multipleOf: number;
  maxPixels: number;
}

export interface ProviderCapabilities {
  models: readonly ModelInfo[];
  defaultModel: string;
  size: SizeRule;
  maxCount: number;
  styles: readonly string[];
  steps: { min: number; max: number; default: number } | null;
  supportsNegativePrompt: boolean;
  supportsSeed: boolean;
  supportsQuality: boolean;
  maxPromptLength: number;
}

export interface SizeViolation {
  field: 'width' | 'height';
  message: string;
}

/** Returns what is wrong with a requested size under a provider's rule, naming the field. */
export function checkSize(rule: SizeRule, width: number, height: number): SizeViolation[] {
  const violations: SizeViolation[] = [];
  for (const [field, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < rule.min || value > rule.max || value % rule.multipleOf !== 0) {
      violations.push({
        field,
        message: `${field} must be a multiple of ${rule.multipleOf} between ${rule.min} and ${rule.max} (got ${value})`,
      });
    }
  }
  if (violations.length === 0 && width * height > rule.maxPixels) {
    violations.push({
      field: 'width',
      message: `width × height must be at most ${rule.maxPixels} pixels (got ${width * height})`,
    });
  }
  return violations;
}
