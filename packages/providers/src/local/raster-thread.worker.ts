import { parentPort } from 'node:worker_threads';
import { rasterize, type RasterRequest } from './rasterize';

export interface RasterTask {
  id: number;
  request: RasterRequest;
}

export type RasterReply = { id: number; bytes: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (task: RasterTask) => {
  rasterize(task.request).then(
    (bytes) => parentPort?.postMessage({ id: task.id, bytes } satisfies RasterReply),
    (error: unknown) => parentPort?.postMessage({ id: task.id, error: String(error) } satisfies RasterReply),
  );
});
