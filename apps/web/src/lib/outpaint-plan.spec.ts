import { describe, expect, it } from 'vitest';
import { outpaintProviders, planOutpaint } from './outpaint-plan';
import type { OutpaintLimits } from './provider-capabilities';
import { modelFixture, providerFixture } from './testing/fixtures';

const exact: OutpaintLimits = {
  maxMargin: 2048,
  maxSide: 4096,
  prompt: false,
  squareSourceOnly: false,
  centredOnly: false,
  resolutions: [],
  shapeTolerance: 0,
  note: 'Mirrored edges.',
};
const reframe: OutpaintLimits = {
  maxMargin: null,
  maxSide: 8192,
  prompt: false,
  squareSourceOnly: true,
  centredOnly: true,
  resolutions: ['1024x1024', '1312x736', '736x1312'],
  shapeTolerance: 0.05,
  note: 'Reframe.',
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
      preview: { canvas: { width: 740, height: 500 }, result: { width: 740, height: 500 } },
      problems: [],
    });
  });

  it('names the margin at fault, as the server does', () => {
    const source = { width: 512, height: 512 };
    expect(planOutpaint(exact, 'Local', source, margins({})).problems[0]?.field).toBe('top');
    expect(planOutpaint(exact, 'Local', source, margins({ left: -2 })).problems[0]?.field).toBe('left');
    expect(planOutpaint(exact, 'Local', source, margins({ right: 3000 })).problems[0]?.field).toBe('right');
    expect(planOutpaint(exact, 'Local', source, margins({ top: 2000, bottom: 1800 })).problems).toEqual([
      { field: 'top', message: 'The expanded height (4312) must be at most 4096 pixels for Local' },
    ]);
  });

  it("follows a fixed-size provider's rules and shows the size it will deliver", () => {
    const square = { width: 1024, height: 1024 };
    expect(planOutpaint(reframe, 'Ideogram', square, margins({ left: 400, right: 400 })).preview).toEqual({
      canvas: { width: 1824, height: 1024 },
      result: { width: 1312, height: 736 },
    });
    const fields = (source: { width: number; height: number }, m: Parameters<typeof margins>[0]) =>
      planOutpaint(reframe, 'Ideogram', source, margins(m)).problems.map((problem) => problem.field);
    expect(fields({ width: 800, height: 600 }, { top: 100, bottom: 100 })).toEqual(['source']);
    expect(fields(square, { left: 10, right: 20 })).toEqual(['right']);
    expect(fields(square, { left: 2000, right: 2000 })).toEqual(['left']);
  });
});

describe('outpaintProviders', () => {
  it('lists the available providers that can outpaint, with their limits', () => {
    const limits = exact;
    const outpainting = modelFixture({ operations: ['GENERATE', 'OUTPAINT'] });
    const local = providerFixture(outpainting, { capabilities: { outpaint: limits } });
    const offline = providerFixture(outpainting, {
      id: 'off',
      available: false,
      capabilities: { outpaint: limits },
    });
    const none = providerFixture({}, { id: 'none' });
    expect(outpaintProviders([local, offline, none])).toEqual([{ provider: local, limits }]);
  });
});
