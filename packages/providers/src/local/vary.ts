import type { SourceImage, VaryRequest } from '../image-provider';
import { applyLut, buildLut } from './colour-lut';
import { colourTransfer, labStats } from './colour-transfer';
import { composeSvg } from './compose-svg';
import { previewSize, type SceneJob } from './paint-scenes';
import { decodeImage, encodeRgb, transformRgb, type RgbImage } from './pixels';
import { readPrompt, type SceneDescription } from './prompt-reader';
import { rasterize } from './rasterize';
import { planScene, type ScenePlan } from './scene-plan';
import { sceneLayers } from './scene-layers';
import type { StyleLook } from './styles';
import { subtlePlan, variationSeed } from './variation';

/**
 * Mean difference (0..255) below which a thumbnail of our own render of the source's prompt and
 * seed counts as the source itself. Our renders land at 0.5–5 across the styles; other pictures
 * land far above. A near-identical scene from another seed can pass too, which is harmless: its
 * plan is then as good a match as the source's own.
 */
const SAME_PICTURE_MAE = 6;

export interface VariationJob extends SceneJob {
  /** How this variation relates to the source, for the image's metadata. */
  metadata: Record<string, unknown>;
}

export interface VariationPlan {
  description: SceneDescription;
  /** Whether the source is our own render of this prompt and seed, so its scene plan is known. */
  recognised: boolean;
  jobs: VariationJob[];
}

const meanDifference = (a: RgbImage, b: RgbImage): number => {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
};

/** Our render of `plan`, and the source, as thumbnails of the same size. */
async function thumbnails(plan: ScenePlan, seed: number, source: SourceImage): Promise<[RgbImage, RgbImage]> {
  const { width, height } = previewSize(plan.width, plan.height);
  const ours = await rasterize({
    svg: composeSvg(plan.width, plan.height, sceneLayers(plan)),
    sceneWidth: plan.width,
    sceneHeight: plan.height,
    width,
    height,
    look: plan.look.raster,
    seed,
    format: 'png',
  });
  const theirs = await transformRgb(await decodeImage(source.bytes), {
    resize: { width, height, kernel: 'cubic' },
  });
  return [await decodeImage(ours), theirs];
}

/**
 * Variations are the renderer's own seed and parameter perturbations, not an AI model. A source
 * we painted is recognised by re-rendering its prompt and seed: SUBTLE then keeps its scene plan
 * (layout, terrain, buildings) and nudges palette and details; STRONG re-plans from a new seed. A
 * source we did not paint has no plan to keep: both paint from the prompt, and SUBTLE also takes on
 * the source's colours.
 */
export async function planVariations(request: VaryRequest, look: StyleLook): Promise<VariationPlan> {
  const { params, source, strength } = request;
  const description = readPrompt(request.prompt, params.negativePrompt);
  const plan = (seed: number): ScenePlan =>
    planScene({
      description,
      seed,
      width: source.width,
      height: source.height,
      quality: params.quality,
      look,
    });
  const original = plan(params.seed);
  const [ours, theirs] = await thumbnails(original, params.seed, source);
  const difference = meanDifference(ours, theirs);
  const recognised = difference < SAME_PICTURE_MAE;

  let finish: SceneJob['finish'];
  if (strength === 'SUBTLE' && !recognised) {
    const lut = buildLut(colourTransfer(labStats(ours), labStats(theirs)));
    finish = async (frame, _width, _height, format) => {
      const image = await decodeImage(frame);
      applyLut(image, lut);
      return encodeRgb(image, format);
    };
  }

  const jobs = Array.from({ length: request.count }, (_, index): VariationJob => {
    const seed = variationSeed(params.seed, strength, index);
    const common = {
      strength,
      sourceSeed: params.seed,
      variationSeed: seed,
      sourceRecognised: recognised,
      // Mean difference (0..255) between the source and our render of its prompt and seed.
      sourceDifference: Math.round(difference * 100) / 100,
    };
    if (strength === 'STRONG') {
      return {
        plan: plan(seed),
        seed,
        metadata: {
          ...common,
          method: 'new scene plan from a new seed (Generate with this seed repaints it)',
        },
      };
    }
    return {
      plan: subtlePlan(original, seed),
      seed: params.seed,
      ...(finish !== undefined ? { finish } : {}),
      metadata: {
        ...common,
        method: recognised
          ? "the source's scene plan, palette and small details re-rolled"
          : "a new picture from the prompt in the source's colours (the source is not one of ours)",
      },
    };
  });
  return { description, recognised, jobs };
}
