import { createLocalProvider, type ImageProvider } from '@atelier/providers';
import type { SchemaServices } from '@atelier/schema/ports';
import type pg from 'pg';
import { CredentialCache } from './auth/credential-cache';
import type { ViewerResolver } from './context';
import { presentedCredential, type RequestCredentials } from './http/credentials';
import { createDatabase, createPool, type Database } from './db/database';
import { connectionProbe, DatabaseHealth, latestMigrationApplied } from './db/database-health';
import { EventBus } from './events/event-bus';
import { createTaskList } from './jobs/index';
import { purgeTrashSchedule } from './jobs/purge-trash.task';
import { LeaseKeeper } from './jobs/lease-keeper';
import { startWorker, type WorkerHandle } from './jobs/worker';
import type { Logger } from './logger';
import { ImageRepository } from './repositories/image.repository';
import { ImageSearchRepository } from './repositories/image-search.repository';
import { ImageTrashRepository } from './repositories/image-trash.repository';
import { BatchRepository } from './repositories/batch.repository';
import { JobRepository } from './repositories/job.repository';
import { MediaRepository } from './repositories/media.repository';
import { QueueRepository } from './repositories/queue.repository';
import { createStorage, type FilesDelivery, type StorageSettings } from './repositories/storage-factory';
import type { Storage } from './repositories/storage.repository';
import { ApiTokenRepository } from './repositories/api-token.repository';
import { InviteRepository } from './repositories/invite.repository';
import { OAuthRepository } from './repositories/oauth.repository';
import { RateLimitRepository } from './repositories/rate-limit.repository';
import { SessionRepository } from './repositories/session.repository';
import { SettingRepository } from './repositories/setting.repository';
import { ShareLinkRepository } from './repositories/share-link.repository';
import { CollectionRepository } from './repositories/collection.repository';
import { UrlFetchRepository } from './repositories/url-fetch.repository';
import { UserRepository } from './repositories/user.repository';
import { WebhookRepository } from './repositories/webhook.repository';
import { WebhookDeliveryRepository } from './repositories/webhook-delivery.repository';
import { defaultWebhookSettings, WebhookService, type WebhookSettings } from './services/webhook.service';
import { WebhookSender } from './jobs/webhook-sender';
import { AccountService, type ClientLimits, defaultClientLimits } from './services/account.service';
import { AdminService } from './services/admin.service';
import { AuthService, defaultSessionPolicy, type SessionPolicy } from './services/auth.service';
import { BatchService } from './services/batch.service';
import { ConnectedAppService } from './services/connected-app.service';
import { DownloadService } from './services/download.service';
import { DownloadRepository } from './repositories/download.repository';
import { ImageEventRepository } from './repositories/image-event.repository';
import { InsightsRepository } from './repositories/insights.repository';
import { InsightsService } from './services/insights.service';
import { insightsRollupSchedule } from './jobs/insights-rollup.task';
import { ImportService } from './services/import.service';
import { QuotaService } from './services/quota.service';
import { SignInFailureRepository } from './repositories/sign-in-failure.repository';
import { SharingService } from './services/sharing.service';
import { CollectionService } from './services/collection.service';
import { GenerationService } from './services/generation.service';
import { ImageEditService } from './services/image-edit.service';
import { ProviderChoice } from './services/provider-choice';
import { RequestPreparation } from './services/request-preparation';
import { PromptService } from './services/prompt.service';
import { StylePresetService } from './services/style-preset.service';
import { TemplateService } from './services/template.service';
import { UploadedImageJobs } from './services/uploaded-image-jobs.service';
import { PromptHistoryRepository } from './repositories/prompt-history.repository';
import { SavedPromptRepository } from './repositories/saved-prompt.repository';
import { StylePresetRepository } from './repositories/style-preset.repository';
import { TemplateRepository } from './repositories/template.repository';
import { ImageService } from './services/image.service';
import { JobRunner } from './jobs/run-job/job-runner';
import { JobService } from './services/job.service';
import { LibraryEventsService } from './services/library-events.service';
import { ProviderRegistry } from './providers/provider-registry';

export interface AppConfig {
  databaseUrl: string;
  dataDir: string;
  logger: Logger;
  /** Prefix of file URLs; defaults to `/files` on this server. When set, shared images use it too. */
  filesBaseUrl?: string;
  /** Where image bytes live; by default files under `dataDir`. */
  storage?: StorageSettings;
  /** How /files answers owners and share links; by default it streams. */
  filesDelivery?: FilesDelivery;
  /** The providers to offer; by default only the local one (see providers.ts for the configured set). */
  providers?: ImageProvider[];
  localStepMs?: number;
  /** Providers tried after a job's own when a request names no fallback. */
  defaultFallback?: string[];
  /** Who is asking; by default the session cookie or API token of the request (tests inject their own). */
  resolveViewer?: ViewerResolver;
  sessionPolicy?: SessionPolicy;
  /** Sign-in and sign-up attempts per client address. */
  clientLimits?: ClientLimits;
  /** For tests only: lets the URL importer fetch from these loopback addresses. */
  urlFetchAllowAddresses?: string[];
  /** Outgoing webhooks: defaults in services/webhook.service.ts; `publicUrl` makes file links absolute. */
  webhooks?: Partial<WebhookSettings> & { publicUrl?: string };
}

