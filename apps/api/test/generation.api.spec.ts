import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { countRows } from './support/factories';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';
import { GenerateImages, Images, JobUpdated } from './support/operations';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack({ localStepMs: 5 });
  server = await stack.listen();
});
afterAll(() => stack?.close());

describe('generateImages → jobUpdated → gallery', () => {
  it('runs a job to completion, streaming progress with previews, and stores its images', async () => {
    const me = await stack.newUser();
    const { data } = await stack.graphql(me, GenerateImages, {
      input: {
        prompt: 'a calm sea at sunset',
        provider: 'local',
        count: 2,
        width: 512,
        height: 384,
        seed: 42,
        steps: 8,
      },
    });
    const job = data.generateImages;
    expect(job).toMatchObject({ __typename: 'Job', status: 'QUEUED', provider: 'local' });
    expect(job.input).toMatchObject({
      width: 512,
      height: 384,
      count: 2,
      seed: 42,
      steps: 8,
      model: 'procedural-v1',
    });

    const updates = subscribe(server.url, me, JobUpdated, { id: job.id });
    const seen = await updates.done;
    const last = seen.at(-1)!.jobUpdated;

    expect(last.status).toBe('SUCCEEDED');
    const seqs = seen.map((payload: any) => payload.jobUpdated.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const running = seen
      .map((payload: any) => payload.jobUpdated)
      .filter((update: any) => update.status === 'RUNNING');
    expect(running.some((update: any) => update.progress > 0 && update.progress < 1)).toBe(true);
    expect(running.some((update: any) => update.preview?.startsWith('data:image/'))).toBe(true);

    expect(last.images).toHaveLength(2);
    expect(last.images.map((image: any) => image.seed)).toEqual([42, 43]);
    for (const image of last.images) {
      expect(image).toMatchObject({ width: 512, height: 384, prompt: 'a calm sea at sunset' });
      expect(image.thumbhash).toMatch(/^[A-Za-z0-9+/=]+$/);
      expect(image.thumbnails.map((thumb: any) => thumb.size)).toEqual([256, 768]);
      expect(image.thumbnails[0]).toMatchObject({ width: 256, height: 192 });
    }

    const gallery = await stack.graphql(me, Images, { first: 10 });
    expect(gallery.data.images.edges.map((edge: any) => edge.node.id).sort()).toEqual(
      last.images.map((image: any) => image.id).sort(),
    );
  });

  it('serves the original and thumbnails to their owner with immutable caching, and to no one else', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser('Stranger');
    const { data } = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'red desert dunes', provider: 'local', width: 256, height: 256, steps: 5 },
    });
    const [done] = await subscribe(server.url, me, JobUpdated, { id: data.generateImages.id }).done.then(
      (all) => all.slice(-1),
    );
    const image = done.jobUpdated.images[0];

    const original = await fetch(`${server.url}${image.url}`, { headers: { [VIEWER_HEADER]: me.id } });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const etag = original.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const bytes = Buffer.from(await original.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');

    const revalidated = await fetch(`${server.url}${image.url}`, {
      headers: { [VIEWER_HEADER]: me.id, 'if-none-match': etag! },
    });
    expect(revalidated.status).toBe(304);

    const thumb = await fetch(`${server.url}${image.thumbnails[0].url}`, {
      headers: { [VIEWER_HEADER]: me.id },
    });
    expect(thumb.headers.get('content-type')).toBe('image/webp');

    for (const url of [image.url, image.thumbnails[0].url]) {
      expect((await fetch(`${server.url}${url}`, { headers: { [VIEWER_HEADER]: stranger.id } })).status).toBe(
        404,
      );
      expect((await fetch(`${server.url}${url}`)).status).toBe(404);
    }
    expect(
      (await fetch(`${server.url}/files/../../etc/passwd`, { headers: { [VIEWER_HEADER]: me.id } })).status,
    ).toBe(404);
  });
});

describe('generateImages with bad input', () => {
  const valid = { prompt: 'a lighthouse', provider: 'local', width: 512, height: 512 };
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['an empty prompt', { prompt: '   ' }, 'INVALID_PROMPT', 'input.prompt'],
    ['a prompt over 4,000 characters', { prompt: 'x'.repeat(4001) }, 'INVALID_PROMPT', 'input.prompt'],
    ['a prompt with control characters', { prompt: 'sea\u0007' }, 'INVALID_PROMPT', 'input.prompt'],
    ['count 0', { count: 0 }, 'INVALID_INPUT', 'input.count'],
    ['count 9', { count: 9 }, 'INVALID_INPUT', 'input.count'],
    ['a width the provider cannot make', { width: 500 }, 'INVALID_INPUT', 'input.width'],
    ['a height above the provider maximum', { height: 4096 }, 'INVALID_INPUT', 'input.height'],
    ['a negative width', { width: -64 }, 'INVALID_INPUT', 'input.width'],
    ['steps above the maximum', { steps: 500 }, 'INVALID_INPUT', 'input.steps'],
    ['an unknown style', { style: 'cubism' }, 'INVALID_INPUT', 'input.style'],
    ['an unknown model', { model: 'sdxl' }, 'INVALID_INPUT', 'input.model'],
    ['an unknown provider', { provider: 'dall-e' }, 'UNKNOWN_PROVIDER', 'input.provider'],
    ['a negative seed', { seed: -1 }, 'INVALID_INPUT', 'input.seed'],
  ];

  it.each(cases)(
    'rejects %s with a typed error naming the field, leaving nothing behind',
    async (_name, change, code, field) => {
      const me = await stack.newUser();
      const before = await countRows(stack.app, stack.dataDir);
      const { data, errors } = await stack.graphql(me, GenerateImages, { input: { ...valid, ...change } });
      expect(errors).toBeUndefined();
      expect(data.generateImages).toMatchObject({ __typename: 'InvalidInputError', code, retryable: false });
      expect(data.generateImages.issues.map((issue: any) => issue.field)).toContain(field);
      expect(await countRows(stack.app, stack.dataDir)).toEqual(before);
    },
  );
});
