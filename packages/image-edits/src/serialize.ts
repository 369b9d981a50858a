import { adjustmentNames } from './limits';
import type { Adjustments, EditOperation } from './operations';
import { type EditProblem, validateOperations } from './validate';
import type { Size } from './geometry';

/**
 * The operation as stored and sent: only the fields its type has, in a fixed order (so two equal
 * lists serialise alike, and stray keys from a client or an old version are dropped).
 */
export function normalizeOperation(operation: EditOperation): EditOperation {
  switch (operation.type) {
    case 'crop':
      return {
        type: 'crop',
        x: operation.x,
        y: operation.y,
        width: operation.width,
        height: operation.height,
      };
    case 'rotate':
      return { type: 'rotate', quarterTurns: operation.quarterTurns };
    case 'straighten':
      return { type: 'straighten', angle: operation.angle };
    case 'flip':
      return { type: 'flip', axis: operation.axis };
    case 'resize':
      return { type: 'resize', width: operation.width, height: operation.height };
    case 'adjust': {
      const values: Partial<Adjustments> = {};
      for (const name of adjustmentNames) {
        if (operation.values[name] !== undefined) values[name] = operation.values[name];
      }
      return { type: 'adjust', values, ...(operation.look != null && { look: operation.look }) };
    }
  }
}

export function serializeOperations(operations: readonly EditOperation[]): string {
  return JSON.stringify(operations.map(normalizeOperation));
}

/**
 * Reads a list written by `serializeOperations` (or typed by hand) back, checking it against a
 * picture of `source` size: the operations, or the problems (and no operations).
 */
export function parseOperations(
  text: string,
  source: Size,
): { operations: EditOperation[]; problems: [] } | { operations: null; problems: EditProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { operations: null, problems: [{ index: null, field: null, message: 'not JSON' }] };
  }
  if (!Array.isArray(value)) {
    return { operations: null, problems: [{ index: null, field: null, message: 'a list of operations' }] };
  }
  const problems = validateOperations(value as EditOperation[], source);
  if (problems.length > 0) return { operations: null, problems };
  return { operations: (value as EditOperation[]).map(normalizeOperation), problems: [] };
}
