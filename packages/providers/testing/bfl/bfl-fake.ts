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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDelivery } from './bfl-delivery';
import { createFinetunes, finetunePaths } from './bfl-finetunes';
import {
  type BflRequestRecord,
  createRandom,
  detail,
  methodNotAllowed,
  notFound,
  readJson,
  Reply,
  sendJson,
  sleep,
  unprocessable,
  uuid,
} from './bfl-http';
import { type OutputFormat, readInputImages } from './bfl-images';
import { bflModelsByPath, type BflModel, priceOf, type Size } from './bfl-models';
import { type BflScenario, scenarioFromPrompt, stripScenarioTokens } from './bfl-scenarios';
import {
  advanceTask,
  type BflFakeTask,
  type BflHostRole,
  isTerminal,
  pollBody,
  taskNotFoundBody,
} from './bfl-tasks';
import { validateBody } from './bfl-validation';
import { type BflWebhookDelivery, deliverWebhook } from './bfl-webhooks';

export { BFL_SCENARIO_TOKENS, type BflScenario, type BflScenarioToken } from './bfl-scenarios';
export type { BflFakeTask, BflHostRole } from './bfl-tasks';
export type { BflRequestRecord } from './bfl-http';
export type { BflWebhookDelivery } from './bfl-webhooks';

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

