import type { RgbImage } from '../pixels';
import { cropTile, predictTile } from './esrgan-tile';
import { esrganModel } from './esrgan-model';
import type { EsrganScale, EsrganSize } from './esrgan-weights';
import type { Tile } from './tiles';

export interface TileJob {
  size: EsrganSize;
  scale: EsrganScale;
  image: RgbImage;
  tile: Tile;
}

/** Where an enhancer's tiles run: in this thread, or on a pool of worker threads. */
export interface TileBackend {
  /** Threads the tiles run on, for the image's metadata. */
  readonly threads: number;
  /** Tiles of one job handed over at once. */
  readonly inFlight: number;
  /** Upscales one tile to `scale`× its core, in RGB bytes. */
  run(job: object, task: TileJob, signal: AbortSignal): Promise<Uint8Array>;
  /** Loads the weights now instead of on the first tiles. */
  warm(size: EsrganSize, scales: readonly EsrganScale[]): Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Tiles one after another on the calling thread, yielding to the event loop between them (a tile
 * is one synchronous WebAssembly call). For scripts and tests; a server uses the thread pool.
 */
export const inProcessTiles: TileBackend = {
  threads: 1,
  inFlight: 1,
  async run(_job, { size, scale, image, tile }) {
    const pixels = predictTile(await esrganModel(size, scale), cropTile(image, tile), tile);
    await nextTurn();
    return pixels;
  },
  async warm(size, scales) {
    await Promise.all(scales.map((scale) => esrganModel(size, scale)));
  },
};
