import {
  createFluxProvider,
  createIdeogramProvider,
  createLocalProvider,
  type EnhanceRequest,
  type ImageProvider,
  type RunContext,
} from '@atelier/providers';
import type { Logger } from '../logger';
import { createResultFetcher } from './result-fetcher';

export interface ProvidersConfig {
  localStepMs: number;
  /** A local job's images painted at once: the worker's CPU pool size (WORKER_CONCURRENCY). */
  localParallelImages: number;
  /** Threads running Enhance tiles (ENHANCE_THREADS); unset: one per core. */
  enhanceThreads?: number;
  bfl: { apiKey: string | null; baseUrl: string; maxConcurrency: number };
  ideogram: { apiKey: string | null; baseUrl: string; maxInFlight: number };
  /** Run the faithful fake BFL and Ideogram servers on loopback and use them instead (no keys needed). */
  fakes: boolean;
  /** Hosts results may come from although private or plain http (any public https host always may). */
  resultHosts: readonly string[];
}

export interface Providers {
  providers: ImageProvider[];
  stop(): Promise<void>;
}

/** Every provider this process can call: local always; Flux and Ideogram with keys (or fakes). */
export async function createProviders(config: ProvidersConfig, logger: Logger): Promise<Providers> {
  const local = createLocalProvider({
    stepDelayMs: config.localStepMs,
    parallelImages: config.localParallelImages,
    ...(config.enhanceThreads !== undefined && { enhanceThreads: config.enhanceThreads }),
  });
  // Flux has no upscaler and Ideogram's only does about 2×: the other factors run on the local ESRGAN.
  const enhanceLocally = {
    scales: local.capabilities.enhance?.scales ?? [],
    enhance: (request: EnhanceRequest, context: RunContext) => local.enhance(request, context),
  };
  if (!config.fakes) {
    const fetchResult = createResultFetcher(config.resultHosts);
    return {
      providers: [
        local,
        createFluxProvider({
          apiKey: config.bfl.apiKey,
          baseUrl: config.bfl.baseUrl,
          maxConcurrency: config.bfl.maxConcurrency,
          fetchResult,
          enhance: enhanceLocally.enhance,
        }),
        createIdeogramProvider({
          apiKey: config.ideogram.apiKey,
          baseUrl: config.ideogram.baseUrl,
          maxInFlightImages: config.ideogram.maxInFlight,
          fetchResult,
          enhanceLocally,
        }),
      ],
      stop: async () => undefined,
    };
  }
  // Loaded only here: production code never needs the fakes.
  const { startBflFake, startIdeogramFake } = await import('@atelier/providers/testing');
  const [bfl, ideogram] = await Promise.all([startBflFake(), startIdeogramFake()]);
  const fetchResult = createResultFetcher([...config.resultHosts, bfl.hosts.delivery, ideogram.imagesHost]);
  logger.warn(
    { bfl: bfl.apiUrl, ideogram: ideogram.baseUrl },
    'using fake Flux and Ideogram servers (ATELIER_FAKE_PROVIDERS)',
  );
  return {
    providers: [
      local,
      createFluxProvider({
        apiKey: bfl.apiKey,
        baseUrl: bfl.apiUrl,
        trustedHosts: [bfl.hosts.global, bfl.hosts.cluster],
        fetchResult,
        maxConcurrency: config.bfl.maxConcurrency,
        enhance: enhanceLocally.enhance,
      }),
      createIdeogramProvider({
        apiKey: ideogram.apiKey,
        baseUrl: ideogram.baseUrl,
        fetchResult,
        maxInFlightImages: config.ideogram.maxInFlight,
        enhanceLocally,
      }),
    ],
    stop: async () => {
      await Promise.all([bfl.close(), ideogram.close()]);
    },
  };
}
