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
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cover,
  cutOut,
  decodePixels,
  dominantColour,
  measure,
  mix,
  paste,
  renderScene,
  resize,
  resizeNearest,
  toPng,
} from './fake-pixels';
import { BadRequest, checkCombinations, type FilePart, parseRequest, type Value } from './fake-request';
import { type EndpointSpec, endpoints, MAX_SEED, sizeForAspect } from './fake-schema';

export const ideogramScenarioTokens = {
  'unsafe-prompt': '[ideogram:unsafe-prompt]',
  'unsafe-item': '[ideogram:unsafe-item]',
  'all-unsafe': '[ideogram:all-unsafe]',
  inflight: '[ideogram:inflight]',
  'no-credits': '[ideogram:no-credits]',
  'daily-limit': '[ideogram:daily-limit]',
  'server-500': '[ideogram:server-500]',
  'unavailable-503': '[ideogram:unavailable-503]',
  drop: '[ideogram:drop]',
  slow: '[ideogram:slow]',
  'bad-request': '[ideogram:bad-request]',
  'expired-link': '[ideogram:expired-link]',
  'download-error': '[ideogram:download-error]',
} as const;

export type IdeogramScenario = keyof typeof ideogramScenarioTokens;

/** A queued outcome: a named scenario, or specific items (0-based) withheld as unsafe. */
export type IdeogramScenarioEntry = IdeogramScenario | { withhold: number[] };

export interface IdeogramFakeCall {
  /** The path, e.g. "/v1/ideogram-v3/generate". */
  endpoint: string;
  /** rendering_speed, or TURBO/DEFAULT derived from a legacy model name. */
  renderingSpeed: string;
  numImages: number;
}

export interface IdeogramFakeOptions {
  /** The key the fake accepts. Default "ideogram-fake-key". */
  apiKey?: string;
  /** In-flight limit in images, across endpoints. Default 10. */
  maxInflightImages?: number;
  /** Send Retry-After (seconds) with 429s; Ideogram does not document one. Default none. */
  retryAfterSeconds?: number | null;
  /** Images (or describe calls) the account can pay for. Default unlimited. */
  balance?: number;
  /** Images per day before 402 daily_limit. Default unlimited. */
  dailyLimit?: number;
  /**
   * Time a request takes: a fixed number of ms, 'realistic' (seconds, by rendering speed and image
   * count, per third-party measurements) or a function. Default: tens of ms by speed.
   */
  latencyMs?: number | 'realistic' | ((call: IdeogramFakeCall) => number);
  /** How long [ideogram:slow] takes. Default 10 000 ms. */
  slowMs?: number;
  /** Body of 400/401/403/404: RFC 7807 problem+json (default) or {"error"}; Ideogram's is unconfirmed. */
  errorStyle?: 'problem+json' | 'error';
  /** Image link lifetime. Default 24 h. */
  linkTtlMs?: number;
  /** Status of an expired link (unconfirmed). Default 403. */
  expiredLinkStatus?: 403 | 404 | 410;
  /** Refuse (400) image downloads that carry an Api-Key or Authorization header. Leaks are recorded either way. */
  strictImageHost?: boolean;
  /** A file part's Content-Type must match its bytes. Default true. */
  strictFileParts?: boolean;
  /** Paint at this fraction of the size, then resample to the reported resolution (cheaper tests). Default 1. */
  renderScale?: number;
  /** /upscale's factor (unconfirmed, ~2×). Default 2. */
  upscaleFactor?: number;
  /** Unconfirmed; third parties cite 10 000. */
  maxPromptLength?: number;
  /** Minimum share of the image a v3 edit mask must mark (reported ~10 %, unconfirmed). Default 0. */
  minMaskedFraction?: number;
  now?: () => number;
  random?: () => number;
}

export interface IdeogramFakeFile {
  field: string;
  filename: string;
  type: string;
  size: number;
  width: number;
  height: number;
  bytes: Buffer;
}

export interface IdeogramFakeRequest {
  method: string;
  path: string;
  /** null while running; 0 when the fake dropped the connection. */
  status: number | null;
  contentType: string | null;
  apiKey: string | null;
  authorization: string | null;
  /** Text parts as sent, by name (repeated fields keep every value). */
  fields: Record<string, string[]>;
  /** A JSON body or `image_request` part, parsed. */
  json: unknown;
  files: IdeogramFakeFile[];
  numImages: number | null;
  scenario: string | null;
}

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

