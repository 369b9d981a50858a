/** How each kind of BFL model sizes its output, from the body and the decoded input images. */

export interface Size {
  width: number;
  height: number;
}

/** FLUX.2's pixel budget: larger requests are refused, larger inputs scaled down. */
export const FLUX2_MAX_PIXELS = 2048 * 2048;

export const bodyNumber = (body: Record<string, unknown>, key: string): number | null =>
  typeof body[key] === 'number' ? body[key] : null;

/** A ~1 MP size with this aspect ratio (the fake keeps renders cheap; real ultra is ~4 MP). */
export function sizeForAspect(aspect: string | null, megapixels = 1): Size {
  const match = /^(\d+):(\d+)$/.exec(aspect ?? '');
  const ratio = match ? Number(match[1]) / Number(match[2]) : 1;
  const width = Math.round(Math.sqrt(megapixels * 1_048_576 * ratio) / 32) * 32;
  const height = Math.round(Math.sqrt((megapixels * 1_048_576) / ratio) / 32) * 32;
  return { width, height };
}

const firstInput = (inputs: ReadonlyMap<string, Size>, ...fields: string[]): Size | undefined =>
  fields.map((field) => inputs.get(field)).find((size) => size !== undefined);

export const flux2Size = (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>): Size => {
  const width = bodyNumber(body, 'width') ?? 0;
  const height = bodyNumber(body, 'height') ?? 0;
  if (width > 0 && height > 0) return { width, height };
  const input = firstInput(inputs, 'input_image');
  if (!input) return { width: 1024, height: 1024 };
  const scale = Math.min(1, Math.sqrt(FLUX2_MAX_PIXELS / (input.width * input.height)));
  return {
    width: Math.max(64, Math.floor((input.width * scale) / 16) * 16),
    height: Math.max(64, Math.floor((input.height * scale) / 16) * 16),
  };
};

export const flux1Size = (body: Record<string, unknown>): Size => ({
  width: bodyNumber(body, 'width') ?? 1024,
  height: bodyNumber(body, 'height') ?? 768,
});

export const sameAsImage = (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>): Size =>
  firstInput(inputs, 'image', 'input_image', 'control_image', 'preprocessed_image') ?? {
    width: 1024,
    height: 768,
  };

export const kontextSize = (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>): Size => {
  if (typeof body.aspect_ratio === 'string') return sizeForAspect(body.aspect_ratio);
  const input = firstInput(inputs, 'input_image');
  return input ? sizeForAspect(`${input.width}:${input.height}`) : sizeForAspect('1:1');
};
