/**
 * What each endpoint paints: the reported resolution, and a renderer per image built from the
 * local procedural scene and the request's input image (remix, edit, reframe, background, upscale).
 */
import type { FilePart, Value } from './fake-field-values';
import {
  cover,
  cutOut,
  decodePixels,
  mix,
  paste,
  type Pixels,
  renderScene,
  resize,
  resizeNearest,
  toPng,
} from './fake-pixels';
import { type EndpointSpec, type Output, sizeForAspect } from './fake-schema';
import type { IdeogramFakeState } from './fake-state';

export interface Produced {
  resolution: string;
  upscaled: string | null;
  render: (i: number) => Promise<Buffer>;
}

type Scene = ReturnType<typeof renderScene>;

interface PaintRequest {
  spec: EndpointSpec;
  values: Record<string, Value>;
  input: FilePart | undefined;
  inputPixels: Promise<Pixels> | null;
  /** The scene for image `i` at this size (cached by prompt, seed and size). */
  scene: (i: number, width: number, height: number) => Scene;
  upscaleFactor: number;
}

export function produce(
  state: IdeogramFakeState,
  spec: EndpointSpec,
  values: Record<string, Value>,
  prompts: string[],
  seeds: number[],
): Produced {
  const input = (values.image ?? values.image_file) as FilePart | undefined;
  const inputPixels = input ? decodePixels(input.bytes) : null;
  inputPixels?.catch(() => undefined);
  const scene = (i: number, width: number, height: number): Scene => {
    const key = `${seeds[i]}|${width}x${height}|${prompts[i]}`;
    let rendering = state.renders.get(key);
    if (rendering === undefined) {
      rendering = renderScene(prompts[i] ?? '', seeds[i] ?? 0, width, height, state.renderScale);
      state.renders.set(key, rendering);
      if (state.renders.size > 24) state.renders.delete(state.renders.keys().next().value!);
    }
    return rendering;
  };
  return painters[spec.output]({
    spec,
    values,
    input,
    inputPixels,
    scene,
    upscaleFactor: state.upscaleFactor,
  });
}

const outputSize = (values: Record<string, Value>, fallback = '1024x1024'): string => {
  const { resolution, aspect_ratio: aspect } = values;
  if (typeof resolution === 'string') return resolution.replace(/^RESOLUTION_/, '').replace('_', 'x');
  if (typeof aspect === 'string') {
    return sizeForAspect[aspect.replace(/^ASPECT_/, '').replace('_', 'x')] ?? fallback;
  }
  return fallback;
};

function parseSize(value: string): { width: number; height: number } {
  const [w, h] = value
    .replace(/^RESOLUTION_/, '')
    .split(/[x_]/)
    .map(Number);
  return { width: w ?? 1024, height: h ?? 1024 };
}

const painters: Record<Output, (request: PaintRequest) => Produced> = {
  generate: ({ spec, values, scene }) => {
    const resolution = spec.path === '/v1/ideogram-v4/generate' ? '1024x1024' : outputSize(values);
    const { width, height } = parseSize(resolution);
    return { resolution, upscaled: null, render: async (i) => (await scene(i, width, height)).png };
  },
  remix: ({ values, inputPixels, scene }) => {
    const resolution = outputSize(values);
    const { width, height } = parseSize(resolution);
    const weight = (typeof values.image_weight === 'number' ? values.image_weight : 50) / 100;
    return {
      resolution,
      upscaled: null,
      render: async (i) => {
        const base = cover(await inputPixels!, width, height);
        const painted = await (await scene(i, width, height)).pixels();
        return toPng(mix(painted, base, () => weight));
      },
    };
  },
  edit: ({ values, input, inputPixels, scene }) => {
    const { width, height } = input!;
    const maskPixels = decodePixels((values.mask as FilePart).bytes);
    return {
      resolution: `${width}x${height}`,
      upscaled: null,
      render: async (i) => {
        const mask = await maskPixels;
        const painted = await (await scene(i, width, height)).pixels();
        // Black = the area to edit.
        return toPng(
          mix(await inputPixels!, painted, (x, y) => ((mask.data[(y * width + x) * 3] ?? 0) < 128 ? 1 : 0)),
        );
      },
    };
  },
  reframe: ({ values, inputPixels, scene }) => {
    const resolution = outputSize(values);
    const { width, height } = parseSize(resolution);
    return {
      resolution,
      upscaled: null,
      render: async (i) => {
        const source = await inputPixels!;
        const k = Math.min(width / source.width, height / source.height);
        const fitted = resize(source, Math.round(source.width * k), Math.round(source.height * k));
        const background = await (await scene(i, width, height)).pixels();
        const left = Math.floor((width - fitted.width) / 2);
        return toPng(paste(background, fitted, left, Math.floor((height - fitted.height) / 2)));
      },
    };
  },
  'replace-background': ({ input, inputPixels, scene }) => {
    const { width, height } = input!;
    return {
      resolution: `${width}x${height}`,
      upscaled: null,
      render: async (i) => {
        const painted = await (await scene(i, width, height)).pixels();
        const keep = (x: number, y: number): number =>
          Math.hypot((x - width / 2) / (width * 0.35), (y - height / 2) / (height * 0.35)) <= 1 ? 1 : 0;
        return toPng(mix(painted, await inputPixels!, keep));
      },
    };
  },
  transparent: ({ values, scene }) => {
    const resolution = outputSize(values);
    const { width, height } = parseSize(resolution);
    const factor = values.upscale_factor === 'X4' ? 4 : values.upscale_factor === 'X2' ? 2 : 1;
    return {
      resolution,
      upscaled: factor === 1 ? null : `${width * factor}x${height * factor}`,
      render: async (i) => {
        const painted = await (await scene(i, width, height)).pixels();
        const cut = cutOut(painted);
        return toPng(factor === 1 ? cut : resizeNearest(cut, width * factor, height * factor));
      },
    };
  },
  upscale: ({ input, inputPixels, upscaleFactor }) => {
    const { width, height } = input!;
    return {
      resolution: `${width}x${height}`,
      upscaled: `${width * upscaleFactor}x${height * upscaleFactor}`,
      render: async () => toPng(resize(await inputPixels!, width * upscaleFactor, height * upscaleFactor)),
    };
  },
  describe: () => ({
    resolution: '',
    upscaled: null,
    render: () => Promise.reject(new Error('describe makes no images')),
  }),
};
