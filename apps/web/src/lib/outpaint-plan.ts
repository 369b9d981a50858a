import { type OutpaintLimits, type Provider, supportsOperation } from './provider-capabilities';

/** The server's ceiling on an expanded picture's side, whatever the provider. */
export const MAX_OUTPAINT_SIDE = 8192;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type MarginField = keyof Margins;

export interface OutpaintProblem {
  /** A margin, or `source` when the picture itself cannot be expanded by this provider. */
  field: MarginField | 'source';
  message: string;
}

export interface OutpaintPreview {
  /** The source plus the margins: what the editor shows before running. */
  canvas: { width: number; height: number };
  /** What the provider delivers: the canvas, or the nearest of its own sizes. */
  result: { width: number; height: number };
}

const sides: readonly MarginField[] = ['top', 'right', 'bottom', 'left'];

const sizeOf = (value: string) => {
  const [width = 0, height = 0] = value.split('x').map(Number);
  return { width, height };
};

/** Of `resolutions` ("WxH"), the one closest in shape to width×height; the larger on a tie. */
function nearestResolution(width: number, height: number, resolutions: readonly string[]) {
  const target = Math.log(width / height);
  let best: { width: number; height: number } | null = null;
  let bestDistance = Infinity;
  for (const resolution of resolutions) {
    const size = sizeOf(resolution);
    const distance = Math.abs(Math.log(size.width / size.height) - target);
    const tie = Math.abs(distance - bestDistance) <= 1e-12;
    if (
      distance < bestDistance - 1e-12 ||
      (tie && best && size.width * size.height > best.width * best.height)
    ) {
      best = size;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * What the server will say about expanding a `source`-sized picture by `margins` with a provider
 * (the same rules as its check): the problems, naming the margin, or the canvas and the result size.
 */
export function planOutpaint(
  limits: OutpaintLimits,
  providerName: string,
  source: { width: number; height: number },
  margins: Margins,
): { preview: OutpaintPreview | null; problems: OutpaintProblem[] } {
  const problems: OutpaintProblem[] = [];
  for (const field of sides) {
    const value = margins[field];
    if (!Number.isInteger(value) || value < 0) {
      problems.push({ field, message: `${field} must be a whole number of pixels, 0 or more` });
    } else if (limits.maxMargin !== null && value > limits.maxMargin) {
      problems.push({
        field,
        message: `${field} must be at most ${limits.maxMargin} pixels for ${providerName}`,
      });
    }
  }
  if (problems.length > 0) return { preview: null, problems };
  if (sides.every((field) => margins[field] === 0)) {
    return { preview: null, problems: [{ field: 'top', message: 'Add at least one margin' }] };
  }
  const canvas = {
    width: source.width + margins.left + margins.right,
    height: source.height + margins.top + margins.bottom,
  };
  const maxSide = Math.min(limits.maxSide, MAX_OUTPAINT_SIDE);
  if (canvas.width > maxSide) {
    problems.push({
      field: margins.left >= margins.right ? 'left' : 'right',
      message: `The expanded width (${canvas.width}) must be at most ${maxSide} pixels for ${providerName}`,
    });
  }
  if (canvas.height > maxSide) {
    problems.push({
      field: margins.top >= margins.bottom ? 'top' : 'bottom',
      message: `The expanded height (${canvas.height}) must be at most ${maxSide} pixels for ${providerName}`,
    });
  }
  if (limits.squareSourceOnly && source.width !== source.height) {
    problems.push({ field: 'source', message: `${providerName} expands square pictures only` });
  }
  if (limits.centredOnly && margins.left !== margins.right) {
    problems.push({
      field: 'right',
      message: `${providerName} keeps the picture centred: right must equal left`,
    });
  }
  if (limits.centredOnly && margins.top !== margins.bottom) {
    problems.push({
      field: 'bottom',
      message: `${providerName} keeps the picture centred: bottom must equal top`,
    });
  }
  let result = canvas;
  const nearest = nearestResolution(canvas.width, canvas.height, limits.resolutions);
  if (nearest) {
    result = nearest;
    const off = Math.abs(nearest.width / nearest.height / (canvas.width / canvas.height) - 1);
    if (off > limits.shapeTolerance) {
      problems.push({
        field: canvas.width / canvas.height > nearest.width / nearest.height ? 'left' : 'top',
        message: `${providerName} has no size of this shape; the nearest is ${nearest.width}×${nearest.height}`,
      });
    }
  }
  return problems.length > 0 ? { preview: null, problems } : { preview: { canvas, result }, problems };
}

/** The available providers that can expand the canvas, each with its outpaint limits. */
export function outpaintProviders(
  providers: readonly Provider[],
): { provider: Provider; limits: OutpaintLimits }[] {
  return providers.flatMap((provider) =>
    provider.available && provider.capabilities.outpaint && supportsOperation(provider, 'OUTPAINT')
      ? [{ provider, limits: provider.capabilities.outpaint }]
      : [],
  );
}
