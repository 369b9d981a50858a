import { throwIfAborted } from '../errors';
import type { ProviderResult, RestyleRequest, RunContext } from '../image-provider';
import type { Rgb } from './colour';
import { applyLut, buildLut } from './colour-lut';
import { colourTransfer, labStats } from './colour-transfer';
import { decodeImage, encodeRgb, encodeRgba, transformRgb, type RgbImage } from './pixels';
import { applyLook } from './rasterize';
import { localResult } from './guarded';
import { PROCEDURAL_MODEL } from './local-capabilities';
import { readStyleText, restyleVocabulary, type RestyleLook } from './restyle-look';
import { invalidInput, validateSource } from './validate';

export interface RestyleInput {
  source: Buffer;
  /** Colour statistics to take on, when restyling to match a reference picture. */
  reference: Buffer | null;
  look: RestyleLook | null;
  seed: number;
}

export interface Restyled {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Darkens toward the corners like the renderer's vignette layer (an ellipse from 55% to 100% of 72%). */
function vignette(image: RgbImage, strength: number): void {
  const { data, width, height } = image;
  for (let y = 0; y < height; y++) {
    const dy = ((y + 0.5) / height - 0.5) / 0.72;
    for (let x = 0; x < width; x++) {
      const dx = ((x + 0.5) / width - 0.5) / 0.72;
      const t = Math.min(1, Math.max(0, (Math.hypot(dx, dy) - 0.55) / 0.45));
      if (t === 0) continue;
      const keep = 1 - t * strength;
      const i = (y * width + x) * 3;
      data[i] = Math.round((data[i] ?? 0) * keep);
      data[i + 1] = Math.round((data[i + 1] ?? 0) * keep);
      data[i + 2] = Math.round((data[i + 2] ?? 0) * keep);
    }
  }
}

/** A small copy for statistics: a reference's colours do not need all its pixels. */
const thumbnail = (image: RgbImage): Promise<RgbImage> => {
  const k = Math.min(1, 256 / Math.max(image.width, image.height));
  if (k === 1) return Promise.resolve(image);
  return transformRgb(image, {
    resize: {
      width: Math.max(1, Math.round(image.width * k)),
      height: Math.max(1, Math.round(image.height * k)),
      kernel: 'cubic',
    },
  });
};

/**
 * Colour and tone transforms on the source's own pixels, at its own size: no re-render and no
 * model. Colour changes (reference transfer, style recolour, moods, tints) are folded into one
 * lookup table; the style's finish (blur, bloom, grain, pixel blocks) and the vignette follow.
 */
export async function restyleImage(input: RestyleInput): Promise<Restyled> {
  const source = await decodeImage(input.source);
  let image: RgbImage = { data: source.data, width: source.width, height: source.height };
  const steps: ((c: Rgb) => Rgb)[] = [];
  if (input.reference !== null) {
    const reference = await thumbnail(await decodeImage(input.reference));
    steps.push(colourTransfer(labStats(await thumbnail(image)), labStats(reference)));
  }
  const look = input.look;
  if (look?.colour != null) steps.push(look.colour);
  if (steps.length > 0) {
    applyLut(
      image,
      buildLut((c) => steps.reduce((value, step) => step(value), c)),
    );
  }
  if (look !== null) {
    const { width, height } = image;
    if (look.soften < 1) {
      const small = await transformRgb(image, {
        resize: {
          width: Math.max(1, Math.round(width * look.soften)),
          height: Math.max(1, Math.round(height * look.soften)),
          kernel: 'cubic',
        },
      });
      image = await transformRgb(small, { resize: { width, height, kernel: 'cubic' } });
    }
    image = await applyLook(image, look.raster, { seed: input.seed, fine: true });
    if (look.vignette > 0) vignette(image, look.vignette);
  }
  const bytes = source.alpha === null ? await encodeRgb(image, 'png') : await encodeRgba(image, source.alpha);
  return { bytes, width: image.width, height: image.height };
}

/**
 * Restyle for the local provider: a style from text (a local style, finishing, mood and colour
 * words), a reference picture's colours, or both. One image whatever `count` asks for: the
 * transform is deterministic, so more copies would be the same picture.
 */
export async function restyle(
  request: RestyleRequest,
  { signal, onProgress }: RunContext,
): Promise<ProviderResult> {
  const started = performance.now();
  throwIfAborted(signal);
  if (request.model !== PROCEDURAL_MODEL) {
    throw invalidInput(
      `Unknown model "${request.model}"; the local provider restyles with "${PROCEDURAL_MODEL}"`,
      {
        field: 'model',
      },
    );
  }
  validateSource(request.source);
  if (request.styleReference !== null) validateSource(request.styleReference, 'styleReference');
  const text = (request.styleText ?? request.params.style ?? '').trim();
  const look = text === '' ? null : readStyleText(text);
  if (text !== '' && look === null) {
    throw invalidInput(
      `The local restyle does not understand "${text}"; it knows words such as ${restyleVocabulary().join(', ')}`,
      { field: 'styleText' },
    );
  }
  if (look === null && request.styleReference === null) {
    throw invalidInput('Restyle needs a style (text) or a reference image', { field: 'styleText' });
  }
  onProgress({ progress: 0.1, stage: 'restyling' });
  const restyled = await restyleImage({
    source: request.source.bytes,
    reference: request.styleReference?.bytes ?? null,
    look,
    seed: request.params.seed,
  });
  throwIfAborted(signal);
  onProgress({ progress: 1, stage: 'restyled' });
  return localResult(
    [
      {
        bytes: restyled.bytes,
        mime: 'image/png',
        width: restyled.width,
        height: restyled.height,
        seed: request.params.seed,
        model: PROCEDURAL_MODEL,
        metadata: {
          renderer: PROCEDURAL_MODEL,
          restyle: 'colour and tone transform of the source (not AI)',
          style: look?.style ?? null,
          understood: look?.understood ?? [],
          reference: request.styleReference === null ? null : 'Lab mean and spread transferred',
        },
      },
    ],
    Math.round(performance.now() - started),
  );
}
