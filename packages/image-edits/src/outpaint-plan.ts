/**
 * Checks an outpaint (canvas expansion) against a provider's declared limits, naming the field.
 * The server refuses with these rules and the editor previews with them, so both say the same.
 */

/** What a provider declares about expanding the canvas (its `capabilities.outpaint`). */
export interface OutpaintLimits {
  /** Largest margin on any one side, in source pixels; null when only the new shape matters. */
  maxMargin: number | null;
  /** Largest side of the expanded picture, in pixels. */
  maxSide: number;
  /** Whether the source must be square (Ideogram's reframe). */
  squareSourceOnly: boolean;
  /** Whether the provider always centres the source, so left = right and top = bottom. */
  centredOnly: boolean;
  /** The sizes ("WxH") the provider delivers; empty when the result is the canvas itself. */
  resolutions: readonly string[];
  /** How far (as a fraction) the delivered shape may differ from the requested one. */
  shapeTolerance: number;
}

/** Pixels added on each side of the source. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** No expanded picture may have a side longer than this, whatever the provider. */
export const MAX_OUTPAINT_SIDE = 8192;

export const marginFields = ['top', 'right', 'bottom', 'left'] as const;
export type MarginField = (typeof marginFields)[number];

export interface OutpaintIssue {
  /** A margin, or `source` when the picture itself cannot be expanded by this provider. */
  field: MarginField | 'source';
  message: string;
}

export interface OutpaintPlan {
  /** The source plus the margins. */
  canvas: { width: number; height: number };
  /** What the provider delivers: the canvas, or the nearest of its own sizes. */
  result: { width: number; height: number };
  /** The provider size ("WxH") chosen, when it delivers fixed sizes. */
  resolution: string | null;
}

const parseSize = (value: string): { width: number; height: number } => {
  const [width, height] = value.split('x').map(Number) as [number, number];
  return { width, height };
};

/** Of `resolutions` ("WxH"), the one closest in shape to width×height; the larger on a tie. */
export function nearestResolution(
  width: number,
  height: number,
  resolutions: readonly string[],
): string | null {
  const target = Math.log(width / height);
  let best: string | null = null;
  let bestDistance = Infinity;
  let bestPixels = 0;
  for (const resolution of resolutions) {
    const size = parseSize(resolution);
    const distance = Math.abs(Math.log(size.width / size.height) - target);
    const pixels = size.width * size.height;
    if (
      distance < bestDistance - 1e-12 ||
      (Math.abs(distance - bestDistance) <= 1e-12 && pixels > bestPixels)
    ) {
      best = resolution;
      bestDistance = distance;
      bestPixels = pixels;
    }
  }
  return best;
}

/**
 * What expanding `source` by `margins` with a provider would produce, or every reason it cannot:
 * margins are whole pixels ≥ 0 with at least one > 0, within the provider's margin and side limits
 * (and {@link MAX_OUTPAINT_SIDE}), and within its shape rules (square source, centred, fixed sizes).
 */
export function planOutpaint(
  limits: OutpaintLimits,
  providerName: string,
  source: { width: number; height: number },
  margins: Margins,
): { plan: OutpaintPlan | null; issues: OutpaintIssue[] } {
  const issues: OutpaintIssue[] = [];
  for (const field of marginFields) {
    const value = margins[field];
    if (!Number.isInteger(value) || value < 0) {
      issues.push({ field, message: `${field} must be a whole number of pixels, 0 or more (got ${value})` });
    } else if (limits.maxMargin !== null && value > limits.maxMargin) {
      issues.push({
        field,
        message: `${field} must be at most ${limits.maxMargin} pixels for ${providerName} (got ${value})`,
      });
    }
  }
  if (issues.length > 0) return { plan: null, issues };
  if (marginFields.every((field) => margins[field] === 0)) {
    return {
      plan: null,
      issues: [{ field: 'top', message: 'give at least one margin (top, right, bottom or left) above 0' }],
    };
  }
  const canvas = {
    width: source.width + margins.left + margins.right,
    height: source.height + margins.top + margins.bottom,
  };
  const maxSide = Math.min(limits.maxSide, MAX_OUTPAINT_SIDE);
  if (canvas.width > maxSide) {
    issues.push({
      field: margins.left >= margins.right ? 'left' : 'right',
      message: `the expanded width (${canvas.width}) must be at most ${maxSide} pixels for ${providerName}`,
    });
  }
  if (canvas.height > maxSide) {
    issues.push({
      field: margins.top >= margins.bottom ? 'top' : 'bottom',
      message: `the expanded height (${canvas.height}) must be at most ${maxSide} pixels for ${providerName}`,
    });
  }
  if (limits.squareSourceOnly && source.width !== source.height) {
    issues.push({
      field: 'source',
      message: `${providerName} expands square pictures only (this one is ${source.width}×${source.height})`,
    });
  }
  if (limits.centredOnly) {
    if (margins.left !== margins.right) {
      issues.push({
        field: 'right',
        message: `${providerName} keeps the picture centred: right must equal left (${margins.left}, got ${margins.right})`,
      });
    }
    if (margins.top !== margins.bottom) {
      issues.push({
        field: 'bottom',
        message: `${providerName} keeps the picture centred: bottom must equal top (${margins.top}, got ${margins.bottom})`,
      });
    }
  }
  let resolution: string | null = null;
  let result = canvas;
  if (limits.resolutions.length > 0) {
    resolution = nearestResolution(canvas.width, canvas.height, limits.resolutions);
    if (resolution !== null) {
      result = parseSize(resolution);
      const off = Math.abs(result.width / result.height / (canvas.width / canvas.height) - 1);
      if (off > limits.shapeTolerance) {
        issues.push({
          field: canvas.width / canvas.height > result.width / result.height ? 'left' : 'top',
          message:
            `${providerName} delivers only its own sizes; the nearest to a ${canvas.width}×${canvas.height} ` +
            `canvas is ${resolution}, ${Math.round(off * 100)}% off in shape: change the margins`,
        });
      }
    }
  }
  return issues.length > 0 ? { plan: null, issues } : { plan: { canvas, result, resolution }, issues };
}
