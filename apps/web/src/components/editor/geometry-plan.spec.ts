import { describe, expect, it } from 'vitest';
import type { EditOperation } from '@atelier/image-edits';
import { finalSize, straightenedSize, type EditOperation as Op } from '@atelier/image-edits';
import { applyAffine, compose, invert, planGeometry } from './geometry-plan';

const source = { width: 400, height: 200 };

function sourceOf(operations: EditOperation[], point: { x: number; y: number }) {
  const { toSource } = planGeometry(source, operations);
  const p = applyAffine(toSource, point);
  return { x: Math.round(p.x * 1000) / 1000, y: Math.round(p.y * 1000) / 1000 };
}

describe('planGeometry', () => {
  it('leaves an empty list alone', () => {
    expect(planGeometry(source, [])).toEqual({ size: source, toSource: [1, 0, 0, 0, 1, 0] });
  });

  it('crops to the rectangle, offsetting into the source', () => {
    const ops: EditOperation[] = [{ type: 'crop', x: 50, y: 20, width: 100, height: 80 }];
    expect(planGeometry(source, ops).size).toEqual({ width: 100, height: 80 });
    expect(sourceOf(ops, { x: 0, y: 0 })).toEqual({ x: 50, y: 20 });
  });

  it('turns a quarter clockwise: the top-left corner comes from the bottom-left', () => {
    const ops: EditOperation[] = [{ type: 'rotate', quarterTurns: 1 }];
    expect(planGeometry(source, ops).size).toEqual({ width: 200, height: 400 });
    expect(sourceOf(ops, { x: 0, y: 0 })).toEqual({ x: 0, y: 200 });
    expect(sourceOf(ops, { x: 200, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('turns three quarters: the top-left corner comes from the top-right', () => {
    const ops: EditOperation[] = [{ type: 'rotate', quarterTurns: 3 }];
    expect(sourceOf(ops, { x: 0, y: 0 })).toEqual({ x: 400, y: 0 });
  });

  it('flips and resizes', () => {
    expect(sourceOf([{ type: 'flip', axis: 'horizontal' }], { x: 0, y: 10 })).toEqual({ x: 400, y: 10 });
    expect(sourceOf([{ type: 'flip', axis: 'vertical' }], { x: 5, y: 0 })).toEqual({ x: 5, y: 200 });
    const resize: EditOperation[] = [{ type: 'resize', width: 100, height: 50 }];
    expect(planGeometry(source, resize).size).toEqual({ width: 100, height: 50 });
    expect(sourceOf(resize, { x: 100, y: 50 })).toEqual({ x: 400, y: 200 });
  });

  it('applies operations in list order (a crop after a turn is in turned pixels)', () => {
    const ops: EditOperation[] = [
      { type: 'rotate', quarterTurns: 1 },
      { type: 'crop', x: 0, y: 0, width: 100, height: 100 },
    ];
    expect(planGeometry(source, ops).size).toEqual({ width: 100, height: 100 });
    // The turned picture's top-left is the source's bottom-left.
    expect(sourceOf(ops, { x: 0, y: 0 })).toEqual({ x: 0, y: 200 });
  });

  it('straightens about the centre and keeps the aspect ratio with no empty corner', () => {
    const ops: EditOperation[] = [{ type: 'straighten', angle: 10 }];
    const { size, toSource } = planGeometry(source, ops);
    expect(size.width / size.height).toBeCloseTo(2, 1);
    expect(size.width).toBeLessThan(400);
    const centre = applyAffine(toSource, { x: size.width / 2, y: size.height / 2 });
    expect(centre.x).toBeCloseTo(200);
    expect(centre.y).toBeCloseTo(100);
    for (const corner of [
      { x: 0, y: 0 },
      { x: size.width, y: 0 },
      { x: 0, y: size.height },
      { x: size.width, y: size.height },
    ]) {
      const p = applyAffine(toSource, corner);
      expect(p.x).toBeGreaterThanOrEqual(-0.001);
      expect(p.x).toBeLessThanOrEqual(400.001);
      expect(p.y).toBeGreaterThanOrEqual(-0.001);
      expect(p.y).toBeLessThanOrEqual(200.001);
    }
  });

  it('does not shrink for a zero straighten', () => {
    expect(straightenedSize(source, 0)).toEqual(source);
  });
});

describe('affine helpers', () => {
  it('inverts and composes', () => {
    const m = compose([2, 0, 5, 0, 3, -1], [0, 1, 0, -1, 0, 7]);
    const p = applyAffine(invert(m), applyAffine(m, { x: 3, y: 4 }));
    expect(p.x).toBeCloseTo(3);
    expect(p.y).toBeCloseTo(4);
  });
});

it('agrees with the server on the finished size', () => {
  const ops: Op[] = [
    { type: 'straighten', angle: -7.3 },
    { type: 'rotate', quarterTurns: 3 },
    { type: 'crop', x: 3, y: 4, width: 90, height: 120 },
    { type: 'resize', width: 45, height: 60 },
    { type: 'adjust', values: { exposure: 1 } },
  ];
  expect(planGeometry(source, ops).size).toEqual(finalSize(ops, source));
});
