import { createLocalEnhancer, type LocalEnhancer, type LocalEnhancerOptions } from './local-enhancer';
import { createTilePool } from './tile-pool';

/**
 * The local enhancer with its tiles on a pool of worker threads, one per core by default: each
 * tile is one long synchronous WebAssembly call, which would otherwise stall every request and
 * subscription of the process, and one thread would leave the other cores idle. Concurrent jobs
 * share the threads tile by tile. Threads start on first use and leave after a minute idle.
 */
export function createThreadedEnhancer(options: LocalEnhancerOptions = {}): LocalEnhancer {
  return createLocalEnhancer(options, createTilePool(options.threads));
}
