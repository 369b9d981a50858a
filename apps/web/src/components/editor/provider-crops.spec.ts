import { describe, expect, it } from 'vitest';
import { fluxFixture, providerFixture } from '../../lib/testing/fixtures';
import { initialCrop } from './crop-rect';
import { cropOperations, providerCrops, sameCropRatio } from './provider-crops';

describe('providerCrops', () => {
  it('offers a pixel-size model’s sizes, each with the resize that follows the crop', () => {
    const crops = providerCrops(providerFixture());
    expect(crops.map((crop) => crop.label)).toEqual([
      '1024 × 1024',
      '1152 × 896',
      '896 × 1216',
      '1280 × 832',
      '832 × 1280',
      '1344 × 768',
      '768 × 1344',
    ]);
    expect(crops[5]).toEqual({
      label: '1344 × 768',
      value: 1344 / 768,
      size: { width: 1344, height: 768 },
      provider: 'local',
    });
  });

  it('adds the aspect ratios of models that take one, once each, without a resize', () => {
    const labels = providerCrops(fluxFixture()).map((crop) => crop.label);
    // The Ultra model's four ratios; Kontext's 1:1 and 16:9 are not repeated.
    expect(labels.slice(-4)).toEqual(['1:1', '16:9', '9:16', '21:9']);
    expect(labels.filter((label) => label === '16:9')).toHaveLength(1);
    const wide = providerCrops(fluxFixture()).find((crop) => crop.label === '21:9')!;
    expect(wide.value).toBeCloseTo(21 / 9);
    expect(wide.size).toBeUndefined();
  });

  it('tells a provider’s ratio apart from the usual one of the same name', () => {
    const flux = providerCrops(fluxFixture()).find((crop) => crop.label === '16:9')!;
    expect(sameCropRatio({ label: '16:9', value: 16 / 9 }, flux)).toBe(false);
    expect(sameCropRatio(flux, { ...flux })).toBe(true);
    expect(sameCropRatio(null, flux)).toBe(false);
  });
});

describe('cropOperations', () => {
  const picture = { width: 3000, height: 2000 };

  it('crops to the size’s shape, then resizes to exactly the size', () => {
    const size = { width: 1344, height: 768 };
    const ratio = { label: '1344 × 768', value: 1344 / 768, size, provider: 'local' };
    const frame = initialCrop(picture, ratio.value);
    const [crop, resize] = cropOperations(frame, picture, ratio);
    expect(crop).toMatchObject({ type: 'crop', width: 3000 });
    expect(crop?.type === 'crop' && crop.width / crop.height).toBeCloseTo(1344 / 768, 2);
    expect(resize).toEqual({ type: 'resize', width: 1344, height: 768 });
  });

  it('only resizes when the frame keeps the whole picture, and only crops for a plain ratio', () => {
    const whole = { x: 0, y: 0, width: 3000, height: 2000 };
    const size = { width: 1248, height: 832 };
    expect(cropOperations(whole, picture, { label: '1248 × 832', value: 1.5, size })).toEqual([
      { type: 'resize', width: 1248, height: 832 },
    ]);
    expect(
      cropOperations({ x: 10, y: 20, width: 900, height: 900 }, picture, { label: '1:1', value: 1 }),
    ).toEqual([{ type: 'crop', x: 10, y: 20, width: 900, height: 900 }]);
  });

  it('adds no resize when the crop already has the size', () => {
    const size = { width: 1024, height: 1024 };
    const ops = cropOperations({ x: 0, y: 0, width: 1024, height: 1024 }, picture, {
      label: '1024 × 1024',
      value: 1,
      size,
    });
    expect(ops).toEqual([{ type: 'crop', x: 0, y: 0, width: 1024, height: 1024 }]);
  });
});
