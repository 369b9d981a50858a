import { describe, expect, it } from 'vitest';
import type { EditOperation } from '@atelier/image-edits';
import { fromSavedEdit, issueTarget, toOperationInput } from './operations-input';

describe('toOperationInput', () => {
  it('sends each operation under its own key', () => {
    const operations: EditOperation[] = [
      { type: 'crop', x: 1, y: 2, width: 30, height: 40 },
      { type: 'rotate', quarterTurns: 3 },
      { type: 'straighten', angle: -4.5 },
      { type: 'flip', axis: 'horizontal' },
      { type: 'resize', width: 100, height: 50 },
      { type: 'adjust', values: { exposure: 0.5, vignette: 20 }, look: 'vivid' },
    ];
    expect(operations.map(toOperationInput)).toEqual([
      { crop: { x: 1, y: 2, width: 30, height: 40 } },
      { rotate: { quarterTurns: 3 } },
      { straighten: { angle: -4.5 } },
      { flip: { axis: 'HORIZONTAL' } },
      { resize: { width: 100, height: 50 } },
      { adjust: { exposure: 0.5, vignette: 20, look: 'vivid' } },
    ]);
  });
});

describe('fromSavedEdit', () => {
  it('reads a saved list back into the same operations', () => {
    expect(fromSavedEdit({ __typename: 'FlipEdit', axis: 'VERTICAL' })).toEqual({
      type: 'flip',
      axis: 'vertical',
    });
    expect(fromSavedEdit({ __typename: 'AdjustEdit', exposure: 1, contrast: null, look: null })).toEqual({
      type: 'adjust',
      values: { exposure: 1 },
    });
    expect(fromSavedEdit({ __typename: 'RotateEdit', quarterTurns: 2 })).toEqual({
      type: 'rotate',
      quarterTurns: 2,
    });
  });
});

describe('issueTarget', () => {
  it('finds the operation and field an issue names', () => {
    expect(issueTarget('operations[2].crop.width')).toEqual({ index: 2, field: 'width' });
    expect(issueTarget('input.operations[0].adjust.exposure')).toEqual({ index: 0, field: 'exposure' });
    expect(issueTarget('operations[4]')).toEqual({ index: 4, field: null });
    expect(issueTarget('input.operations.3.resize.height')).toEqual({ index: 3, field: 'height' });
    expect(issueTarget('input.operations.1.adjust.values.exposure')).toEqual({
      index: 1,
      field: 'values.exposure',
    });
    expect(issueTarget('operations')).toBeNull();
  });
});
