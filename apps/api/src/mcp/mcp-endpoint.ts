import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '@atelier/domain';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { App } from '../app';
import { bearerOnly, type RequestCredentials } from '../http/credentials';
import { originAllowed, requestOrigin } from '../http/origin';
import { defaultMutationLimits, type MutationLimits } from '../http/rate-limit.plugin';
import { answerServiceUnavailable, isServiceUnavailable } from '../http/service-unavailable';
import { createMcpServer } from './mcp-server';

export const MCP_PATH = '/mcp';
export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

export interface McpEndpointOptions {
  allowedOrigins: readonly string[];
  trustProxy: boolean;
  /** How long generate-like tools wait for their job before handing back its id (45 s). */
  jobWaitMs?: number;
  /** Limits on changes, shared with GraphQL mutations; false for benchmarks. */
  rateLimits?: false | MutationLimits;
}

/**
 * `/mcp`: the Model Context Protocol over Streamable HTTP, stateless (no session id, no sticky
 * routing), authenticated by a Bearer token: API tokens and OAuth access tokens alike. Browser
 * cookies are never read here, so a web page cannot act as its visitor.
 */
export function createMcpEndpoint(
  app: App,
  resolveViewer: (credentials: RequestCredentials) => Promise<Viewer | null>,
  options: McpEndpointOptions,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // DNS-rebinding and cross-site pages: the spec requires 403 for a foreign Origin.
    if (!originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)) {
      return answer(res, 403, 'Forbidden: this Origin may not use the MCP endpoint.');
    }
    if (req.method !== 'POST') {
      // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let viewer: Viewer | null;
    try {
      viewer = await resolveViewer({ headers: bearerOnly(req) });
    } catch (error) {
      if (isServiceUnavailable(error)) return answerServiceUnavailable(res, error);
      throw error;
    }
    const baseUrl = requestOrigin(req, options.trustProxy);
    if (!viewer) {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer resource_metadata="${baseUrl}${PROTECTED_RESOURCE_METADATA_PATH}"`,
      });
      res.end(
        JSON.stringify({
          error: 'invalid_token',
          error_description: 'Send Authorization: Bearer <an Atelier API token or OAuth access token>.',
        }),
      );
      return;
    }
    const server = createMcpServer({
      viewer: { ...viewer, door: 'mcp' },
      app,
      baseUrl,
      jobWaitMs: options.jobWaitMs ?? 45_000,
      rateLimits: options.rateLimits ?? defaultMutationLimits,
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}
