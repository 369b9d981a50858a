import { setMaxListeners } from 'node:events';
import { ProviderError, throwIfAborted } from '../../errors';
import type { RgbImage } from '../pixels';
import { pasteTile } from './esrgan-tile';
import { planTiles, type Tile } from './tiles';

export interface TileProgress {
  done: number;
  total: number;
  tile: Tile;
}

/** Upscales one tile of `image` to `scale`× its core, in RGB bytes; rejects when `signal` aborts first. */
export type TileRunner = (image: RgbImage, tile: Tile, signal: AbortSignal) => Promise<Uint8Array>;

export interface UpscaleOptions {
  scale: number;
  /** Input pixels each output pixel depends on, on every side: the padding a tile needs. */
  radius: number;
  /** Longest side of a tile's core, in source pixels. */
  tileSize: number;
  /** Tiles handed to `runTile` at once: 1 in process, all of them for a pool that queues them. */
  inFlight: number;
  runTile: TileRunner;
  signal: AbortSignal;
  onTile: (progress: TileProgress) => void;
}

/**
 * Super-resolves `image` tile by tile. Each tile is padded by the model's receptive radius, so
 * cropping the padding off its output gives exactly what a whole-image pass would: no blending is
 * needed and no seam can appear, in whatever order or on whatever thread the tiles run. Progress
 * counts tiles as they finish; after a cancellation or a failed tile nothing more is started.
 */
export async function upscaleTiles(image: RgbImage, options: UpscaleOptions): Promise<RgbImage> {
  const { scale, signal } = options;
  const output: RgbImage = {
    data: Buffer.alloc(image.width * scale * image.height * scale * 3),
    width: image.width * scale,
    height: image.height * scale,
  };
  const tiles = planTiles(image.width, image.height, options.tileSize, options.radius);
  // Stops this job's queued tiles when the caller cancels or one tile fails.
  const stop = new AbortController();
  // Each tile waiting in a pool's queue listens for it.
  setMaxListeners(tiles.length + 1, stop.signal);
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  let done = 0;

  const lane = async (): Promise<void> => {
    while (next < tiles.length && !stop.signal.aborted) {
      const tile = tiles[next++] as Tile;
      const pixels = await options.runTile(image, tile, stop.signal);
      if (stop.signal.aborted) return;
      pasteTile(output, tile.core, scale, pixels);
      done++;
      options.onTile({ done, total: tiles.length, tile });
    }
  };

  try {
    const lanes = Array.from({ length: Math.max(1, Math.min(options.inFlight, tiles.length)) }, lane);
    await Promise.all(
      lanes.map((running) =>
        running.catch((error: unknown) => {
          stop.abort();
          throw error;
        }),
      ),
    );
  } catch (error) {
    throw signal.aborted ? new ProviderError({ code: 'CANCELED', message: 'The job was canceled' }) : error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  throwIfAborted(signal);
  return output;
}
