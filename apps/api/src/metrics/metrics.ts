import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WebSocketServer } from 'ws';
import type { EventBus } from '../events/event-bus';
import type { WorkerPool } from '../jobs/index';
import { jobTask, RunCpuJob } from '../jobs/run-job/job-task';
import type { JobRepository } from '../repositories/job.repository';
import { observeProviderCalls } from './provider-calls';

/** Every metric of Atelier's own, and prom-client's process metrics, start with this. */
export const METRICS_PREFIX = 'atelier_';

export interface MetricsDeps {
  jobs: Pick<JobRepository, 'countByStatus' | 'queuedSummary'>;
  events: Pick<EventBus, 'observeLag'>;
}

type Subscribed = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PROVIDER_BUCKETS = [0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];
const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
/** First path segments named as routes; any other path is `other`, so series stay bounded. */
const ROUTES = new Set([
  'graphql',
  'mcp',
  'files',
  'downloads',
  'healthz',
  'readyz',
  'metrics',
  'oauth',
  '.well-known',
]);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The Prometheus metrics of one process: timings observed as things happen (cheap, in memory), and
 * job and queue gauges read from the database only when scraped. Made only when ATELIER_METRICS=1.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly stopObserving: () => void;

  private readonly httpDuration = new Histogram({
    name: `${METRICS_PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests (not WebSocket messages) from arrival to the end of the answer, by route (first path segment), method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  private readonly operationDuration = new Histogram({
    name: `${METRICS_PREFIX}graphql_operation_duration_seconds`,
    help: 'GraphQL execution time by operation name ("anonymous" without one) and type; for a subscription, the time to start it.',
    labelNames: ['operation', 'type'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  private readonly providerDuration = new Histogram({
    name: `${METRICS_PREFIX}provider_call_duration_seconds`,
    help: 'Provider calls by provider, model ("none" for a call without one) and outcome (SUCCEEDED or the error code).',
    labelNames: ['provider', 'model', 'outcome'] as const,
    buckets: PROVIDER_BUCKETS,
    registers: [this.registry],
  });

  private readonly providerCalls = new Counter({
    name: `${METRICS_PREFIX}provider_calls_total`,
    help: 'Provider calls by provider, model and outcome (SUCCEEDED or the error code).',
    labelNames: ['provider', 'model', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly sockets = new Gauge({
    name: `${METRICS_PREFIX}websocket_connections`,
    help: 'Open GraphQL WebSocket connections.',
    registers: [this.registry],
  });

  private readonly subscriptions = new Gauge({
    name: `${METRICS_PREFIX}graphql_active_subscriptions`,
    help: 'GraphQL subscriptions streaming now.',
    registers: [this.registry],
  });

  private readonly eventLag = new Histogram({
    name: `${METRICS_PREFIX}event_bus_lag_seconds`,
    help: 'From a job event sent with NOTIFY (database clock) to its delivery in this process.',
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });

  constructor(deps: MetricsDeps) {
    collectDefaultMetrics({ register: this.registry, prefix: METRICS_PREFIX });
    new Gauge({
      name: `${METRICS_PREFIX}jobs`,
      help: 'Jobs by status and worker pool (read from the database when scraped).',
      labelNames: ['status', 'pool'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await unlessDatabaseFails(() => deps.jobs.countByStatus(), []);
        for (const row of counts) {
          this.inc({ status: row.status, pool: poolOf(row.kind, row.provider) }, row.count);
        }
      },
    });
    // Both queue gauges are collected in the same scrape: they share one read.
    let reading: ReturnType<typeof readQueue> | null = null;
    const queued = () => {
      reading ??= readQueue().finally(() => (reading = null));
      return reading;
    };
    const readQueue = async () => {
      const rows = await unlessDatabaseFails(() => deps.jobs.queuedSummary(), null);
      if (!rows) return new Map<WorkerPool, { count: number; oldest: number }>();
      const pools = new Map<WorkerPool, { count: number; oldest: number }>([
        ['cpu', { count: 0, oldest: Number.POSITIVE_INFINITY }],
        ['remote', { count: 0, oldest: Number.POSITIVE_INFINITY }],
      ]);
      for (const row of rows) {
        const pool = pools.get(poolOf(row.kind, row.provider))!;
        pool.count += row.count;
        pool.oldest = Math.min(pool.oldest, new Date(row.oldestCreatedAt).getTime());
      }
      return pools;
    };
    new Gauge({
      name: `${METRICS_PREFIX}queue_depth`,
      help: 'Jobs waiting to start, by worker pool (read from the database when scraped).',
      labelNames: ['pool'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [pool, { count }] of await queued()) this.set({ pool }, count);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}queue_oldest_age_seconds`,
      help: 'How long the oldest waiting job has waited since it was made, by worker pool (0 when none waits).',
      labelNames: ['pool'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const now = Date.now();
        for (const [pool, { oldest }] of await queued()) {
          this.set({ pool }, Number.isFinite(oldest) ? Math.max(0, (now - oldest) / 1000) : 0);
        }
      },
    });

    const unobserveCalls = observeProviderCalls((call) => {
      const labels = { provider: call.provider, model: call.model ?? 'none', outcome: call.outcome };
      this.providerDuration.observe(labels, call.seconds);
      this.providerCalls.inc(labels);
    });
    deps.events.observeLag((lagMs) => this.eventLag.observe(lagMs / 1000));
    this.stopObserving = () => {
      unobserveCalls();
      deps.events.observeLag(null);
    };
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The metrics in Prometheus text format; the database gauges are read now. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** Times every HTTP request `server` answers (WebSocket upgrades are not requests). */
  watchHttp(server: Server): void {
    server.prependListener('request', (req, res) => {
      const started = performance.now();
      res.once('finish', () => {
        const segment = (req.url ?? '/').split(/[/?]/)[1] ?? '';
        this.httpDuration.observe(
          {
            method: METHODS.has(req.method ?? '') ? req.method! : 'OTHER',
            route: ROUTES.has(segment) ? `/${segment}` : 'other',
            status: String(res.statusCode),
          },
          (performance.now() - started) / 1000,
        );
      });
    });
  }

  /** Counts the open GraphQL WebSockets of `wss`. */
  watchSockets(wss: WebSocketServer): void {
    wss.on('connection', (socket) => {
      this.sockets.inc();
      socket.once('close', () => this.sockets.dec());
    });
  }

  observeOperation(operation: string, type: string, seconds: number): void {
    this.operationDuration.observe({ operation, type }, seconds);
  }

  /** Counts a subscription's stream as active from now until it ends, fails or is closed. */
  async trackSubscription(subscribed: Promise<Subscribed> | Subscribed): Promise<Subscribed> {
    const outcome = await subscribed;
    if (!isIterator(outcome)) return outcome;
    this.subscriptions.inc();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.subscriptions.dec();
    };
    const tracked: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        try {
          const step = await outcome.next();
          if (step.done) end();
          return step;
        } catch (error) {
          end();
          throw error;
        }
      },
      return: async (value?: unknown) => {
        end();
        return outcome.return ? outcome.return(value) : { done: true, value: undefined };
      },
      throw: async (error?: unknown) => {
        end();
        if (outcome.throw) return outcome.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return tracked;
      },
    };
    return tracked;
  }

  stop(): void {
    this.stopObserving();
    this.registry.clear();
  }
}

/** A scrape while the database is away still answers, without the database's series. */
async function unlessDatabaseFails<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}

/** The worker pool a job runs in, by the same rule that enqueues it (jobTask). */
function poolOf(kind: Parameters<typeof jobTask>[0], provider: string): WorkerPool {
  return jobTask(kind, provider, randomUUID()).name === RunCpuJob.name ? 'cpu' : 'remote';
}

function isIterator(outcome: Subscribed): outcome is AsyncIterableIterator<ExecutionResult> {
  return typeof (outcome as AsyncIterableIterator<ExecutionResult>)[Symbol.asyncIterator] === 'function';
}
