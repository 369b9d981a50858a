import type { OutpaintLimits } from '@atelier/image-edits';

export type ImageQuality = 'DRAFT' | 'STANDARD' | 'HIGH';
export const imageQualities: readonly ImageQuality[] = ['DRAFT', 'STANDARD', 'HIGH'];

/** What a model can be asked to do. */
export type Operation = 'GENERATE' | 'VARIATION' | 'ENHANCE' | 'RESTYLE' | 'EDIT' | 'OUTPAINT';

/** Let the provider rewrite the prompt (Ideogram's Magic Prompt, BFL's prompt upsampling). */
export type MagicPrompt = 'AUTO' | 'ON' | 'OFF';

/** Width and height in pixels, each within [min, max] and a multiple of `multipleOf`. */
export interface SizeRule {
  min: number;
  max: number;
  multipleOf: number;
  maxPixels: number;
}

export interface StepsRule {
  min: number;
  max: number;
  default: number;
}

/** Everything the Generate form and the server's checks need to know about one model. */
export interface ModelCapabilities {
  id: string;
  name: string;
  description: string;
  /** Operations this model serves; GENERATE models appear in the Generate form. */
  operations: readonly Operation[];
  /** Explicit pixel sizes, or null when the model takes an aspect ratio instead. */
  size: SizeRule | null;
  /** Aspect ratios as "W:H" when the model takes one (e.g. FLUX1.1 ultra, Ideogram); empty otherwise. */
  aspectRatios: readonly string[];
  maxCount: number;
  styles: readonly string[];
  steps: StepsRule | null;
  supportsNegativePrompt: boolean;
  supportsSeed: boolean;
  /** Quality maps to the provider's speed/quality knob (e.g. Ideogram's rendering speed). */
  supportsQuality: boolean;
  supportsMagicPrompt: boolean;
  maxPromptLength: number;
}

export interface EnhanceCapability {
  scales: readonly number[];
  /** Whether the upscaler is a learned (AI) model rather than plain resampling. */
  ai: boolean;
  /** Who does the work, in words a person understands (e.g. that Flux's Enhance runs locally). */
  note: string;
}

export interface RestyleCapability {
  /** Restyle from a named style or a style description in text. */
  fromText: boolean;
  /** Restyle to match a reference image. */
  fromReference: boolean;
  note: string;
}

/** How a provider expands the canvas (outpaints); see ./outpaint.ts for the checks. */
/** How a provider expands the canvas: the limits the shared planner checks, and what to tell people. */
export interface OutpaintCapability extends OutpaintLimits {
  /** Whether a prompt guides what fills the new area. */
  prompt: boolean;
  note: string;
}

export interface ProviderCapabilities {
  models: readonly ModelCapabilities[];
  defaultModel: string;
  enhance: EnhanceCapability | null;
  restyle: RestyleCapability | null;
  outpaint: OutpaintCapability | null;
}

export function findModel(capabilities: ProviderCapabilities, id: string): ModelCapabilities | undefined {
  return capabilities.models.find((model) => model.id === id);
}

/** The first model that serves `operation`, preferring the default model. */
export function modelFor(
  capabilities: ProviderCapabilities,
  operation: Operation,
): ModelCapabilities | undefined {
  const preferred = findModel(capabilities, capabilities.defaultModel);
  if (preferred?.operations.includes(operation)) return preferred;
  return capabilities.models.find((model) => model.operations.includes(operation));
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

/** "16:9" → 16/9; null when malformed. */
export function parseAspectRatio(value: string): number | null {
  const match = /^(\d{1,3}):(\d{1,3})$/.exec(value);
  if (!match) return null;
  const w = Number(match[1]);
  const h = Number(match[2]);
  return w > 0 && h > 0 ? w / h : null;
}
