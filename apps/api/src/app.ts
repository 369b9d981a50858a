import { join } from 'node:path';
import { createLocalProvider, type ImageProvider } from '@atelier/providers';
import type { SchemaServices } from '@atelier/schema/context';
import type { ViewerResolver } from './context';
import pg from 'pg';
import { createDatabase, type Database } from './db/database';
import { EventBus } from './events/event-bus';
import { createTaskList } from './jobs/index';
import { startWorker, type WorkerHandle } from './jobs/worker';
import type { Logger } from './logger';
import { ImageRepository } from './repositories/image.repository';
import { JobRepository } from './repositories/job.repository';
import { MediaRepository } from './repositories/media.repository';
import { QueueRepository } from './repositories/queue.repository';
import { DiskStorage, type Storage } from './repositories/storage.repository';
import { UserRepository } from './repositories/user.repository';
import { GenerationService } from './services/generation.service';
import { ImageService } from './services/image.service';
import { JobService } from './services/job.service';
import { ProviderRegistry } from './services/provider-registry';

export interface AppConfig {
  databaseUrl: string;
  dataDir: string;
  logger: Logger;
  /** Prefix of file URLs; defaults to `/files` on this server. */
  filesBaseUrl?: string;
  providers?: ImageProvider[];
  localStepMs?: number;
  /** Who is asking; by default everyone is the built-in local owner (accounts come later). */
  resolveViewer?: ViewerResolver;
}

/** The composition root: every repository and service, wired once per process. */
export async function createApp(config: AppConfig) {
  const { logger } = config;
  const db: Database = createDatabase(config.databaseUrl);
  const workerPool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  // An idle client can fail when the server restarts; pg then emits here, and the pool replaces it.
  workerPool.on('error', (error) => logger.warn({ error: error.message }, 'idle database connection failed'));
  workerPool.on('connect', (client) =>
    client.on('error', (error) => logger.warn({ error: error.message }, 'database connection failed')),
  );
  const events = new EventBus(config.databaseUrl, logger);
  await events.start();

  const repositories = {
    users: new UserRepository(db),
    jobs: new JobRepository(db),
    images: new ImageRepository(db),
    queue: new QueueRepository(db),
    media: new MediaRepository(),
    storage: new DiskStorage(join(config.dataDir, 'files')) as Storage,
  };
  const providers = new ProviderRegistry(
    config.providers ?? [createLocalProvider({ stepDelayMs: config.localStepMs ?? 0 })],
  );
  const services = {
    providers,
    images: new ImageService({
      images: repositories.images,
      storage: repositories.storage,
      filesBaseUrl: config.filesBaseUrl ?? '/files',
    }),
    jobs: new JobService({ db, ...repositories, events }),
    generation: new GenerationService({ db, ...repositories, providers, events, logger }),
  };
  const schemaServices: SchemaServices = services;
  const localOwner = await repositories.users.findLocalOwner();
  const resolveViewer: ViewerResolver = config.resolveViewer ?? (async () => localOwner);
  let worker: WorkerHandle | null = null;

  return {
    db,
    logger,
    events,
    repositories,
    services,
    schemaServices,
    resolveViewer,
    async startWorker(concurrency: number, options: { leaseSeconds?: number } = {}): Promise<WorkerHandle> {
      worker = await startWorker({
        pgPool: workerPool,
        taskList: createTaskList(services),
        concurrency,
        queue: repositories.queue,
        logger,
        ...options,
      });
      return worker;
    },
    async stop(): Promise<void> {
      await worker?.stop();
      await events.stop();
      await db.destroy();
      await workerPool.end();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
