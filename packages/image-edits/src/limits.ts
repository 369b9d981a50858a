import type { AdjustmentName } from './operations';

export const MAX_OPERATIONS = 50;
/** The largest side a resize may ask for, and the smallest. */
export const MAX_SIDE = 8192;
export const MIN_SIDE = 16;
export const MAX_STRAIGHTEN_DEGREES = 45;
/** The most pixels a result may have: the server decodes no larger picture (50 MP). */
export const MAX_PIXELS = 50_000_000;
/** The longest name a look may have. */
export const MAX_LOOK_LENGTH = 40;

export interface Range {
  min: number;
  max: number;
  /** The value that changes nothing; a double-click resets the slider to it. */
  neutral: number;
  step: number;
}

export const adjustmentRanges: Record<AdjustmentName, Range> = {
  exposure: { min: -3, max: 3, neutral: 0, step: 0.05 },
  brightness: { min: -100, max: 100, neutral: 0, step: 1 },
  contrast: { min: -100, max: 100, neutral: 0, step: 1 },
  saturation: { min: -100, max: 100, neutral: 0, step: 1 },
  vibrance: { min: -100, max: 100, neutral: 0, step: 1 },
  temperature: { min: -100, max: 100, neutral: 0, step: 1 },
  tint: { min: -100, max: 100, neutral: 0, step: 1 },
  hue: { min: -180, max: 180, neutral: 0, step: 1 },
  highlights: { min: -100, max: 100, neutral: 0, step: 1 },
  shadows: { min: -100, max: 100, neutral: 0, step: 1 },
  sharpen: { min: 0, max: 100, neutral: 0, step: 1 },
  blur: { min: 0, max: 100, neutral: 0, step: 1 },
  vignette: { min: 0, max: 100, neutral: 0, step: 1 },
};

export const adjustmentNames = Object.keys(adjustmentRanges) as AdjustmentName[];
