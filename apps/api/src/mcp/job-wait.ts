import { type JobRecord, terminalJobStatuses } from '@atelier/domain';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { follow } from '../http/follow-updates';
import type { McpContext } from './mcp-context';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Something with a progress from 0 to 1 and a word on where it stands. */
export interface Progressing {
  progress: number;
  message: string;
}

/**
 * Sends `notifications/progress` for the caller's progress token (when it gave one), as a percentage
 * that only grows: the spec requires each notification's value to exceed the last.
 */
export function progressReporter(extra: ToolExtra): (update: Progressing) => Promise<void> {
  const token = extra._meta?.progressToken;
  let last = -1;
  return async ({ progress, message }) => {
    const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
    if (token === undefined || percent <= last) return;
    last = percent;
    await extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: percent, total: 100, message },
      })
      // The client may have gone; the job goes on and get_job still answers.
      .catch(() => undefined);
  };
}

export const isFinished = (job: JobRecord) => terminalJobStatuses.includes(job.status);

/** Waits up to `ctx.jobWaitMs` for a job to end, reporting its progress; returns the job as last seen. */
export async function waitForJob(
  job: JobRecord,
  ctx: McpContext,
  extra: ToolExtra,
  signal: AbortSignal,
): Promise<JobRecord> {
  const report = progressReporter(extra);
  await report({ progress: job.progress, message: jobMessage(job) });
  return follow(job, ctx.app.services.jobs.watch(ctx.viewer, job.id, job.seq), {
    pick: (update) => update,
    done: isFinished,
    ms: ctx.jobWaitMs,
    signal,
    onUpdate: (latest) => report({ progress: latest.progress, message: jobMessage(latest) }),
  });
}

function jobMessage(job: JobRecord): string {
  const stage = job.stage ? `: ${job.stage}` : '';
  return `${job.status.toLowerCase()}${stage}`;
}
