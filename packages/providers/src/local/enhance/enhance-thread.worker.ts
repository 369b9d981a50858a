import { parentPort, workerData } from 'node:worker_threads';
import { ProviderError } from '../../errors';
import type { EnhanceRequest } from '../../image-provider';
import { createLocalEnhancer, type LocalEnhancerOptions } from './local-enhancer';
import type { FromThread, ToThread } from './enhance-thread.messages';

/** Runs the enhancer in this worker thread, so its long WebAssembly calls never stall the event loop of the server. */
const enhancer = createLocalEnhancer((workerData as { options: LocalEnhancerOptions }).options);
const running = new Map<number, AbortController>();
const port = parentPort!;
const send = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (message: ToThread) => {
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    return;
  }
  if (message.type === 'warm') {
    enhancer.warm().catch(() => undefined);
    return;
  }
  const abort = new AbortController();
  running.set(message.id, abort);
  const request: EnhanceRequest = {
    ...message.request,
    source: { ...message.request.source, bytes: Buffer.from(message.request.source.bytes) },
  };
  enhancer
    .enhance(request, {
      signal: abort.signal,
      onProgress: (update) => send({ type: 'progress', id: message.id, update }),
    })
    .then((result) => {
      const images = result.images.map((image) => ({ ...image, bytes: new Uint8Array(image.bytes) }));
      send(
        { type: 'done', id: message.id, result: { ...result, images } },
        images.map((image) => image.bytes.buffer),
      );
    })
    .catch((error: unknown) => {
      const failure =
        error instanceof ProviderError
          ? { code: error.code, message: error.message, retryable: error.retryable, details: error.details }
          : {
              code: 'API_ERROR' as const,
              message: `The local upscaler failed: ${String(error)}`,
              retryable: true,
              details: {},
            };
      send({ type: 'failed', id: message.id, error: failure });
    })
    .finally(() => running.delete(message.id));
});