export interface WorkerConcurrency {
  /** Jobs that work this machine's CPU (local rendering, upscaling): about one per core. */
  cpu: number;
  /** Jobs that wait on a remote provider: many at once. */
  remote: number;
  /** How long a worker may go without renewing its lease before its tasks are released (6 s). */
  leaseSeconds?: number;
}

/** The composition root: every repository and service, wired once per process. */
export async function createApp(config: AppConfig) {
  const { logger } = config;
  const health = new DatabaseHealth({ logger, probe: connectionProbe(config.databaseUrl) });
  const db: Database = createDatabase(config.databaseUrl, { health });
  const events = new EventBus(config.databaseUrl, logger, health);
  await events.start();

  const storage = createStorage(config.storage ?? { kind: 'disk' }, config.dataDir);
  const repositories = {
    users: new UserRepository(db),
    jobs: new JobRepository(db),
    batches: new BatchRepository(db),
    images: new ImageRepository(db),
    imageSearch: new ImageSearchRepository(db),
    imageTrash: new ImageTrashRepository(db),
    queue: new QueueRepository(db),
    media: new MediaRepository(),
    storage: storage as Storage,
    sessions: new SessionRepository(db),
    apiTokens: new ApiTokenRepository(db),
    invites: new InviteRepository(db),
    oauth: new OAuthRepository(db),
    downloads: new DownloadRepository(db),
    shareLinks: new ShareLinkRepository(db),
    collections: new CollectionRepository(db),
    rateLimits: new RateLimitRepository(db),
    signInFailures: new SignInFailureRepository(db),
    settings: new SettingRepository(db),
    insights: new InsightsRepository(db),
    webhooks: new WebhookRepository(db),
    webhookDeliveries: new WebhookDeliveryRepository(db),
    imageEvents: new ImageEventRepository(db, (error) =>
      logger.warn({ err: error }, 'could not record image events'),
    ),
    urlFetch: new UrlFetchRepository({
      ...(config.urlFetchAllowAddresses && { allowAddresses: config.urlFetchAllowAddresses }),
    }),
  };
  const policy = config.sessionPolicy ?? defaultSessionPolicy;
  const credentials = new CredentialCache();
  events.onCredentialsChanged((userId) => credentials.forget(userId));
  const providers = new ProviderRegistry(
    config.providers ?? [createLocalProvider({ stepDelayMs: config.localStepMs ?? 0 })],
  );

  const auth = new AuthService({ ...repositories, policy, credentials });
  const quota = new QuotaService({ db, users: repositories.users });
  const templates = new TemplateService({ templates: new TemplateRepository(db) });
  const presets = new StylePresetService({
    presets: new StylePresetRepository(db),
    images: repositories.images,
    providers,
  });
  const prompts = new PromptService({
    savedPrompts: new SavedPromptRepository(db),
    promptHistory: new PromptHistoryRepository(db),
  });
  const images = new ImageService({
    images: repositories.images,
    search: repositories.imageSearch,
    trash: repositories.imageTrash,
    storage: repositories.storage,
    events,
    filesBaseUrl: config.filesBaseUrl ?? '/files',
  });
  const jobs = new JobService({ db, ...repositories, events, quota });
  const webhookSettings: WebhookSettings = { ...defaultWebhookSettings, ...config.webhooks };
  const generation = new GenerationService({
    ...repositories,
    preparation: new RequestPreparation({ templates, presets, prompts }),
    choice: new ProviderChoice(providers, config.defaultFallback ?? []),
    quota,
  });
  const collections = new CollectionService({ db, ...repositories, gallery: images });
  const services = {
    providers,
    templates,
    presets,
    prompts,
    images,
    jobs,
    generation,
    imageEdits: new ImageEditService({ ...repositories, quota }),
    collections,
    accounts: new AccountService({
      ...repositories,
      policy,
      credentials,
      clientLimits: config.clientLimits ?? defaultClientLimits,
    }),
    admin: new AdminService({ ...repositories, credentials }),
    sharing: new SharingService({
      links: repositories.shareLinks,
      images: repositories.images,
      collections: repositories.collections,
      storage: repositories.storage,
      imageEvents: repositories.imageEvents,
      publicFilesUrl: config.filesBaseUrl ?? null,
    }),
    imports: new ImportService({ db, ...repositories }),
    batches: new BatchService({
      ...repositories,
      generation,
      jobService: jobs,
      quota,
      events,
      templates,
      collectionService: collections,
      prompts,
    }),
    library: new LibraryEventsService({ events }),
    connectedApps: new ConnectedAppService({ oauth: repositories.oauth, credentials }),
    insights: new InsightsService({ insights: repositories.insights }),
    webhooks: new WebhookService({ webhooks: repositories.webhooks, settings: webhookSettings }),
  } satisfies SchemaServices;
  // Files and zips over plain HTTP (no GraphQL field), so not among the schema's services.
  const downloads = new DownloadService({
    ...repositories,
    links: repositories.shareLinks,
    collectionService: collections,
    filesDelivery: config.filesDelivery ?? { mode: 'stream' },
  });
  // Jobs on a picture sent along (the OpenAI-compatible door's edits and variations).
  const uploadedImageJobs = new UploadedImageJobs({ ...repositories, imports: services.imports, generation });
  const runner = new JobRunner({ db, ...repositories, providers, events, logger });
  const webhookSender = new WebhookSender({
    deliveries: repositories.webhookDeliveries,
    images: repositories.images,
    // Receivers are elsewhere: a file link relative to this server is made absolute.
    fileUrl: (blobKey) =>
      new URL(images.fileUrl(blobKey), config.webhooks?.publicUrl ?? 'http://localhost:4000').href,
    settings: webhookSettings,
    logger,
  });
  const resolveViewer: ViewerResolver =
    config.resolveViewer ?? ((request) => auth.resolveViewer(presentedCredential(request)));
  /** At /mcp an OAuth access token for that resource (`audience`) is a credential too. */
  const resolveMcpViewer = (request: RequestCredentials, audience: string | null) =>
    config.resolveViewer
      ? config.resolveViewer(request)
      : auth.resolveViewer(presentedCredential(request), { oauthAudience: audience });
  const workers: WorkerHandle[] = [];
  let workerPool: pg.Pool | null = null;
  let leases: LeaseKeeper | null = null;
  let workersStopped: Promise<void> | undefined;
  /** Stops taking jobs; running ones finish, or are interrupted and handed to another worker (worker.ts). */
  const stopWorkers = (): Promise<void> => {
    workersStopped ??= (async () => {
      const running = workers.flatMap((worker) => [...worker.activeTaskIds()]);
      const pools = workers.flatMap((worker) => worker.poolId() ?? []);
      await Promise.all(workers.map((worker) => worker.stop()));
      // Interrupted jobs are taken by another worker at once, not after graphile-worker's retry delay.
      await repositories.queue.handOver(running, pools).catch((error: unknown) => {
        logger.warn({ err: error }, 'could not hand interrupted jobs over; the lease sweep will');
      });
      await leases?.stop();
    })();
    return workersStopped;
  };

  return {
    db,
    health,
    logger,
    events,
    repositories,
    services,
    downloads,
    uploadedImageJobs,
    runner,
    resolveViewer,
    resolveMcpViewer,
    /** Whether this code's latest migration is applied, asked on a connection of its own. */
    migrationsApplied: () => latestMigrationApplied(config.databaseUrl),
    /** Starts the two worker pools (CPU-bound work, and work waiting on remote providers). */
    async startWorkers(concurrency: WorkerConcurrency): Promise<WorkerHandle[]> {
      // graphile-worker wants a connection per concurrent job it may be completing.
      workerPool ??= createPool(config.databaseUrl, concurrency.cpu + concurrency.remote + 4, health);
      const pgPool = workerPool;
      const started = await Promise.all(
        (['cpu', 'remote'] as const).map((pool) =>
          startWorker({
            pgPool,
            taskList: createTaskList(runner, images, pool, repositories.insights, webhookSender),
            ...(pool === 'remote' && { parsedCronItems: [...purgeTrashSchedule, ...insightsRollupSchedule] }),
            concurrency: concurrency[pool],
            logger,
            health,
          }),
        ),
      );
      if (!leases) {
        leases = new LeaseKeeper({
          databaseUrl: config.databaseUrl,
          db,
          queue: repositories.queue,
          jobs: repositories.jobs,
          logger,
          ...(concurrency.leaseSeconds && { leaseSeconds: concurrency.leaseSeconds }),
        });
        leases.start();
      }
      leases.watch(started);
      workers.push(...started);
      return started;
    },
    /** Why this process's workers cannot do their work (not started, a pool down, leases not renewed), or null. */
    workerProblem(): string | null {
      if (workers.length === 0 || !leases) return 'not started';
      if (workers.some((worker) => !worker.running())) return 'a job runner has stopped';
      return leases.problem();
    },
    stopWorkers,
    async stop(): Promise<void> {
      await stopWorkers();
      await events.stop();
      health.stop();
      await repositories.imageEvents.flush();
      await db.destroy();
      await workerPool?.end();
      await storage.close?.();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
