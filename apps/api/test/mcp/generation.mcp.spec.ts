import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server';
import { newImage } from '../support/factories';
import { createTestStack, type TestStack } from '../support/harness';
import { finalJob, maskPng, newestJob, previews } from './support/job-calls';
import { mcpPerson } from './support/mcp-person';

const small = { provider: 'local', width: 256, height: 256, steps: 2 };

describe('image tools over MCP: progress, real images, every operation', () => {
  let stack: TestStack;
  let server: RunningServer;

  beforeAll(async () => {
    // Slow enough per step that a job's progress is seen before it ends.
    stack = await createTestStack({ auth: 'real', localStepMs: 15 });
    server = await stack.listen();
  });
  afterAll(() => stack.close());

  it('generate_images reports progress with the client token and returns small WebP previews of real images', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const progress: Progress[] = [];
    const result = (await me.client.callTool(
      {
        name: 'generate_images',
        arguments: { prompt: 'a lighthouse at dusk', provider: 'local', width: 1024, height: 768, steps: 12 },
      },
      undefined,
      { onprogress: (update) => progress.push(update) },
    )) as CallToolResult;

    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.total === 100)).toBe(true);
    const values = progress.map((p) => p.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);

    const [preview] = await previews(result);
    expect(preview).toMatchObject({ mimeType: 'image/webp', format: 'webp', width: 768, height: 576 });
    expect(preview!.bytes).toBeLessThan(1_000_000);

    const structured = result.structuredContent as any;
    expect(structured.job).toMatchObject({
      status: 'SUCCEEDED',
      provider: 'local',
      kind: 'GENERATE',
      costUsd: 0,
    });
    expect(structured.images).toHaveLength(1);
    const image = structured.images[0];
    expect(image).toMatchObject({
      width: 1024,
      height: 768,
      prompt: 'a lighthouse at dusk',
      provider: 'local',
    });
    expect(result.content).toContainEqual(
      expect.objectContaining({ type: 'resource_link', uri: `atelier://images/${image.id}` }),
    );
    const [stored] = await stack.app.services.images.loadMany(me.viewer, [image.id]);
    expect(stored?.jobId).toBe(structured.job.id);
  });

  it('create_variations, enhance_image, restyle_image and edit_image each make new images from one of mine', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const { structured } = await me.call('generate_images', { ...small, prompt: 'a red kite' });
    const source = structured.images[0].id as string;

    const varied = await me.call('create_variations', {
      imageId: source,
      count: 2,
      strength: 'STRONG',
      steps: 2,
    });
    expect(varied.structured.job).toMatchObject({ kind: 'VARIATION', status: 'SUCCEEDED' });
    expect(varied.structured.images).toHaveLength(2);

    const enhanced = await me.call('enhance_image', { imageId: source, scale: 2 });
    expect(enhanced.structured.job.kind).toBe('ENHANCE');
    expect(enhanced.structured.images[0]).toMatchObject({ width: 512, height: 512 });

    const restyled = await me.call('restyle_image', { imageId: source, styleText: 'watercolor' });
    expect(restyled.structured.job.kind).toBe('RESTYLE');
    expect(restyled.structured.images).toHaveLength(1);

    const edited = await me.call('edit_image', {
      imageId: source,
      prompt: 'a blue sky',
      maskPng: await maskPng(64, 64),
    });
    expect(edited.structured.job.kind).toBe('EDIT');
    expect(edited.structured.images).toHaveLength(1);

    const byImage = await me.call('edit_image', {
      imageId: source,
      prompt: 'a green field',
      maskImageId: source,
    });
    expect(byImage.structured.images).toHaveLength(1);

    for (const made of [varied, enhanced, restyled, edited]) {
      expect(made.content.some((block) => block.type === 'image')).toBe(true);
    }
  });

  it('run_batch makes one item per prompt and returns every image', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const { structured } = await me.call('run_batch', { ...small, prompts: ['a fox', 'a hare'] });
    expect(structured.batch.counts).toMatchObject({ total: 2, succeeded: 2 });
    expect(structured.items.map((item: any) => item.prompt)).toEqual(['a fox', 'a hare']);
    expect(structured.images).toHaveLength(2);
  });

  it('get_job with wait: true follows a running job with progress and returns its images', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const job = await stack.app.services.generation.generate(me.viewer, {
      prompt: 'a distant storm',
      provider: 'local',
      model: null,
      count: 1,
      width: 256,
      height: 256,
      aspectRatio: null,
      quality: null,
      style: null,
      negativePrompt: null,
      seed: null,
      steps: 30,
      magicPrompt: null,
      fallbackProviders: null,
    });
    const progress: Progress[] = [];
    const result = (await me.client.callTool(
      { name: 'get_job', arguments: { jobId: job.id, wait: true } },
      undefined,
      { onprogress: (update) => progress.push(update) },
    )) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ job: { id: job.id, status: 'SUCCEEDED' } });
    expect((result.structuredContent as any).images).toHaveLength(1);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('cancelling the call (notifications/cancelled) cancels its job', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const controller = new AbortController();
    let running: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    const call = me.client.callTool(
      { name: 'generate_images', arguments: { ...small, prompt: 'a long night', steps: 50, count: 4 } },
      undefined,
      {
        signal: controller.signal,
        onprogress: (update) => {
          if (update.progress > 0) running();
        },
      },
    );
    await started;
    controller.abort('changed my mind');
    await expect(call).rejects.toThrow(/changed my mind/);

    const job = await newestJob(stack.app, me.viewer);
    expect((await finalJob(stack.app, me.viewer, job!.id)).status).toBe('CANCELED');
    const { structured } = await me.call('get_job', { jobId: job!.id });
    expect(structured).toMatchObject({ job: { status: 'CANCELED' }, images: [] });
  });
});

