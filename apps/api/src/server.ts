import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DomainError } from '@atelier/domain';
import { isArgumentError, schema } from '@atelier/schema';
import type { SchemaContext } from '@atelier/schema/ports';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { DocumentNode, ExecutionArgs, execute, GraphQLSchema, subscribe } from 'graphql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { App } from './app';
import { createContext, type RequestCredentials } from './context';
import { armorLimits, useRefusalsWithoutHints } from './http/armor';
import { yogaLogger } from './http/error-logging';
import { createDownloadsHandler, DOWNLOADS_PREFIX } from './http/downloads';
import { createFilesHandler, FILES_PREFIX } from './http/files';
import { closeGracefully } from './http/graceful-close';
import {
  appReadiness,
  createHealthHandler,
  LIVENESS_PATH,
  READINESS_PATH,
  type Readiness,
} from './http/health-routes';
import { useNoNulCharacters } from './http/nul-characters.plugin';
import {
  loadPersistedDocuments,
  socketDocument,
  usePersistedDocuments,
} from './http/persisted-documents.plugin';
import { originAllowed } from './http/origin';
import { defaultMutationLimits, type MutationLimits, useMutationRateLimit } from './http/rate-limit.plugin';
import { withRefusalCode } from './http/refusal-code';
import { useRequestSizeLimits } from './http/request-size';
import {
  answerServiceUnavailable,
  isServiceUnavailable,
  onceDatabaseAnswers,
  serviceUnavailableGraphQLError,
  withoutHttpExtensions,
} from './http/service-unavailable';
import { useResponseCompression } from './http/response-compression.plugin';
import { useCompiledQueries } from './http/compiled-queries.plugin';
import { useServerTiming } from './http/server-timing.plugin';
import { clientInfo, httpSession, socketSession } from './http/session-control';
import { useSetCookies } from './http/set-cookie.plugin';
import { resubscribeLater, SubscriptionGroups } from './http/subscription-groups';
import { parseSocketOperation, SocketOperationRoot } from './http/socket-operation';
import { serveGraphQLOverSockets } from './http/socket-server';
import { createMcpEndpoint, MCP_PATH } from './mcp/mcp-endpoint';
import { createOpenAiDoor, OPENAI_PREFIX } from './openai/openai-door';
import type { Metrics } from './metrics/metrics';
import { createMetricsRoute, isMetricsPath } from './metrics/metrics-http';
import { useOperationMetrics } from './metrics/operation-metrics.plugin';
import { createOAuthDoor } from './oauth/oauth-door';

type EnvelopedRoot = SocketOperationRoot<{
  execute: (args: ExecutionArgs) => ReturnType<typeof execute>;
  subscribe: (args: ExecutionArgs) => ReturnType<typeof subscribe>;
}>;

export interface ServerOptions {
  /** The built SPA; served with an index.html fallback so bookmarked URLs work. */
  webDist?: string;
  /** Browser origins allowed besides the server's own (for WebSocket upgrades). */
  allowedOrigins?: readonly string[];
  /** Turns off auth entirely: for the auth-overhead benchmark's baseline only. */
  unauthenticatedViewer?: SchemaContext['viewer'];
  /** Mutation rate limits (defaults per person and per token); false for benchmarks that hammer the API on purpose. */
  rateLimits?: false | MutationLimits;
  /** Behind a reverse proxy: take the client address and https from X-Forwarded-For / -Proto. */
  trustProxy?: boolean;
  /** How long an MCP tool that starts a job waits for it before handing back its id. */
  mcpJobWaitMs?: number;
  /** How long an OpenAI-compatible image call waits for its job before answering 504 (10 min). */
  openAiJobWaitMs?: number;
  /** The origin people and assistants use (OAuth issuer); by default the URL the server listens at. */
  publicUrl?: string;
  /** OAuth access-token lifetime in seconds (1 hour). */
  oauthAccessTokenTtlSeconds?: number;
  /** Records this server's requests, operations and sockets (ATELIER_METRICS=1). */
  metrics?: Metrics;
  /** Serves `metrics` at /metrics on this port to `Authorization: Bearer <it>`; without it, /metrics is a 404. */
  metricsToken?: string;
  /** What /readyz checks; by default what the API needs (database, migrations, storage), not workers. */
  readiness?: Readiness;
}

