import type { IncomingMessage } from 'node:http';
import type { PresentedCredential } from '@atelier/domain';
import { readSessionCookie } from '../auth/session-cookie';

/** What identifies a caller: HTTP headers, or graphql-ws connection params for WebSocket operations. */
export interface RequestCredentials {
  headers?: { get(name: string): string | null } | undefined;
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A Bearer API token (the `Authorization` header, or `connectionParams.authorization` over
 * graphql-ws), else the session cookie; null when the request presents neither.
 */
export function presentedCredential(credentials: RequestCredentials): PresentedCredential | null {
  const header = credentials.headers?.get('authorization') ?? credentials.connectionParams?.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  if (bearer) return { kind: 'token', secret: bearer };
  const cookie = readSessionCookie(credentials.headers?.get('cookie'));
  return cookie ? { kind: 'session', token: cookie } : null;
}

/**
 * A request's headers with its cookies left out: doors for programs (/mcp, /v1) take Bearer tokens
 * only, so a web page cannot act there as its visitor.
 */
export function bearerOnly(req: IncomingMessage): NonNullable<RequestCredentials['headers']> {
  return {
    get: (name) => {
      if (name.toLowerCase() === 'cookie') return null;
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}
