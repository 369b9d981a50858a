/*
 * Outpaint margins: how many image pixels to add on each side, the quick presets, and the frame
 * of the expanded canvas in image coordinates (the overlay draws it through the viewport).
 */

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const MARGIN_SIDES = ['top', 'right', 'bottom', 'left'] as const;
export type MarginSide = (typeof MARGIN_SIDES)[number];

export const NO_MARGINS: Margins = { top: 0, right: 0, bottom: 0, left: 0 };

interface Size {
  width: number;
  height: number;
}

/** The same share of the picture's width on the left and right, and of its height above and below. */
export function growEachSide(image: Size, fraction: number): Margins {
  const across = Math.round(image.width * fraction);
  const down = Math.round(image.height * fraction);
  return { top: down, right: across, bottom: down, left: across };
}

/** `total` split in two halves, the odd pixel going to the second. */
function split(total: number): [number, number] {
  const first = Math.floor(total / 2);
  return [first, total - first];
}

/**
 * The smallest centred expansion that gives the picture the shape `ratioW:ratioH`: only the short
 * way grows, nothing is cropped. Zero margins when it already has that shape.
 */
export function toAspect(image: Size, ratioW: number, ratioH: number): Margins {
  const target = ratioW / ratioH;
  const current = image.width / image.height;
  if (Math.abs(current - target) < 1e-9) return NO_MARGINS;
  if (current < target) {
    const [left, right] = split(Math.max(0, Math.round(image.height * target) - image.width));
    return { top: 0, right, bottom: 0, left };
  }
  const [top, bottom] = split(Math.max(0, Math.round(image.width / target) - image.height));
  return { top, right: 0, bottom, left: 0 };
}

/** The size of the picture once expanded. */
export function expandedSize(image: Size, margins: Margins): Size {
  return {
    width: image.width + margins.left + margins.right,
    height: image.height + margins.top + margins.bottom,
  };
}

/** The expanded canvas as a rectangle in the source image's pixels (it starts above and left of 0,0). */
export function expandedFrame(image: Size, margins: Margins) {
  return { x: -margins.left, y: -margins.top, ...expandedSize(image, margins) };
}

export function hasMargins(margins: Margins): boolean {
  return MARGIN_SIDES.some((side) => margins[side] > 0);
}

/** A margin as typed: a whole number of pixels, 0 or more; null when it is not one. */
export function parseMargin(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Margins as typed in the four fields: the numbers (0 where unreadable), and the sides that are not numbers. */
export function readMargins(typed: Record<MarginSide, string>): { margins: Margins; typos: MarginSide[] } {
  const margins = { ...NO_MARGINS };
  const typos: MarginSide[] = [];
  for (const side of MARGIN_SIDES) {
    const value = parseMargin(typed[side]);
    if (value === null) typos.push(side);
    else margins[side] = value;
  }
  return { margins, typos };
}

/** Left = right and top = bottom (the larger of each pair), for providers that keep the picture centred. */
export function centred(margins: Margins): Margins {
  const across = Math.max(margins.left, margins.right);
  const down = Math.max(margins.top, margins.bottom);
  return { top: down, right: across, bottom: down, left: across };
}

/** Each margin capped at `max` (null: no cap). */
export function capMargins(margins: Margins, max: number | null): Margins {
  if (max === null) return margins;
  return {
    top: Math.min(margins.top, max),
    right: Math.min(margins.right, max),
    bottom: Math.min(margins.bottom, max),
    left: Math.min(margins.left, max),
  };
}
