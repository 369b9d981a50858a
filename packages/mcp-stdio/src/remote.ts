import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { BridgeEnv } from './env';
import { log } from './log';

export const BRIDGE_INFO = { name: 'atelier-mcp-stdio', version: '1.0.0' } as const;

/** Why Atelier could not be asked: a sentence a person (and a model) can act on. */
export class RemoteUnavailable extends Error {
  override name = 'RemoteUnavailable';
}

/**
 * The Client side of the bridge: one SDK Client over Streamable HTTP, connected on first need and
 * again after a failed attempt, so a bridge started before Atelier works once Atelier is up.
 */
export class RemoteAtelier {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;

  constructor(private readonly env: BridgeEnv) {}

  get url(): URL {
    return this.env.url;
  }

  /** The connected client, or a `RemoteUnavailable` saying what to fix. */
  async get(): Promise<Client> {
    if (this.client) return this.client;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Connects if it can; logs the reason and answers undefined if not. */
  async tryConnect(): Promise<Client | undefined> {
    try {
      return await this.get();
    } catch (error) {
      log(explain(error, this.env.url));
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  private async connect(): Promise<Client> {
    if (this.env.problem) throw new RemoteUnavailable(this.env.problem);
    if (!this.env.token) {
      throw new RemoteUnavailable(
        'ATELIER_TOKEN is not set. Create an API token in Atelier (Settings → API tokens, scopes read and generate) and set ATELIER_TOKEN to it in this MCP server’s configuration.',
      );
    }
    const client = new Client(BRIDGE_INFO, { capabilities: {} });
    client.onerror = (error) => {
      if (!isAbort(error)) log(`connection to ${this.env.url.href}: ${error.message}`);
    };
    const transport = new StreamableHTTPClientTransport(this.env.url, {
      requestInit: { headers: { authorization: `Bearer ${this.env.token}` } },
      fetch: cancellableFetch(),
    });
    try {
      await client.connect(transport, { timeout: 10_000 });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new RemoteUnavailable(explain(error, this.env.url));
    }
    this.client = client;
    return client;
  }
}

/**
 * Besides sending `notifications/cancelled` (which Atelier routes to whichever process holds the
 * call), a cancelled request's own POST is aborted: a stateless remote that cannot match a later
 * notification to its call still hears the call's connection close.
 */
export function cancellableFetch(base: FetchLike = fetch): FetchLike {
  const inFlight = new Map<string | number, AbortController>();
  return async (url, init) => {
    const message = jsonRpc(init?.body);
    if (message?.method === 'notifications/cancelled') {
      const requestId = (message.params as { requestId?: string | number } | undefined)?.requestId;
      try {
        return await base(url, init);
      } finally {
        if (requestId !== undefined) {
          inFlight.get(requestId)?.abort(new Error('cancelled by the client'));
          inFlight.delete(requestId);
        }
      }
    }
    if (message?.id === undefined || message.method === undefined) return base(url, init);
    const id = message.id;
    const controller = new AbortController();
    inFlight.set(id, controller);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await base(url, { ...init, signal });
      if (!response.body) {
        inFlight.delete(id);
        return response;
      }
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({ flush: () => void inFlight.delete(id) }),
      );
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      inFlight.delete(id);
      throw error;
    }
  };
}

function jsonRpc(
  body: RequestInit['body'],
): { id?: string | number; method?: string; params?: unknown } | null {
  if (typeof body !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** One sentence on why Atelier could not answer, naming what to change. */
export function explain(error: unknown, url: URL): string {
  if (error instanceof RemoteUnavailable) return error.message;
  if (error instanceof StreamableHTTPError) {
    if (error.code === 401) {
      return `Atelier at ${url.origin} refused ATELIER_TOKEN (401): the token is unknown, revoked or mistyped. Create a new one in Atelier (Settings → API tokens) and set ATELIER_TOKEN.`;
    }
    if (error.code === 404) {
      return `Atelier at ${url.origin} has no MCP endpoint at ${url.pathname} (404): check ATELIER_URL, or update Atelier.`;
    }
    return `Atelier at ${url.origin} answered HTTP ${error.code}: ${error.message}`;
  }
  // fetch() fails with "fetch failed" and puts the network reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (error instanceof TypeError && cause) {
    return `Cannot reach Atelier at ${url.origin} (${cause.code ?? cause.message}). Is it running? Start it (pnpm start) or set ATELIER_URL to where it runs.`;
  }
  return `Atelier at ${url.origin} could not be asked: ${error instanceof Error ? error.message : String(error)}`;
}

function isAbort(error: Error): boolean {
  return error.name === 'AbortError' || /AbortError|aborted|cancelled by the client/.test(error.message);
}
