import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RgbImage } from '../pixels';
import { cropTile } from './esrgan-tile';
import type { TileTask } from './esrgan-tile.worker';
import { createFairQueue } from './fair-queue';
import type { TileBackend, TileJob } from './tile-backend';
import type { Tile } from './tiles';

/** Idle threads hold a WebAssembly heap each: they leave after a minute without tiles. */
const IDLE_MS = 60_000;

/**
 * TensorFlow.js's WebAssembly backend runs single-threaded in Node, so the cores are used by
 * running tiles on `threads` worker threads (Piscina), each with its own copy of the model. Tiles
 * reach the threads through a fair queue: concurrent jobs take turns tile by tile. The crop is
 * made only when a tile is started, and a tile already running is never interrupted (stopping a
 * thread would throw its loaded model away); cancellation drops the tiles still queued.
 */
export function createTilePool(threads: number = os.availableParallelism()): TileBackend {
  let piscina: Piscina | null = null;
  const pool = (): Piscina =>
    (piscina ??= new Piscina({
      // Compiled (apps/api/dist), the task is a bundle beside this one; from source, tsx loads it.
      filename: import.meta.filename.endsWith('.js')
        ? join(import.meta.dirname, 'esrgan-tile.worker.js')
        : fileURLToPath(new URL('./esrgan-tile.boot.mjs', import.meta.url)),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_MS,
      atomics: 'disabled',
    }));
  const start = ({ size, scale, image, tile }: TileJob) => {
    const crop = cropTile(image, tile);
    const task: TileTask = { size, scale, tile, crop };
    return pool().run(task, { transferList: [crop.buffer] }) as Promise<Uint8Array>;
  };
  const queue = createFairQueue(threads, start);

  return {
    threads,
    // Every tile at once: the fair queue holds them, so jobs interleave from their first tile.
    inFlight: Number.POSITIVE_INFINITY,
    run: (job, task, signal) => queue.run(job, task, signal),
    async warm(size, scales) {
      // A 1×1 tile per thread and scale: threads are started side by side, one tile each.
      const tile: Tile = {
        core: { x: 0, y: 0, width: 1, height: 1 },
        padded: { x: 0, y: 0, width: 1, height: 1 },
      };
      const image: RgbImage = { data: Buffer.alloc(3), width: 1, height: 1 };
      const signal = new AbortController().signal;
      await Promise.all(
        scales.flatMap((scale) =>
          Array.from({ length: threads }, (_, i) => queue.run({ i }, { size, scale, image, tile }, signal)),
        ),
      );
    },
  };
}
