/** GET /v1/get_result: a task's status, answered by the host that owns it (or any, if configured). */
import { authorize } from './bfl-auth';
import { type BflRequestRecord, detail, Reply, tooManyRequests, unprocessable } from './bfl-http';
import type { BflFakeState } from './bfl-state';
import { refresh } from './bfl-task-clock';
import { type BflFakeTask, type BflHostRole, pollBody, taskNotFoundBody } from './bfl-tasks';

export function poll(
  state: BflFakeState,
  role: BflHostRole,
  url: URL,
  record: BflRequestRecord,
): Reply | 'reset' {
  const { settings } = state;
  if (!settings.keylessPolling) {
    const denied = authorize(state, record);
    if (denied) return denied;
  }
  const id = url.searchParams.get('id');
  if (id === null) {
    return unprocessable([{ type: 'missing', loc: ['query', 'id'], msg: 'Field required', input: null }]);
  }
  const task = state.taskById.get(id);
  const notFoundStatus = task?.scenario.notFoundStatus ?? state.defaults.notFoundStatus;
  const visible = task !== undefined && (role === 'cluster' || settings.pollAnyHost);
  const expired = task?.terminalAt != null && state.now() - task.terminalAt > settings.retentionMs;
  if (!task || !visible || expired) return new Reply(notFoundStatus, taskNotFoundBody(id));
  const fault = takePollFault(state, task);
  if (fault) return fault;
  task.polls++;
  refresh(state, task, task.polls);
  if (task.status === 'Task not found') return new Reply(notFoundStatus, taskNotFoundBody(id));
  return new Reply(200, pollBody(task, state.now()));
}

/** The scenario's poll fault, while the task has some left. */
function takePollFault(state: BflFakeState, task: BflFakeTask): Reply | 'reset' | null {
  const fault = task.scenario.pollFault;
  if (task.pollFaultsLeft <= 0 || fault === null) return null;
  task.pollFaultsLeft--;
  if (fault === 'reset') return 'reset';
  if (fault === 429) return tooManyRequests('Too many requests', state.settings.retryAfterSeconds);
  return detail(fault, fault === 503 ? 'Service Unavailable' : 'Internal Server Error');
}
