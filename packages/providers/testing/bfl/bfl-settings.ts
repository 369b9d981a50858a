/** What a test can set when it starts the BFL fake, and what it can change while it runs. */
import type { BflScenario } from './bfl-scenarios';

/** Switches that can be changed while the fake runs (`configure`). */
export interface BflFakeSettings {
  /** Status for a request without `x-key` (FastAPI answers 403 on older versions, 401 on newer). */
  missingKeyStatus: 401 | 403;
  wrongKeyStatus: 401 | 403;
  /** The spec declares no auth on get_result; false makes polls require the key. */
  keylessPolling: boolean;
  /** Active tasks per key. */
  concurrencyLimit: number;
  kontextMaxLimit: number;
  /** Seconds in `Retry-After` on 429 answers; null sends no header (the real one is undocumented). */
  retryAfterSeconds: number | null;
  deliveryTtlMs: number;
  /** How long a finished task stays pollable; after that it is `Task not found`. */
  retentionMs: number;
  /** Answer 400 to a delivery request that carries `x-key` (it is recorded in `keyLeaks` anyway). */
  strictDelivery: boolean;
  /** Let every API host answer polls for every task (else only the owning cluster). */
  pollAnyHost: boolean;
  /** Submit answer when the body has `webhook_url`. */
  webhookResponse: 'polling' | 'webhook' | 'webhook+polling';
  /** How webhook deliveries are authenticated: echoed secret, HMAC of the body, or both. */
  webhookSignature: 'secret' | 'hmac' | 'both';
  webhookAttempts: number;
  webhookRetryDelayMs: number;
  /** Model paths that answer 404, as if retired. */
  retiredModels: readonly string[];
  /** Scales every output image (keeps benchmarks cheap); 1 renders the requested size. */
  renderScale: number;
}

export interface BflFakeOptions extends Partial<BflFakeSettings> {
  apiKey?: string;
  /** Further valid keys; `models` limits which model paths the key may use (others → 403). */
  extraKeys?: Record<string, { models?: readonly string[] }>;
  credits?: number;
  /** Pending time of a task on the fake clock (default 800 ms), with rising progress. */
  taskDurationMs?: number;
  /** Default scenario changes (e.g. `{progress: 'null'}`). */
  scenario?: Partial<BflScenario>;
  /** Base clock; default Date.now. */
  now?: () => number;
  /** Seeds the RNG behind task ids and random seeds. */
  seed?: number;
}

export const defaultSettings: BflFakeSettings = {
  missingKeyStatus: 403,
  wrongKeyStatus: 403,
  keylessPolling: true,
  concurrencyLimit: 24,
  kontextMaxLimit: 6,
  retryAfterSeconds: 1,
  deliveryTtlMs: 10 * 60_000,
  retentionMs: 60 * 60_000,
  strictDelivery: false,
  pollAnyHost: false,
  webhookResponse: 'polling',
  webhookSignature: 'secret',
  webhookAttempts: 3,
  webhookRetryDelayMs: 200,
  retiredModels: [],
  renderScale: 1,
};

/** The settings among `value` (options also carry keys, credits…), without undefined entries. */
export function pickSettings(value: Partial<BflFakeSettings>): Partial<BflFakeSettings> {
  return Object.fromEntries(
    Object.entries(value).filter(([name, entry]) => name in defaultSettings && entry !== undefined),
  );
}
