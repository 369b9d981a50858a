import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server';
import { type FakeProviders, startFakeProviders } from '../support/fake-providers';
import { createTestStack, type TestStack } from '../support/harness';
import { bearer, connectMcp } from '../support/mcp-client';
import { finalJob, newestJob, previews, textOf } from './support/job-calls';
import { mcpPerson } from './support/mcp-person';

const NO_SUCH_JOB = '00000000-0000-4000-8000-000000000000';

describe('jobs over MCP: hand-off, get_job, cancel_job, provider outcomes', () => {
  let fakes: FakeProviders;
  let stack: TestStack;
  let server: RunningServer;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    // A wait far shorter than a Flux job at the fake (800 ms), so every Flux call hands off.
    stack = await createTestStack({
      auth: 'real',
      providers: fakes.providers,
      server: { mcpJobWaitMs: 200 },
    });
    server = await stack.listen();
  });
  afterAll(async () => {
    await stack.close();
    await fakes.close();
  });

  it('declares honest annotations on the job tools', async () => {
    const me = await mcpPerson(stack, server.url, ['read']);
    const { tools } = await me.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('generate_images')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(byName.get('get_job')?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    expect(byName.get('cancel_job')?.annotations).toMatchObject({ destructiveHint: true });
    const count = (byName.get('generate_images')?.inputSchema.properties as any).count;
    expect(count).toMatchObject({ type: 'integer', minimum: 1, maximum: 8 });
    expect(byName.get('generate_images')?.description).toMatch(/list_providers/);
  });

  it('past the wait it hands back the job id, and get_job later returns the images and their cost', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const handedOff = (await me.client.callTool({
      name: 'generate_images',
      arguments: { prompt: 'a harbour at dawn', provider: 'flux', width: 512, height: 512 },
    })) as CallToolResult;
    expect(handedOff.isError).toBeFalsy();
    const { job, images, next } = handedOff.structuredContent as any;
    expect(['QUEUED', 'RUNNING']).toContain(job.status);
    expect(images).toEqual([]);
    expect(next).toContain(`call get_job with id "${job.id}"`);
    expect(textOf(handedOff)).toContain('get_job');

    expect((await finalJob(stack.app, me.viewer, job.id)).status).toBe('SUCCEEDED');
    const later = (await me.client.callTool({
      name: 'get_job',
      arguments: { jobId: job.id },
    })) as CallToolResult;
    const done = later.structuredContent as any;
    expect(done.job).toMatchObject({ id: job.id, status: 'SUCCEEDED', provider: 'flux' });
    expect(done.job.costUsd).toBeGreaterThan(0);
    expect(done.job.attempts).toEqual([expect.objectContaining({ provider: 'flux', outcome: 'SUCCEEDED' })]);
    expect(done.images).toHaveLength(1);
    const [preview] = await previews(later);
    expect(preview).toMatchObject({ format: 'webp' });
    expect(Math.max(preview!.width, preview!.height)).toBeLessThanOrEqual(768);
  });

  it("a provider's refusal ends the call with isError, its code and what to change", async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const first = (await me.client.callTool({
      name: 'generate_images',
      arguments: { prompt: 'something forbidden [bfl:moderated:Violence]', provider: 'flux' },
    })) as CallToolResult;
    // Within the wait or after it, the job is the same: read it once it has ended.
    const jobId = (first.structuredContent as any).job.id as string;
    await finalJob(stack.app, me.viewer, jobId);

    const refusal = await me.refused('get_job', { jobId });
    expect(refusal.code).toBe('CONTENT_FILTER');
    expect(refusal.text).toMatch(/rephrase the prompt/);
  });

  it('cancel_job stops a running job; a second cancel says it has already been canceled', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    // The fake answers this submit after 3 s: the job is surely still running when cancelled.
    const handedOff = await me.call('generate_images', {
      prompt: 'a slow tide [bfl:slow]',
      provider: 'flux',
    });
    const jobId = handedOff.structured.job.id as string;

    const canceled = await me.call('cancel_job', { jobId });
    expect(canceled.structured.job).toMatchObject({ id: jobId, status: 'CANCELED' });
    expect((await finalJob(stack.app, me.viewer, jobId)).status).toBe('CANCELED');
    expect(await me.refused('cancel_job', { jobId })).toMatchObject({ code: 'INVALID_STATE' });
  });

  it("person B can neither read nor cancel person A's job: both answer like a missing one", async () => {
    const a = await mcpPerson(stack, server.url, ['read', 'generate']);
    const b = await mcpPerson(stack, server.url, ['read', 'generate']);
    const { structured } = await a.call('generate_images', { prompt: 'a private garden', provider: 'flux' });
    const jobId = structured.job.id as string;

    for (const tool of ['get_job', 'cancel_job']) {
      const foreign = await b.refused(tool, { jobId });
      const missing = await b.refused(tool, { jobId: NO_SUCH_JOB });
      expect(foreign).toEqual(missing);
      expect(foreign).toMatchObject({ code: 'NOT_FOUND', field: 'jobId' });
    }
    expect(await b.refused('get_job', { jobId: 'not-an-id' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await finalJob(stack.app, a.viewer, jobId)).status).toBe('SUCCEEDED');
  });

  it('a read-only token reads jobs but may not cancel them', async () => {
    const me = await mcpPerson(stack, server.url, ['read', 'generate']);
    const { secret } = await stack.app.services.accounts.createToken(me.viewer, {
      name: 'viewer only',
      scopes: ['read'],
    });
    const readOnly = await connectMcp(server.url, bearer(secret));
    const job = await stack.app.services.generation.generate(me.viewer, {
      prompt: 'a quiet field',
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
      steps: 1,
      magicPrompt: null,
      fallbackProviders: null,
    });
    await finalJob(stack.app, me.viewer, job.id);
    const read = (await readOnly.callTool({
      name: 'get_job',
      arguments: { jobId: job.id },
    })) as CallToolResult;
    expect((read.structuredContent as any).job.status).toBe('SUCCEEDED');
    const cancel = (await readOnly.callTool({
      name: 'cancel_job',
      arguments: { jobId: job.id },
    })) as CallToolResult;
    expect(cancel.isError).toBe(true);
    expect((cancel.structuredContent as any).error.code).toBe('FORBIDDEN');
    expect((await newestJob(stack.app, me.viewer))?.status).toBe('SUCCEEDED');
    await readOnly.close();
  });
});
