/**
 * What one submitted task does at the fake BFL API. A scenario is chosen per request: by magic
 * tokens in the prompt (see BFL_SCENARIO_TOKENS), by `fake.nextScenario(...)`, or by the defaults.
 */

export type BflTerminalStatus =
  'Ready' | 'Error' | 'Request Moderated' | 'Content Moderated' | 'Task not found';
export type BflProgressMode = 'null' | 'fraction' | 'percent';
/** A failure answered instead of the normal response: an HTTP status, or a dropped connection. */
export type BflFault = number | 'reset';

export interface BflScenario {
  outcome: BflTerminalStatus;
  /** Poll-count timeline: this many non-terminal polls, then the outcome. Wins over `durationMs`. */
  pendingPolls: number | null;
  /** Time timeline (fake clock): non-terminal until this long after submit. */
  durationMs: number;
  progress: BflProgressMode;
  /** Non-terminal statuses shown in order across the running phase, after a first `Pending`. */
  runningStatuses: readonly string[];
  moderationReasons: readonly string[];
  errorMessage: string;
  /** Answer the submit with this instead of 200 (the task is created first for 500/502/reset/slow). */
  submitFault: BflFault | 'rate-limit' | 'no-credits' | 'forbidden' | null;
  /** How many submits with the same prompt get `submitFault` (Infinity = all). */
  submitFaultTimes: number;
  submitDelayMs: number;
  pollFault: BflFault | null;
  pollFaultTimes: number;
  downloadFault: BflFault | null;
  downloadFaultTimes: number;
  /** Poll bodies carry `state` instead of `status` (seen in the wild). */
  statusField: 'status' | 'state';
  /** Submit answer shape: normal, or AsyncWebhookResponse with or without `polling_url`. */
  submitShape: 'polling' | 'webhook' | 'webhook+polling' | null;
  costFields: 'number' | 'null' | 'absent';
  /** HTTP status used for `Task not found` answers. */
  notFoundStatus: 200 | 404;
}

/** What a task does when neither the defaults, the queue nor its prompt change anything. */
export const defaultScenario: BflScenario = {
  outcome: 'Ready',
  pendingPolls: null,
  durationMs: 800,
  progress: 'fraction',
  runningStatuses: [],
  moderationReasons: ['Sexual Content'],
  errorMessage: 'Generation failed on the GPU worker',
  submitFault: null,
  submitFaultTimes: Infinity,
  submitDelayMs: 0,
  pollFault: null,
  pollFaultTimes: 0,
  downloadFault: null,
  downloadFaultTimes: 0,
  statusField: 'status',
  submitShape: null,
  costFields: 'number',
  notFoundStatus: 200,
};

/**
 * Magic prompt tokens. `[bfl:name]` or `[bfl:name:arg]`; several may be combined. They are removed
 * from the prompt before rendering and before the prompt is echoed in `result.prompt`.
 */
export const BFL_SCENARIO_TOKENS = {
  moderated: 'Request Moderated at the first poll; arg: reasons separated by | (default "Sexual Content")',
  'content-moderated': 'Pending, then Content Moderated; arg: reasons separated by |',
  error: 'Pending, then Error with a message in details; arg: the message',
  'not-found': 'Pending, then Task not found; arg 404 answers it with HTTP 404',
  'rate-limit': '429 on submit; arg N: only the first N submits with this prompt (default: all)',
  'no-credits': '402 on submit',
  forbidden: '403 on submit: the key has no access to this model',
  'submit-500': 'task created, then HTTP 500 on submit; arg N: first N submits only',
  'submit-502': 'task created, then HTTP 502 on submit; arg N: first N submits only',
  'submit-503': 'HTTP 503 on submit, no task created; arg N: first N submits only',
  'submit-reset': 'task created, then the connection is reset before the answer; arg N: first N only',
  slow: 'task created, submit answered after arg ms (default 3000)',
  'poll-500': 'the first N polls (arg, default 2) answer 500',
  'poll-503': 'the first N polls (arg, default 2) answer 503',
  'poll-429': 'the first N polls (arg, default 2) answer 429',
  'poll-reset': 'the first N polls (arg, default 2) drop the connection',
  'download-503': 'the first N downloads (arg, default 2) of the result answer 503',
  'download-reset': 'the first N downloads (arg, default 2) of the result drop the connection',
  reasoning: 'runs through Pending, Reasoning, Generating',
  generating: 'runs through Pending, Generating',
  pending: 'poll-count timeline: arg N Pending polls (default 3), then the outcome',
  duration: 'time timeline: Pending for arg ms',
  'progress-null': 'progress is null while running',
  'progress-fraction': 'progress rises 0 → 1',
  'progress-percent': 'progress rises 0 → 100',
  'state-field': 'poll bodies carry `state` instead of `status`',
  'webhook-shape': 'submit answers the AsyncWebhookResponse shape without polling_url',
  'webhook-shape-polling': 'submit answers the AsyncWebhookResponse shape with polling_url',
  'cost-null': 'cost, input_mp and output_mp are null in the submit answer',
  'cost-absent': 'cost, input_mp and output_mp are absent from the submit answer',
} as const;

