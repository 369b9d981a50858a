import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { schema } from '@atelier/schema';
import type { SchemaContext } from '@atelier/schema/context';
import { useServer } from 'graphql-ws/use/ws';
import { DomainError } from '@atelier/schema/errors';
import type { DocumentNode, ExecutionArgs, execute, GraphQLSchema, subscribe } from 'graphql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { App } from './app';
import { createContext } from './context';
import { createFilesHandler, FILES_PREFIX } from './http/files';
import { useServerTiming } from './http/server-timing.plugin';

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => ReturnType<typeof execute>;
  subscribe: (args: ExecutionArgs) => ReturnType<typeof subscribe>;
}

export interface ServerOptions {
  /** The built SPA; served with an index.html fallback so bookmarked URLs work. */
  webDist?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** One http.Server: GraphQL over HTTP and WebSocket at /graphql, files at /files, the SPA elsewhere. */
export function buildServer(app: App, options: ServerOptions = {}) {
  const sources = { services: app.schemaServices, resolveViewer: app.resolveViewer };
  const yoga = createYoga<{ connectionParams?: Record<string, unknown> }, SchemaContext>({
    schema,
    graphqlEndpoint: '/graphql',
    // Over WebSocket there is no request; the caller is known by its connection params instead.
    context: ({ request, connectionParams }) =>
      createContext(sources, { headers: request?.headers, connectionParams }),
    landingPage: false,
    maskedErrors: { maskError: exposeDomainErrors },
    plugins: [useServerTiming()],
    graphiql: { title: 'Atelier API', subscriptionsProtocol: 'WS' },
    logging: {
      debug: (...args) => app.logger.debug(args.map(String).join(' ')),
      info: (...args) => app.logger.info(args.map(String).join(' ')),
      warn: (...args) => app.logger.warn(args.map(String).join(' ')),
      error: (...args) => app.logger.error(args.map(String).join(' ')),
    },
  });

  const files = createFilesHandler(app.services.images, (req) =>
    app.resolveViewer({ headers: { get: (name) => headerValue(req.headers[name]) } }),
  );
  const web =
    options.webDist && existsSync(join(options.webDist, 'index.html'))
      ? sirv(options.webDist, {
          single: true,
          etag: true,
          gzip: true,
          setHeaders: (res, pathname) => {
            res.setHeader(
              'cache-control',
              pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
            );
          },
        })
      : null;

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/graphql')) {
      void yoga.handle(req, res);
    } else if (path.startsWith(FILES_PREFIX)) {
      files(req, res).catch((error: unknown) => {
        app.logger.error({ err: error }, 'file request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    } else if (web) {
      web(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('The web app is not built: run `pnpm build`.');
    }
  });

  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const wsServer = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        // Run each WebSocket operation through yoga's envelope, so it gets the same plugins and context.
        const envelope = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          connectionParams: ctx.connectionParams,
          params,
        });
        const document = envelope.parse(params.query) as DocumentNode;
        const errors = envelope.validate(envelope.schema, document) as readonly GraphQLError[];
        if (errors.length > 0) return errors;
        const rootValue: EnvelopedRoot = { execute: envelope.execute, subscribe: envelope.subscribe };
        return {
          schema: envelope.schema as GraphQLSchema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: (await envelope.contextFactory()) as SchemaContext,
          rootValue,
        } satisfies ExecutionArgs;
      },
    },
    wss,
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
      return {
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        stop: async () => {
          await wsServer.dispose();
          wss.close();
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * Expected failures thrown where no result union catches them (a forged cursor, a job that is not
 * yours in a subscription) reach the client with their code; anything else stays masked.
 */
function exposeDomainErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError && error instanceof GraphQLError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: original.code },
    });
  }
  return maskError(error, message, isDev);
}
