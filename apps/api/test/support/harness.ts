import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Viewer } from '@atelier/domain';
import type { ImageProvider } from '@atelier/providers';
import { inject } from 'vitest';
import { type AppConfig, createApp, type App } from '../../src/app';
import { createLogger } from '../../src/logger';
import type { FilesDelivery, StorageSettings } from '../../src/repositories/storage-factory';
import type { RequestCredentials } from '../../src/context';
import { buildServer, type RunningServer, type ServerOptions } from '../../src/server';
import type { ClientLimits } from '../../src/services/account.service';
import type { SessionPolicy } from '../../src/services/auth.service';
import { createDatabase, dropDatabase } from './postgres';

export const VIEWER_HEADER = 'x-test-viewer';

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestStack {
  app: App;
  databaseUrl: string;
  dataDir: string;
  /** Serves HTTP and WebSocket on a free loopback port. */
  listen(): Promise<RunningServer>;
  /** Runs an operation through yoga as `viewer` (or anonymously); fails the test on GraphQL errors unless asked not to. */
  graphql<T = any>(
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** A new person with nothing of anyone else's. */
  newUser(name?: string): Promise<Viewer>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  providers?: ImageProvider[];
  localStepMs?: number;
  worker?: boolean;
  workerConcurrency?: number;
  leaseSeconds?: number;
  /**
   * 'real': people are known only by their session cookie or API token, as in production.
   * Default 'injected': a request names its person by id in a test header (fast, for tests about
   * other things than authentication).
   */
  auth?: 'real' | 'injected';
  sessionPolicy?: SessionPolicy;
  /** Sign-in/sign-up limits per client address; generous by default, since every test client shares 127.0.0.1. */
  clientLimits?: ClientLimits;
  server?: Omit<ServerOptions, 'webDist'>;
  /** Loopback addresses the URL importer may fetch from (tests serve "public" images there). */
  urlFetchAllowAddresses?: string[];
  /** Where image bytes go (default: files under the test's data directory). */
  storage?: StorageSettings;
  filesDelivery?: FilesDelivery;
  /** A public base for file URLs (ATELIER_PUBLIC_FILES_URL). */
  filesBaseUrl?: string;
  /** Webhook settings (loopback endpoints, a shorter failure window, a fake resolver). */
  webhooks?: AppConfig['webhooks'];
}

/** A private database (cloned from the migrated template) and data directory for one test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(adminUrl, name, inject('templateDatabase'));
  return { url, drop: () => dropDatabase(adminUrl, name) };
}

export async function createTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-test-data-'));
  await chmod(dataDir, 0o755);
  const users = new Map<string, Viewer>();
  const app = await createApp({
    databaseUrl: database.url,
    dataDir,
    logger: createLogger('warn'),
    localStepMs: options.localStepMs ?? 0,
    ...(options.providers && { providers: options.providers }),
    ...(options.sessionPolicy && { sessionPolicy: options.sessionPolicy }),
    clientLimits: options.clientLimits ?? {
      signIn: { capacity: 10_000, refillPerSecond: 100 },
      signUp: { capacity: 10_000, refillPerSecond: 100 },
      signInLock: { perClient: 5, everywhere: 50 },
    },
    ...(options.urlFetchAllowAddresses && { urlFetchAllowAddresses: options.urlFetchAllowAddresses }),
    ...(options.storage && { storage: options.storage }),
    ...(options.filesDelivery && { filesDelivery: options.filesDelivery }),
    ...(options.filesBaseUrl && { filesBaseUrl: options.filesBaseUrl }),
    ...(options.webhooks && { webhooks: options.webhooks }),
    // Tests act as many people: each request names its person by id.
    ...(options.auth !== 'real' && {
      resolveViewer: async ({ headers, connectionParams }: RequestCredentials) => {
        const id = headers?.get(VIEWER_HEADER) ?? connectionParams?.[VIEWER_HEADER];
        return typeof id === 'string' ? (users.get(id) ?? null) : null;
      },
    }),
  });
  if (options.worker !== false) {
    await app.startWorkers({
      cpu: options.workerConcurrency ?? 2,
      remote: options.workerConcurrency ?? 8,
      ...(options.leaseSeconds && { leaseSeconds: options.leaseSeconds }),
    });
  }
  const servers: RunningServer[] = [];
  const built = buildServer(app, options.server ?? {});
  return {
    app,
    databaseUrl: database.url,
    dataDir,
    async listen() {
      const running = await built.listen(0, '127.0.0.1');
      servers.push(running);
      return running;
    },
    async graphql(viewer, query, variables) {
      const response = await built.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(viewer && { [VIEWER_HEADER]: viewer.id }) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<any>;
    },
    async newUser(name = 'Test person') {
      const user = await app.repositories.users.createBare(name);
      users.set(user.id, user);
      return user;
    },
    async close() {
      await Promise.all(servers.map((server) => server.stop()));
      await app.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
