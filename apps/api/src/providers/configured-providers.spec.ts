import { describe, expect, it } from 'vitest';
import { createProviders } from './configured-providers';
import { createLogger } from '../logger';

describe('configured providers', () => {
  it('offers Ideogram Enhance ×4 through the local ESRGAN and says so, like Flux', async () => {
    const configured = await createProviders(
      {
        localStepMs: 0,
        localParallelImages: 2,
        bfl: { apiKey: null, baseUrl: 'https://api.bfl.ai', maxConcurrency: 1 },
        ideogram: { apiKey: null, baseUrl: 'https://api.ideogram.ai', maxInFlight: 1 },
        fakes: false,
        resultHosts: [],
      },
      createLogger('silent'),
    );
    const enhance = (id: string) =>
      configured.providers.find((provider) => provider.id === id)?.capabilities.enhance;
    expect(enhance('ideogram')?.scales).toEqual([2, 4]);
    expect(enhance('ideogram')?.note).toMatch(/4× by Atelier locally with ESRGAN/);
    expect(enhance('flux')?.scales).toEqual([2, 4]);
    await configured.stop();
  });

  it('with the fake servers, downloads Flux and Ideogram results from their loopback hosts', async () => {
    const configured = await createProviders(
      {
        localStepMs: 0,
        localParallelImages: 1,
        bfl: { apiKey: null, baseUrl: 'https://api.bfl.ai', maxConcurrency: 4 },
        ideogram: { apiKey: null, baseUrl: 'https://api.ideogram.ai', maxInFlight: 4 },
        fakes: true,
        resultHosts: [],
      },
      createLogger('silent'),
    );
    const run = { signal: new AbortController().signal, onProgress: () => undefined };
    const params = {
      width: 512,
      height: 512,
      aspectRatio: null,
      quality: 'DRAFT',
      style: null,
      negativePrompt: null,
      seed: 3,
      steps: null,
      magicPrompt: null,
    } as const;
    try {
      for (const [id, model] of [
        ['flux', 'flux-2-pro'],
        ['ideogram', 'ideogram-v3'],
      ] as const) {
        const provider = configured.providers.find((candidate) => candidate.id === id)!;
        const result = await provider.generate({ prompt: 'a lighthouse', model, count: 1, params }, run);
        expect(result.images).toHaveLength(1);
      }
    } finally {
      await configured.stop();
    }
  }, 60_000);
});
