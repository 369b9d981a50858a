/** Creates the task a valid submit asks for, and sets its rendering and webhook going. */
import { uuid } from './bfl-http';
import type { OutputFormat } from './bfl-images';
import type { BflModel } from './bfl-models';
import { type BflScenario, stripScenarioTokens } from './bfl-scenarios';
import { type BflFakeState, later } from './bfl-state';
import type { SubmitPrice, SubmitRequest } from './bfl-submit-request';
import { activeTasks, refresh } from './bfl-task-clock';
import type { BflFakeTask, BflHostRole } from './bfl-tasks';

export interface NewTask {
  role: BflHostRole;
  key: string;
  model: BflModel;
  request: SubmitRequest;
  rawPrompt: string;
  scenario: BflScenario;
  price: SubmitPrice;
}

export function startTask(state: BflFakeState, submitted: NewTask): BflFakeTask {
  const { key, model, scenario } = submitted;
  const { body } = submitted.request;
  const task = newTask(state, submitted);
  state.tasks.push(task);
  state.taskById.set(task.id, task);
  // Paint the result midway through the task, off the submit path, as the real service works
  // while the task is pending; a download then costs only the transfer.
  if (scenario.outcome === 'Ready') {
    setTimeout(() => void state.delivery.render(task), Math.max(0, scenario.durationMs / 2)).unref();
  }
  refresh(state, task, null);
  state.peakActive = Math.max(state.peakActive, activeTasks(state, key));
  if (model.pool) {
    state.peakKontextMaxActive = Math.max(state.peakKontextMaxActive, activeTasks(state, key, model.pool));
  }
  // Webhook tasks finish without polls: wake them when their time is up.
  if (typeof body.webhook_url === 'string' && scenario.pendingPolls === null) {
    later(state, Math.max(0, scenario.durationMs) + 5, () => refresh(state, task, null));
  }
  return task;
}

const pngByDefault = (model: BflModel): boolean =>
  ['flux-kontext', 'flux-tools/outpainting', 'flux-tools/erase'].some((prefix) =>
    model.path.startsWith(prefix),
  );

function newTask(
  state: BflFakeState,
  { role, key, model, request, rawPrompt, scenario, price }: NewTask,
): BflFakeTask {
  const { body } = request;
  const { renderScale } = state.settings;
  return {
    id: uuid(state.random),
    model: model.path,
    body,
    prompt: stripScenarioTokens(rawPrompt),
    host: role,
    key,
    scenario,
    submittedAt: state.now(),
    seed: typeof body.seed === 'number' ? body.seed : Math.floor(state.random() * 2 ** 31),
    outputSize: {
      width: Math.max(16, Math.round(price.size.width * renderScale)),
      height: Math.max(16, Math.round(price.size.height * renderScale)),
    },
    renderScale,
    outputFormat:
      typeof body.output_format === 'string'
        ? (body.output_format as OutputFormat)
        : pngByDefault(model)
          ? 'png'
          : 'jpeg',
    inputMp: Math.round(price.inputMp * 100) / 100,
    outputMp: price.outputMp,
    costCredits: price.credits,
    status: 'Pending',
    polls: 0,
    terminalAt: null,
    charged: false,
    sample: null,
    samplePath: null,
    sampleExpiresAt: null,
    downloads: 0,
    renderer: null,
    pollFaultsLeft: scenario.pollFault === null ? 0 : scenario.pollFaultTimes,
    downloadFaultsLeft: scenario.downloadFault === null ? 0 : scenario.downloadFaultTimes,
    pool: model.pool,
  };
}
