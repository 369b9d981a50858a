import {
  createFluxProvider,
  createIdeogramProvider,
  createLocalProvider,
  type ImageProvider,
} from '@atelier/providers';
import { type BflFake, type IdeogramFake, startBflFake, startIdeogramFake } from '@atelier/providers/testing';

export interface FakeProviders {
  bfl: BflFake;
  ideogram: IdeogramFake;
  providers: ImageProvider[];
  close(): Promise<void>;
}

/** Local, plus Flux and Ideogram clients pointed at their fake servers, as ATELIER_FAKE_PROVIDERS wires them. */
export async function startFakeProviders(): Promise<FakeProviders> {
  const [bfl, ideogram] = await Promise.all([startBflFake(), startIdeogramFake({ slowMs: 1500 })]);
  const local = createLocalProvider();
  return {
    bfl,
    ideogram,
    providers: [
      local,
      createFluxProvider({
        apiKey: bfl.apiKey,
        baseUrl: bfl.apiUrl,
        trustedHosts: [bfl.hosts.global, bfl.hosts.cluster],
        deliveryHosts: [bfl.hosts.delivery],
        pollIntervalMs: 50,
        enhance: (request, context) => local.enhance(request, context),
      }),
      createIdeogramProvider({
        apiKey: ideogram.apiKey,
        baseUrl: ideogram.baseUrl,
        downloadHosts: [ideogram.imagesHost],
      }),
    ],
    close: async () => {
      await Promise.all([bfl.close(), ideogram.close()]);
    },
  };
}