export interface RunningServer {
  server: Server;
  url: string;
  /**
   * Stops accepting connections, closes WebSockets with 1001 (going away: clients reconnect
   * elsewhere and resume from their last seq), lets requests in flight finish for up to `drainMs`
   * (default 8 s), then closes whatever is left.
   */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/** Hashed build assets never change; the service worker is never cached (sirv's ETag outlives a rebuild of the same size). */
function webCacheControl(pathname: string): string {
  if (pathname.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return pathname === '/service-worker.js' ? 'no-store' : 'no-cache';
}

/** CSRF header the web app sends; browsers cannot add it to a cross-site form post. */
export const CSRF_HEADER = 'x-atelier-csrf';
// Enough for a page of the SPA's biggest operation, far below what could hurt a worker.
const MAX_WS_PAYLOAD = 64 * 1024;
/** How long a stopping server lets requests in flight finish (within the process's 10 s to exit). */
const DRAIN_MS = 8_000;

/** One http.Server: GraphQL over HTTP and WebSocket at /graphql, files at /files, the SPA elsewhere. */
export function buildServer(app: App, options: ServerOptions = {}) {
  const sources = {
    services: app.services,
    resolveViewer:
      options.unauthenticatedViewer !== undefined
        ? async () => options.unauthenticatedViewer!
        : app.resolveViewer,
  };
  const cookiesOf = new WeakMap<Request, string[]>();
  const persistedDocuments = loadPersistedDocuments();
  const yoga = createYoga<
    { req?: IncomingMessage; connectionParams?: Record<string, unknown> },
    SchemaContext
  >({
    schema,
    graphqlEndpoint: '/graphql',
    context: async ({ request, req, connectionParams }) => {
      if (!request) {
        return createContext(sources, { connectionParams }, socketSession(undefined, undefined, null));
      }
      const cookies: string[] = [];
      cookiesOf.set(request, cookies);
      const client = clientInfo(request, req?.socket.remoteAddress ?? null, options.trustProxy ?? false);
      return createContext(
        sources,
        { headers: request.headers, connectionParams },
        httpSession(request, client, cookies),
      );
    },
    landingPage: false,
    graphiql: {
      title: 'Atelier API',
      subscriptionsProtocol: 'WS',
      headers: JSON.stringify({ [CSRF_HEADER]: '1' }),
    },
    maskedErrors: { maskError: exposeDomainErrors },
    plugins: [
      withRefusalCode('CSRF_REFUSED', useCSRFPrevention({ requestHeaders: [CSRF_HEADER] })),
      useRequestSizeLimits(),
      useNoNulCharacters(),
      usePersistedDocuments(persistedDocuments),
      EnvelopArmorPlugin(armorLimits),
      useRefusalsWithoutHints(),
      ...(options.rateLimits === false
        ? []
        : [useMutationRateLimit(app.repositories.rateLimits, options.rateLimits)]),
      useSetCookies(cookiesOf),
      useServerTiming(),
      ...useCompiledQueries(),
      ...(options.metrics ? [useOperationMetrics(options.metrics)] : []),
      // Last, so the headers the others set are in the answer it rebuilds.
      useResponseCompression(),
    ],
    logging: yogaLogger(app.logger),
  });

  const fileViewer = (req: IncomingMessage) =>
    sources.resolveViewer({ headers: { get: (name) => headerValue(req.headers[name]) } });
  const files = createFilesHandler(app.services.images, app.services.sharing, app.downloads, fileViewer);
  const downloads = createDownloadsHandler(app.downloads, fileViewer);
  const web =
    options.webDist && existsSync(join(options.webDist, 'index.html'))
      ? sirv(options.webDist, {
          single: true,
          etag: true,
          // Look files up on every request (a stat), not from a list made at start: a rebuild or a
          // deploy while the server runs is served at once, and a file removed meanwhile is a 404,
          // not a read error sirv leaves unhandled (which took the process down).
          dev: true,
          // The build writes .br and .gz beside every text asset; sirv picks one by Accept-Encoding.
          brotli: true,
          gzip: true,
          setHeaders: (res, pathname) => {
            res.setHeader('cache-control', webCacheControl(pathname));
          },
        })
      : null;

  const health = createHealthHandler(options.readiness ?? appReadiness(app, { worker: false }));
  const oauth = createOAuthDoor({
    repository: app.repositories.oauth,
    rateLimits: app.repositories.rateLimits,
    logger: app.logger,
    sessionViewer: (req) =>
      sources.resolveViewer({ headers: { get: (name) => headerValue(req.headers[name]) } }),
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    accessTokenTtlSeconds: options.oauthAccessTokenTtlSeconds,
  });
  const mcpViewer =
    options.unauthenticatedViewer !== undefined
      ? sources.resolveViewer
      : (request: RequestCredentials) => app.resolveMcpViewer(request, oauth.resource());
  const mcp = createMcpEndpoint(app, mcpViewer, {
    allowedOrigins: options.allowedOrigins ?? [],
    trustProxy: options.trustProxy ?? false,
    ...(options.mcpJobWaitMs !== undefined && { jobWaitMs: options.mcpJobWaitMs }),
    ...(options.rateLimits !== undefined && { rateLimits: options.rateLimits }),
  });
  const openAi = createOpenAiDoor(app, (request) => sources.resolveViewer(request), {
    trustProxy: options.trustProxy ?? false,
    jobWaitMs: options.openAiJobWaitMs ?? 600_000,
    rateLimits: options.rateLimits ?? defaultMutationLimits,
  });
  const metricsRoute = createMetricsRoute(options.metrics ?? null, options.metricsToken ?? null, app.logger);
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/graphql')) {
      void yoga.handle(req, res, { req });
    } else if (path === MCP_PATH || path.startsWith(`${MCP_PATH}?`)) {
      mcp(req, res).catch((error: unknown) => {
        app.logger.error({ err: error }, 'MCP request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    } else if (path.startsWith(OPENAI_PREFIX)) {
      void openAi(req, res);
    } else if (oauth.matches(path)) {
      oauth.handle(req, res);
    } else if (path.startsWith(FILES_PREFIX)) {
      files(req, res).catch((error: unknown) => {
        if (isServiceUnavailable(error)) return answerServiceUnavailable(res, error);
        app.logger.error({ err: error }, 'file request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    } else if (path.startsWith(DOWNLOADS_PREFIX)) {
      downloads(req, res).catch((error: unknown) => {
        if (isServiceUnavailable(error)) return answerServiceUnavailable(res, error);
        app.logger.error({ err: error }, 'download request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    } else if (path === LIVENESS_PATH || path === READINESS_PATH) {
      void health(req, res);
    } else if (isMetricsPath(path)) {
      metricsRoute(req, res);
    } else if (web) {
      web(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('The web app is not built: run `pnpm build`.');
    }
  });

  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: MAX_WS_PAYLOAD,
    // Browsers send their page's origin; refuse pages of other sites (cross-site WebSocket hijacking).
    verifyClient: ({ origin, req }: { origin: string | undefined; req: IncomingMessage }) =>
      originAllowed(origin, req.headers.host, options.allowedOrigins ?? []),
  });
  options.metrics?.watchHttp(server);
  options.metrics?.watchSockets(wss);
  const subscriptionGroups = new SubscriptionGroups();
  const wsServer = serveGraphQLOverSockets(
    {
      // A socket must say hello (connection_init) within 3 s or it is closed (4408).
      connectionInitWaitTimeout: 3_000,
      // An error's HTTP status (503 with Retry-After, say) means nothing on a socket: its code does.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.some((error) => error.extensions?.http)
          ? { ...result, errors: result.errors.map((error) => withoutHttpExtensions(error).toJSON()) }
          : undefined,
      execute: (args) => (args.rootValue as EnvelopedRoot).take().execute(args),
      subscribe: (args) => {
        const root = args.rootValue as EnvelopedRoot;
        const { subscribe: run } = root.take();
        const viewer = (args.contextValue as SchemaContext).viewer;
        const subscribed = subscriptionGroups.subscribe(
          { ...args, viewer, tooFarBehind: root.tooFarBehind },
          () => run(args),
        );
        return options.metrics ? options.metrics.trackSubscription(subscribed) : subscribed;
      },
      onSubscribe: async (ctx, _id, params) => {
        // Run each WebSocket operation through yoga's envelope, so it gets the same plugins and context.
        const { upgrade } = ctx.extra;
        const envelope = yoga.getEnveloped({
          ...ctx,
          socket: ctx.extra.socket,
          connectionParams: ctx.connectionParams,
          params,
        });
        const source = socketDocument(params, persistedDocuments);
        if (source.errors) return source.errors;
        const parsed = parseSocketOperation(envelope.parse, source.query);
        if (parsed.errors) return parsed.errors;
        const document: DocumentNode = parsed.document;
        const errors = envelope.validate(envelope.schema, document) as readonly GraphQLError[];
        if (errors.length > 0) return errors;
        let contextValue: SchemaContext;
        try {
          // While the database is away, a subscriber waits for it (up to a bound) rather than failing.
          contextValue = await onceDatabaseAnswers(
            () =>
              createContext(
                sources,
                {
                  headers: { get: (name) => headerValue(upgrade.headers[name]) },
                  connectionParams: ctx.connectionParams,
                },
                socketSession(upgrade.headers.cookie, upgrade.headers['user-agent'], upgrade.remoteAddress),
              ),
            () => ctx.extra.socket.readyState === ctx.extra.socket.OPEN,
          );
        } catch (error) {
          // A refusal (say, SERVICE_UNAVAILABLE) ends this operation only, not the whole socket.
          if (error instanceof GraphQLError) return [withoutHttpExtensions(error)];
          throw error;
        }
        const rootValue: EnvelopedRoot = new SocketOperationRoot(
          { execute: envelope.execute, subscribe: envelope.subscribe },
          resubscribeLater(ctx.extra.socket),
        );
        return {
          schema: envelope.schema as GraphQLSchema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue,
          rootValue,
        } satisfies ExecutionArgs;
      },
    },
    wss,
    app.logger,
  );

  return {
    yoga,
    server,
    async listen(port: number, host: string): Promise<RunningServer> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, resolve);
      });
      const address = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      oauth.listening(url);
      return {
        server,
        url,
        stop: ({ drainMs = DRAIN_MS } = {}) =>
          closeGracefully(server, wss, () => wsServer.dispose(), drainMs),
      };
    },
  };
}

/**
 * Expected failures thrown where no result union catches them (a forged cursor or global id, a job
 * that is not yours in a subscription) reach the client with their code; anything else stays masked.
 */
function exposeDomainErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (isServiceUnavailable(original)) {
    return serviceUnavailableGraphQLError(original, error instanceof GraphQLError ? error : {});
  }
  if (original instanceof DomainError && error instanceof GraphQLError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: original.code },
    });
  }
  if (isArgumentError(original) && error instanceof GraphQLError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'INVALID_INPUT' },
    });
  }
  return maskError(error, message, isDev);
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
