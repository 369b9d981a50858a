/** Moves tasks along their timelines on the fake clock, and counts those still running. */
import type { BflModel } from './bfl-models';
import { type BflFakeState, origin, track } from './bfl-state';
import { advanceTask, type BflFakeTask, isTerminal, pollBody } from './bfl-tasks';
import { deliverWebhook } from './bfl-webhooks';

/** Moves a task along its timeline; charges, signs and notifies when it turns terminal. */
export function refresh(state: BflFakeState, task: BflFakeTask, pollNumber: number | null): void {
  if (!advanceTask(task, state.now(), pollNumber)) return;
  if (task.status === 'Ready') {
    if (!task.charged) {
      state.credits = Math.round((state.credits - task.costCredits) * 100) / 100;
      task.charged = true;
    }
    state.delivery.sign(task, origin(state, 'delivery'));
  }
  const webhookUrl = task.body.webhook_url;
  if (typeof webhookUrl === 'string') {
    const secret = typeof task.body.webhook_secret === 'string' ? task.body.webhook_secret : null;
    const { settings } = state;
    track(
      state,
      deliverWebhook(task.id, webhookUrl, pollBody(task, state.now()), secret, {
        signature: settings.webhookSignature,
        attempts: settings.webhookAttempts,
        retryDelayMs: settings.webhookRetryDelayMs,
        log: state.webhooks,
        stopped: () => state.closed,
      }),
    );
  }
}

export const refreshAll = (state: BflFakeState): void =>
  state.tasks.forEach((task) => refresh(state, task, null));

/** Tasks not yet terminal (of one key and one pool, if given). */
export const activeTasks = (state: BflFakeState, key?: string, pool?: BflModel['pool']): number =>
  state.tasks.filter((task) => {
    if ((key !== undefined && task.key !== key) || (pool && task.pool !== pool)) return false;
    refresh(state, task, null);
    return !isTerminal(task.status);
  }).length;
