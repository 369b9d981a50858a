import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '@atelier/domain';
import { answerServiceUnavailable, isServiceUnavailable } from '../http/service-unavailable';
import type { Logger } from '../logger';
import { PROTECTED_RESOURCE_METADATA_PATH as PROTECTED_RESOURCE_PATH } from '../mcp/mcp-endpoint';
import type { OAuthRepository } from '../repositories/oauth.repository';
import type { Bucket, RateLimitRepository } from '../repositories/rate-limit.repository';
import { handleConsent } from './consent';
import { CONSENT_PATH, createOAuthServer, OAUTH_PREFIX, OAUTH_SCOPES, type OAuthServer } from './provider';

// Open registration makes a database row per call: a burst per client address, then one per 10 s.
const REGISTRATIONS: Bucket = { capacity: 30, refillPerSecond: 0.1 };
const METADATA_PATHS = new Set([
  // RFC 8414 for an issuer without a path, the same with the resource's path (some clients
  // probe that first), and OpenID Connect Discovery: all one document.
  '/.well-known/oauth-authorization-server',
  '/.well-known/oauth-authorization-server/mcp',
  '/.well-known/openid-configuration',
]);
const CONSENT_API = new RegExp(`^${CONSENT_PATH}/([A-Za-z0-9_-]{1,64})/(details|decision)$`);

export interface OAuthDoorOptions {
  repository: OAuthRepository;
  rateLimits: RateLimitRepository;
  logger: Logger;
  /** Who the browser's Atelier session belongs to (cookie), or null. */
  sessionViewer: (req: IncomingMessage) => Promise<Viewer | null>;
  /** The public origin (ATELIER_PUBLIC_URL); without it, the URL the server listens at. */
  publicUrl?: string | undefined;
  trustProxy: boolean;
  accessTokenTtlSeconds?: number | undefined;
}

/**
 * OAuth for remote MCP clients, as one door of the http.Server: the protected-resource metadata
 * (RFC 9728), the authorization-server metadata (RFC 8414), oidc-provider under `/oauth`, and the
 * consent page's JSON. The consent page itself (`/oauth/consent/:uid`) is the SPA's.
 */
export function createOAuthDoor(options: OAuthDoorOptions) {
  let issuer = options.publicUrl?.replace(/\/+$/, '') ?? null;
  let server: Promise<OAuthServer> | null = null;
  const ready = (): Promise<OAuthServer> => {
    if (!issuer) throw new Error('OAuth needs the public URL before its first request');
    server ??= createOAuthServer({
      issuer,
      repository: options.repository,
      trustProxy: options.trustProxy,
      ...(options.accessTokenTtlSeconds && { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
    }).catch((error: unknown) => {
      server = null;
      throw error;
    });
    return server;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const oauth = await ready();
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path === PROTECTED_RESOURCE_PATH || path === `${PROTECTED_RESOURCE_PATH}/mcp`) {
      if (req.method === 'OPTIONS') {
        // A browser-based client's preflight (it sends MCP-Protocol-Version).
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'cache-control': 'public, max-age=300',
      });
      res.end(
        JSON.stringify({
          resource: oauth.resource,
          authorization_servers: [oauth.issuer],
          scopes_supported: OAUTH_SCOPES,
          bearer_methods_supported: ['header'],
          resource_name: 'Atelier',
        }),
      );
      return;
    }
    const consent = CONSENT_API.exec(path);
    if (consent) {
      await handleConsent(
        oauth,
        { repository: options.repository, sessionViewer: options.sessionViewer },
        consent[1]!,
        consent[2]!,
        req,
        res,
      );
      return;
    }
    // oidc-provider sees itself mounted at /oauth, as under connect's app.use('/oauth', …).
    const inner = METADATA_PATHS.has(path)
      ? `/.well-known/openid-configuration${url.search}`
      : (req.url ?? '/').slice(OAUTH_PREFIX.length) || '/';
    if (req.method === 'POST' && inner.split('?')[0] === '/reg') {
      const { allowed, retryAfterMs } = await options.rateLimits.take(
        `oauth:register:${addressOf(req, options.trustProxy)}`,
        REGISTRATIONS,
      );
      if (!allowed) {
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(Math.ceil(retryAfterMs / 1000)),
        });
        res.end(JSON.stringify({ error: 'too_many_requests', error_description: 'Register again later.' }));
        return;
      }
    }
    req.originalUrl = `${OAUTH_PREFIX}${inner}`;
    req.url = inner;
    if (inner.startsWith('/auth')) dropProviderSession(req);
    await oauth.handler(req, res);
  }

  return {
    /** Whether this door answers the path (the consent page itself is left to the SPA). */
    matches(path: string): boolean {
      const pathname = path.split('?')[0]!;
      if (pathname === PROTECTED_RESOURCE_PATH || pathname === `${PROTECTED_RESOURCE_PATH}/mcp`) return true;
      if (METADATA_PATHS.has(pathname)) return true;
      if (pathname.startsWith(`${CONSENT_PATH}/`)) return CONSENT_API.test(pathname);
      return pathname === OAUTH_PREFIX || pathname.startsWith(`${OAUTH_PREFIX}/`);
    },
    handle(req: IncomingMessage, res: ServerResponse): void {
      handle(req, res).catch((error: unknown) => {
        if (isServiceUnavailable(error)) return answerServiceUnavailable(res, error);
        options.logger.error({ err: error }, 'OAuth request failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    },
    /** Called once the server listens: without ATELIER_PUBLIC_URL, that URL is the issuer. */
    listening(url: string): void {
      issuer ??= url.replace(/\/+$/, '');
    },
    /** The /mcp resource indicator: the audience an OAuth access token must have there. */
    resource(): string | null {
      return issuer ? `${issuer}/mcp` : null;
    },
  };
}

function addressOf(req: IncomingMessage, trustProxy: boolean): string {
  // Behind a trusted proxy, the last X-Forwarded-For entry is the peer it saw (see session-control).
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  return last || req.socket.remoteAddress || 'unknown';
}

/**
 * Each authorization starts from no oidc-provider session: the person is whoever is signed in to
 * Atelier when the consent page is approved, not whoever approved some earlier request in this
 * browser (which would make oidc-provider ask to log that one out first).
 */
function dropProviderSession(req: IncomingMessage): void {
  const cookie = req.headers.cookie;
  if (!cookie) return;
  const kept = cookie
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('_session'));
  if (kept.length) req.headers.cookie = kept.join('; ');
  else delete req.headers.cookie;
}

declare module 'node:http' {
  interface IncomingMessage {
    originalUrl?: string;
  }
}
