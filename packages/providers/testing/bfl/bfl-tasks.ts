/** A task at the fake BFL API and its timeline: running statuses, progress, then a terminal status. */
import type { Size } from './bfl-model-sizes';
import type { BflModel } from './bfl-models';
import type { OutputFormat } from './bfl-images';
import type { BflScenario } from './bfl-scenarios';

export interface BflFakeTask {
  id: string;
  /** Model path, e.g. `flux-2-pro` or `flux-tools/erase-v1`. */
  model: string;
  /** The JSON body exactly as submitted. */
  body: Record<string, unknown>;
  /** The prompt without scenario tokens. */
  prompt: string;
  /** Which fake host received the submit. */
  host: BflHostRole;
  key: string;
  scenario: BflScenario;
  submittedAt: number;
  seed: number;
  outputSize: Size;
  /** The fake's render scale at submit (an expand keeps its input, scaled by it, in the middle). */
  renderScale: number;
  outputFormat: OutputFormat;
  inputMp: number;
  outputMp: number;
  costCredits: number;
  /** The latest status a poll (or the clock) moved the task to. */
  status: string;
  /** Polls answered with a body (faults not counted). */
  polls: number;
  terminalAt: number | null;
  charged: boolean;
  /** Signed delivery URL, once Ready. */
  sample: string | null;
  samplePath: string | null;
  sampleExpiresAt: number | null;
  downloads: number;
  /** What painted the result: the local procedural renderer, or a plain gradient if it failed. */
  renderer: 'local' | 'plain' | null;
  pollFaultsLeft: number;
  downloadFaultsLeft: number;
  pool: BflModel['pool'];
}

export type BflHostRole = 'global' | 'eu' | 'us' | 'cluster' | 'delivery';

const TERMINAL = new Set(['Ready', 'Error', 'Request Moderated', 'Content Moderated', 'Task not found']);

export const isTerminal = (status: string): boolean => TERMINAL.has(status);

export interface TaskView {
  status: string;
  progress: number | null;
}

/**
 * Where the task's running phase stands, 0 at submit to 1 at its end, and whether it is over.
 * Poll-count timelines advance with polls (`pollNumber`, else the polls so far); time timelines
 * with the fake clock.
 */
function timeline(task: BflFakeTask, now: number, pollNumber: number | null): { at: number; over: boolean } {
  const { pendingPolls, durationMs } = task.scenario;
  if (pendingPolls !== null) {
    const polls = pollNumber ?? task.polls;
    return {
      at: pendingPolls <= 1 ? 0 : Math.min(1, Math.max(0, (polls - 1) / (pendingPolls - 1))),
      over: polls > pendingPolls,
    };
  }
  const elapsed = now - task.submittedAt;
  return { at: durationMs <= 0 ? 1 : Math.min(1, elapsed / durationMs), over: elapsed >= durationMs };
}

/**
 * Moves the task along its timeline: `Pending` first, then the scenario's running statuses in
 * equal parts, then the outcome. Returns whether the task has just turned terminal.
 */
export function advanceTask(task: BflFakeTask, now: number, pollNumber: number | null): boolean {
  if (isTerminal(task.status)) return false;
  const { scenario } = task;
  const { at, over } = timeline(task, now, pollNumber);
  if (over || scenario.outcome === 'Request Moderated') {
    task.status = scenario.outcome;
    task.terminalAt = now;
    return true;
  }
  const statuses = scenario.runningStatuses;
  const phase = Math.min(statuses.length, Math.floor(at * (statuses.length + 1)));
  task.status = phase === 0 ? 'Pending' : (statuses[phase - 1] ?? 'Pending');
  return false;
}

export function progressOf(task: BflFakeTask, now: number): number | null {
  if (isTerminal(task.status)) return null;
  // Running tasks stop short of 100 %.
  const at = Math.min(0.99, timeline(task, now, null).at);
  switch (task.scenario.progress) {
    case 'null':
      return null;
    case 'fraction':
      return Math.floor(at * 100) / 100;
    case 'percent':
      return Math.floor(at * 100);
  }
}

/** The get_result answer for a task (also the webhook payload). */
export function pollBody(task: BflFakeTask, now: number): Record<string, unknown> {
  const { status } = task;
  const end = task.terminalAt ?? now;
  const result =
    status === 'Ready'
      ? {
          sample: task.sample,
          prompt: task.prompt,
          seed: task.seed,
          start_time: task.submittedAt / 1000,
          end_time: end / 1000,
          duration: (end - task.submittedAt) / 1000,
        }
      : null;
  const details =
    status === 'Request Moderated' || status === 'Content Moderated'
      ? { 'Moderation Reasons': [...task.scenario.moderationReasons] }
      : status === 'Error'
        ? { error: task.scenario.errorMessage }
        : null;
  return {
    id: task.id,
    [task.scenario.statusField]: status,
    result,
    progress: progressOf(task, now),
    details,
    preview: null,
  };
}

export function taskNotFoundBody(id: string): Record<string, unknown> {
  return { id, status: 'Task not found', result: null, progress: null, details: null, preview: null };
}