const fastLatency: Record<string, number> = { FLASH: 10, TURBO: 15, BALANCED: 25, DEFAULT: 25, QUALITY: 40 };
const realisticLatency: Record<string, number> = {
  FLASH: 3000,
  TURBO: 6000,
  BALANCED: 9000,
  DEFAULT: 11_000,
  QUALITY: 20_000,
};
const embellishments = [
  'rendered with crisp, legible typography, a balanced composition and soft natural light',
  'in rich, saturated colour with fine texture detail and a gentle depth of field',
  'as a polished illustration with clean shapes, strong contrast and warm highlights',
  'with cinematic lighting, subtle film grain and a carefully framed focal point',
];

const MAX_STORED_BYTES = 512 * 1024 * 1024;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === 'string' ? body.error : `HTTP ${status}`);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        reject(new Refusal(413, { error: 'Request body too large' }));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`127.0.0.1:${port}`);
    });
  });
}

function pythonIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

function parseSize(value: string): { width: number; height: number } {
  const [w, h] = value
    .replace(/^RESOLUTION_/, '')
    .split(/[x_]/)
    .map(Number);
  return { width: w ?? 1024, height: h ?? 1024 };
}

export async function startIdeogramFake(options: IdeogramFakeOptions = {}): Promise<IdeogramFake> {
  const apiKey = options.apiKey ?? 'ideogram-fake-key';
  const maxInflight = options.maxInflightImages ?? 10;
  const initialBalance = options.balance ?? Infinity;
  const dailyLimit = options.dailyLimit ?? Infinity;
  const linkTtlMs = options.linkTtlMs ?? 24 * 3600_000;
  const renderScale = options.renderScale ?? 1;
  const upscaleFactor = options.upscaleFactor ?? 2;
  const maxPromptLength = options.maxPromptLength ?? 10_000;
  const random = options.random ?? Math.random;
  const baseClock = options.now ?? Date.now;
  const secret = randomBytes(32);
  const lifetime = new AbortController();

  let clockOffset = 0;
  let balance = initialBalance;
  let billed = 0;
  let daily = { day: -1, used: 0 };
  let inflight = 0;
  let peakInflight = 0;
  let downloads = 0;
  const queue: IdeogramScenarioEntry[] = [];
  const requests: IdeogramFakeRequest[] = [];
  const keyLeaks: { path: string; header: string }[] = [];
  const images = new Map<string, { png: Buffer; exp: number; failing: boolean }>();
  let storedBytes = 0;
  // Same prompt, seed and size paint the same picture: keep recent ones (bursts, benchmarks).
  const renders = new Map<string, ReturnType<typeof renderScene>>();
  const now = (): number => baseClock() + clockOffset;

  const latencyFor = (call: IdeogramFakeCall): number => {
    const option = options.latencyMs;
    if (typeof option === 'number') return option;
    if (typeof option === 'function') return option(call);
    const table = option === 'realistic' ? realisticLatency : fastLatency;
    const base =
      call.endpoint === '/describe'
        ? table.FLASH!
        : call.endpoint === '/upscale'
          ? table.DEFAULT!
          : (table[call.renderingSpeed] ?? table.DEFAULT!);
    return base + (option === 'realistic' ? 1500 : 5) * Math.max(0, call.numImages - 1);
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (lifetime.signal.aborted) return reject(new Error('fake closed'));
      const timer = setTimeout(() => {
        lifetime.signal.removeEventListener('abort', onClose);
        resolve();
      }, ms);
      const onClose = (): void => {
        clearTimeout(timer);
        reject(new Error('fake closed'));
      };
      lifetime.signal.addEventListener('abort', onClose, { once: true });
    });

  const sign = (id: string, exp: number): string =>
    createHmac('sha256', secret).update(`${id}.png?exp=${exp}`).digest('hex');

  let imagesUrl = '';
  const publish = (png: Buffer, scenario: IdeogramScenarioEntry | null): string => {
    const id = randomBytes(16).toString('base64url');
    const expired = scenario === 'expired-link';
    const exp = expired ? Math.floor(now() / 1000) - 1 : Math.floor((now() + linkTtlMs) / 1000);
    images.set(id, { png, exp, failing: scenario === 'download-error' });
    storedBytes += png.length;
    // Keep memory bounded on long benchmark runs: the oldest links go first.
    for (const [oldest, entry] of images) {
      if (storedBytes <= MAX_STORED_BYTES) break;
      images.delete(oldest);
      storedBytes -= entry.png.length;
    }
    return `${imagesUrl}/api/images/ephemeral/${id}.png?exp=${exp}&sig=${sign(id, exp)}`;
  };

  const errorBody = (status: number, title: string, detail: string): Record<string, unknown> =>
    options.errorStyle === 'error' ? { error: detail } : { type: 'about:blank', title, status, detail };

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    if (res.destroyed || res.writableEnded) return;
    const problem = typeof body === 'object' && body !== null && 'type' in body && 'title' in body;
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': problem ? 'application/problem+json' : 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  // ---- Producing images ------------------------------------------------------------------

  type Produced = { resolution: string; upscaled: string | null; render: (i: number) => Promise<Buffer> };

  const outputSize = (values: Record<string, Value>, fallback = '1024x1024'): string => {
    const { resolution, aspect_ratio: aspect } = values;
    if (typeof resolution === 'string') return resolution.replace(/^RESOLUTION_/, '').replace('_', 'x');
    if (typeof aspect === 'string') {
      return sizeForAspect[aspect.replace(/^ASPECT_/, '').replace('_', 'x')] ?? fallback;
    }
    return fallback;
  };

  const produce = (
    spec: EndpointSpec,
    values: Record<string, Value>,
    prompts: string[],
    seeds: number[],
  ): Produced => {
    const input = (values.image ?? values.image_file) as FilePart | undefined;
    const inputPixels = input ? decodePixels(input.bytes) : null;
    inputPixels?.catch(() => undefined);
    const scene = (i: number, width: number, height: number): ReturnType<typeof renderScene> => {
      const key = `${seeds[i]}|${width}x${height}|${prompts[i]}`;
      let rendering = renders.get(key);
      if (rendering === undefined) {
        rendering = renderScene(prompts[i] ?? '', seeds[i] ?? 0, width, height, renderScale);
        renders.set(key, rendering);
        if (renders.size > 24) renders.delete(renders.keys().next().value!);
      }
      return rendering;
    };
    const sized = (resolution: string) => parseSize(resolution);
    switch (spec.output) {
      case 'generate': {
        const resolution = spec.path === '/v1/ideogram-v4/generate' ? '1024x1024' : outputSize(values);
        const { width, height } = sized(resolution);
        return { resolution, upscaled: null, render: async (i) => (await scene(i, width, height)).png };
      }
      case 'remix': {
        const resolution = outputSize(values);
        const { width, height } = sized(resolution);
        const weight = (typeof values.image_weight === 'number' ? values.image_weight : 50) / 100;
        return {
          resolution,
          upscaled: null,
          render: async (i) => {
            const base = cover(await inputPixels!, width, height);
            const painted = await (await scene(i, width, height)).pixels();
            return toPng(mix(painted, base, () => weight));
          },
        };
      }
      case 'edit': {
        const { width, height } = input!;
        const maskPixels = decodePixels((values.mask as FilePart).bytes);
        return {
          resolution: `${width}x${height}`,
          upscaled: null,
          render: async (i) => {
            const mask = await maskPixels;
            const painted = await (await scene(i, width, height)).pixels();
            // Black = the area to edit.
            return toPng(
              mix(await inputPixels!, painted, (x, y) =>
                (mask.data[(y * width + x) * 3] ?? 0) < 128 ? 1 : 0,
              ),
            );
          },
        };
      }
      case 'reframe': {
        const resolution = outputSize(values);
        const { width, height } = sized(resolution);
        return {
          resolution,
          upscaled: null,
          render: async (i) => {
            const source = await inputPixels!;
            const k = Math.min(width / source.width, height / source.height);
            const fitted = resize(source, Math.round(source.width * k), Math.round(source.height * k));
            const background = await (await scene(i, width, height)).pixels();
            return toPng(
              paste(
                background,
                fitted,
                Math.floor((width - fitted.width) / 2),
                Math.floor((height - fitted.height) / 2),
              ),
            );
          },
        };
      }
      case 'replace-background': {
        const { width, height } = input!;
        return {
          resolution: `${width}x${height}`,
          upscaled: null,
          render: async (i) => {
            const painted = await (await scene(i, width, height)).pixels();
            const keep = (x: number, y: number): number =>
              Math.hypot((x - width / 2) / (width * 0.35), (y - height / 2) / (height * 0.35)) <= 1 ? 1 : 0;
            return toPng(mix(painted, await inputPixels!, keep));
          },
        };
      }
      case 'transparent': {
        const resolution = outputSize(values);
        const { width, height } = sized(resolution);
        const factor = values.upscale_factor === 'X4' ? 4 : values.upscale_factor === 'X2' ? 2 : 1;
        return {
          resolution,
          upscaled: factor === 1 ? null : `${width * factor}x${height * factor}`,
          render: async (i) => {
            const painted = await (await scene(i, width, height)).pixels();
            const cut = cutOut(painted);
            return toPng(factor === 1 ? cut : resizeNearest(cut, width * factor, height * factor));
          },
        };
      }
      case 'upscale': {
        const { width, height } = input!;
        return {
          resolution: `${width}x${height}`,
          upscaled: `${width * upscaleFactor}x${height * upscaleFactor}`,
          render: async () =>
            toPng(resize(await inputPixels!, width * upscaleFactor, height * upscaleFactor)),
        };
      }
      case 'describe':
        return {
          resolution: '',
          upscaled: null,
          render: () => Promise.reject(new Error('describe makes no images')),
        };
    }
  };

  // ---- The API server --------------------------------------------------------------------

  const magicOption = (values: Record<string, Value>): string => {
    const value = values.magic_prompt ?? values.magic_prompt_option;
    return typeof value === 'string' ? value : 'AUTO';
  };

  const finalPrompt = (prompt: string, option: string, seed: number): string => {
    const rewrite = option === 'ON' || (option === 'AUTO' && prompt.trim().split(/\s+/).length < 12);
    return rewrite
      ? `${prompt.trim().replace(/[.\s]+$/, '')}, ${embellishments[seed % embellishments.length]}`
      : prompt;
  };

  const speedOf = (values: Record<string, Value>): string => {
    if (typeof values.rendering_speed === 'string') return values.rendering_speed;
    return typeof values.model === 'string' && values.model.endsWith('_TURBO') ? 'TURBO' : 'DEFAULT';
  };

  const scenarioFrom = (values: Record<string, Value>): IdeogramScenarioEntry | null => {
    const queued = queue.shift();
    if (queued !== undefined) return queued;
    const prompt = typeof values.prompt === 'string' ? values.prompt : '';
    const found = (Object.keys(ideogramScenarioTokens) as IdeogramScenario[]).find((name) =>
      prompt.includes(ideogramScenarioTokens[name]),
    );
    return found ?? null;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    const header = (name: string): string | null => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    };
    const entry: IdeogramFakeRequest = {
      method: req.method ?? 'GET',
      path,
      status: null,
      contentType: header('content-type'),
      apiKey: header('api-key'),
      authorization: header('authorization'),
      fields: {},
      json: null,
      files: [],
      numImages: null,
      scenario: null,
    };
    requests.push(entry);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      entry.status = status;
      send(res, status, body, headers);
    };

    const spec = endpoints.find((candidate) => candidate.path === path);
    if (spec === undefined) return reply(404, errorBody(404, 'Not Found', `No endpoint at ${path}`));
    if (req.method !== 'POST') return reply(405, errorBody(405, 'Method Not Allowed', 'Use POST'));
    if (entry.apiKey !== apiKey) {
      const status = spec.authFailure;
      const why =
        entry.apiKey === null
          ? entry.authorization !== null
            ? 'Authorization: Bearer is not accepted for API keys; send the key in the Api-Key header'
            : 'Missing Api-Key header'
          : 'Invalid API key';
      req.resume();
      return reply(status, errorBody(status, status === 401 ? 'Unauthorized' : 'Forbidden', why));
    }

    let values: Record<string, Value>;
    try {
      const body = await readBody(req, 64 * 1024 * 1024);
      const parsed = await parseRequest(spec, entry.contentType ?? undefined, body, {
        measure,
        strictFileParts: options.strictFileParts ?? true,
      });
      entry.fields = parsed.text;
      entry.json = parsed.json;
      entry.files = parsed.files.map((file) => ({ ...file }));
      values = parsed.values;
      checkCombinations(spec, values, maxPromptLength);
      if (spec.path === '/v1/ideogram-v3/edit' && (options.minMaskedFraction ?? 0) > 0) {
        const mask = await decodePixels((values.mask as FilePart).bytes);
        let black = 0;
        for (let p = 0; p < mask.width * mask.height; p++) if ((mask.data[p * 3] ?? 0) < 128) black++;
        if (black / (mask.width * mask.height) < options.minMaskedFraction!) {
          throw new BadRequest('The mask marks too small an area to edit');
        }
      }
    } catch (error) {
      if (error instanceof BadRequest) return reply(400, errorBody(400, 'Bad Request', error.message));
      if (error instanceof Refusal) return reply(error.status, error.body);
      throw error;
    }

    const numImages =
      spec.output === 'describe' ? 1 : typeof values.num_images === 'number' ? values.num_images : 1;
    entry.numImages = numImages;
    const scenario = scenarioFrom(values);
    entry.scenario = scenario === null ? null : typeof scenario === 'string' ? scenario : 'withhold';

    try {
      await run(spec, values, numImages, scenario, reply, () => {
        entry.status = 0;
        req.socket.destroy();
      });
    } catch (error) {
      if (error instanceof Refusal) return reply(error.status, error.body, error.headers);
      if (lifetime.signal.aborted) return;
      throw error;
    }
  }

  async function run(
    spec: EndpointSpec,
    values: Record<string, Value>,
    numImages: number,
    scenario: IdeogramScenarioEntry | null,
    reply: (status: number, body: unknown, headers?: Record<string, string>) => void,
    drop: () => void,
  ): Promise<void> {
    if (scenario === 'bad-request') {
      throw new Refusal(400, errorBody(400, 'Bad Request', 'The request is invalid (scenario bad-request)'));
    }
    if (scenario === 'inflight' || inflight + numImages > maxInflight) {
      throw new Refusal(
        429,
        {
          error: `Too many images in progress: the limit is ${maxInflight}`,
          reject_reason: 'inflight_limit',
          max_inflight_requests: maxInflight,
        },
        options.retryAfterSeconds != null ? { 'retry-after': String(options.retryAfterSeconds) } : {},
      );
    }
    const day = Math.floor(now() / 86_400_000);
    if (daily.day !== day) daily = { day, used: 0 };
    if (scenario === 'no-credits' || balance < numImages) {
      throw new Refusal(402, {
        error: 'Insufficient balance to run this request',
        reject_reason: 'insufficient_funds',
      });
    }
    if (scenario === 'daily-limit' || daily.used + numImages > dailyLimit) {
      throw new Refusal(402, { error: 'Daily generation limit reached', reject_reason: 'daily_limit' });
    }
    if (scenario === 'unsafe-prompt') {
      const what = spec.output === 'describe' ? 'Image' : 'Prompt';
      throw new Refusal(422, {
        error: `${what} provided failed safety check due to the inclusion of prohibited content.`,
      });
    }
    if (scenario === 'unavailable-503') {
      throw new Refusal(503, { error: 'Service temporarily unavailable, please try again later' });
    }

    const speed = speedOf(values);
    const delay =
      scenario === 'slow'
        ? (options.slowMs ?? 10_000)
        : latencyFor({ endpoint: spec.path, renderingSpeed: speed, numImages });
    const seedBase =
      typeof values.seed === 'number' ? values.seed : Math.floor(random() * (MAX_SEED - numImages));
    const seeds = Array.from({ length: numImages }, (_, i) => (seedBase + i) % (MAX_SEED + 1));
    const basePrompt = typeof values.prompt === 'string' ? values.prompt : '';
    const option = magicOption(values);
    const prompts = seeds.map((seed) =>
      spec.output === 'reframe'
        ? 'Reframed image'
        : basePrompt
          ? finalPrompt(basePrompt, option, seed)
          : 'Upscaled image',
    );
    const withheld = new Set<number>(
      scenario === 'all-unsafe'
        ? seeds.map((_, i) => i)
        : scenario === 'unsafe-item'
          ? [numImages - 1]
          : typeof scenario === 'object' && scenario !== null
            ? scenario.withhold
            : [],
    );

    inflight += numImages;
    peakInflight = Math.max(peakInflight, inflight);
    let rendered: Promise<(Buffer | null)[]>;
    let produced: Produced | null = null;
    try {
      if (spec.output !== 'describe') {
        produced = produce(spec, values, prompts, seeds);
        const p = produced;
        rendered = Promise.all(seeds.map((_, i) => (withheld.has(i) ? Promise.resolve(null) : p.render(i))));
      } else {
        rendered = Promise.resolve([]);
      }
      rendered.catch(() => undefined);
      await sleep(delay);
      if (scenario === 'server-500') {
        throw new Refusal(500, { error: 'Internal server error' });
      }
      const pngs = await rendered;

      balance -= numImages;
      billed += numImages;
      daily.used += numImages;

      if (scenario === 'drop') {
        // Done and billed, but the answer never reaches the client.
        return drop();
      }
      if (spec.output === 'describe') {
        const pixels = await decodePixels(((values.image_file ?? values.image) as FilePart).bytes);
        const colour = dominantColour(pixels);
        reply(200, {
          descriptions: [
            {
              text: `A ${colour}-toned picture, ${pixels.width}×${pixels.height} pixels, with a clear central subject.`,
            },
          ],
        });
        return;
      }
      const styleType =
        spec.output === 'upscale' || spec.path === '/v1/ideogram-v4/generate'
          ? undefined
          : typeof values.style_type === 'string' && values.style_type !== 'AUTO'
            ? values.style_type
            : 'GENERAL';
      reply(200, {
        created: pythonIso(now()),
        data: pngs.map((png, i) => ({
          url: png === null ? null : publish(png, scenario),
          prompt: prompts[i],
          resolution: produced!.resolution,
          ...(produced!.upscaled !== null && { upscaled_resolution: produced!.upscaled }),
          is_image_safe: png !== null,
          seed: seeds[i],
          ...(styleType !== undefined && { style_type: styleType }),
        })),
      });
    } finally {
      inflight -= numImages;
    }
  }

  // ---- The image origin ------------------------------------------------------------------

  function handleImage(req: IncomingMessage, res: ServerResponse): void {
    downloads++;
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const leaked = ['api-key', 'authorization'].filter((name) => req.headers[name] !== undefined);
    for (const name of leaked) keyLeaks.push({ path: url.pathname, header: name });
    const plain = (status: number, text: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(text);
    };
    if (leaked.length > 0 && options.strictImageHost) {
      return plain(400, 'Credentials must not be sent to the image host');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const match = /^\/api\/images\/ephemeral\/([A-Za-z0-9_-]+)\.png$/.exec(url.pathname);
    if (!match) return plain(404, 'Not Found');
    const id = match[1]!;
    const exp = Number(url.searchParams.get('exp'));
    const sig = url.searchParams.get('sig') ?? '';
    const expected = Buffer.from(sign(id, exp), 'hex');
    const given = Buffer.from(/^[0-9a-f]+$/.test(sig) ? sig : '', 'hex');
    if (!Number.isInteger(exp) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return plain(403, 'Forbidden: invalid signature');
    }
    if (now() / 1000 > exp) return plain(options.expiredLinkStatus ?? 403, 'Forbidden: the link has expired');
    const image = images.get(id);
    if (!image) return plain(404, 'Not Found');
    if (image.failing) return plain(503, 'Service Unavailable');
    res.writeHead(200, {
      'content-type': 'image/png',
      'content-length': image.png.length,
      'cache-control': 'private, max-age=86400',
    });
    res.end(req.method === 'HEAD' ? undefined : image.png);
  }

  const api = createServer((req, res) => {
    handleApi(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { error: `Fake failure: ${String(error)}` });
    });
  });
  const imageHost = createServer(handleImage);
  const apiHost = await listen(api);
  const imagesHost = await listen(imageHost);
  imagesUrl = `http://${imagesHost}`;

  return {
    baseUrl: `http://${apiHost}`,
    imagesUrl,
    imagesHost,
    apiKey,
    requests,
    keyLeaks,
    get downloads() {
      return downloads;
    },
    get billed() {
      return billed;
    },
    get balance() {
      return balance;
    },
    set balance(value: number) {
      balance = value;
    },
    get inflightImages() {
      return inflight;
    },
    get peakInflightImages() {
      return peakInflight;
    },
    nextScenario: (...scenarios) => void queue.push(...scenarios),
    now,
    setClock: (ms) => void (clockOffset = ms - baseClock()),
    advance: (ms) => void (clockOffset += ms),
    reset: () => {
      requests.length = 0;
      keyLeaks.length = 0;
      queue.length = 0;
      images.clear();
      storedBytes = 0;
      clockOffset = 0;
      balance = initialBalance;
      billed = 0;
      daily = { day: -1, used: 0 };
      peakInflight = inflight;
      downloads = 0;
    },
    close: async () => {
      lifetime.abort();
      for (const server of [api, imageHost]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