describe('image tools over MCP: refusals a model can act on', () => {
  let stack: TestStack;
  let server: RunningServer;

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real', worker: false });
    server = await stack.listen();
  });
  afterAll(() => stack.close());

  it('an empty prompt is INVALID_PROMPT on the prompt field', async () => {
    const me = await mcpPerson(stack, server.url, ['generate']);
    expect(await me.refused('generate_images', { ...small, prompt: '   ' })).toMatchObject({
      code: 'INVALID_PROMPT',
      field: 'prompt',
    });
  });

  it('a size the model cannot make names the field and the valid sizes', async () => {
    const me = await mcpPerson(stack, server.url, ['generate']);
    const refusal = await me.refused('generate_images', { ...small, prompt: 'a cat', width: 300 });
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', field: 'width' });
    expect(refusal.message).toMatch(/multiple of 64 between 256 and 2048/);
  });

  it('input outside the GraphQL rules is refused as a typed tool result naming the field', async () => {
    const me = await mcpPerson(stack, server.url, ['generate']);
    const tooMany = await me.refused('generate_images', { ...small, prompt: 'a cat', count: 9 });
    expect(tooMany).toMatchObject({ code: 'INVALID_INPUT', field: 'count' });
    expect(tooMany.message).toMatch(/count must be at most 8/);
    const badRatio = await me.refused('generate_images', { prompt: 'a cat', aspectRatio: 'wide' });
    expect(badRatio).toMatchObject({ code: 'INVALID_INPUT', field: 'aspectRatio' });
    expect(badRatio.message).toMatch(/aspectRatio must look like "16:9"/);
    const noPrompt = await me.refused('generate_images', { prompt: 42 });
    expect(noPrompt).toMatchObject({ code: 'INVALID_PROMPT', field: 'prompt' });
  });

  it('an unknown provider is UNKNOWN_PROVIDER, listing the known ones', async () => {
    const me = await mcpPerson(stack, server.url, ['generate']);
    const refusal = await me.refused('generate_images', { prompt: 'a cat', provider: 'dalle' });
    expect(refusal).toMatchObject({ code: 'UNKNOWN_PROVIDER', field: 'provider' });
    expect(refusal.message).toMatch(/known: local/);
  });

  it('past the daily quota an admin set, QUOTA_EXCEEDED says when it resets', async () => {
    const me = await mcpPerson(stack, server.url, ['generate']);
    // Quotas are for accounts that can sign in (with an email), which factory people lack.
    await stack.app.db
      .updateTable('appUser')
      .set({ email: `quota-${me.viewer.id}@example.test` })
      .where('id', '=', me.viewer.id)
      .execute();
    await stack.app.services.admin.setQuota(me.viewer, me.viewer.id, {
      maxConcurrentJobs: null,
      maxImagesPerDay: 1,
    });
    const refusal = await me.refused('generate_images', { ...small, prompt: 'two cats', count: 2 });
    expect(refusal.code).toBe('QUOTA_EXCEEDED');
    expect(refusal.message).toMatch(/resets at 00:00 UTC/);
  });

  it('a read-only token may not make images: FORBIDDEN, and nothing is queued', async () => {
    const me = await mcpPerson(stack, server.url, ['read']);
    const refusal = await me.refused('generate_images', { ...small, prompt: 'a cat' });
    expect(refusal.code).toBe('FORBIDDEN');
    expect(refusal.message).toMatch(/"generate" scope/);
    expect(await newestJob(stack.app, me.viewer)).toBeUndefined();
  });

  it("cannot vary another person's image: it answers like a missing one", async () => {
    const owner = await mcpPerson(stack, server.url, ['generate']);
    const other = await mcpPerson(stack, server.url, ['generate']);
    const image = await newImage(stack.app, owner.viewer);
    const foreign = await other.refused('create_variations', { imageId: image.id });
    const missing = await other.refused('create_variations', {
      imageId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', field: 'imageId' });
  });

  it('too many changes in a short time are refused with RATE_LIMIT and when to retry', async () => {
    const me = await mcpPerson(stack, server.url, ['generate']);
    let refusal: Awaited<ReturnType<typeof me.refused>> | undefined;
    // The token's bucket holds 30; unknown providers are refused by the service, after the bucket.
    for (let call = 0; call < 40 && refusal?.code !== 'RATE_LIMIT'; call += 1) {
      refusal = await me.refused('generate_images', { prompt: 'a cat', provider: 'nope' });
    }
    expect(refusal?.code).toBe('RATE_LIMIT');
    expect(refusal?.message).toMatch(/call again in \d+ s/);
  });
});
