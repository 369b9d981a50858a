import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  ResultSchema,
  type CallToolResult,
  type ServerCapabilities,
} from '@modelcontextprotocol/sdk/types.js';
import { log } from './log';
import type { RemoteAtelier } from './remote';
import { explain } from './remote';

/** A tool call may wait for its job (45 s on Atelier by default) and more while progress flows. */
const CALL_TIMEOUT_MS = 5 * 60_000;
const LIST_TIMEOUT_MS = 30_000;

const FORWARDED = [
  ListToolsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  ListPromptsRequestSchema,
  GetPromptRequestSchema,
] as const;

/**
 * The stdio side of the bridge: an SDK Server whose every request is sent on, as it came, to the
 * remote /mcp, and whose answers (any tool, resource or prompt the server gains, its `_meta`
 * included) come back unchanged. Only tools/call adds something: the caller's progress token is put
 * on the remote's progress, and the caller's cancellation ends the remote call.
 */
export function createBridgeServer(remote: RemoteAtelier, connected: Client | undefined): Server {
  const capabilities = bridgedCapabilities(connected?.getServerCapabilities());
  const info = connected?.getServerVersion();
  const instructions = connected?.getInstructions();
  const server = new Server(
    {
      name: info?.name ?? 'atelier',
      version: info?.version ?? '1.0.0',
      ...(info?.title && { title: info.title }),
    },
    { capabilities, ...(instructions && { instructions }) },
  );

  for (const schema of FORWARDED) {
    server.setRequestHandler(schema, async (request, extra) => {
      const client = await remoteOrProtocolError(remote);
      return client.request(request, ResultSchema, { signal: extra.signal, timeout: LIST_TIMEOUT_MS });
    });
  }
  if (capabilities.completions) {
    server.setRequestHandler(CompleteRequestSchema, async (request, extra) => {
      const client = await remoteOrProtocolError(remote);
      return client.request(request, ResultSchema, { signal: extra.signal, timeout: LIST_TIMEOUT_MS });
    });
  }

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const progressToken = request.params._meta?.progressToken;
    let client: Client;
    try {
      client = await remote.get();
    } catch (error) {
      return unavailable(explain(error, remote.url));
    }
    try {
      return await client.request(request, CallToolResultSchema, {
        signal: extra.signal,
        timeout: CALL_TIMEOUT_MS,
        resetTimeoutOnProgress: true,
        // The SDK puts its own token on the remote request; the caller hears its own.
        ...(progressToken !== undefined && {
          onprogress: (progress) =>
            void extra
              .sendNotification({ method: 'notifications/progress', params: { ...progress, progressToken } })
              .catch((error: unknown) => log(`progress not delivered: ${String(error)}`)),
        }),
      });
    } catch (error) {
      if (extra.signal.aborted) throw error;
      // The server's own refusals (unknown tool, bad arguments) stay protocol errors, as they were sent.
      if (error instanceof McpError && !LOCAL_ERROR_CODES.has(error.code)) throw error;
      const reason = explain(error, remote.url);
      log(`${request.params.name}: ${reason}`);
      return unavailable(reason);
    }
  });
  return server;
}

/** Errors the bridge itself raises (a timeout, a dropped connection), not the remote server. */
const LOCAL_ERROR_CODES = new Set<number>([ErrorCode.RequestTimeout, ErrorCode.ConnectionClosed]);

/** What the bridge answers for: the remote's features, less the notifications a stateless server never sends. */
function bridgedCapabilities(remote: ServerCapabilities | undefined): ServerCapabilities {
  if (!remote) return { tools: {}, resources: {}, prompts: {} };
  return {
    ...(remote.tools && { tools: {} }),
    ...(remote.resources && { resources: {} }),
    ...(remote.prompts && { prompts: {} }),
    ...(remote.completions && { completions: {} }),
  };
}

async function remoteOrProtocolError(remote: RemoteAtelier): Promise<Client> {
  try {
    return await remote.get();
  } catch (error) {
    const reason = explain(error, remote.url);
    log(reason);
    throw new McpError(ErrorCode.InternalError, reason);
  }
}

function unavailable(reason: string): CallToolResult {
  return { content: [{ type: 'text', text: reason }], isError: true };
}
