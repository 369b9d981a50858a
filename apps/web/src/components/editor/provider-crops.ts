import type { EditOperation } from '@atelier/image-edits';
import { aspectSize, parseRatio, type Provider } from '../../lib/provider-capabilities';
import { isWholePicture, roundCrop, type CropRatio, type Rect } from './crop-rect';
import type { Size } from './editor-context';

/** The shapes a pixel-size model is offered in (the Generate form's sizes for each). */
const SHAPES: readonly (readonly [number, number])[] = [
  [1, 1],
  [4, 3],
  [3, 4],
  [3, 2],
  [2, 3],
  [16, 9],
  [9, 16],
];

/**
 * The crops a provider takes as they are: each aspect ratio its models accept ("16:9"), and for
 * models that take pixel sizes, the size near a megapixel of each usual shape ("1344 × 768"),
 * which the crop is resized to. In the models' order, each once.
 */
export function providerCrops(provider: Provider): CropRatio[] {
  const crops = new Map<string, CropRatio>();
  for (const model of provider.capabilities.models) {
    if (model.size) {
      for (const [w, h] of SHAPES) {
        const size = aspectSize(w, h, model.size);
        const label = `${size.width} × ${size.height}`;
        if (!crops.has(label)) {
          crops.set(label, { label, value: size.width / size.height, size, provider: provider.id });
        }
      }
    }
    for (const ratio of model.aspectRatios) {
      const value = parseRatio(ratio);
      if (value !== null && !crops.has(ratio)) {
        crops.set(ratio, { label: ratio, value, provider: provider.id });
      }
    }
  }
  return [...crops.values()];
}

/** Whether two ratios are the same choice (a provider's "16:9" is not the usual "16:9"). */
export function sameCropRatio(a: CropRatio | null, b: CropRatio): boolean {
  return !!a && a.label === b.label && a.provider === b.provider;
}

/**
 * The steps a crop frame makes once applied: the crop (unless it keeps the whole picture), then,
 * for a provider's pixel size, a resize to exactly it (unless the crop already is that size).
 */
export function cropOperations(rect: Rect, picture: Size, ratio: CropRatio): EditOperation[] {
  const operations: EditOperation[] = [];
  const cropped = roundCrop(rect, picture);
  if (!isWholePicture(rect, picture)) operations.push({ type: 'crop', ...cropped });
  const to = ratio.size;
  if (to && (to.width !== cropped.width || to.height !== cropped.height)) {
    operations.push({ type: 'resize', width: to.width, height: to.height });
  }
  return operations;
}
