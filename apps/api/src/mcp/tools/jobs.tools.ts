import { NotFoundError } from '@atelier/domain';
import { z } from 'zod';
import { jobOutput, jobResult } from '../job-result';
import { waitForJob } from '../job-wait';
import { ToolRefusal } from '../tool-errors';
import { defineTool } from '../tool-kit';

const jobId = z
  .string()
  .min(1)
  .max(64)
  .describe('The job id, as generate_images (or another image tool) returned it.');

/** A foreign job answers exactly like a missing one. */
const noSuchJob = () => new ToolRefusal('NOT_FOUND', 'Job was not found', 'jobId');

export const getJob = defineTool({
  name: 'get_job',
  title: 'Get a job',
  description:
    "Reads one of the person's jobs: its status (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED), progress, provider, cost and attempts, and once SUCCEEDED its images (a ≤768 px WebP preview each, a link and ids), the same as a finished generate_images. Call it with the job id an image tool handed back when it stopped waiting; if it is still running, call again with wait: true. Free, read-only.",
  scope: 'read',
  input: {
    jobId,
    wait: z
      .boolean()
      .default(false)
      .describe(
        'true: wait for the job to end (as long as generate_images would), reporting progress, instead of answering at once.',
      ),
  },
  output: jobOutput,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx, extra) {
    const [job] = await ctx.app.services.jobs.loadMany(ctx.viewer, [args.jobId]);
    if (!job) throw noSuchJob();
    return jobResult(args.wait ? await waitForJob(job, ctx, extra, extra.signal) : job, ctx);
  },
});

export const cancelJob = defineTool({
  name: 'cancel_job',
  title: 'Cancel a job',
  description:
    "Stops one of the person's queued or running jobs: a queued one never runs, a running one has its provider call aborted (a paid provider may still bill the work already done). Nothing already made is deleted. INVALID_STATE when the job has already ended.",
  scope: 'generate',
  input: { jobId },
  output: jobOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    try {
      const job = await ctx.app.services.jobs.cancel(ctx.viewer, args.jobId);
      return await jobResult(job, ctx);
    } catch (error) {
      throw error instanceof NotFoundError ? noSuchJob() : error;
    }
  },
});
