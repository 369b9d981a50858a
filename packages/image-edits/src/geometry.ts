import type { EditOperation, GeometryOperation } from './operations';

export interface Size {
  width: number;
  height: number;
}

/**
 * The size a straighten by `angle` degrees leaves: the largest rectangle of the picture's own
 * aspect ratio, centred, that fits inside the rotated picture (so no empty corner shows). A corner
 * (±w/2, ±h/2) stays inside the rotated W×H frame while s·(W·cos + H·sin) ≤ W and
 * s·(H·cos + W·sin) ≤ H, where w = s·W and h = s·H.
 */
export function straightenedSize(size: Size, angle: number): Size {
  if (angle === 0) return size;
  const radians = (Math.abs(angle) * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const { width, height } = size;
  const scale = Math.min(width / (width * cos + height * sin), height / (height * cos + width * sin));
  // The epsilon keeps an exact fit (scale·side a whole number) from rounding down a pixel.
  return {
    width: Math.max(1, Math.floor(width * scale + 1e-9)),
    height: Math.max(1, Math.floor(height * scale + 1e-9)),
  };
}

/** The picture's size after one operation, given its size before. Adjustments keep the size. */
export function sizeAfterOperation(operation: EditOperation, size: Size): Size {
  switch (operation.type) {
    case 'crop':
    case 'resize':
      return { width: operation.width, height: operation.height };
    case 'rotate':
      return operation.quarterTurns % 2 === 1 ? { width: size.height, height: size.width } : size;
    case 'straighten':
      return straightenedSize(size, operation.angle);
    case 'flip':
    case 'adjust':
      return size;
  }
}

/** The size after each operation of the list, in order (the browser's preview uses the same sums). */
export function sizeAfter(operations: readonly EditOperation[], source: Size): Size[] {
  const sizes: Size[] = [];
  let size = source;
  for (const operation of operations) {
    size = sizeAfterOperation(operation, size);
    sizes.push(size);
  }
  return sizes;
}

/** The size of the finished picture. */
export function finalSize(operations: readonly EditOperation[], source: Size): Size {
  return sizeAfter(operations, source).at(-1) ?? source;
}

export function isGeometry(operation: EditOperation): operation is GeometryOperation {
  return operation.type !== 'adjust';
}
