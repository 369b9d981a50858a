import { move } from 'piscina';
import { esrganModel } from './esrgan-model';
import type { EsrganScale, EsrganSize } from './esrgan-weights';
import { predictTile } from './esrgan-tile';
import type { Tile } from './tiles';

export interface TileTask {
  size: EsrganSize;
  scale: EsrganScale;
  tile: Tile;
  /** The padded region's RGB bytes (see cropTile). */
  crop: Uint8Array;
}

/** One tile on a pool thread, which loads each model once and keeps it; the pixels are moved, not copied. */
export default async function runTile({ size, scale, tile, crop }: TileTask): Promise<Uint8Array> {
  return move(predictTile(await esrganModel(size, scale), crop, tile)) as Uint8Array;
}
