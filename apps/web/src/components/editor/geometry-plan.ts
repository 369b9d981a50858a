import { straightenedSize, type EditOperation, type GeometryOperation } from '@atelier/image-edits';
import type { Point, Size } from './editor-context';

/**
 * An affine map of picture points: (x, y) → (a·x + b·y + c, d·x + e·y + f). The preview uses one
 * that takes a pixel of the edited picture back to the source image, so the GPU samples the source
 * once per output pixel however many geometry operations the list holds.
 */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

export function applyAffine([a, b, c, d, e, f]: Affine, { x, y }: Point): Point {
  return { x: a * x + b * y + c, y: d * x + e * y + f };
}

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function compose(outer: Affine, inner: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + b1 * d2,
    a1 * b2 + b1 * e2,
    a1 * c2 + b1 * f2 + c1,
    d1 * a2 + e1 * d2,
    d1 * b2 + e1 * e2,
    d1 * c2 + e1 * f2 + f1,
  ];
}

export function invert([a, b, c, d, e, f]: Affine): Affine {
  const det = a * e - b * d;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

/** One operation: the picture size it leaves, and the map from its result's points to its input's. */
function step(operation: GeometryOperation, size: Size): { size: Size; back: Affine } {
  const { width: w, height: h } = size;
  switch (operation.type) {
    case 'crop':
      return {
        size: { width: operation.width, height: operation.height },
        back: [1, 0, operation.x, 0, 1, operation.y],
      };
    case 'rotate':
      // Clockwise quarter turns, y pointing down.
      if (operation.quarterTurns === 1) return { size: { width: h, height: w }, back: [0, 1, 0, -1, 0, h] };
      if (operation.quarterTurns === 2) return { size, back: [-1, 0, w, 0, -1, h] };
      return { size: { width: h, height: w }, back: [0, -1, w, 1, 0, 0] };
    case 'flip':
      return operation.axis === 'horizontal'
        ? { size, back: [-1, 0, w, 0, 1, 0] }
        : { size, back: [1, 0, 0, 0, -1, h] };
    case 'resize':
      return {
        size: { width: operation.width, height: operation.height },
        back: [w / operation.width, 0, 0, 0, h / operation.height, 0],
      };
    case 'straighten': {
      const next = straightenedSize(size, operation.angle);
      const radians = (operation.angle * Math.PI) / 180;
      const cos = Math.cos(radians);
      const sin = Math.sin(radians);
      // Centre the result, turn back (counter-clockwise), centre on the input.
      const toCentre: Affine = [1, 0, -next.width / 2, 0, 1, -next.height / 2];
      const turnBack: Affine = [cos, sin, 0, -sin, cos, 0];
      const fromCentre: Affine = [1, 0, w / 2, 0, 1, h / 2];
      return { size: next, back: compose(fromCentre, compose(turnBack, toCentre)) };
    }
  }
}

export interface GeometryPlan {
  /** The picture's size after every geometry operation. */
  size: Size;
  /** Maps a point of the edited picture to the source image's pixels. */
  toSource: Affine;
}

/** Folds the list's geometry (in order) into one size and one map; adjustments do not move pixels. */
export function planGeometry(source: Size, operations: readonly EditOperation[]): GeometryPlan {
  let size = source;
  let toSource = IDENTITY;
  for (const operation of operations) {
    if (operation.type === 'adjust') continue;
    const { size: next, back } = step(operation, size);
    toSource = compose(toSource, back);
    size = next;
  }
  return { size, toSource };
}
