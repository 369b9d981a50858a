/**
 * A child process holding WebSocket connections, one subscription each, speaking the
 * graphql-transport-ws protocol directly (the fewest cycles per message, so the clients take as
 * little as possible of the cores the server runs on). Records when each `next` arrives.
 */
import WebSocket from 'ws';
import { now, serve } from './ipc';

const OPEN_AT_ONCE = 100;
const NEXT_PREFIX = '{"id":"1","type":"next"';

interface OpenRequest {
  url: string;
  query: string;
  /** connectionParams, one per connection; the index in this list names the connection. */
  params: Record<string, unknown>[];
  /** Where this process's connection indexes start in the whole run. */
  firstIndex: number;
}

const sockets: WebSocket[] = [];
/** [connection index, arrival time] of every `next` since the last `take`. */
let arrivals: [number, number][] = [];
let failures: string[] = [];

function open(url: string, query: string, params: Record<string, unknown>, index: number) {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    sockets.push(socket);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
    socket.on('message', (data: Buffer) => {
      const at = now();
      const text = data.toString();
      if (text.startsWith(NEXT_PREFIX)) {
        if (text.includes('"errors"')) failures.push(text.slice(0, 300));
        else arrivals.push([index, at]);
      } else if (text.includes('"connection_ack"')) {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        resolve();
      } else if (!text.includes('"ping"') && !text.includes('"pong"')) {
        failures.push(text.slice(0, 300));
      }
    });
    socket.on('error', (error) => {
      failures.push(String(error));
      reject(error);
    });
    socket.on('close', (code) => {
      if (code !== 1000 && code !== 1005) failures.push(`connection ${index} closed with ${code}`);
    });
  });
}

serve({
  async open({ url, query, params, firstIndex }: OpenRequest) {
    for (let opened = 0; opened < params.length; opened += OPEN_AT_ONCE) {
      const batch = params.slice(opened, opened + OPEN_AT_ONCE);
      await Promise.all(batch.map((p, i) => open(url, query, p, firstIndex + opened + i)));
    }
    return sockets.length;
  },
  count: () => arrivals.length,
  take() {
    const taken = { arrivals, failures };
    arrivals = [];
    failures = [];
    return taken;
  },
  async close() {
    const closed = sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.close(1000);
        }),
    );
    await Promise.all(closed);
    sockets.length = 0;
    arrivals = [];
    failures = [];
  },
});
