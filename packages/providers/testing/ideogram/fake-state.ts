/** Everything one running Ideogram fake knows: its settings, clock, account, queue, logs and images. */
import { createImageLinks, type ImageLinks } from './fake-image-links';
import type { IdeogramFakeOptions } from './fake-options';
import type { renderScene } from './fake-pixels';
import type { IdeogramFakeRequest } from './fake-request-log';
import type { IdeogramScenarioEntry } from './fake-scenarios';

export interface IdeogramFakeState {
  options: IdeogramFakeOptions;
  apiKey: string;
  /** In-flight limit, in images across endpoints. */
  maxInflight: number;
  initialBalance: number;
  dailyLimit: number;
  renderScale: number;
  upscaleFactor: number;
  maxPromptLength: number;
  random: () => number;
  baseClock: () => number;
  clockOffset: number;
  now: () => number;
  /** Aborted by `close`, which ends the waits of requests still running. */
  lifetime: AbortController;
  balance: number;
  billed: number;
  daily: { day: number; used: number };
  inflight: number;
  peakInflight: number;
  downloads: number;
  queue: IdeogramScenarioEntry[];
  requests: IdeogramFakeRequest[];
  keyLeaks: { path: string; header: string }[];
  links: ImageLinks;
  /** Same prompt, seed and size paint the same picture: recent ones are kept (bursts, benchmarks). */
  renders: Map<string, ReturnType<typeof renderScene>>;
}

export function createState(options: IdeogramFakeOptions): IdeogramFakeState {
  const initialBalance = options.balance ?? Infinity;
  const baseClock = options.now ?? Date.now;
  const state: IdeogramFakeState = {
    options,
    apiKey: options.apiKey ?? 'ideogram-fake-key',
    maxInflight: options.maxInflightImages ?? 10,
    initialBalance,
    dailyLimit: options.dailyLimit ?? Infinity,
    renderScale: options.renderScale ?? 1,
    upscaleFactor: options.upscaleFactor ?? 2,
    maxPromptLength: options.maxPromptLength ?? 10_000,
    random: options.random ?? Math.random,
    baseClock,
    clockOffset: 0,
    now: () => baseClock() + state.clockOffset,
    lifetime: new AbortController(),
    balance: initialBalance,
    billed: 0,
    daily: { day: -1, used: 0 },
    inflight: 0,
    peakInflight: 0,
    downloads: 0,
    queue: [],
    requests: [],
    keyLeaks: [],
    links: createImageLinks(() => state.now(), options.linkTtlMs ?? 24 * 3600_000),
    renders: new Map(),
  };
  return state;
}

/** Forgets requests, queue, billing and clock changes (the balance returns to its initial value). */
export function resetState(state: IdeogramFakeState): void {
  state.requests.length = 0;
  state.keyLeaks.length = 0;
  state.queue.length = 0;
  state.links.clear();
  state.clockOffset = 0;
  state.balance = state.initialBalance;
  state.billed = 0;
  state.daily = { day: -1, used: 0 };
  state.peakInflight = state.inflight;
  state.downloads = 0;
}
