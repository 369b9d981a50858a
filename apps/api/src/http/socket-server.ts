import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type ServerOptions,
  type WebSocket as ProtocolSocket,
} from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger';

/** What an operation may read of its socket's upgrade request, kept without the request itself. */
export interface Upgrade {
  headers: IncomingHttpHeaders;
  remoteAddress: string | null;
}

/** graphql-ws's `ctx.extra` for a socket. */
export interface SocketExtra {
  socket: WebSocket;
  upgrade: Upgrade;
}

/** A socket is pinged this often, and closed when it has not answered by the next ping. */
const KEEP_ALIVE_MS = 12_000;
/** Sockets pinged before the event loop gets a turn. */
const PING_CHUNK = 500;

/**
 * graphql-ws over `ws`, as graphql-ws's `useServer` does it, holding less per socket, since tens of
 * thousands stay open: the upgrade request is let go once its headers are kept; one timer pings
 * every socket rather than one timer and a `pong` closure each; an operation that never ends (a
 * subscription) keeps no suspended async function here. An internal error closes its socket with
 * 4500 and is logged, not sent.
 */
export function serveGraphQLOverSockets(
  options: ServerOptions<Record<string, unknown> | undefined, SocketExtra>,
  wss: WebSocketServer,
  logger: Logger,
) {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  const unanswered = new WeakSet<WebSocket>();
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }
  function socketError(this: WebSocket, error: Error & { code?: string }) {
    // A frame ws refused (too large, malformed) is the client's doing; ws has closed the socket.
    if (error.code?.startsWith('WS_ERR_')) logger.warn({ err: error }, 'WebSocket frame refused');
    else fail(this, logger, error);
  }

  wss.on('error', (error) => {
    logger.error({ err: error }, 'WebSocket server failed');
    for (const socket of wss.clients) socket.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.on('error', socketError);
    socket.on('pong', answered);
    const upgrade = { headers: request.headers, remoteAddress: request.socket.remoteAddress ?? null };
    const closed = server.opened(new Port(socket, logger), { socket, upgrade });
    socket.on('close', (code: number, reason: Buffer) => {
      unanswered.delete(socket);
      closed(code, String(reason)).catch((error: unknown) =>
        logger.error({ err: error }, 'WebSocket close failed'),
      );
    });
  });

  const pingAll = async () => {
    let pinged = 0;
    for (const socket of [...wss.clients]) {
      if (socket.readyState !== socket.OPEN) continue;
      if (unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      unanswered.add(socket);
      socket.ping();
      if (++pinged % PING_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const heartbeat = setInterval(() => void pingAll(), KEEP_ALIVE_MS);
  heartbeat.unref();

  return {
    /** Tells every socket 1001 (going away) and stops the server. */
    async dispose(): Promise<void> {
      clearInterval(heartbeat);
      for (const socket of wss.clients) socket.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** One socket as graphql-ws sees it: its methods on the prototype, not closures per socket. */
class Port implements ProtocolSocket {
  constructor(
    private readonly socket: WebSocket,
    private readonly logger: Logger,
  ) {}

  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string): Promise<void> {
    const { socket } = this;
    return new Promise((resolve, reject) => {
      if (socket.readyState !== socket.OPEN) return resolve();
      socket.send(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  onMessage(handle: (data: string) => Promise<void>): void {
    const { socket, logger } = this;
    // Text frames, and binary ones as useServer read them: ws hands both over as one Buffer.
    socket.on('message', (data: Buffer) => {
      handle(data.toString()).catch((error: unknown) => fail(socket, logger, error));
    });
  }
}

function fail(socket: WebSocket, logger: Logger, error: unknown): void {
  logger.error({ err: error }, 'WebSocket operation failed');
  socket.close(CloseCode.InternalServerError, 'Internal server error');
}
