/**
 * The editor's operation list: the contract between the browser's live preview and the server's
 * sharp pipeline. Geometry operations apply in list order, each to the picture the ones before it
 * left. Adjustments are state, not steps: for each slider the last value set wins, and the merged
 * adjustments apply once, after all geometry, to the final pixels (so a crop never changes how a
 * vignette or a blur looks relative to the frame the person sees).
 */

export type QuarterTurns = 1 | 2 | 3;
export type FlipAxis = 'horizontal' | 'vertical';

/** A rectangle in pixels of the picture as the operations before it left it. */
export interface CropOperation {
  type: 'crop';
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Clockwise quarter turns. */
export interface RotateOperation {
  type: 'rotate';
  quarterTurns: QuarterTurns;
}

/**
 * A free rotation in degrees (clockwise positive), then a crop to the largest centred rectangle of
 * the picture's own aspect ratio that holds no empty corner.
 */
export interface StraightenOperation {
  type: 'straighten';
  angle: number;
}

export interface FlipOperation {
  type: 'flip';
  axis: FlipAxis;
}

export interface ResizeOperation {
  type: 'resize';
  width: number;
  height: number;
}

export interface Adjustments {
  /** Stops: each +1 doubles the light. */
  exposure: number;
  brightness: number;
  contrast: number;
  saturation: number;
  vibrance: number;
  /** Positive is warmer (more red, less blue). */
  temperature: number;
  /** Positive is more magenta, negative more green. */
  tint: number;
  /** Degrees around the colour wheel. */
  hue: number;
  highlights: number;
  shadows: number;
  sharpen: number;
  blur: number;
  vignette: number;
}

export type AdjustmentName = keyof Adjustments;

/** Sets the named sliders; the ones it leaves out keep their value. `look` names a filter it came from. */
export interface AdjustOperation {
  type: 'adjust';
  values: Partial<Adjustments>;
  look?: string | null;
}

export type GeometryOperation =
  CropOperation | RotateOperation | StraightenOperation | FlipOperation | ResizeOperation;

export type EditOperation = GeometryOperation | AdjustOperation;
export type EditOperationType = EditOperation['type'];
