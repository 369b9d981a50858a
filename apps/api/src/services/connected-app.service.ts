import { NotFoundError, type Scope, type Viewer } from '@atelier/domain';
import type { ConnectedAppRecord } from '@atelier/schema/ports';
import type { CredentialCache } from '../auth/credential-cache';
import type { OAuthGrantRow, OAuthRepository } from '../repositories/oauth.repository';

const OFFERED: readonly Scope[] = ['read', 'generate'];

function toRecord(row: OAuthGrantRow): ConnectedAppRecord {
  const granted = new Set(Object.values(row.resources).flatMap((scope) => scope.split(' ')));
  return {
    id: row.grantId,
    clientId: row.clientId,
    name: row.clientName,
    redirectHost: hostOf(row.redirectUris[0]),
    scopes: OFFERED.filter((scope) => granted.has(scope)),
    connectedAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}

function hostOf(uri: string | undefined): string | null {
  try {
    return uri ? new URL(uri).host : null;
  } catch {
    return null;
  }
}

/** Assistants a person let in through OAuth: what each may do, and revoking one at once. */
export class ConnectedAppService {
  constructor(private readonly deps: { oauth: OAuthRepository; credentials: CredentialCache }) {}

  async list(viewer: Viewer): Promise<ConnectedAppRecord[]> {
    return (await this.deps.oauth.grantsOf(viewer.id)).map(toRecord);
  }

  /** Deletes the grant and every token issued under it; the next request with one is refused. */
  async revoke(viewer: Viewer, id: string): Promise<ConnectedAppRecord> {
    const app = (await this.list(viewer)).find((candidate) => candidate.id === id);
    if (!app || !(await this.deps.oauth.revokeGrant(viewer.id, id))) {
      throw new NotFoundError('Connected app');
    }
    // Other processes hear it from the database trigger; this one forgets at once.
    this.deps.credentials.forget(viewer.id);
    return app;
  }
}
