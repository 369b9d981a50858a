import { vi } from 'vitest';

interface Message {
  type: string;
  id?: string;
  payload?: unknown;
}

/** What a client asked to subscribe to, on one socket. */
export interface SubscribeMessage {
  id: string;
  payload: {
    query: string;
    operationName?: string;
    variables?: Record<string, unknown>;
    extensions?: Record<string, unknown>;
  };
}

/**
 * A WebSocket whose far end is a minimal graphql-transport-ws server: it accepts the connection,
 * remembers each subscription, and lets the test send results, refuse a subscription, or drop the
 * connection as a restarting server would.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** Every socket opened, oldest first. */
  static opened: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  protocol = 'graphql-transport-ws';
  readonly subscriptions: SubscribeMessage[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor() {
    FakeWebSocket.opened.push(this);
    setTimeout(() => {
      this.readyState = FakeWebSocket.OPEN;
      this.onopen?.({});
    });
  }

  send(data: string): void {
    const message = JSON.parse(data) as Message;
    if (message.type === 'connection_init') setTimeout(() => this.deliver({ type: 'connection_ack' }));
    if (message.type === 'subscribe') this.subscriptions.push(message as SubscribeMessage);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason }));
  }

  /** Sends one result to the latest subscription to `operationName`. */
  next(operationName: string, data: unknown): void {
    this.deliver({ type: 'next', id: this.idOf(operationName), payload: { data } });
  }

  /** Ends the latest subscription to `operationName` with GraphQL errors, as a failing event source does. */
  fail(operationName: string, errors: unknown[]): void {
    this.deliver({ type: 'error', id: this.idOf(operationName), payload: errors });
  }

  /** Refuses the latest subscription to `operationName` as it starts: a result with errors, then complete. */
  refuse(operationName: string, errors: unknown[]): void {
    const id = this.idOf(operationName);
    this.deliver({ type: 'next', id, payload: { errors } });
    this.deliver({ type: 'complete', id });
  }

  /** The server went away (a restart): the connection ends abnormally. */
  drop(): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code: 1006, reason: '' });
  }

  latest(operationName: string): SubscribeMessage | undefined {
    return this.subscriptions.filter((s) => s.payload.operationName === operationName).at(-1);
  }

  private idOf(operationName: string): string {
    const subscription = this.latest(operationName);
    if (!subscription) throw new Error(`no subscription to ${operationName} on this socket`);
    return subscription.id;
  }

  private deliver(message: Message): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

/** Puts FakeWebSocket in place of the browser's WebSocket; undo with `vi.unstubAllGlobals()`. */
export function useFakeWebSocket(): typeof FakeWebSocket {
  FakeWebSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  return FakeWebSocket;
}
