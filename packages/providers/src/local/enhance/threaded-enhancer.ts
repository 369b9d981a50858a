import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ProviderError, throwIfAborted } from '../../errors';
import type { EnhanceRequest, ProviderResult, RunContext } from '../../image-provider';
import type { FromThread, ToThread } from './enhance-thread.messages';
import { describeLocalEnhancer, type LocalEnhancer, type LocalEnhancerOptions } from './local-enhancer';

interface Pending {
  context: RunContext;
  resolve: (result: ProviderResult) => void;
  reject: (error: Error) => void;
}

/**
 * The local enhancer behind a worker thread: each tile is one long synchronous WebAssembly call,
 * which would otherwise stall every request and subscription of the process for up to a second.
 * One thread per process, started on first use and kept while work is pending.
 */
export function createThreadedEnhancer(options: LocalEnhancerOptions = {}): LocalEnhancer {
  const { model, capability } = describeLocalEnhancer(options);
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;

  const thread = (): Worker => {
    if (worker) return worker;
    const started = new Worker(fileURLToPath(new URL('./enhance-thread.boot.mjs', import.meta.url)), {
      workerData: { entry: fileURLToPath(new URL('./enhance-thread.worker.ts', import.meta.url)), options },
    });
    started.on('message', (message: FromThread) => {
      const job = pending.get(message.id);
      if (!job) return;
      switch (message.type) {
        case 'progress':
          job.context.onProgress(message.update);
          return;
        case 'done':
          finish(message.id);
          job.resolve({
            ...message.result,
            images: message.result.images.map((image) => ({ ...image, bytes: Buffer.from(image.bytes) })),
          });
          return;
        case 'failed':
          finish(message.id);
          job.reject(new ProviderError(message.error));
          return;
      }
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', () => {
      worker = null;
      failAll(new Error('the upscaler thread stopped'));
    });
    started.unref();
    worker = started;
    return started;
  };

  const finish = (id: number) => {
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
  };

  const failAll = (error: Error) => {
    for (const [id, job] of pending) {
      pending.delete(id);
      job.reject(
        new ProviderError({
          code: 'API_ERROR',
          message: `The local upscaler failed: ${error.message}`,
          retryable: true,
        }),
      );
    }
  };

  const post = (message: ToThread) => thread().postMessage(message);

  return {
    model,
    capability,
    async warm() {
      post({ type: 'warm' });
    },
    enhance(request: EnhanceRequest, context: RunContext): Promise<ProviderResult> {
      throwIfAborted(context.signal);
      const id = nextId++;
      return new Promise<ProviderResult>((resolve, reject) => {
        pending.set(id, { context, resolve, reject });
        const onAbort = () => post({ type: 'cancel', id });
        context.signal.addEventListener('abort', onAbort, { once: true });
        const cleanup = () => context.signal.removeEventListener('abort', onAbort);
        const job = pending.get(id)!;
        job.resolve = (result) => {
          cleanup();
          resolve(result);
        };
        job.reject = (error) => {
          cleanup();
          reject(error);
        };
        const w = thread();
        w.ref();
        const bytes = new Uint8Array(request.source.bytes);
        w.postMessage({
          type: 'enhance',
          id,
          request: { ...request, source: { ...request.source, bytes } },
        } satisfies ToThread);
      });
    },
  };
}
