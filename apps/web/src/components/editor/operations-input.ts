import {
  adjustmentNames,
  type AdjustOperation,
  type Adjustments,
  type EditOperation,
  type QuarterTurns,
} from '@atelier/image-edits';

/** `ImageEditOperationInput`: a oneOf input, one key per operation type. */
export type EditOperationInput =
  | { crop: { x: number; y: number; width: number; height: number } }
  | { rotate: { quarterTurns: number } }
  | { straighten: { angle: number } }
  | { flip: { axis: 'HORIZONTAL' | 'VERTICAL' } }
  | { resize: { width: number; height: number } }
  | { adjust: Partial<Adjustments> & { look?: string | null } };

export function toOperationInput(operation: EditOperation): EditOperationInput {
  switch (operation.type) {
    case 'crop': {
      const { x, y, width, height } = operation;
      return { crop: { x, y, width, height } };
    }
    case 'rotate':
      return { rotate: { quarterTurns: operation.quarterTurns } };
    case 'straighten':
      return { straighten: { angle: operation.angle } };
    case 'flip':
      return { flip: { axis: operation.axis === 'horizontal' ? 'HORIZONTAL' : 'VERTICAL' } };
    case 'resize':
      return { resize: { width: operation.width, height: operation.height } };
    case 'adjust': {
      const values: Partial<Adjustments> & { look?: string | null } = {};
      for (const name of adjustmentNames) {
        const value = operation.values[name];
        if (value !== undefined) values[name] = value;
      }
      if (operation.look) values.look = operation.look;
      return { adjust: values };
    }
  }
}

/** One entry of `Image.editOperations` (the union CropEdit | RotateEdit | … | AdjustEdit). */
export type SavedEdit =
  | { __typename: 'CropEdit'; x: number; y: number; width: number; height: number }
  | { __typename: 'RotateEdit'; quarterTurns: number }
  | { __typename: 'StraightenEdit'; angle: number }
  | { __typename: 'FlipEdit'; axis: 'HORIZONTAL' | 'VERTICAL' }
  | { __typename: 'ResizeEdit'; width: number; height: number }
  | ({ __typename: 'AdjustEdit'; look?: string | null } & { [K in keyof Adjustments]?: number | null });

/** A saved list back as operations, for "Edit again". */
export function fromSavedEdit(edit: SavedEdit): EditOperation {
  switch (edit.__typename) {
    case 'CropEdit':
      return { type: 'crop', x: edit.x, y: edit.y, width: edit.width, height: edit.height };
    case 'RotateEdit':
      return { type: 'rotate', quarterTurns: (((edit.quarterTurns % 4) + 4) % 4 || 1) as QuarterTurns };
    case 'StraightenEdit':
      return { type: 'straighten', angle: edit.angle };
    case 'FlipEdit':
      return { type: 'flip', axis: edit.axis === 'HORIZONTAL' ? 'horizontal' : 'vertical' };
    case 'ResizeEdit':
      return { type: 'resize', width: edit.width, height: edit.height };
    case 'AdjustEdit': {
      const values: Partial<Adjustments> = {};
      for (const name of adjustmentNames) {
        const value = edit[name];
        if (typeof value === 'number') values[name] = value;
      }
      const operation: AdjustOperation = { type: 'adjust', values };
      if (edit.look) operation.look = edit.look;
      return operation;
    }
  }
}

/**
 * Where a server issue points: `input.operations.2.crop.width` (or `operations[2].crop.width`) →
 * operation 2, field `width`.
 */
export function issueTarget(path: string): { index: number; field: string | null } | null {
  const match =
    /^(?:input\.)?operations(?:\[(\d+)\]|\.(\d+))(?:\.(?:crop|rotate|straighten|flip|resize|adjust))?(?:\.(.+))?$/.exec(
      path,
    );
  if (!match) return null;
  return { index: Number(match[1] ?? match[2]), field: match[3] ?? null };
}
