/** The 200 bodies: image items (with links, or withheld as unsafe) and /describe's descriptions. */
import type { FilePart, Value } from './fake-field-values';
import type { ImageLinks } from './fake-image-links';
import type { Produced } from './fake-painters';
import { decodePixels, dominantColour } from './fake-pixels';
import type { IdeogramScenarioEntry } from './fake-scenarios';
import type { EndpointSpec } from './fake-schema';

/** The timestamp format of Ideogram's `created` (Python's isoformat, microseconds and offset). */
function pythonIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

export async function describeResult(values: Record<string, Value>): Promise<Record<string, unknown>> {
  const pixels = await decodePixels(((values.image_file ?? values.image) as FilePart).bytes);
  const colour = dominantColour(pixels);
  return {
    descriptions: [
      {
        text: `A ${colour}-toned picture, ${pixels.width}×${pixels.height} pixels, with a clear central subject.`,
      },
    ],
  };
}

export interface ImageItems {
  /** One per item; null for a withheld (unsafe) one. */
  pngs: (Buffer | null)[];
  prompts: string[];
  seeds: number[];
  produced: Produced;
  scenario: IdeogramScenarioEntry | null;
}

export function imagesResult(
  spec: EndpointSpec,
  values: Record<string, Value>,
  items: ImageItems,
  links: ImageLinks,
  now: number,
): Record<string, unknown> {
  const { pngs, prompts, seeds, produced, scenario } = items;
  const styleType =
    spec.output === 'upscale' || spec.path === '/v1/ideogram-v4/generate'
      ? undefined
      : typeof values.style_type === 'string' && values.style_type !== 'AUTO'
        ? values.style_type
        : 'GENERAL';
  return {
    created: pythonIso(now),
    data: pngs.map((png, i) => ({
      url: png === null ? null : links.publish(png, scenario),
      prompt: prompts[i],
      resolution: produced.resolution,
      ...(produced.upscaled !== null && { upscaled_resolution: produced.upscaled }),
      is_image_safe: png !== null,
      seed: seeds[i],
      ...(styleType !== undefined && { style_type: styleType }),
    })),
  };
}
