import type { InsightsRepository } from '../repositories/insights.repository';
import type { ImageService } from '../services/image.service';
import { DeliverWebhook, deliverWebhookTasks } from './deliver-webhook.task';
import { InsightsRollup, insightsRollupTasks } from './insights-rollup.task';
import { type TaskDefinition, toTaskList } from './kit';
import { PurgeTrash, purgeTrashTasks } from './purge-trash.task';
import type { JobRunner } from './run-job/job-runner';
import { RunCpuJob, RunRemoteJob } from './run-job/job-task';
import { runJobTasks } from './run-job/run-job.task';
import type { WebhookSender } from './webhook-sender';

/** The worker pools: CPU-bound work at about one per core, work waiting on others many at once. */
export type WorkerPool = 'cpu' | 'remote';

const tasksOf: Record<WorkerPool, TaskDefinition<unknown>[]> = {
  cpu: [RunCpuJob],
  // Housekeeping waits on the database, not the CPU: it runs in the remote pool.
  remote: [RunRemoteJob, PurgeTrash, InsightsRollup, DeliverWebhook],
};

/** The task list for one worker pool: only the tasks of that pool, each with its implementation. */
export function createTaskList(
  runner: JobRunner,
  images: ImageService,
  pool: WorkerPool,
  insights: InsightsRepository,
  webhooks: WebhookSender,
) {
  const names = new Set(tasksOf[pool].map((definition) => definition.name));
  return toTaskList(
    tasksOf[pool],
    [
      ...runJobTasks(runner),
      ...purgeTrashTasks(images),
      ...insightsRollupTasks(insights),
      ...deliverWebhookTasks(webhooks),
    ].filter((task) => names.has(task.name)),
  );
}
