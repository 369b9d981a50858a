import type { EditRequest } from '../image-provider';
import type { SceneJob } from './paint-scenes';
import { compositeMasked, decodeGrey, decodeImage, transformRgb, type RgbImage } from './pixels';
import { readPrompt, type SceneDescription } from './prompt-reader';
import { planScene } from './scene-plan';
import type { StyleLook } from './styles';
import { invalidInput } from './validate';

export interface EditPlan {
  description: SceneDescription;
  /** Share of the picture the mask repaints, 0..1. */
  coverage: number;
  jobs: SceneJob[];
}

/**
 * An honest local edit: the prompt painted as a whole procedural scene at the source's size, and
 * shown only where the mask is white. Every frame, previews included, is composited over the
 * source, so progress shows the edit taking shape in place.
 */
export async function planEdit(request: EditRequest, look: StyleLook): Promise<EditPlan> {
  const { params } = request;
  const base: RgbImage = await decodeImage(request.source.bytes);
  const { width, height } = base;
  const description = readPrompt(request.prompt, params.negativePrompt);
  const feather = Math.max(0.5, Math.max(width, height) / 512);
  const mask = await decodeGrey(request.mask.bytes, width, height, feather);
  let covered = 0;
  for (const value of mask) covered += value;
  const coverage = covered / (255 * mask.length);
  if (coverage < 0.001) {
    throw invalidInput('The mask is black everywhere: paint white where the picture should change', {
      field: 'mask',
    });
  }
  const bySize = new Map<string, Promise<{ base: RgbImage; mask: Buffer }>>();
  const layersAt = (w: number, h: number) => {
    const key = `${w}x${h}`;
    let found = bySize.get(key);
    if (found === undefined) {
      found =
        w === width && h === height
          ? Promise.resolve({ base, mask })
          : Promise.all([
              transformRgb(base, { resize: { width: w, height: h, kernel: 'cubic' } }),
              decodeGrey(request.mask.bytes, w, h),
            ]).then(([b, m]) => ({ base: b, mask: m }));
      bySize.set(key, found);
    }
    return found;
  };
  const finish: SceneJob['finish'] = async (frame, w, h, format) => {
    const at = await layersAt(w, h);
    return compositeMasked(at.base, frame, at.mask, format);
  };
  const jobs = Array.from({ length: request.count }, (_, index): SceneJob => {
    const seed = params.seed + index;
    return {
      plan: planScene({ description, seed, width, height, quality: params.quality, look }),
      seed,
      finish,
    };
  });
  return { description, coverage, jobs };
}
