import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedMessage {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** How the receiver answers the `n`th request (from 1) to a path. */
export type Responder = (message: ReceivedMessage, n: number) => Answer;

export interface WebhookReceiver {
  /** http://127.0.0.1:port */
  origin: string;
  /** Every request, in arrival order. */
  received: ReceivedMessage[];
  /** Sets how one path answers (default: 204). */
  answer(path: string, responder: Responder): void;
  /** The requests to one path. */
  at(path: string): ReceivedMessage[];
  /** Waits until `count` requests reached `path`. */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

/** A real HTTP endpoint on loopback, as a person's webhook receiver would be. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedMessage[] = [];
  const responders = new Map<string, Responder>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const message = {
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
        receivedAt: Date.now(),
      };
      received.push(message);
      const n = received.filter((other) => other.path === path).length;
      const answer = responders.get(path)?.(message, n) ?? { status: 204 };
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const at = (path: string) => received.filter((message) => message.path === path);
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer: (path, responder) => void responders.set(path, responder),
    at,
    async waitFor(path, count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (at(path).length < count) {
        if (Date.now() > deadline) {
          throw new Error(`${path} received ${at(path).length} of ${count} requests within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return at(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Verifies a message as a receiver would, with the `standardwebhooks` reference implementation. */
export function verified(secret: string, message: ReceivedMessage): unknown {
  return new Webhook(secret).verify(message.body, {
    'webhook-id': String(message.headers['webhook-id']),
    'webhook-timestamp': String(message.headers['webhook-timestamp']),
    'webhook-signature': String(message.headers['webhook-signature']),
  });
}
