import { allScopes, type PresentedCredential, type Role, type Scope, type Viewer } from '@atelier/domain';
import type { CredentialCache } from '../auth/credential-cache';
import { digest, looksLikeApiToken } from '../auth/secrets';
import type { ApiTokenRepository } from '../repositories/api-token.repository';
import type { OAuthRepository } from '../repositories/oauth.repository';
import type { SessionRepository } from '../repositories/session.repository';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleSeconds: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteSeconds: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleSeconds: 7 * 86_400, absoluteSeconds: 30 * 86_400 };
// Writing last_seen_at on every request would cost a write per read; a few minutes of slack is enough.
const TOUCH_AFTER_MS = 5 * 60_000;

export interface AuthDeps {
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  oauth: OAuthRepository;
  policy: SessionPolicy;
  credentials: CredentialCache;
}

export function scopesFor(role: Role, requested: readonly Scope[] = allScopes): Scope[] {
  return requested.filter((scope) => scope !== 'admin' || role === 'ADMIN');
}

/** Where a credential is presented: an OAuth access token counts only at its own audience. */
export interface Door {
  /** The resource this door is (e.g. `<origin>/mcp`); absent: OAuth access tokens are refused. */
  oauthAudience?: string | null;
}

const OAUTH_SCOPES: readonly Scope[] = ['read', 'generate'];

/**
 * The person a credential stands for: an API token's owner (with its scopes), a session's, or —
 * at the door it was issued for — an OAuth access token's (with the scopes the person granted).
 */
export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  async resolveViewer(credential: PresentedCredential | null, door: Door = {}): Promise<Viewer | null> {
    if (!credential) return null;
    if (credential.kind === 'session') return this.fromSession(credential.token);
    if (looksLikeApiToken(credential.secret)) return this.fromToken(credential.secret);
    return door.oauthAudience ? this.fromOAuthToken(credential.secret, door.oauthAudience) : null;
  }

  private async fromOAuthToken(secret: string, audience: string): Promise<Viewer | null> {
    // Opaque tokens from oidc-provider are 43 base64url characters; anything else is not one.
    if (!/^[A-Za-z0-9_-]{20,200}$/.test(secret)) return null;
    const key = digest(secret).toString('hex');
    const cached = this.deps.credentials.get(key);
    if (cached) return cached;
    const startedAt = this.deps.credentials.begin();
    const token = await this.deps.oauth.findAccessToken(secret);
    if (!token || token.disabled || token.audience !== audience) return null;
    if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return null;
    if (!token.grantLastUsedAt || Date.now() - token.grantLastUsedAt.getTime() > 60_000) {
      void this.deps.oauth.touchGrant(token.grantId).catch(() => undefined);
    }
    const granted = new Set(token.scope.split(' '));
    const viewer: Viewer = {
      id: token.userId,
      displayName: token.displayName,
      email: token.email,
      role: token.role,
      scopes: OAUTH_SCOPES.filter((scope) => granted.has(scope)),
      via: 'token',
      // Per-client rate limits: one bucket per connected app.
      tokenId: `oauth:${token.grantId}`,
    };
    this.deps.credentials.set(key, viewer, startedAt, token.expiresAt?.getTime());
    return viewer;
  }

  private async fromToken(secret: string): Promise<Viewer | null> {
    const key = digest(secret);
    const cached = this.deps.credentials.get(key.toString('hex'));
    if (cached) return cached;
    const startedAt = this.deps.credentials.begin();
    const token = await this.deps.apiTokens.findLive(key);
    if (!token || token.disabled) return null;
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
      void this.deps.apiTokens.touch(token.id).catch(() => undefined);
    }
    const viewer: Viewer = {
      id: token.userId,
      displayName: token.displayName,
      email: token.email,
      role: token.role,
      scopes: scopesFor(token.role, token.scopes),
      via: 'token',
      tokenId: token.id,
    };
    this.deps.credentials.set(key.toString('hex'), viewer, startedAt);
    return viewer;
  }

  private async fromSession(token: string): Promise<Viewer | null> {
    const hash = digest(token);
    const cached = this.deps.credentials.get(hash.toString('hex'));
    if (cached) return cached;
    const startedAt = this.deps.credentials.begin();
    const session = await this.deps.sessions.findLive(hash, this.deps.policy.idleSeconds);
    if (!session || session.disabled) return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
      void this.deps.sessions.touch(hash).catch(() => undefined);
    }
    const viewer: Viewer = {
      id: session.userId,
      displayName: session.displayName,
      email: session.email,
      role: session.role,
      scopes: scopesFor(session.role),
      via: 'session',
      tokenId: null,
    };
    const idleEnd = session.lastSeenAt.getTime() + this.deps.policy.idleSeconds * 1000;
    this.deps.credentials.set(
      hash.toString('hex'),
      viewer,
      startedAt,
      Math.min(session.expiresAt.getTime(), idleEnd),
    );
    return viewer;
  }
}
