import type { JobRecord } from '@atelier/domain';
import { jobResult, type JobToolResult } from './job-result';
import { type ToolExtra, waitForJob } from './job-wait';
import type { McpContext } from './mcp-context';
import { trackCall } from './running-calls';

/**
 * Starts a job through `start` (a service call, so every rule of GraphQL holds), then waits for it
 * with progress: its images when it ends in time, its id and state (for get_job) when it does not.
 * A `notifications/cancelled` for this call cancels the job.
 */
export async function startJobAndWait(
  ctx: McpContext,
  extra: ToolExtra,
  start: () => Promise<JobRecord>,
): Promise<JobToolResult> {
  const call = trackCall(ctx, extra);
  try {
    const job = await start();
    await call.adopt(() => ctx.app.services.jobs.cancel(ctx.viewer, job.id));
    let latest = await waitForJob(job, ctx, extra, call.signal);
    if (call.cancelled) {
      await call.settled();
      const [reloaded] = await ctx.app.services.jobs.loadMany(ctx.viewer, [job.id]);
      latest = reloaded ?? latest;
    }
    return await jobResult(latest, ctx);
  } finally {
    call.end();
  }
}
