import type { Server } from 'node:http';
import type { WebSocketServer } from 'ws';

/**
 * Closes an HTTP server without cutting anyone off: no new connections; every WebSocket is told
 * 1001 (going away) by `closeSockets`, so clients reconnect elsewhere and resume from their last
 * seq; requests in flight finish, each connection closing after its answer. What is left after
 * `drainMs` is cut.
 */
export async function closeGracefully(
  server: Server,
  wss: WebSocketServer,
  closeSockets: () => Promise<void> | void,
  drainMs: number,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.prependListener('request', (_req, res) => res.setHeader('connection', 'close'));
  // Settles once every socket has answered the close (or the drain ends first).
  const socketsClosed = Promise.resolve()
    .then(closeSockets)
    .catch(() => undefined);
  // A keep-alive connection closes once idle: now, or once the answer in flight on it is sent.
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    Promise.all([closed, socketsClosed]).then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
  ]);
  clearTimeout(timer);
  clearInterval(idleSweep);
  if (!drained) {
    for (const socket of wss.clients) socket.terminate();
    server.closeAllConnections();
    await closed;
  }
}
