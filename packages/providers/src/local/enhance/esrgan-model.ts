import type { LayersModel } from '@tensorflow/tfjs';
import { readEsrganWeights, type EsrganScale, type EsrganSize } from './esrgan-weights';
import { receptiveRadius } from './receptive-field';
import { loadTfjs, type Tfjs } from './tfjs-runtime';

export interface EsrganModel {
  tf: Tfjs;
  model: LayersModel;
  size: EsrganSize;
  scale: EsrganScale;
  /** Input pixels each output pixel depends on, on every side: the padding a tile needs. */
  radius: number;
  /** Where the weights came from, for the image's metadata. */
  source: string;
}

/** Loads a model from its npm package on disk, every time: tests use it to prove no network is needed. */
export async function loadEsrganModel(size: EsrganSize, scale: EsrganScale): Promise<EsrganModel> {
  const tf = await loadTfjs();
  const weights = await readEsrganWeights(size, scale);
  const model = await tf.loadLayersModel({ load: async () => weights.artifacts });
  return {
    tf,
    model,
    size,
    scale,
    radius: receptiveRadius(weights.artifacts.modelTopology),
    source: weights.source,
  };
}

const loaded = new Map<string, Promise<EsrganModel>>();

/** The model, loaded once per process on first use and kept (a few MB of weights). */
export function esrganModel(size: EsrganSize, scale: EsrganScale): Promise<EsrganModel> {
  const key = `${size}x${scale}`;
  let model = loaded.get(key);
  if (model === undefined) {
    model = loadEsrganModel(size, scale);
    loaded.set(key, model);
    model.catch(() => loaded.delete(key));
  }
  return model;
}

export interface EsrganFacts {
  radius: number;
  source: string;
}

const facts = new Map<string, Promise<EsrganFacts>>();

/** What the stitching side needs to know of a model (its tile padding and origin) without running it. */
export function esrganFacts(size: EsrganSize, scale: EsrganScale): Promise<EsrganFacts> {
  const key = `${size}x${scale}`;
  let known = facts.get(key);
  if (known === undefined) {
    known = readEsrganWeights(size, scale).then((weights) => ({
      radius: receptiveRadius(weights.artifacts.modelTopology),
      source: weights.source,
    }));
    facts.set(key, known);
    known.catch(() => facts.delete(key));
  }
  return known;
}
