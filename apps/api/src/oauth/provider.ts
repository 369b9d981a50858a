import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { OAuthKeys, OAuthRepository } from '../repositories/oauth.repository';
import { postgresAdapter } from './adapter';

/** Where the OAuth endpoints live: `/oauth/auth`, `/oauth/token`, `/oauth/reg`, … */
export const OAUTH_PREFIX = '/oauth';
/** The SPA page where a person approves or denies a client: `/oauth/consent/:uid`. */
export const CONSENT_PATH = `${OAUTH_PREFIX}/consent`;
/** What an assistant may ask for, as on API tokens (admin is never offered to a remote client). */
export const OAUTH_SCOPES = ['read', 'generate'] as const;

export interface OAuthOptions {
  /** The issuer: the origin people and assistants reach this server at. */
  issuer: string;
  repository: OAuthRepository;
  trustProxy: boolean;
  /** Access-token lifetime (1 hour). */
  accessTokenTtlSeconds?: number;
}

export interface OAuthServer {
  provider: Provider;
  /** oidc-provider's Node handler (built once). */
  handler: ReturnType<Provider['callback']>;
  issuer: string;
  /** The resource indicator (and access-token audience) of the MCP endpoint: `<issuer>/mcp`. */
  resource: string;
}

/** One signing key pair and two cookie keys, generated with Node's crypto the first time. */
function newKeys(): OAuthKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return {
    jwks: { keys: [{ ...jwk, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' }] },
    cookieKeys: [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')],
  };
}

/**
 * The authorization server for remote MCP clients (oidc-provider): authorization code with PKCE
 * (S256 only), open dynamic client registration, one resource — `/mcp` — whose opaque access
 * tokens live in PostgreSQL, rotating refresh tokens. Who the person is and what they approve is
 * decided on Atelier's consent page (see consent.ts), never by oidc-provider's own session.
 */
export async function createOAuthServer(options: OAuthOptions): Promise<OAuthServer> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const resource = `${issuer}/mcp`;
  const keys = await options.repository.keys(newKeys);
  const accessTokenTTL = options.accessTokenTtlSeconds ?? 3600;

  const configuration: Configuration = {
    adapter: postgresAdapter(options.repository),
    jwks: keys.jwks,
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    scopes: ['openid', 'offline_access', ...OAUTH_SCOPES],
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: OAUTH_SCOPES.join(' '),
            audience: resource,
            accessTokenFormat: 'opaque',
            accessTokenTTL,
          };
        },
      },
    },
    // Tokens belong to the grant (the connected app), not to a browser session.
    expiresWithSession: () => false,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Browser-based MCP clients exchange codes from their own origin; PKCE protects the exchange.
    clientBasedCORS: () => true,
    ttl: {
      AccessToken: accessTokenTTL,
      AuthorizationCode: 60,
      Interaction: 15 * 60,
      Session: 15 * 60,
      Grant: 365 * 86_400,
      RefreshToken: 30 * 86_400,
    },
    interactions: { url: (_ctx, interaction) => `${CONSENT_PATH}/${interaction.uid}` },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = options.trustProxy;
  return { provider, handler: provider.callback(), issuer, resource };
}

function errorPage(out: { error: string; error_description?: string | undefined }): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const description = out.error_description ?? out.error;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Atelier: sign-in failed</title></head>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>The assistant’s sign-in did not work</h1><p>${escape(description)}</p>
<p>Go back to the assistant and connect Atelier again.</p></body></html>`;
}
