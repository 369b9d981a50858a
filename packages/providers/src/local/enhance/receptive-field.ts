import { z } from 'zod';

const layerSchema = z.object({
  class_name: z.string(),
  name: z.string(),
  config: z
    .object({
      kernel_size: z.array(z.number()).optional(),
      dilation_rate: z.array(z.number()).optional(),
      size: z.array(z.number()).optional(),
      strides: z.array(z.number()).optional(),
    })
    .loose(),
  inbound_nodes: z.array(z.array(z.tuple([z.string()]).rest(z.unknown()))),
});

const topologySchema = z.object({
  model_config: z.object({ config: z.object({ layers: z.array(layerSchema) }) }),
});

/** Layers that look at one pixel at a time (or merge same-pixel inputs): they do not widen the field. */
const pointwise = new Set([
  'InputLayer',
  'Activation',
  'Add',
  'Concatenate',
  'Multiply',
  'ReLU',
  'LeakyReLU',
  'PReLU',
]);

/**
 * How far, in input pixels, an output pixel can see: the padding a tile needs so that cropping it
 * gives exactly what the whole image would give. Read from the model's own topology so a different
 * network can never silently produce seams; a layer kind we do not know is an error.
 */
export function receptiveRadius(modelTopology: unknown): number {
  const { layers } = topologySchema.parse(modelTopology).model_config.config;
  const reach = new Map<string, { radius: number; scale: number }>();
  let last = { radius: 0, scale: 1 };
  for (const layer of layers) {
    const inputs = layer.inbound_nodes.flatMap((node) => node.map(([name]) => reach.get(name)));
    let { radius, scale } = inputs.reduce<{ radius: number; scale: number }>(
      (widest, input) => (input !== undefined && input.radius > widest.radius ? input : widest),
      inputs[0] ?? { radius: 0, scale: 1 },
    );
    const { kernel_size: kernel, dilation_rate: dilation, size, strides } = layer.config;
    if (layer.class_name === 'Conv2D') {
      if ((strides ?? [1]).some((s) => s !== 1)) throw new Error(`Strided convolution ${layer.name}`);
      radius += ((((kernel?.[0] ?? 1) - 1) / 2) * (dilation?.[0] ?? 1)) / scale;
    } else if (layer.class_name === 'UpSampling2D') {
      scale *= size?.[0] ?? 2;
      // Nearest-neighbour upsampling: an output pixel may sit half an input pixel off centre.
      radius += 0.5;
    } else if (!pointwise.has(layer.class_name)) {
      throw new Error(`Cannot tell how far layer ${layer.name} (${layer.class_name}) sees`);
    }
    last = { radius, scale };
    reach.set(layer.name, last);
  }
  return Math.ceil(last.radius);
}
