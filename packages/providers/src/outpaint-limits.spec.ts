import { describe, expect, it } from 'vitest';
import type { OutpaintCapability } from './capabilities';
import { fluxOutpaint } from './flux/flux-models';
import { ideogramOutpaint } from './ideogram/ideogram-models';
import { nearestResolution, planOutpaint } from '@atelier/image-edits';

const margins = (m: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>) => ({
  top: 0,
  right: 0,
  bottom: 0,
  left: 0,
  ...m,
});

describe('planOutpaint', () => {
  it('gives the canvas (source + margins) as the result for providers that deliver it exactly', () => {
    const { plan, issues } = planOutpaint(
      fluxOutpaint,
      'Flux',
      { width: 1000, height: 600 },
      margins({ left: 100, top: 50 }),
    );
    expect(issues).toEqual([]);
    expect(plan).toEqual({
      canvas: { width: 1100, height: 650 },
      result: { width: 1100, height: 650 },
      resolution: null,
    });
  });

  it('names each bad margin', () => {
    const { issues } = planOutpaint(
      fluxOutpaint,
      'Flux',
      { width: 100, height: 100 },
      margins({ top: -1, right: 2.5, left: 4000 }),
    );
    expect(issues.map((issue) => issue.field)).toEqual(['top', 'right', 'left']);
    expect(issues[2]!.message).toBe('left must be at most 2048 pixels for Flux (got 4000)');
  });

  it('wants at least one margin and keeps each side within 8192', () => {
    expect(planOutpaint(fluxOutpaint, 'Flux', { width: 100, height: 100 }, margins({})).issues).toEqual([
      { field: 'top', message: 'give at least one margin (top, right, bottom or left) above 0' },
    ]);
    const tall = planOutpaint(
      fluxOutpaint,
      'Flux',
      { width: 100, height: 6000 },
      margins({ top: 2000, bottom: 300 }),
    );
    expect(tall.issues).toEqual([
      { field: 'top', message: 'the expanded height (8300) must be at most 8192 pixels for Flux' },
    ]);
  });

  it('holds Ideogram to square, centred expansions it has a size for, and picks that size', () => {
    const square = { width: 1024, height: 1024 };
    const wide = planOutpaint(ideogramOutpaint, 'Ideogram', square, margins({ left: 400, right: 400 }));
    expect(wide.issues).toEqual([]);
    // 1824×1024 is 1.78:1 → 1312x736 (16:9).
    expect(wide.plan).toMatchObject({ resolution: '1312x736', result: { width: 1312, height: 736 } });
    const uneven = planOutpaint(ideogramOutpaint, 'Ideogram', square, margins({ left: 400, right: 300 }));
    expect(uneven.issues.map((issue) => issue.field)).toEqual(['right']);
    const notSquare = planOutpaint(
      ideogramOutpaint,
      'Ideogram',
      { width: 800, height: 600 },
      margins({ top: 100, bottom: 100 }),
    );
    expect(notSquare.issues).toEqual([
      { field: 'source', message: 'Ideogram expands square pictures only (this one is 800×600)' },
    ]);
    const tooWide = planOutpaint(ideogramOutpaint, 'Ideogram', square, margins({ left: 2000, right: 2000 }));
    expect(tooWide.issues[0]).toMatchObject({ field: 'left' });
    expect(tooWide.issues[0]!.message).toMatch(/nearest to a 5024×1024 canvas is 1536x512/);
  });

  it('finds the nearest resolution by shape, the larger on a tie', () => {
    expect(nearestResolution(1000, 1000, ['512x512', '1024x1024', '1024x768'])).toBe('1024x1024');
    expect(nearestResolution(1600, 900, ['1024x1024', '1312x736', '736x1312'])).toBe('1312x736');
  });

  it('lets a provider without a margin limit take any margin up to the side limit', () => {
    const open: OutpaintCapability = { ...fluxOutpaint, maxMargin: null };
    expect(planOutpaint(open, 'X', { width: 100, height: 100 }, margins({ left: 5000 })).issues).toEqual([]);
  });
});
