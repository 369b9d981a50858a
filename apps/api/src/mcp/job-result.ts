import type { ImageRecord, JobRecord } from '@atelier/domain';
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { imageBlocks, imageSummary, summarizeImage } from './image-content';
import type { McpContext } from './mcp-context';
import type { ToolResult } from './tool-kit';

export const jobSummary = z.object({
  id: z.string().describe('The job id: pass it to get_job or cancel_job'),
  kind: z.string().describe('GENERATE, VARIATION, ENHANCE, RESTYLE or EDIT'),
  status: z.string().describe('QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELED'),
  stage: z.string().nullable(),
  progress: z.number().describe('From 0 to 1'),
  provider: z.string(),
  model: z.string().nullable(),
  count: z.number(),
  costUsd: z
    .number()
    .nullable()
    .describe('What the providers billed for it, in US dollars (0 for local); null when unknown'),
  attempts: z.array(
    z.object({
      provider: z.string(),
      model: z.string().nullable(),
      outcome: z.string(),
      message: z.string().nullable(),
      latencyMs: z.number(),
      costUsd: z.number().nullable(),
    }),
  ),
  error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof jobSummary>;

/** The output of every tool that makes images, and of get_job: the job, and its images once done. */
export const jobOutput = {
  job: jobSummary,
  images: z.array(imageSummary).describe('The images made, once the job has SUCCEEDED'),
  next: z.string().optional().describe('What to do next, when the job is not finished'),
};
export type JobToolResult = ToolResult<typeof jobOutput>;

export function summarizeJob(job: JobRecord): JobSummary {
  const costs = job.attempts.map((attempt) => attempt.costUsd).filter((cost) => cost !== null);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    stage: job.stage,
    progress: job.progress,
    provider: job.provider,
    model: job.input.model,
    count: job.input.count,
    costUsd: costs.length > 0 ? costs.reduce((sum, cost) => sum + cost, 0) : null,
    attempts: job.attempts.map((attempt) => ({
      provider: attempt.provider,
      model: attempt.model,
      outcome: attempt.outcome,
      message: attempt.message,
      latencyMs: attempt.latencyMs,
      costUsd: attempt.costUsd,
    })),
    error: job.error
      ? { code: job.error.code, message: job.error.message, retryable: job.error.retryable }
      : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** What a model can do about a failed job, by its code. */
const REMEDIES: Record<string, string> = {
  CONTENT_FILTER: "The provider's safety filter refused the prompt or the picture: rephrase the prompt.",
  INVALID_PROMPT: 'Change the prompt as the message says, then call again.',
  RATE_LIMIT:
    'The provider is throttling requests: wait a minute, or call again with fallbackProviders (see list_providers).',
  INSUFFICIENT_CREDITS:
    'The provider account is out of credits: use another provider (list_providers), e.g. local.',
  UNAUTHORIZED: 'The provider rejected its key: use another provider (list_providers).',
  PROVIDER_UNAVAILABLE: 'The provider is down: try another one (list_providers) or later.',
  TIMEOUT: 'The provider took too long: call again, or try another provider.',
  API_ERROR: 'The provider failed: call again, or try another provider (list_providers).',
};

/** The tool result for a job: its images when it succeeded, the reason when it failed, how to follow it otherwise. */
export async function jobResult(job: JobRecord, ctx: McpContext): Promise<JobToolResult> {
  const summary = summarizeJob(job);
  if (job.status === 'FAILED') {
    const code = job.error?.code ?? 'API_ERROR';
    const remedy = REMEDIES[code] ?? 'Call again, or try another provider (list_providers).';
    const message = job.error?.message ?? 'The job failed';
    return {
      isError: true,
      content: [{ type: 'text', text: `${code}: ${message}. ${remedy}` }],
      structuredContent: {
        error: { code, message, retryable: job.error?.retryable ?? false, remedy },
        job: summary,
      },
    };
  }
  if (job.status !== 'SUCCEEDED') {
    const next =
      job.status === 'CANCELED'
        ? 'The job was canceled; nothing was made.'
        : `The job is ${job.status.toLowerCase()} (${Math.round(job.progress * 100)}%): call get_job with id "${job.id}" and wait: true to get its images.`;
    return {
      content: [{ type: 'text', text: next }],
      structuredContent: { job: summary, images: [], next },
    };
  }
  const [images = []] = await ctx.app.services.jobs.imagesOf(ctx.viewer, [job.id]);
  return imagesResult(summary, images, ctx);
}

async function imagesResult(job: JobSummary, images: ImageRecord[], ctx: McpContext): Promise<JobToolResult> {
  const content: ContentBlock[] = [];
  for (const image of images) content.push(...(await imageBlocks(image, ctx)));
  const cost = job.costUsd === null ? 'no charge recorded' : `cost $${job.costUsd.toFixed(3)}`;
  content.push({
    type: 'text',
    text: `${images.length} image${images.length === 1 ? '' : 's'} by ${images[0]?.provider ?? job.provider}/${images[0]?.model ?? job.model ?? 'default'} (${cost}). Image ids: ${images.map((image) => image.id).join(', ')}. Next: create_variations, enhance_image, restyle_image or edit_image with an image id, or file it with the collection tools.`,
  });
  return {
    content,
    structuredContent: { job, images: images.map((image) => summarizeImage(image, ctx)) },
  };
}
