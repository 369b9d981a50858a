import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { z } from 'zod';
import { packageDir, packageVersion } from './package-dir';

export type EsrganSize = 'slim' | 'medium';
export type EsrganScale = 2 | 4;

export interface EsrganWeights {
  /** "@upscalerjs/esrgan-slim@1.0.0 models/x2", for the image's metadata. */
  source: string;
  artifacts: io.ModelArtifacts;
}

const modelJsonSchema = z.object({
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(
    z.object({
      paths: z.array(z.string()),
      weights: z.array(
        z.custom<io.WeightsManifestEntry>((entry) => typeof entry === 'object' && entry !== null),
      ),
    }),
  ),
});

export const esrganPackage = (size: EsrganSize): string => `@upscalerjs/esrgan-${size}`;

/**
 * Reads a TensorFlow.js layers model (model.json and its weight shards) from the npm package that
 * ships it. Only the file system is touched: no URL is ever formed, so no network is involved.
 */
export async function readEsrganWeights(size: EsrganSize, scale: EsrganScale): Promise<EsrganWeights> {
  const name = esrganPackage(size);
  const root = packageDir(name);
  const folder = path.join(root, 'models', `x${scale}`);
  const json = modelJsonSchema.parse(JSON.parse(await readFile(path.join(folder, 'model.json'), 'utf8')));
  const shardPaths = json.weightsManifest.flatMap((group) => group.paths);
  const shards = await Promise.all(
    shardPaths.map((shard) => {
      const file = path.resolve(folder, shard);
      if (!file.startsWith(folder + path.sep)) {
        throw new Error(`Weight shard ${shard} lies outside ${folder}`);
      }
      return readFile(file);
    }),
  );
  const weights = Buffer.concat(shards);
  return {
    source: `${name}@${packageVersion(name)} models/x${scale}`,
    artifacts: {
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      // A fresh ArrayBuffer holding exactly the weights (a Buffer may be a view into a larger pool).
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      ...(json.format !== undefined ? { format: json.format } : {}),
      ...(json.generatedBy !== undefined ? { generatedBy: json.generatedBy } : {}),
      ...(json.convertedBy != null ? { convertedBy: json.convertedBy } : {}),
    },
  };
}

/** A tf.io handler that loads the weights from disk: what tf.loadLayersModel is given instead of a URL. */
export const diskModelHandler = (size: EsrganSize, scale: EsrganScale): io.IOHandler => ({
  load: async () => (await readEsrganWeights(size, scale)).artifacts,
});
