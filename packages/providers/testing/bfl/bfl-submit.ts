/** POST /v1/{model}: checks the key, body, limits and credits, creates a task, answers its id. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize, checkModelAccess, noModelAccess } from './bfl-auth';
import { type BflRequestRecord, detail, Reply, sleep, tooManyRequests } from './bfl-http';
import type { BflModel } from './bfl-models';
import { startTask } from './bfl-new-task';
import { type BflScenario, scenarioFromPrompt } from './bfl-scenarios';
import { type BflFakeState, origin } from './bfl-state';
import { priceRequest, readSubmitRequest } from './bfl-submit-request';
import { activeTasks, refreshAll } from './bfl-task-clock';
import type { BflFakeTask, BflHostRole } from './bfl-tasks';

type SubmitFault = NonNullable<BflScenario['submitFault']>;

export async function submit(
  state: BflFakeState,
  role: BflHostRole,
  model: BflModel,
  req: IncomingMessage,
  record: BflRequestRecord,
  res: ServerResponse,
): Promise<Reply | 'reset' | 'sent'> {
  const denied = authorize(state, record);
  if (denied) return denied;
  const key = record.key!;
  const noAccess = checkModelAccess(state, key, model);
  if (noAccess) return noAccess;
  const request = await readSubmitRequest(state, model, req);
  if (request instanceof Reply) return request;

  const rawPrompt = typeof request.body.prompt === 'string' ? request.body.prompt : '';
  const scenario: BflScenario = {
    ...state.defaults,
    ...state.queued.shift(),
    ...scenarioFromPrompt(rawPrompt),
  };
  const fault = takeSubmitFault(state, rawPrompt, scenario);
  const refused =
    faultBeforeTask(fault, model, state.settings.retryAfterSeconds) ?? refuseOverLimits(state, key, model);
  if (refused) return refused;
  const price = priceRequest(model, request);
  refreshAll(state);
  if (state.credits < price.credits) {
    return detail(
      402,
      `Insufficient credits: this request needs ${price.credits} credits, you have ${state.credits}`,
    );
  }

  const task = startTask(state, { role, key, model, request, rawPrompt, scenario, price });
  if (fault === 500 || fault === 502) {
    return detail(fault, fault === 500 ? 'Internal Server Error' : 'Bad Gateway');
  }
  if (fault === 'reset') return 'reset';
  if (scenario.submitDelayMs > 0) {
    await sleep(scenario.submitDelayMs);
    if (res.destroyed) return 'sent';
  }
  return new Reply(200, submitAnswer(state, task));
}

/** The scenario's submit fault if this submit gets it (counted per prompt, for "first N only"). */
function takeSubmitFault(state: BflFakeState, prompt: string, scenario: BflScenario): SubmitFault | null {
  const fault = scenario.submitFault;
  if (fault === null) return null;
  const key = `${String(fault)}\u0000${prompt}`;
  const used = state.faultCounts.get(key) ?? 0;
  if (used >= scenario.submitFaultTimes) return null;
  state.faultCounts.set(key, used + 1);
  return fault;
}

/** Faults answered before any task exists (the others come after the task is created). */
function faultBeforeTask(
  fault: SubmitFault | null,
  model: BflModel,
  retryAfterSeconds: number | null,
): Reply | null {
  if (fault === 'rate-limit') return tooManyRequests('Rate limit exceeded', retryAfterSeconds);
  if (fault === 'no-credits') return detail(402, 'Insufficient credits');
  if (fault === 'forbidden') return noModelAccess(model);
  if (fault === 503) return detail(503, 'Service temporarily unavailable');
  return null;
}

/** The account-wide and kontext-max concurrency limits. */
function refuseOverLimits(state: BflFakeState, key: string, model: BflModel): Reply | null {
  const { concurrencyLimit, kontextMaxLimit, retryAfterSeconds } = state.settings;
  if (activeTasks(state, key) >= concurrencyLimit) {
    const message = `You have reached the maximum of ${concurrencyLimit} active tasks; wait for one to finish`;
    return tooManyRequests(message, retryAfterSeconds);
  }
  if (model.pool === 'kontext-max' && activeTasks(state, key, 'kontext-max') >= kontextMaxLimit) {
    const message = `You have reached the maximum of ${kontextMaxLimit} active flux-kontext-max tasks`;
    return tooManyRequests(message, retryAfterSeconds);
  }
  return null;
}

/** The polling shape, or AsyncWebhookResponse (with or without `polling_url`) for webhook submits. */
function submitAnswer(state: BflFakeState, task: BflFakeTask): Record<string, unknown> {
  const webhookUrl = typeof task.body.webhook_url === 'string' ? task.body.webhook_url : null;
  const shape =
    task.scenario.submitShape ?? (webhookUrl === null ? 'polling' : state.settings.webhookResponse);
  const costs =
    task.scenario.costFields === 'absent'
      ? {}
      : task.scenario.costFields === 'null'
        ? { cost: null, input_mp: null, output_mp: null }
        : { cost: task.costCredits, input_mp: task.inputMp, output_mp: task.outputMp };
  const pollingUrl = `${origin(state, 'cluster')}/v1/get_result?id=${task.id}`;
  if (shape === 'polling') return { id: task.id, polling_url: pollingUrl, ...costs };
  return {
    id: task.id,
    status: 'Pending',
    webhook_url: webhookUrl,
    ...(shape === 'webhook+polling' && { polling_url: pollingUrl }),
    ...costs,
  };
}
