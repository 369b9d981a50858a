import type { JobRunner } from '../services/job-runner';
import { toTaskList } from './kit';
import { RunLocalJob, RunRemoteJob, runJobTasks } from './run-job.task';

export const localTasks = [RunLocalJob];
export const remoteTasks = [RunRemoteJob];

/** The task list for one worker pool: only the tasks of that pool, each with its implementation. */
export function createTaskList(runner: JobRunner, pool: 'local' | 'remote') {
  const definitions = pool === 'local' ? localTasks : remoteTasks;
  const names = new Set(definitions.map((definition) => definition.name));
  return toTaskList(
    definitions,
    runJobTasks(runner).filter((task) => names.has(task.name)),
  );
}
