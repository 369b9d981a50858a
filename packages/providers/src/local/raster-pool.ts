import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ProviderError } from '../errors';
import type { RasterRequest } from './rasterize';
import type { RasterReply, RasterTask } from './raster-thread.worker';

interface Waiting {
  task: RasterTask;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

export type Rasterizer = (request: RasterRequest) => Promise<Buffer>;

// Compiled (apps/api/dist), the thread is a bundle beside this one; from source, tsx loads it.
const RASTER_THREAD = import.meta.filename.endsWith('.js')
  ? { file: join(import.meta.dirname, 'raster-thread.worker.js'), entry: null }
  : {
      file: fileURLToPath(new URL('./enhance/enhance-thread.boot.mjs', import.meta.url)),
      entry: fileURLToPath(new URL('./raster-thread.worker.ts', import.meta.url)),
    };

/**
 * Rasterizing is mostly JavaScript (grading, grain, paper) on top of sharp: painting several images
 * at once only goes faster on separate threads. `size` threads, started on first use, each taking
 * the next frame when it is free; idle threads never keep the process alive.
 */
export function createRasterPool(size: number): Rasterizer {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Waiting>();
  const queue: Waiting[] = [];
  const answered = new WeakSet<Worker>();
  let started = 0;
  let nextId = 1;

  const spawn = (): Worker => {
    started++;
    const worker = new Worker(RASTER_THREAD.file, { workerData: { entry: RASTER_THREAD.entry } });
    worker.on('message', (reply: RasterReply) => {
      answered.add(worker);
      const job = busy.get(worker);
      busy.delete(worker);
      if (job) {
        if ('bytes' in reply) {
          job.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.length));
        } else {
          job.reject(failure(reply.error));
        }
      }
      idle.push(worker);
      dispatch();
    });
    worker.on('error', (error) => {
      busy.get(worker)?.reject(failure(error.message));
      busy.delete(worker);
    });
    worker.on('exit', () => {
      started--;
      busy.get(worker)?.reject(failure('the rendering thread stopped'));
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      // A thread that never answered cannot start at all: fail what waits rather than respawn forever.
      if (!answered.has(worker)) {
        for (const job of queue.splice(0)) job.reject(failure('the rendering thread could not start'));
      }
      dispatch();
    });
    return worker;
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (started < size ? spawn() : null);
      if (!worker) return;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.task);
    }
    for (const worker of idle) worker.unref();
  };

  return (request) =>
    new Promise<Buffer>((resolve, reject) => {
      queue.push({ task: { id: nextId++, request }, resolve, reject });
      dispatch();
    });
}

function failure(message: string): ProviderError {
  return new ProviderError({
    code: 'API_ERROR',
    message: `The local renderer failed: ${message}`,
    retryable: true,
  });
}
