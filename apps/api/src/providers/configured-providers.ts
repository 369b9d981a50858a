import {
  createFluxProvider,
  createIdeogramProvider,
  createLocalProvider,
  type ImageProvider,
} from '@atelier/providers';
import type { Logger } from '../logger';

export interface ProvidersConfig {
  localStepMs: number;
  bfl: { apiKey: string | null; baseUrl: string; maxConcurrency: number };
  ideogram: { apiKey: string | null; baseUrl: string; maxInFlight: number };
  /** Run the faithful fake BFL and Ideogram servers on loopback and use them instead (no keys needed). */
  fakes: boolean;
}

export interface Providers {
  providers: ImageProvider[];
  stop(): Promise<void>;
}

/** Every provider this process can call: local always; Flux and Ideogram with keys (or fakes). */
export async function createProviders(config: ProvidersConfig, logger: Logger): Promise<Providers> {
  const local = createLocalProvider({ stepDelayMs: config.localStepMs });
  if (!config.fakes) {
    return {
      providers: [
        local,
        createFluxProvider({
          apiKey: config.bfl.apiKey,
          baseUrl: config.bfl.baseUrl,
          maxConcurrency: config.bfl.maxConcurrency,
          enhance: (request, context) => local.enhance(request, context),
        }),
        createIdeogramProvider({
          apiKey: config.ideogram.apiKey,
          baseUrl: config.ideogram.baseUrl,
          maxInFlightImages: config.ideogram.maxInFlight,
        }),
      ],
      stop: async () => undefined,
    };
  }
  // Loaded only here: production code never needs the fakes.
  const { startBflFake, startIdeogramFake } = await import('@atelier/providers/testing');
  const [bfl, ideogram] = await Promise.all([startBflFake(), startIdeogramFake()]);
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
        deliveryHosts: [bfl.hosts.delivery],
        maxConcurrency: config.bfl.maxConcurrency,
        enhance: (request, context) => local.enhance(request, context),
      }),
      createIdeogramProvider({
        apiKey: ideogram.apiKey,
        baseUrl: ideogram.baseUrl,
        downloadHosts: [ideogram.imagesHost],
        maxInFlightImages: config.ideogram.maxInFlight,
      }),
    ],
    stop: async () => {
      await Promise.all([bfl.close(), ideogram.close()]);
    },
  };
}
