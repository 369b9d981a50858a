/**
 * A faithful fake of Black Forest Labs' FLUX API (shared/providers/flux-api.md §5), served by real
 * `node:http` servers on loopback ports, one per "host":
 *
 * - `apiUrl` (api.bfl.ai), `euUrl` (api.eu.bfl.ai), `usUrl` (api.us.bfl.ai): submit, poll, credits;
 * - `clusterUrl` (stands for api.us1.bfl.ai): owns every task; `polling_url` points here, and it alone
 *   serves the finetune paths and finetuned inference;
 * - `deliveryUrl` (delivery-*.bfl.ai): serves `result.sample` behind an expiring signed query string,
 *   without CORS headers.
 *
 * Polling another host than the one in `polling_url` answers `Task not found` (unless `pollAnyHost`).
 *
 * Each task follows a scenario: the defaults (`setDefaults`), then the next queued one
 * (`nextScenario`), then magic tokens in its prompt, e.g. `a cat [bfl:content-moderated:Violence]`
 * or `[bfl:poll-503:2] [bfl:progress-percent]`. The tokens (BFL_SCENARIO_TOKENS documents each one's
 * argument): moderated, content-moderated, error, not-found, rate-limit, no-credits, forbidden,
 * submit-500, submit-502, submit-503, submit-reset, slow, poll-500, poll-503, poll-429, poll-reset,
 * download-503, download-reset, reasoning, generating, pending, duration, progress-null,
 * progress-fraction, progress-percent, state-field, webhook-shape, webhook-shape-polling,
 * cost-null, cost-absent.
 *
 * Time (task timelines, delivery-link expiry, task retention) follows a fake clock that runs with
 * real time and can be set or advanced (`setClock`, `advance`). Credits are charged when a task
 * turns Ready; a task counts against the concurrency limit until it is terminal.
 */
import type { BflRequestRecord } from './bfl-http';
import { bflModelsByPath } from './bfl-models';
import type { BflScenario } from './bfl-scenarios';
import { type BflServers, listenAll } from './bfl-servers';
import { type BflFakeOptions, type BflFakeSettings, pickSettings } from './bfl-settings';
import { type BflFakeState, createState, origin } from './bfl-state';
import { activeTasks, refreshAll } from './bfl-task-clock';
import type { BflFakeTask, BflHostRole } from './bfl-tasks';
import type { BflWebhookDelivery } from './bfl-webhooks';

export { BFL_SCENARIO_TOKENS, type BflScenario, type BflScenarioToken } from './bfl-scenarios';
export type { BflFakeOptions, BflFakeSettings } from './bfl-settings';
export type { BflFakeTask, BflHostRole } from './bfl-tasks';
export type { BflRequestRecord } from './bfl-http';
export type { BflWebhookDelivery } from './bfl-webhooks';

export interface BflFake {
  apiUrl: string;
  euUrl: string;
  usUrl: string;
  clusterUrl: string;
  deliveryUrl: string;
  /** `host:port` of each host, for allow-lists (trustedHosts, deliveryHosts). */
  hosts: Record<BflHostRole, string>;
  apiKey: string;
  /** Every task created (including those whose submit answer failed), oldest first. */
  readonly tasks: readonly BflFakeTask[];
  readonly requests: readonly BflRequestRecord[];
  /** Delivery requests that carried `x-key`. */
  readonly keyLeaks: readonly BflRequestRecord[];
  readonly webhooks: readonly BflWebhookDelivery[];
  /** The credit balance (tasks that turned Ready by now are charged). */
  readonly credits: number;
  /** Most tasks ever active at once for one key, and in the kontext-max pool. */
  readonly peakActive: number;
  readonly peakKontextMaxActive: number;
  activeTasks(key?: string): number;
  setCredits(credits: number): void;
  /** Queues scenario changes for the next submits, one per submit. */
  nextScenario(...scenarios: Partial<BflScenario>[]): void;
  /** Changes the default scenario for later submits. */
  setDefaults(scenario: Partial<BflScenario>): void;
  configure(settings: Partial<BflFakeSettings>): void;
  now(): number;
  setClock(ms: number): void;
  advance(ms: number): void;
  /** Submit requests received (of one model path, if given), whatever they were answered. */
  submits(model?: string): BflRequestRecord[];
  /** get_result requests received (for one task, if given). */
  polls(taskId?: string): BflRequestRecord[];
  close(): Promise<void>;
}

export async function startBflFake(options: BflFakeOptions = {}): Promise<BflFake> {
  const state = createState(options);
  const servers = await listenAll(state);
  return createHandle(state, servers);
}

function createHandle(state: BflFakeState, servers: BflServers): BflFake {
  return {
    apiUrl: origin(state, 'global'),
    euUrl: origin(state, 'eu'),
    usUrl: origin(state, 'us'),
    clusterUrl: origin(state, 'cluster'),
    deliveryUrl: origin(state, 'delivery'),
    hosts: servers.hosts,
    apiKey: state.apiKey,
    tasks: state.tasks,
    requests: state.requests,
    keyLeaks: state.keyLeaks,
    webhooks: state.webhooks,
    get credits() {
      refreshAll(state);
      return state.credits;
    },
    get peakActive() {
      return state.peakActive;
    },
    get peakKontextMaxActive() {
      return state.peakKontextMaxActive;
    },
    activeTasks: (key?: string) => activeTasks(state, key),
    setCredits: (value: number) => {
      state.credits = value;
    },
    nextScenario: (...scenarios: Partial<BflScenario>[]) => {
      state.queued.push(...scenarios);
    },
    setDefaults: (scenario: Partial<BflScenario>) => {
      state.defaults = { ...state.defaults, ...scenario };
    },
    configure: (changes: Partial<BflFakeSettings>) => {
      Object.assign(state.settings, pickSettings(changes));
    },
    now: state.now,
    setClock: (ms: number) => {
      state.clockOffset = ms - state.baseNow();
      refreshAll(state);
    },
    advance: (ms: number) => {
      state.clockOffset += ms;
      refreshAll(state);
    },
    submits: (model?: string) => submitsTo(state.requests, model),
    polls: (taskId?: string) => pollsOf(state.requests, taskId),
    close: () => servers.close(),
  };
}

function submitsTo(requests: readonly BflRequestRecord[], model?: string): BflRequestRecord[] {
  return requests.filter(
    (entry) =>
      entry.method === 'POST' &&
      bflModelsByPath.has(entry.path.slice(4)) &&
      (model === undefined || entry.path === `/v1/${model}`),
  );
}

function pollsOf(requests: readonly BflRequestRecord[], taskId?: string): BflRequestRecord[] {
  return requests.filter(
    (entry) => entry.path === '/v1/get_result' && (taskId === undefined || entry.query.get('id') === taskId),
  );
}
