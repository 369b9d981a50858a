import {
  ADJUST_GLSL,
  blurSigma,
  perPixelAdjustments,
  sharpening,
  type Adjustments,
} from '@atelier/image-edits';
import type { Frame, Sigmas } from './frame';

/**
 * The colour stage of the preview shader: @atelier/image-edits' formula (the one the server runs),
 * and the uniform values for a set of sliders.
 */
export interface AdjustStage {
  /** GLSL declarations defining `vec3 adjustRgb(vec3 rgb, vec2 uv)`. */
  glsl: string;
  uniforms: (values: Adjustments) => Record<string, number>;
}

export const ADJUST_STAGE: AdjustStage = {
  glsl: ADJUST_GLSL,
  uniforms: (values) => Object.fromEntries(perPixelAdjustments.map((name) => [`u_${name}`, values[name]])),
};

/** Blur and sharpen radii for a frame, in pixels of the full-size edited picture (as the server). */
export function sigmasFor(frame: Frame): Sigmas {
  const shortSide = Math.min(frame.size.width, frame.size.height);
  const sharpen = sharpening(frame.adjustments.sharpen, shortSide);
  return {
    blur: blurSigma(frame.adjustments.blur, shortSide) ?? 0,
    sharpen: sharpen?.sigma ?? 0,
    sharpenAmount: sharpen?.amount ?? 0,
  };
}
