import { createApp } from './app';
import { prepareDatabase } from './db/bootstrap';
import { parseEnv } from './env';
import { createLogger } from './logger';
import { buildServer, type RunningServer } from './server';

const env = parseEnv();
const logger = createLogger(env.LOG_LEVEL);

const database = await prepareDatabase(env, logger);

const app = await createApp({
  databaseUrl: database.url,
  dataDir: env.ATELIER_DATA_DIR,
  logger,
  localStepMs: env.ATELIER_LOCAL_STEP_MS,
  ...(env.ATELIER_PUBLIC_FILES_URL && { filesBaseUrl: env.ATELIER_PUBLIC_FILES_URL }),
});

let http: RunningServer | null = null;
if (env.ATELIER_ROLE !== 'worker') {
  http = await buildServer(app, { webDist: env.ATELIER_WEB_DIST }).listen(env.PORT, env.HOST);
  logger.info(`Atelier is ready at ${http.url}`);
}
if (env.ATELIER_ROLE !== 'api') {
  await app.startWorker(env.WORKER_CONCURRENCY);
  logger.info({ concurrency: env.WORKER_CONCURRENCY }, 'worker started');
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await http?.stop();
  await app.stop();
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
