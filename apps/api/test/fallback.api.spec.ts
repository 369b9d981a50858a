import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { type FakeProviders, startFakeProviders } from './support/fake-providers';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages } from './support/operations';
import { subscribe } from './support/ws-client';

let fakes: FakeProviders;
let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  fakes = await startFakeProviders();
  stack = await createTestStack({ providers: fakes.providers });
  server = await stack.listen();
});
afterAll(async () => {
  await stack?.close();
  await fakes?.close();
});

const Updated = /* GraphQL */ `
  subscription Updated($id: ID!) {
    jobUpdated(id: $id) {
      status
      stage
      provider
      seq
      error {
        code
        message
        details
      }
      attempts {
        provider
        model
        outcome
        message
        latencyMs
        costUsd
        withheld
      }
      images {
        id
        provider
        model
        width
        height
      }
    }
  }
`;

async function run(viewer: Viewer, input: Record<string, unknown>) {
  const { data } = await stack.graphql(viewer, GenerateImages, { input });
  expect(data.generateImages.__typename).toBe('Job');
  const updates = await subscribe(server.url, viewer, Updated, { id: data.generateImages.id }).done;
  return { final: updates.at(-1).jobUpdated, updates: updates.map((u) => u.jobUpdated) };
}

describe('providers through the API', () => {
  it('generates with Flux through the fake BFL API, recording the attempt and its cost', async () => {
    const me = await stack.newUser();
    const { final } = await run(me, {
      prompt: 'a red bicycle by a brick wall',
      provider: 'flux',
      model: 'flux-pro-1.1',
      width: 512,
      height: 384,
      seed: 3,
    });
    expect(final).toMatchObject({ status: 'SUCCEEDED', provider: 'flux' });
    expect(final.images).toEqual([
      expect.objectContaining({ provider: 'flux', model: 'flux-pro-1.1', width: 512, height: 384 }),
    ]);
    expect(final.attempts).toEqual([
      expect.objectContaining({ provider: 'flux', model: 'flux-pro-1.1', outcome: 'SUCCEEDED' }),
    ]);
    expect(final.attempts[0].costUsd).toBeGreaterThan(0);
    expect(fakes.bfl.keyLeaks).toEqual([]);
  });

  it('falls back to the next provider when Flux is out of credits, and says so while it happens', async () => {
    const me = await stack.newUser();
    const { final, updates } = await run(me, {
      // A slow Ideogram answer keeps the job on Ideogram long enough to be seen there.
      prompt: 'a lighthouse at dusk [bfl:no-credits] [ideogram:slow]',
      provider: 'flux',
      width: 512,
      height: 512,
      fallbackProviders: ['ideogram'],
    });
    expect(final).toMatchObject({ status: 'SUCCEEDED', provider: 'ideogram' });
    expect(final.attempts.map((a: any) => [a.provider, a.outcome])).toEqual([
      ['flux', 'INSUFFICIENT_CREDITS'],
      ['ideogram', 'SUCCEEDED'],
    ]);
    expect(final.images[0].provider).toBe('ideogram');
    // Updates may coalesce, but every stage after the switch still says why.
    // Every stage after the switch still says why, so coalesced updates cannot hide it.
    expect(
      updates.some(
        (u) => u.provider === 'ideogram' && /^Ideogram.*Flux.*failed \(out of credits\)/.test(u.stage ?? ''),
      ),
    ).toBe(true);
  });

  it('retries a rate-limited provider with backoff before succeeding, without a second paid task', async () => {
    const me = await stack.newUser();
    const submitsBefore = fakes.bfl.submits().length;
    const { final } = await run(me, {
      prompt: 'a calm harbour [bfl:rate-limit:1]',
      provider: 'flux',
      model: 'flux-pro-1.1',
      width: 512,
      height: 512,
    });
    expect(final.status).toBe('SUCCEEDED');
    expect(final.attempts.map((a: any) => a.outcome)).toContain('SUCCEEDED');
    const accepted = fakes.bfl.tasks.filter((task: any) =>
      String(task.prompt ?? task.body?.prompt ?? '').includes('calm harbour'),
    );
    expect(accepted).toHaveLength(1);
    expect(fakes.bfl.submits().length - submitsBefore).toBeGreaterThanOrEqual(2);
  });

  it('does not fall back on a content-filter refusal: the job fails with the reasons', async () => {
    const me = await stack.newUser();
    const { final } = await run(me, {
      prompt: 'something forbidden [bfl:moderated:Violence]',
      provider: 'flux',
      width: 512,
      height: 512,
      fallbackProviders: ['ideogram'],
    });
    expect(final.status).toBe('FAILED');
    expect(final.error.code).toBe('CONTENT_FILTER');
    expect(JSON.stringify(final.error.details)).toContain('Violence');
    expect(final.attempts.map((a: any) => a.provider)).toEqual(['flux']);
  });

  it('reports Ideogram refusing a prompt as unsafe as CONTENT_FILTER', async () => {
    const me = await stack.newUser();
    const { final } = await run(me, { prompt: 'a poster [ideogram:unsafe-prompt]', provider: 'ideogram' });
    expect(final).toMatchObject({ status: 'FAILED', error: { code: 'CONTENT_FILTER' } });
  });

  it('lists providers with their availability', async () => {
    const me = await stack.newUser();
    const { data } = await stack.graphql(
      me,
      '{ providers { id available unavailableReason capabilities { defaultModel models { id operations aspectRatios size { max } } enhance { scales note } } } }',
    );
    const byId = Object.fromEntries(data.providers.map((p: any) => [p.id, p]));
    expect(Object.keys(byId).sort()).toEqual(['flux', 'ideogram', 'local']);
    expect(byId.flux.available).toBe(true);
    expect(byId.flux.capabilities.enhance.note).toMatch(/local/i);
    expect(byId.ideogram.capabilities.models[0].aspectRatios.length).toBeGreaterThan(0);
  });
});
