import { expect, it } from 'vitest';
import type { EditOperation } from './operations';
import { parseOperations, serializeOperations } from './serialize';

it('round-trips a list through JSON and drops stray keys', () => {
  const ops: EditOperation[] = [
    { type: 'crop', x: 1, y: 2, width: 30, height: 40 },
    { type: 'adjust', values: { tint: -5 }, look: 'cool' },
  ];
  const text = serializeOperations([{ ...ops[0]!, extra: 1 } as unknown as EditOperation, ops[1]!]);
  expect(parseOperations(text, { width: 100, height: 100 })).toEqual({ operations: ops, problems: [] });
});

it('answers problems, not operations, for a bad list', () => {
  expect(parseOperations('[{"type":"rotate","quarterTurns":5}]', { width: 100, height: 100 })).toEqual({
    operations: null,
    problems: [{ index: 0, field: 'quarterTurns', message: expect.any(String) }],
  });
  expect(parseOperations('{', { width: 1, height: 1 }).problems[0]?.message).toBe('not JSON');
});
