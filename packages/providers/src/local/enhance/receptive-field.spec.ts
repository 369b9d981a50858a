import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDir } from './package-dir';
import { receptiveRadius } from './receptive-field';

const topology = async (name: string, scale: number): Promise<unknown> => {
  const file = path.join(packageDir(name), 'models', `x${scale}`, 'model.json');
  return (JSON.parse(await readFile(file, 'utf8')) as { modelTopology: unknown }).modelTopology;
};

describe('receptiveRadius', () => {
  it('reads how far the shipped networks see, which sets the tile padding', async () => {
    expect(receptiveRadius(await topology('@upscalerjs/esrgan-slim', 2))).toBe(10);
    expect(receptiveRadius(await topology('@upscalerjs/esrgan-slim', 4))).toBe(10);
    expect(receptiveRadius(await topology('@upscalerjs/esrgan-medium', 2))).toBe(18);
  });

  it('refuses a layer whose reach it cannot tell, rather than risk seams', () => {
    const layer = (class_name: string, name: string, inputs: string[], config = {}) => ({
      class_name,
      name,
      config,
      inbound_nodes: inputs.length === 0 ? [] : [inputs.map((input) => [input, 0, 0, {}])],
    });
    const model = (layers: unknown[]) => ({ model_config: { config: { layers } } });
    expect(
      receptiveRadius(
        model([layer('InputLayer', 'in', []), layer('Conv2D', 'c', ['in'], { kernel_size: [5, 5] })]),
      ),
    ).toBe(2);
    expect(() =>
      receptiveRadius(model([layer('InputLayer', 'in', []), layer('MaxPooling2D', 'p', ['in'])])),
    ).toThrow(/Cannot tell/);
  });
});
