import { type BatchRecord, MAX_PROMPT_LENGTH } from '@atelier/domain';
import { freeText, nameText, providerId } from '@atelier/schema/validators';
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { imageBlocks, imageSummary, summarizeImage } from '../image-content';
import { follow } from '../../http/follow-updates';
import { progressReporter } from '../job-wait';
import type { McpContext } from '../mcp-context';
import { trackCall } from '../running-calls';
import { defineTool } from '../tool-kit';
import { imageParams, imageParamsInput, optionalProvider } from './image-params.input';

const MAX_ITEMS = 100;
/** Previews sent inline: enough to show a batch, small enough for a client's message cap. */
const MAX_PREVIEWS = 8;

const unfinished = (batch: BatchRecord) => batch.counts.queued + batch.counts.running > 0;

const batchOutput = {
  batch: z.object({
    id: z.string(),
    title: z.string(),
    kind: z.string().describe('PROMPTS, MATRIX or COMPARE'),
    progress: z.number().describe('From 0 to 1 over all items'),
    counts: z.object({
      total: z.number(),
      queued: z.number(),
      running: z.number(),
      succeeded: z.number(),
      failed: z.number(),
      canceled: z.number(),
    }),
  }),
  items: z.array(
    z.object({
      index: z.number(),
      prompt: z.string(),
      jobId: z.string().describe('Pass it to get_job for this item'),
      status: z.string(),
      error: z.string().nullable(),
    }),
  ),
  images: z.array(imageSummary),
  next: z.string().optional(),
};

export const runBatch = defineTool({
  name: 'run_batch',
  title: 'Run a batch of generations',
  description:
    'Makes many images in one call, in exactly one of three ways: `prompts` (a list of 1–100 prompts, one item each), `compare` (one prompt across 2–6 providers or models, side by side) or `matrix` (a template expanded over every combination of variable values; templates from list_templates). Every item is checked like generate_images and either all are queued or none. Cost: each item is one generation ("local" free; "flux" and "ideogram" bill per image), so mind count × items. It reports progress over all items and returns up to 8 previews plus every image\'s ids; past the wait it returns each item\'s job id: call get_job for them.',
  scope: 'generate',
  input: {
    prompts: z
      .array(freeText('prompt', MAX_PROMPT_LENGTH))
      .min(1)
      .max(MAX_ITEMS)
      .optional()
      .describe('A list of prompts, one item each.'),
    compare: z
      .object({
        prompt: freeText('prompt', MAX_PROMPT_LENGTH),
        targets: z
          .array(z.object({ provider: providerId, model: z.string().optional() }))
          .describe('2–6 providers (and optionally models) to run the prompt on'),
      })
      .optional()
      .describe('One prompt across providers or models.'),
    matrix: z
      .object({
        templateId: z.string().describe('A template id from list_templates'),
        version: z.number().int().min(1).optional(),
        values: z
          .array(z.object({ name: z.string(), options: z.array(freeText('option', 500)).max(MAX_ITEMS) }))
          .describe('Values to try per variable; a variable left out takes its default'),
      })
      .optional()
      .describe('A template × values matrix (at most 100 prompts).'),
    title: freeText('title', 200).optional().describe('A name; made from the first prompt when absent.'),
    provider: optionalProvider('Every item uses it (local when absent); compare items use their target.'),
    ...imageParamsInput,
    collectionId: z.string().optional().describe("One of the person's collections to add every image to."),
    newCollectionName: nameText('collection name', 200)
      .optional()
      .describe('Or a new collection, made with this name, for the images.'),
  },
  output: batchOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, ctx, extra) {
    const { batches } = ctx.app.services;
    const call = trackCall(ctx, extra);
    try {
      const created = await batches.create(ctx.viewer, {
        title: args.title ?? null,
        prompts: args.prompts?.map((prompt) => ({ prompt, negativePrompt: null, seed: null })) ?? null,
        compare: args.compare
          ? {
              prompt: args.compare.prompt,
              targets: args.compare.targets.map((t) => ({ provider: t.provider, model: t.model ?? null })),
            }
          : null,
        matrix: args.matrix
          ? {
              templateId: args.matrix.templateId,
              version: args.matrix.version ?? null,
              values: args.matrix.values,
            }
          : null,
        params: imageParams(args, args.provider ?? null, 1),
        collectionId: args.collectionId ?? null,
        newCollectionName: args.newCollectionName ?? null,
      });
      await call.adopt(() => batches.cancel(ctx.viewer, created.id));
      const report = progressReporter(extra);
      const updates = batches.watch(ctx.viewer, created.id);
      const message = (b: BatchRecord) =>
        `${b.counts.total - b.counts.queued - b.counts.running}/${b.counts.total} done`;
      const latest = await follow(created, updates, {
        pick: (update) => update.batch,
        done: (batch) => !unfinished(batch),
        ms: ctx.jobWaitMs,
        signal: call.signal,
        onUpdate: (batch) => report({ progress: batch.progress, message: message(batch) }),
      });
      if (call.cancelled) await call.settled();
      return await batchResult(latest.id, ctx);
    } finally {
      call.end();
    }
  },
});

async function batchResult(batchId: string, ctx: McpContext) {
  const { batches, jobs } = ctx.app.services;
  const [batch] = await batches.loadMany(ctx.viewer, [batchId]);
  const items = await batches.items(ctx.viewer, batchId, { limit: MAX_ITEMS, inverted: false });
  const imagesByJob = await jobs.imagesOf(
    ctx.viewer,
    items.map((item) => item.job.id),
  );
  const images = imagesByJob.flat();
  const content: ContentBlock[] = [];
  for (const image of images.slice(0, MAX_PREVIEWS)) content.push(...(await imageBlocks(image, ctx)));
  const counts = batch!.counts;
  const next = unfinished(batch!)
    ? `${counts.queued + counts.running} of ${counts.total} items are still queued or running: call get_job with their jobId later.`
    : undefined;
  content.push({
    type: 'text',
    text: `Batch "${batch!.title}": ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.canceled} canceled of ${counts.total}; ${images.length} images.${next ? ` ${next}` : ''}`,
  });
  return {
    content,
    structuredContent: {
      batch: {
        id: batch!.id,
        title: batch!.title,
        kind: batch!.kind,
        progress: batch!.progress,
        counts,
      },
      items: items.map((item) => ({
        index: item.index,
        prompt: item.prompt,
        jobId: item.job.id,
        status: item.job.status,
        error: item.job.error ? `${item.job.error.code}: ${item.job.error.message}` : null,
      })),
      images: images.map((image) => summarizeImage(image, ctx)),
      ...(next && { next }),
    },
  };
}