export type BflScenarioToken = keyof typeof BFL_SCENARIO_TOKENS;

const tokenPattern = /\[bfl:([a-z0-9-]+)(?::([^\]]*))?\]/g;

/** The prompt without scenario tokens. */
export function stripScenarioTokens(prompt: string): string {
  return prompt
    .replace(tokenPattern, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const count = (arg: string | undefined, fallback: number): number => {
  const value = Number(arg);
  return arg !== undefined && arg !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
};

const reasons = (arg: string | undefined, fallback: string): string[] =>
  arg ? arg.split('|').map((reason) => reason.trim()) : [fallback];

const tokenEffects: Record<BflScenarioToken, (arg: string | undefined) => Partial<BflScenario>> = {
  moderated: (arg) => ({ outcome: 'Request Moderated', moderationReasons: reasons(arg, 'Sexual Content') }),
  'content-moderated': (arg) => ({
    outcome: 'Content Moderated',
    moderationReasons: reasons(arg, 'Sexual Content'),
  }),
  error: (arg) => ({ outcome: 'Error', errorMessage: arg || 'Generation failed on the GPU worker' }),
  'not-found': (arg) => ({ outcome: 'Task not found', notFoundStatus: arg === '404' ? 404 : 200 }),
  'rate-limit': (arg) => ({ submitFault: 'rate-limit', submitFaultTimes: count(arg, Infinity) }),
  'no-credits': () => ({ submitFault: 'no-credits' }),
  forbidden: () => ({ submitFault: 'forbidden' }),
  'submit-500': (arg) => ({ submitFault: 500, submitFaultTimes: count(arg, Infinity) }),
  'submit-502': (arg) => ({ submitFault: 502, submitFaultTimes: count(arg, Infinity) }),
  'submit-503': (arg) => ({ submitFault: 503, submitFaultTimes: count(arg, Infinity) }),
  'submit-reset': (arg) => ({ submitFault: 'reset', submitFaultTimes: count(arg, Infinity) }),
  slow: (arg) => ({ submitDelayMs: count(arg, 3000) }),
  'poll-500': (arg) => ({ pollFault: 500, pollFaultTimes: count(arg, 2) }),
  'poll-503': (arg) => ({ pollFault: 503, pollFaultTimes: count(arg, 2) }),
  'poll-429': (arg) => ({ pollFault: 429, pollFaultTimes: count(arg, 2) }),
  'poll-reset': (arg) => ({ pollFault: 'reset', pollFaultTimes: count(arg, 2) }),
  'download-503': (arg) => ({ downloadFault: 503, downloadFaultTimes: count(arg, 2) }),
  'download-reset': (arg) => ({ downloadFault: 'reset', downloadFaultTimes: count(arg, 2) }),
  reasoning: () => ({ runningStatuses: ['Reasoning', 'Generating'] }),
  generating: () => ({ runningStatuses: ['Generating'] }),
  pending: (arg) => ({ pendingPolls: count(arg, 3) }),
  duration: (arg) => ({ durationMs: count(arg, 1000), pendingPolls: null }),
  'progress-null': () => ({ progress: 'null' }),
  'progress-fraction': () => ({ progress: 'fraction' }),
  'progress-percent': () => ({ progress: 'percent' }),
  'state-field': () => ({ statusField: 'state' }),
  'webhook-shape': () => ({ submitShape: 'webhook' }),
  'webhook-shape-polling': () => ({ submitShape: 'webhook+polling' }),
  'cost-null': () => ({ costFields: 'null' }),
  'cost-absent': () => ({ costFields: 'absent' }),
};

/** The scenario changes the tokens in `prompt` ask for. Unknown tokens are ignored. */
export function scenarioFromPrompt(prompt: string): Partial<BflScenario> {
  const scenario: Partial<BflScenario> = {};
  for (const [, name, arg] of prompt.matchAll(tokenPattern)) {
    // hasOwn, not `in`: a token such as [bfl:constructor] must not reach Object.prototype.
    if (!Object.hasOwn(tokenEffects, name!)) continue;
    Object.assign(scenario, tokenEffects[name as BflScenarioToken](arg));
  }
  return scenario;
}