const defaultSettings: BflFakeSettings = {
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

const baseScenario: BflScenario = {
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

const roles: readonly BflHostRole[] = ['global', 'eu', 'us', 'cluster', 'delivery'];

export async function startBflFake(options: BflFakeOptions = {}): Promise<BflFake> {
  const apiKey = options.apiKey ?? 'bfl-fake-key';
  const keys = new Map<string, { models?: readonly string[] }>([
    [apiKey, {}],
    ...Object.entries(options.extraKeys ?? {}),
  ]);
  const settings: BflFakeSettings = { ...defaultSettings, ...pickSettings(options) };
  let defaults: BflScenario = {
    ...baseScenario,
    ...(options.taskDurationMs !== undefined && { durationMs: options.taskDurationMs }),
    ...options.scenario,
  };
  const queued: Partial<BflScenario>[] = [];
  const baseNow = options.now ?? Date.now;
  let offset = 0;
  const now = () => baseNow() + offset;
  const random = createRandom(options.seed ?? 1);
  let credits = options.credits ?? 10_000;
  let peakActive = 0;
  let peakKontextMaxActive = 0;

  const tasks: BflFakeTask[] = [];
  const taskById = new Map<string, BflFakeTask>();
  const requests: BflRequestRecord[] = [];
  const keyLeaks: BflRequestRecord[] = [];
  const webhooks: BflWebhookDelivery[] = [];
  const faultCounts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const pending = new Set<Promise<unknown>>();
  let closed = false;

  const finetunes = createFinetunes(random, now);
  const delivery = createDelivery({
    signingKey: Buffer.from(uuid(random)),
    now,
    ttlMs: () => settings.deliveryTtlMs,
    strict: () => settings.strictDelivery,
    keyLeaks,
  });

  const track = (promise: Promise<unknown>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const servers = new Map<BflHostRole, { server: Server; origin: string; host: string }>();
  for (const role of roles) {
    const server = createServer((req, res) => track(handle(role, req, res)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    servers.set(role, { server, origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` });
  }
  const origin = (role: BflHostRole) => servers.get(role)!.origin;

  // ---- the task clock ------------------------------------------------------------------------

  /** Moves a task along its timeline; charges, signs and notifies when it turns terminal. */
  function refresh(task: BflFakeTask, pollNumber: number | null): void {
    if (!advanceTask(task, now(), pollNumber)) return;
    if (task.status === 'Ready') {
      if (!task.charged) {
        credits = Math.round((credits - task.costCredits) * 100) / 100;
        task.charged = true;
      }
      delivery.sign(task, origin('delivery'));
    }
    const webhookUrl = task.body.webhook_url;
    if (typeof webhookUrl === 'string') {
      const secret = typeof task.body.webhook_secret === 'string' ? task.body.webhook_secret : null;
      track(
        deliverWebhook(task.id, webhookUrl, pollBody(task, now()), secret, {
          signature: settings.webhookSignature,
          attempts: settings.webhookAttempts,
          retryDelayMs: settings.webhookRetryDelayMs,
          log: webhooks,
          stopped: () => closed,
        }),
      );
    }
  }
  const refreshAll = () => tasks.forEach((task) => refresh(task, null));

  const activeTasks = (key?: string, pool?: BflModel['pool']) =>
    tasks.filter((task) => {
      if ((key !== undefined && task.key !== key) || (pool && task.pool !== pool)) return false;
      refresh(task, null);
      return !isTerminal(task.status);
    }).length;

  // ---- HTTP ----------------------------------------------------------------------------------

  async function handle(role: BflHostRole, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const keyHeader = req.headers['x-key'];
    const record: BflRequestRecord = {
      host: role,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      key: typeof keyHeader === 'string' ? keyHeader : null,
      status: null,
      at: now(),
    };
    requests.push(record);
    try {
      const reply =
        role === 'delivery'
          ? await delivery.serve(req, url, record, res)
          : await api(role, req, url, record, res);
      if (reply === 'reset') {
        record.status = 'reset';
        req.socket.destroy();
      } else if (reply !== 'sent') {
        sendJson(res, record, reply);
      }
    } catch (error) {
      sendJson(
        res,
        record,
        detail(500, `fake failure: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  /** FastAPI resolves the `x-key` dependency before it validates the body. */
  function authorize(record: BflRequestRecord): Reply | null {
    if (record.key === null) return detail(settings.missingKeyStatus, 'Not authenticated');
    if (!keys.has(record.key)) return detail(settings.wrongKeyStatus, 'Invalid API key');
    return null;
  }

  const retryAfter = (): Record<string, string> =>
    settings.retryAfterSeconds === null ? {} : { 'retry-after': String(settings.retryAfterSeconds) };

  async function api(
    role: BflHostRole,
    req: IncomingMessage,
    url: URL,
    record: BflRequestRecord,
    res: ServerResponse,
  ): Promise<Reply | 'reset' | 'sent'> {
    const { pathname } = url;
    const method = req.method ?? 'GET';
    if (pathname === '/v1/get_result') return method === 'GET' ? poll(role, url, record) : methodNotAllowed();
    if (pathname === '/v1/credits') {
      if (method !== 'GET') return methodNotAllowed();
      const denied = authorize(record);
      if (denied) return denied;
      refreshAll();
      return new Reply(200, { credits });
    }
    if (finetunePaths.includes(pathname)) {
      if (role !== 'cluster') return notFound();
      return authorize(record) ?? finetunes.handle(req, url);
    }
    const model = pathname.startsWith('/v1/') ? bflModelsByPath.get(pathname.slice(4)) : undefined;
    if (!model || settings.retiredModels.includes(model.path) || (model.regionalOnly && role !== 'cluster')) {
      return notFound();
    }
    if (method !== 'POST') return methodNotAllowed();
    return submit(role, model, req, record, res);
  }

  /** Whether this submit gets its scenario's fault (counted per prompt, for "first N only"). */
  function takeFault(prompt: string, kind: string, times: number): boolean {
    const key = `${kind}\u0000${prompt}`;
    const used = faultCounts.get(key) ?? 0;
    if (used >= times) return false;
    faultCounts.set(key, used + 1);
    return true;
  }

  async function submit(
    role: BflHostRole,
    model: BflModel,
    req: IncomingMessage,
    record: BflRequestRecord,
    res: ServerResponse,
  ): Promise<Reply | 'reset' | 'sent'> {
    const denied = authorize(record);
    if (denied) return denied;
    const key = record.key!;
    const allowed = keys.get(key)?.models;
    if (allowed && !allowed.includes(model.path)) {
      return detail(403, `Your API key does not have access to ${model.path}`);
    }
    const parsed = await readJson(req);
    if (parsed instanceof Reply) return parsed;
    const issues = validateBody(model.schema, parsed.value);
    if (issues.length > 0) return unprocessable(issues);
    const body = parsed.value as Record<string, unknown>;
    const inputs = await readInputImages(
      model.imageFields,
      (field) => model.schema.fields[field]?.kind === 'image' && model.schema.fields[field].url === true,
      body,
    );
    if (typeof inputs === 'string') return detail(400, inputs);
    const finetuneId = body.finetune_id;
    if (typeof finetuneId === 'string' && !finetuneId.includes('/') && !finetunes.has(finetuneId)) {
      return detail(404, `Finetune ${finetuneId} not found`);
    }

    const rawPrompt = typeof body.prompt === 'string' ? body.prompt : '';
    const scenario: BflScenario = { ...defaults, ...queued.shift(), ...scenarioFromPrompt(rawPrompt) };
    const fault = scenario.submitFault;
    const faulty = fault !== null && takeFault(rawPrompt, String(fault), scenario.submitFaultTimes);
    if (faulty && fault === 'rate-limit') return detail(429, 'Rate limit exceeded', retryAfter());
    if (faulty && fault === 'no-credits') return detail(402, 'Insufficient credits');
    if (faulty && fault === 'forbidden') {
      return detail(403, `Your API key does not have access to ${model.path}`);
    }
    if (faulty && fault === 503) return detail(503, 'Service temporarily unavailable');

    if (activeTasks(key) >= settings.concurrencyLimit) {
      const message = `You have reached the maximum of ${settings.concurrencyLimit} active tasks; wait for one to finish`;
      return detail(429, message, retryAfter());
    }
    if (model.pool === 'kontext-max' && activeTasks(key, 'kontext-max') >= settings.kontextMaxLimit) {
      const message = `You have reached the maximum of ${settings.kontextMaxLimit} active flux-kontext-max tasks`;
      return detail(429, message, retryAfter());
    }

    const size = model.outputSize(body, inputs);
    const megapixels = (s: Size) => Math.round(((s.width * s.height) / 1_000_000) * 100) / 100;
    const inputMp = [...inputs]
      .filter(([field]) => field !== 'mask')
      .reduce((sum, [, s]) => sum + megapixels(s), 0);
    const price = priceOf(model, inputMp, megapixels(size));
    refreshAll();
    if (credits < price) {
      return detail(402, `Insufficient credits: this request needs ${price} credits, you have ${credits}`);
    }

    const pngByDefault = ['flux-kontext', 'flux-tools/outpainting', 'flux-tools/erase'].some((prefix) =>
      model.path.startsWith(prefix),
    );
    const task: BflFakeTask = {
      id: uuid(random),
      model: model.path,
      body,
      prompt: stripScenarioTokens(rawPrompt),
      host: role,
      key,
      scenario,
      submittedAt: now(),
      seed: typeof body.seed === 'number' ? body.seed : Math.floor(random() * 2 ** 31),
      outputSize: {
        width: Math.max(16, Math.round(size.width * settings.renderScale)),
        height: Math.max(16, Math.round(size.height * settings.renderScale)),
      },
      outputFormat:
        typeof body.output_format === 'string'
          ? (body.output_format as OutputFormat)
          : pngByDefault
            ? 'png'
            : 'jpeg',
      inputMp: Math.round(inputMp * 100) / 100,
      outputMp: megapixels(size),
      costCredits: price,
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
    tasks.push(task);
    taskById.set(task.id, task);
    // Paint the result midway through the task, off the submit path, as the real service works
    // while the task is pending; a download then costs only the transfer.
    if (scenario.outcome === 'Ready') {
      setTimeout(() => void delivery.render(task), Math.max(0, scenario.durationMs / 2)).unref();
    }
    refresh(task, null);
    peakActive = Math.max(peakActive, activeTasks(key));
    if (model.pool) peakKontextMaxActive = Math.max(peakKontextMaxActive, activeTasks(key, model.pool));
    // Webhook tasks finish without polls: wake them when their time is up.
    if (typeof body.webhook_url === 'string' && scenario.pendingPolls === null) {
      later(Math.max(0, scenario.durationMs) + 5, () => refresh(task, null));
    }

    if (faulty && (fault === 500 || fault === 502)) {
      return detail(fault, fault === 500 ? 'Internal Server Error' : 'Bad Gateway');
    }
    if (faulty && fault === 'reset') return 'reset';
    if (scenario.submitDelayMs > 0) {
      await sleep(scenario.submitDelayMs);
      if (res.destroyed) return 'sent';
    }
    return new Reply(200, submitAnswer(task));
  }

  function submitAnswer(task: BflFakeTask): Record<string, unknown> {
    const webhookUrl = typeof task.body.webhook_url === 'string' ? task.body.webhook_url : null;
    const shape = task.scenario.submitShape ?? (webhookUrl === null ? 'polling' : settings.webhookResponse);
    const costs =
      task.scenario.costFields === 'absent'
        ? {}
        : task.scenario.costFields === 'null'
          ? { cost: null, input_mp: null, output_mp: null }
          : { cost: task.costCredits, input_mp: task.inputMp, output_mp: task.outputMp };
    const pollingUrl = `${origin('cluster')}/v1/get_result?id=${task.id}`;
    if (shape === 'polling') return { id: task.id, polling_url: pollingUrl, ...costs };
    return {
      id: task.id,
      status: 'Pending',
      webhook_url: webhookUrl,
      ...(shape === 'webhook+polling' && { polling_url: pollingUrl }),
      ...costs,
    };
  }

  function poll(role: BflHostRole, url: URL, record: BflRequestRecord): Reply | 'reset' {
    if (!settings.keylessPolling) {
      const denied = authorize(record);
      if (denied) return denied;
    }
    const id = url.searchParams.get('id');
    if (id === null) {
      return unprocessable([{ type: 'missing', loc: ['query', 'id'], msg: 'Field required', input: null }]);
    }
    const task = taskById.get(id);
    const notFoundStatus = task?.scenario.notFoundStatus ?? defaults.notFoundStatus;
    const visible = task !== undefined && (role === 'cluster' || settings.pollAnyHost);
    const expired = task?.terminalAt != null && now() - task.terminalAt > settings.retentionMs;
    if (!task || !visible || expired) return new Reply(notFoundStatus, taskNotFoundBody(id));
    if (task.pollFaultsLeft > 0 && task.scenario.pollFault !== null) {
      task.pollFaultsLeft--;
      const fault = task.scenario.pollFault;
      if (fault === 'reset') return 'reset';
      if (fault === 429) return detail(429, 'Too many requests', retryAfter());
      return detail(fault, fault === 503 ? 'Service Unavailable' : 'Internal Server Error');
    }
    task.polls++;
    refresh(task, task.polls);
    if (task.status === 'Task not found') return new Reply(notFoundStatus, taskNotFoundBody(id));
    return new Reply(200, pollBody(task, now()));
  }

  // ---- the handle ----------------------------------------------------------------------------

  return {
    apiUrl: origin('global'),
    euUrl: origin('eu'),
    usUrl: origin('us'),
    clusterUrl: origin('cluster'),
    deliveryUrl: origin('delivery'),
    hosts: Object.fromEntries(roles.map((role) => [role, servers.get(role)!.host])) as Record<
      BflHostRole,
      string
    >,
    apiKey,
    tasks,
    requests,
    keyLeaks,
    webhooks,
    get credits() {
      refreshAll();
      return credits;
    },
    get peakActive() {
      return peakActive;
    },
    get peakKontextMaxActive() {
      return peakKontextMaxActive;
    },
    activeTasks: (key?: string) => activeTasks(key),
    setCredits: (value: number) => {
      credits = value;
    },
    nextScenario: (...scenarios) => {
      queued.push(...scenarios);
    },
    setDefaults: (scenario) => {
      defaults = { ...defaults, ...scenario };
    },
    configure: (changes) => {
      Object.assign(settings, pickSettings(changes));
    },
    now,
    setClock: (ms: number) => {
      offset = ms - baseNow();
      refreshAll();
    },
    advance: (ms: number) => {
      offset += ms;
      refreshAll();
    },
    submits: (model?: string) =>
      requests.filter(
        (entry) =>
          entry.method === 'POST' &&
          bflModelsByPath.has(entry.path.slice(4)) &&
          (model === undefined || entry.path === `/v1/${model}`),
      ),
    polls: (taskId?: string) =>
      requests.filter(
        (entry) =>
          entry.path === '/v1/get_result' && (taskId === undefined || entry.query.get('id') === taskId),
      ),
    close: async () => {
      closed = true;
      timers.forEach((timer) => clearTimeout(timer));
      timers.clear();
      for (const { server } of servers.values()) server.closeAllConnections();
      await Promise.all(
        [...servers.values()].map(
          ({ server }) => new Promise<void>((resolve) => server.close(() => resolve())),
        ),
      );
      await Promise.allSettled([...pending]);
    },
  };
}

function pickSettings(value: Partial<BflFakeSettings>): Partial<BflFakeSettings> {
  return Object.fromEntries(
    Object.entries(value).filter(([name, entry]) => name in defaultSettings && entry !== undefined),
  );
}
