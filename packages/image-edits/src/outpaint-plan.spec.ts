import { describe, expect, it } from 'vitest';
import { type OutpaintLimits, planOutpaint } from './outpaint-plan';

const exact: OutpaintLimits = {
  maxMargin: 2048,
  maxSide: 4096,
  squareSourceOnly: false,
  centredOnly: false,
  resolutions: [],
  shapeTolerance: 0,
};
const reframe: OutpaintLimits = {
  maxMargin: null,
  maxSide: 8192,
  squareSourceOnly: true,
  centredOnly: true,
  resolutions: ['1024x1024', '1312x736', '736x1312'],
  shapeTolerance: 0.05,
};
const margins = (m: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>) => ({
  top: 0,
  right: 0,
  bottom: 0,
  left: 0,
  ...m,
});

describe('planOutpaint', () => {
  it('previews the canvas as source + margins', () => {
    expect(
      planOutpaint(exact, 'Local', { width: 640, height: 480 }, margins({ left: 100, top: 20 })),
    ).toEqual({
      plan: { canvas: { width: 740, height: 500 }, result: { width: 740, height: 500 }, resolution: null },
      issues: [],
    });
  });

  it('names the margin at fault, as the server does', () => {
    const source = { width: 512, height: 512 };
    expect(planOutpaint(exact, 'Local', source, margins({})).issues[0]?.field).toBe('top');
    expect(planOutpaint(exact, 'Local', source, margins({ left: -2 })).issues[0]?.field).toBe('left');
    expect(planOutpaint(exact, 'Local', source, margins({ right: 3000 })).issues[0]?.field).toBe('right');
    expect(planOutpaint(exact, 'Local', source, margins({ top: 2000, bottom: 1800 })).issues).toEqual([
      { field: 'top', message: 'the expanded height (4312) must be at most 4096 pixels for Local' },
    ]);
  });

  it("follows a fixed-size provider's rules and shows the size it will deliver", () => {
    const square = { width: 1024, height: 1024 };
    expect(planOutpaint(reframe, 'Ideogram', square, margins({ left: 400, right: 400 })).plan).toEqual({
      canvas: { width: 1824, height: 1024 },
      result: { width: 1312, height: 736 },
      resolution: '1312x736',
    });
    const fields = (source: { width: number; height: number }, m: Parameters<typeof margins>[0]) =>
      planOutpaint(reframe, 'Ideogram', source, margins(m)).issues.map((issue) => issue.field);
    expect(fields({ width: 800, height: 600 }, { top: 100, bottom: 100 })).toEqual(['source']);
    expect(fields(square, { left: 10, right: 20 })).toEqual(['right']);
    expect(fields(square, { left: 2000, right: 2000 })).toEqual(['left']);
  });
});
