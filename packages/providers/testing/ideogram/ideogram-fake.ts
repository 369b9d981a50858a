/**
 * A faithful fake of Ideogram's HTTP API (shared/providers/ideogram-api.md, checklist §6): real
 * `node:http` servers on loopback — one for the API, one on a separate origin for the image links —
 * real multipart parsing and validation, images counted against an in-flight limit and a balance,
 * and real pictures painted by the local procedural renderer.
 *
 * Endpoints: /v1/ideogram-v3/{generate, remix, edit, reframe, replace-background, generate-transparent},
 * /v1/ideogram-v4/generate (April 2026 fields), legacy /generate (JSON), /remix, /upscale, /describe,
 * /edit, /reframe. Not emulated: /v1/edit (multi-image), /v2/*.
 *
 * Scenarios, chosen per request by a token anywhere in the prompt (or queued with `nextScenario`,
 * which applies to the next request that passes auth and validation):
 *
 *   [ideogram:unsafe-prompt]    422 {"error": "Prompt provided failed safety check …"}, not billed
 *   [ideogram:unsafe-item]      200, the last item withheld (is_image_safe false, url null), all billed
 *   [ideogram:all-unsafe]       200, every item withheld, all billed
 *   [ideogram:inflight]         429 {"error", "reject_reason": "inflight_limit", "max_inflight_requests"}
 *   [ideogram:no-credits]       402 {"error", "reject_reason": "insufficient_funds"}
 *   [ideogram:daily-limit]      402 {"error", "reject_reason": "daily_limit"}
 *   [ideogram:server-500]       500 after the usual latency, not billed
 *   [ideogram:unavailable-503]  503 at once, not billed
 *   [ideogram:drop]             runs, bills, then closes the connection without answering
 *   [ideogram:slow]             takes `slowMs` (default 10 s) instead of the usual latency
 *   [ideogram:bad-request]      400
 *   [ideogram:expired-link]     200, but the image links have already expired
 *   [ideogram:download-error]   200, but the image host answers 503 for these links
 *
 * Also by configuration: balance and daily limit (402), the in-flight limit (429, optional
 * Retry-After), problem+json or {"error"} bodies for 400/401/403, latency per rendering speed and
 * image count, link lifetime and a movable clock, strict detection of credentials sent to the image host.
 */
import { createServer, type Server } from 'node:http';
import { createApiServer } from './fake-api';
import { serveImage } from './fake-image-host';
import { listen } from './fake-http';
import type { IdeogramFakeOptions } from './fake-options';
import type { IdeogramFakeRequest } from './fake-request-log';
import type { IdeogramScenarioEntry } from './fake-scenarios';
import { createState, type IdeogramFakeState, resetState } from './fake-state';

export type { IdeogramFakeCall, IdeogramFakeOptions } from './fake-options';
export type { IdeogramFakeFile, IdeogramFakeRequest } from './fake-request-log';
export { ideogramScenarioTokens, type IdeogramScenario, type IdeogramScenarioEntry } from './fake-scenarios';

export interface IdeogramFake {
  /** API origin, e.g. http://127.0.0.1:43121 */
  readonly baseUrl: string;
  /** Image-link origin (the fake "ideogram.ai"). */
  readonly imagesUrl: string;
  /** host:port of the image origin, for a client's download allow-list. */
  readonly imagesHost: string;
  readonly apiKey: string;
  readonly requests: IdeogramFakeRequest[];
  /** Downloads that carried credentials. */
  readonly keyLeaks: { path: string; header: string }[];
  readonly downloads: number;
  /** Units charged: images on image endpoints (withheld ones too), one per describe call. */
  readonly billed: number;
  balance: number;
  /** /upscale's factor from now on (Ideogram chooses it; ~2× is usual, not promised). */
  upscaleFactor: number;
  readonly inflightImages: number;
  readonly peakInflightImages: number;
  nextScenario(...scenarios: IdeogramScenarioEntry[]): void;
  now(): number;
  setClock(ms: number): void;
  advance(ms: number): void;
  /** Forgets requests, queue, billing and clock changes (the balance returns to its initial value). */
  reset(): void;
  close(): Promise<void>;
}

export async function startIdeogramFake(options: IdeogramFakeOptions = {}): Promise<IdeogramFake> {
  const state = createState(options);
  const api = createApiServer(state);
  const imageHost = createServer((req, res) => serveImage(state, req, res));
  const apiHost = await listen(api);
  const imagesHost = await listen(imageHost);
  state.links.origin = `http://${imagesHost}`;
  return createHandle(state, { apiHost, imagesHost, servers: [api, imageHost] });
}

function createHandle(
  state: IdeogramFakeState,
  { apiHost, imagesHost, servers }: { apiHost: string; imagesHost: string; servers: Server[] },
): IdeogramFake {
  return {
    baseUrl: `http://${apiHost}`,
    imagesUrl: state.links.origin,
    imagesHost,
    apiKey: state.apiKey,
    requests: state.requests,
    keyLeaks: state.keyLeaks,
    get downloads() {
      return state.downloads;
    },
    get billed() {
      return state.billed;
    },
    get balance() {
      return state.balance;
    },
    set balance(value: number) {
      state.balance = value;
    },
    get upscaleFactor() {
      return state.upscaleFactor;
    },
    set upscaleFactor(value: number) {
      state.upscaleFactor = value;
    },
    get inflightImages() {
      return state.inflight;
    },
    get peakInflightImages() {
      return state.peakInflight;
    },
    nextScenario: (...scenarios: IdeogramScenarioEntry[]) => void state.queue.push(...scenarios),
    now: state.now,
    setClock: (ms: number) => void (state.clockOffset = ms - state.baseClock()),
    advance: (ms: number) => void (state.clockOffset += ms),
    reset: () => resetState(state),
    close: async () => {
      state.lifetime.abort();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
