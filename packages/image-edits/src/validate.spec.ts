import { describe, expect, it } from 'vitest';
import { MAX_OPERATIONS } from './limits';
import type { EditOperation } from './operations';
import { validateOperations } from './validate';

const source = { width: 400, height: 600 };

describe('validateOperations', () => {
  it('accepts a good list', () => {
    expect(
      validateOperations(
        [
          { type: 'rotate', quarterTurns: 1 },
          { type: 'crop', x: 100, y: 0, width: 500, height: 400 },
          { type: 'straighten', angle: -12.5 },
          { type: 'flip', axis: 'vertical' },
          { type: 'resize', width: 250, height: 200 },
          { type: 'adjust', values: { exposure: 0.5, hue: -180 }, look: 'vivid' },
        ],
        source,
      ),
    ).toEqual([]);
  });

  it('checks a crop against the picture as the operations before it left it', () => {
    // After a quarter turn the 400×600 portrait is 600×400: a 500-wide crop fits, a 500-high one does not.
    const ops: EditOperation[] = [
      { type: 'rotate', quarterTurns: 1 },
      { type: 'crop', x: 0, y: 0, width: 500, height: 500 },
    ];
    expect(validateOperations(ops, source)).toEqual([
      {
        index: 1,
        field: 'height',
        message: 'y + height must be at most 400 (the picture is 600×400 at this step)',
      },
    ]);
  });

  it('names the index and field of each problem', () => {
    const problems = validateOperations(
      [
        { type: 'crop', x: -1, y: 0.5, width: 8, height: 100 },
        { type: 'rotate', quarterTurns: 4 as 1 },
        { type: 'straighten', angle: 46 },
        { type: 'flip', axis: 'diagonal' as 'horizontal' },
        { type: 'resize', width: 9000, height: 100 },
        { type: 'adjust', values: { exposure: Number.NaN, contrast: 101, glow: 3 } as never },
        { type: 'spin' } as never,
      ],
      source,
    );
    expect(problems.map(({ index, field }) => [index, field])).toEqual([
      [0, 'x'],
      [0, 'y'],
      [0, 'width'],
      [1, 'quarterTurns'],
      [2, 'angle'],
      [3, 'axis'],
      [4, 'width'],
      [5, 'values.exposure'],
      [5, 'values.contrast'],
      [5, 'values.glow'],
      [6, 'type'],
    ]);
    expect(problems[4]!.message).toBe('degrees between -45 and 45');
  });

  it(`refuses more than ${MAX_OPERATIONS} operations, and none`, () => {
    const many = Array.from(
      { length: MAX_OPERATIONS + 1 },
      () => ({ type: 'flip', axis: 'horizontal' }) as const,
    );
    expect(validateOperations(many, source)).toEqual([
      { index: null, field: null, message: expect.stringContaining(`at most ${MAX_OPERATIONS}`) },
    ]);
    expect(validateOperations(many.slice(1), source)).toEqual([]);
    expect(validateOperations([], source)).toHaveLength(1);
  });

  it('refuses a result smaller than the minimum side', () => {
    expect(validateOperations([{ type: 'straighten', angle: 45 }], { width: 20, height: 20 })).toEqual([
      { index: 0, field: 'angle', message: expect.stringContaining('smaller than 16 pixels') },
    ]);
    expect(validateOperations([{ type: 'resize', width: 15, height: 100 }], source)[0]?.field).toBe('width');
  });
});
