import type * as tfjs from '@tensorflow/tfjs';
import { packageDir } from './package-dir';

export type Tfjs = typeof tfjs;

let runtime: Promise<Tfjs> | null = null;

/**
 * TensorFlow.js on its WebAssembly backend, imported on first use (half a second of start-up
 * that nothing but Enhance needs). The .wasm binaries are read from the backend package's dist
 * folder on disk: nothing is fetched.
 */
export function loadTfjs(): Promise<Tfjs> {
  runtime ??= start().catch((error: unknown) => {
    runtime = null;
    throw error;
  });
  return runtime;
}

async function start(): Promise<Tfjs> {
  const [tf, wasm] = await Promise.all([import('@tensorflow/tfjs'), import('@tensorflow/tfjs-backend-wasm')]);
  wasm.setWasmPaths(`${packageDir('@tensorflow/tfjs-backend-wasm')}/dist/`);
  if (!(await tf.setBackend('wasm'))) {
    throw new Error('The WebAssembly backend of TensorFlow.js did not start');
  }
  await tf.ready();
  return tf;
}
