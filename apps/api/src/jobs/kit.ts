import type { JobHelpers, Task, TaskList } from 'graphile-worker';
import type { z } from 'zod';
import type { TaskToEnqueue } from '../repositories/queue.repository';

export interface TaskDefinition<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
}

export interface TaskImplementation {
  name: string;
  task: Task;
}

/** Payloads are checked at both ends: here, when enqueued, and before running (implementTask). */
export function queued<Payload>(
  task: TaskDefinition<Payload>,
  payload: Payload,
  options: { key: string; maxAttempts: number },
): TaskToEnqueue {
  return { name: task.name, payload: task.payload.parse(payload), ...options };
}

export function defineTask<Payload>(name: string, payload: z.ZodType<Payload>): TaskDefinition<Payload> {
  return { name, payload };
}

/** Payloads are checked at both ends: when enqueued (see `queued`) and here, before running. */
export function implementTask<Payload>(
  definition: TaskDefinition<Payload>,
  run: (payload: Payload, helpers: JobHelpers) => Promise<void>,
): TaskImplementation {
  return {
    name: definition.name,
    task: async (raw, helpers) => run(definition.payload.parse(raw), helpers),
  };
}

/** Refuses to start a worker that lacks an implementation for a defined task, or has two. */
export function toTaskList(
  definitions: TaskDefinition<unknown>[],
  implementations: TaskImplementation[],
): TaskList {
  const list: TaskList = {};
  for (const { name, task } of implementations) {
    if (list[name]) throw new Error(`Task "${name}" is implemented twice`);
    list[name] = task;
  }
  const missing = definitions.filter((definition) => !list[definition.name]);
  if (missing.length > 0) {
    throw new Error(
      `No implementation for task(s): ${missing.map((definition) => definition.name).join(', ')}`,
    );
  }
  return list;
}
