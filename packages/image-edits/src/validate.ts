import { type Size, sizeAfterOperation } from './geometry';
import {
  adjustmentRanges,
  MAX_LOOK_LENGTH,
  MAX_OPERATIONS,
  MAX_PIXELS,
  MAX_SIDE,
  MAX_STRAIGHTEN_DEGREES,
  MIN_SIDE,
} from './limits';
import type { AdjustmentName, EditOperation } from './operations';

/** One thing wrong with an operation list. */
export interface EditProblem {
  /** The operation at fault, by position in the list; null when the list as a whole is. */
  index: number | null;
  /** The field at fault (`width`, `angle`, `values.exposure`…); null for the operation as a whole. */
  field: string | null;
  message: string;
}

const operationTypes = ['crop', 'rotate', 'straighten', 'flip', 'resize', 'adjust'] as const;

/**
 * Every problem with `operations` applied to a picture of `source` size, in list order. Walks the
 * list keeping the size each operation leaves, so a crop is checked against the picture it cuts
 * (after the rotations and resizes before it). After a geometry problem the size is unknown and
 * later bounds are not checked (their other rules are). An empty answer means the list is good.
 */
export function validateOperations(operations: readonly EditOperation[], source: Size): EditProblem[] {
  const problems: EditProblem[] = [];
  if (operations.length === 0) {
    problems.push({ index: null, field: null, message: 'give at least one operation' });
  }
  if (operations.length > MAX_OPERATIONS) {
    problems.push({
      index: null,
      field: null,
      message: `at most ${MAX_OPERATIONS} operations, not ${operations.length}; merge adjustments or reset`,
    });
    return problems;
  }
  let size: Size | null = source;
  operations.forEach((operation, index) => {
    const found = checkOperation(operation, size);
    for (const problem of found) problems.push({ index, ...problem });
    size = size && found.length === 0 ? sizeAfterOperation(operation, size) : null;
  });
  return problems;
}

type Found = Omit<EditProblem, 'index'>;

function checkOperation(operation: EditOperation, size: Size | null): Found[] {
  if (typeof operation !== 'object' || operation === null || !operationTypes.includes(operation.type)) {
    return [{ field: 'type', message: `one of ${operationTypes.join(', ')}` }];
  }
  switch (operation.type) {
    case 'crop':
      return checkCrop(operation, size);
    case 'rotate':
      return [1, 2, 3].includes(operation.quarterTurns)
        ? []
        : [{ field: 'quarterTurns', message: 'clockwise quarter turns: 1, 2 or 3' }];
    case 'straighten':
      return checkStraighten(operation.angle, size);
    case 'flip':
      return operation.axis === 'horizontal' || operation.axis === 'vertical'
        ? []
        : [{ field: 'axis', message: 'horizontal or vertical' }];
    case 'resize':
      return checkResize(operation);
    case 'adjust':
      return checkAdjust(operation);
  }
}

function checkCrop(
  crop: { x: number; y: number; width: number; height: number },
  size: Size | null,
): Found[] {
  const found: Found[] = [];
  const whole = (field: 'x' | 'y' | 'width' | 'height', min: number) => {
    const value = crop[field];
    if (!Number.isInteger(value) || value < min) {
      found.push({ field, message: `a whole number of pixels, at least ${min}` });
      return false;
    }
    return true;
  };
  const x = whole('x', 0);
  const y = whole('y', 0);
  const width = whole('width', MIN_SIDE);
  const height = whole('height', MIN_SIDE);
  if (!size) return found;
  const at = `the picture is ${size.width}×${size.height} at this step`;
  if (x && width && crop.x + crop.width > size.width) {
    found.push({
      field: crop.x >= size.width ? 'x' : 'width',
      message: `x + width must be at most ${size.width} (${at})`,
    });
  }
  if (y && height && crop.y + crop.height > size.height) {
    found.push({
      field: crop.y >= size.height ? 'y' : 'height',
      message: `y + height must be at most ${size.height} (${at})`,
    });
  }
  return found;
}

function checkStraighten(angle: number, size: Size | null): Found[] {
  if (!Number.isFinite(angle) || Math.abs(angle) > MAX_STRAIGHTEN_DEGREES) {
    return [
      {
        field: 'angle',
        message: `degrees between -${MAX_STRAIGHTEN_DEGREES} and ${MAX_STRAIGHTEN_DEGREES}`,
      },
    ];
  }
  if (!size) return [];
  const after = sizeAfterOperation({ type: 'straighten', angle }, size);
  if (after.width < MIN_SIDE || after.height < MIN_SIDE) {
    return [
      {
        field: 'angle',
        message: `straightening ${size.width}×${size.height} by ${angle}° leaves ${after.width}×${after.height}, smaller than ${MIN_SIDE} pixels`,
      },
    ];
  }
  return [];
}

function checkResize(resize: { width: number; height: number }): Found[] {
  const found: Found[] = [];
  for (const field of ['width', 'height'] as const) {
    const value = resize[field];
    if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
      found.push({ field, message: `a whole number of pixels from ${MIN_SIDE} to ${MAX_SIDE}` });
    }
  }
  if (found.length === 0 && resize.width * resize.height > MAX_PIXELS) {
    found.push({
      field: 'width',
      message: `${resize.width}×${resize.height} is more than ${MAX_PIXELS / 1_000_000} megapixels`,
    });
  }
  return found;
}

function checkAdjust(adjust: { values: Record<string, unknown>; look?: string | null }): Found[] {
  if (typeof adjust.values !== 'object' || adjust.values === null) {
    return [{ field: 'values', message: 'the sliders to set, by name' }];
  }
  const found: Found[] = [];
  const names = Object.keys(adjust.values);
  for (const name of names) {
    const range = adjustmentRanges[name as AdjustmentName] as
      (typeof adjustmentRanges)[AdjustmentName] | undefined;
    if (!range) {
      found.push({
        field: `values.${name}`,
        message: `no such slider; one of ${Object.keys(adjustmentRanges).join(', ')}`,
      });
      continue;
    }
    const value = adjust.values[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
      found.push({ field: `values.${name}`, message: `a number from ${range.min} to ${range.max}` });
    }
  }
  if (names.length === 0) found.push({ field: 'values', message: 'set at least one slider' });
  if (adjust.look !== undefined && adjust.look !== null) {
    if (
      typeof adjust.look !== 'string' ||
      adjust.look.trim() === '' ||
      adjust.look.length > MAX_LOOK_LENGTH
    ) {
      found.push({ field: 'look', message: `a look's name, 1 to ${MAX_LOOK_LENGTH} characters` });
    }
  }
  return found;
}
