// Piscina imports this file in each of its threads, which start without the parent's TypeScript
// loader: register tsx here, then hand over the TypeScript task function. Plain JavaScript on purpose.
import { register } from 'tsx/esm/api';

register();
const { default: runTile } = await import('./esrgan-tile.worker.ts');
export default runTile;
