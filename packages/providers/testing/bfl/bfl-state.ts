/** Everything one running BFL fake knows: its settings, clock, credits, tasks and logs. */
import { createDelivery } from './bfl-delivery';
import { createFinetunes } from './bfl-finetunes';
import { type BflRequestRecord, createRandom, uuid } from './bfl-http';
import { type BflScenario, defaultScenario } from './bfl-scenarios';
import { type BflFakeOptions, type BflFakeSettings, defaultSettings, pickSettings } from './bfl-settings';
import type { BflFakeTask, BflHostRole } from './bfl-tasks';
import type { BflWebhookDelivery } from './bfl-webhooks';

export interface BflFakeState {
  apiKey: string;
  /** Valid keys; `models` limits which model paths a key may use. */
  keys: ReadonlyMap<string, { models?: readonly string[] }>;
  settings: BflFakeSettings;
  defaults: BflScenario;
  /** Scenario changes for the next submits, one per submit. */
  queued: Partial<BflScenario>[];
  baseNow: () => number;
  clockOffset: number;
  now: () => number;
  random: () => number;
  credits: number;
  peakActive: number;
  peakKontextMaxActive: number;
  tasks: BflFakeTask[];
  taskById: Map<string, BflFakeTask>;
  requests: BflRequestRecord[];
  keyLeaks: BflRequestRecord[];
  webhooks: BflWebhookDelivery[];
  /** Submit faults already served, by fault kind and prompt. */
  faultCounts: Map<string, number>;
  timers: Set<NodeJS.Timeout>;
  /** Request handlers and webhook deliveries still running; `close` waits for them. */
  pending: Set<Promise<unknown>>;
  closed: boolean;
  finetunes: ReturnType<typeof createFinetunes>;
  delivery: ReturnType<typeof createDelivery>;
  /** Origin of each host, known once its server listens. */
  origins: Map<BflHostRole, string>;
}

export function createState(options: BflFakeOptions): BflFakeState {
  const apiKey = options.apiKey ?? 'bfl-fake-key';
  const settings: BflFakeSettings = { ...defaultSettings, ...pickSettings(options) };
  const baseNow = options.now ?? Date.now;
  const random = createRandom(options.seed ?? 1);
  const keyLeaks: BflRequestRecord[] = [];
  const state: Omit<BflFakeState, 'finetunes' | 'delivery'> = {
    apiKey,
    keys: new Map([[apiKey, {}], ...Object.entries(options.extraKeys ?? {})]),
    settings,
    defaults: {
      ...defaultScenario,
      ...(options.taskDurationMs !== undefined && { durationMs: options.taskDurationMs }),
      ...options.scenario,
    },
    queued: [],
    baseNow,
    clockOffset: 0,
    now: () => baseNow() + state.clockOffset,
    random,
    credits: options.credits ?? 10_000,
    peakActive: 0,
    peakKontextMaxActive: 0,
    tasks: [],
    taskById: new Map(),
    requests: [],
    keyLeaks,
    webhooks: [],
    faultCounts: new Map(),
    timers: new Set(),
    pending: new Set(),
    closed: false,
    origins: new Map(),
  };
  const finetunes = createFinetunes(random, state.now);
  const delivery = createDelivery({
    signingKey: Buffer.from(uuid(random)),
    now: state.now,
    ttlMs: () => settings.deliveryTtlMs,
    strict: () => settings.strictDelivery,
    keyLeaks,
  });
  return Object.assign(state, { finetunes, delivery });
}

export const origin = (state: BflFakeState, role: BflHostRole): string => state.origins.get(role)!;

/** Keeps `promise` in `pending`, so that `close` can wait for it. */
export function track(state: BflFakeState, promise: Promise<unknown>): void {
  state.pending.add(promise);
  void promise.finally(() => state.pending.delete(promise));
}

/** Runs `fn` after `ms`, unless the fake closes first. */
export function later(state: BflFakeState, ms: number, fn: () => void): void {
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    fn();
  }, ms);
  state.timers.add(timer);
}
