import { createApp } from './app';
import { isDatabaseUnavailable } from './db/connection-errors';
import { prepareDatabase } from './db/bootstrap';
import { parseEnv, storageSettingsOf } from './env';
import { createProviders } from './providers/configured-providers';
import { createLogger } from './logger';
import { Metrics } from './metrics/metrics';
import { startMetricsServer } from './metrics/metrics-http';
import { installProcessGuard } from './process-guard';
import { appReadiness, startHealthServer } from './http/health-routes';
import { buildServer, type RunningServer } from './server';

const env = parseEnv();
const logger = createLogger(env.LOG_LEVEL);
// Until the app (and its DatabaseHealth) exists, an outage is only recognised, not recorded.
let isOutage: (error: unknown) => boolean = isDatabaseUnavailable;
installProcessGuard(logger, (error) => isOutage(error));

const database = await prepareDatabase(env, logger);

const providers = await createProviders(
  {
    localStepMs: env.ATELIER_LOCAL_STEP_MS,
    localParallelImages: env.WORKER_CONCURRENCY,
    ...(env.ENHANCE_THREADS !== undefined && { enhanceThreads: env.ENHANCE_THREADS }),
    bfl: {
      apiKey: env.BFL_API_KEY ?? null,
      baseUrl: env.BFL_BASE_URL,
      maxConcurrency: env.BFL_MAX_CONCURRENCY,
    },
    ideogram: {
      apiKey: env.IDEOGRAM_API_KEY ?? null,
      baseUrl: env.IDEOGRAM_BASE_URL,
      maxInFlight: env.IDEOGRAM_MAX_IN_FLIGHT,
    },
    fakes: env.ATELIER_FAKE_PROVIDERS,
    resultHosts: env.ATELIER_RESULT_HOSTS,
  },
  logger,
);

const app = await createApp({
  databaseUrl: database.url,
  dataDir: env.ATELIER_DATA_DIR,
  logger,
  providers: providers.providers,
  defaultFallback: env.ATELIER_FALLBACK_PROVIDERS,
  ...(env.ATELIER_PUBLIC_FILES_URL && { filesBaseUrl: env.ATELIER_PUBLIC_FILES_URL }),
  ...storageSettingsOf(env),
  webhooks: { allowLoopback: env.ATELIER_WEBHOOK_ALLOW_LOOPBACK, publicUrl: env.ATELIER_PUBLIC_URL },
  ...(env.ATELIER_URL_FETCH_ALLOW_ADDRESSES.length > 0 && {
    urlFetchAllowAddresses: env.ATELIER_URL_FETCH_ALLOW_ADDRESSES,
  }),
});

isOutage = (error) => app.health.reportFailure(error);

// Off unless asked for; env.ts has made sure they are on a port of their own or behind a token.
const metrics = env.ATELIER_METRICS ? new Metrics({ jobs: app.repositories.jobs, events: app.events }) : null;
const metricsServer =
  metrics && env.ATELIER_METRICS_PORT !== undefined
    ? await startMetricsServer(metrics, env.ATELIER_METRICS_PORT, env.HOST, logger)
    : null;
if (metricsServer) logger.info(`metrics at ${metricsServer.url}`);

const readiness = appReadiness(app, { worker: env.ATELIER_ROLE !== 'api' });
const healthServer =
  env.ATELIER_HEALTH_PORT !== undefined
    ? await startHealthServer(readiness, env.ATELIER_HEALTH_PORT, env.HOST)
    : null;
if (healthServer) logger.info(`health checks at ${healthServer.url}/readyz`);

let http: RunningServer | null = null;
if (env.ATELIER_ROLE !== 'worker') {
  http = await buildServer(app, {
    webDist: env.ATELIER_WEB_DIST,
    allowedOrigins: env.ATELIER_ALLOWED_ORIGINS,
    trustProxy: env.ATELIER_TRUST_PROXY,
    publicUrl: env.ATELIER_PUBLIC_URL,
    mcpJobWaitMs: env.ATELIER_MCP_WAIT_SECONDS * 1000,
    readiness,
    ...(metrics && { metrics }),
    ...(metrics && env.ATELIER_METRICS_TOKEN && { metricsToken: env.ATELIER_METRICS_TOKEN }),
  }).listen(env.PORT, env.HOST);
  logger.info(`Atelier is ready at ${http.url}`);
}
if (env.ATELIER_ROLE !== 'api') {
  await app.startWorkers({ cpu: env.WORKER_CONCURRENCY, remote: env.WORKER_REMOTE_CONCURRENCY });
  logger.info({ cpu: env.WORKER_CONCURRENCY, remote: env.WORKER_REMOTE_CONCURRENCY }, 'worker started');
}

const SHUTDOWN_DEADLINE_MS = 10_000;
let stopping = false;
/**
 * No new connections; sockets are told 1001 (going away) and reconnect elsewhere; requests in
 * flight finish (up to 8 s); running jobs get 3 s, then go back to the queue for another worker to
 * take at once. Never longer than SHUTDOWN_DEADLINE_MS.
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error('shutdown took too long; exiting anyway');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  try {
    await Promise.all([http?.stop(), healthServer?.stop(), metricsServer?.stop(), app.stopWorkers()]);
    metrics?.stop();
    await app.stop();
    await providers.stop();
    await database.stop();
  } catch (error) {
    logger.error({ err: error }, 'shutdown did not finish cleanly');
    process.exit(1);
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
