import type { ImageService } from '../services/image.service';
import type { JobRunner } from './run-job/job-runner';
import { PurgeTrash, purgeTrashTasks } from './purge-trash.task';
import { toTaskList } from './kit';
import { RunLocalJob, RunRemoteJob, runJobTasks } from './run-job.task';

export const localTasks = [RunLocalJob];
// Housekeeping waits on the database, not the CPU: it runs in the remote pool.
export const remoteTasks = [RunRemoteJob, PurgeTrash];

/** The task list for one worker pool: only the tasks of that pool, each with its implementation. */
export function createTaskList(runner: JobRunner, images: ImageService, pool: 'local' | 'remote') {
  const definitions = pool === 'local' ? localTasks : remoteTasks;
  const names = new Set(definitions.map((definition) => definition.name));
  return toTaskList(
    definitions,
    [...runJobTasks(runner), ...purgeTrashTasks(images)].filter((task) => names.has(task.name)),
  );
}
