import type { Adapter, AdapterFactory } from 'oidc-provider';
import type { OAuthRepository } from '../repositories/oauth.repository';

/**
 * oidc-provider's storage interface over PostgreSQL, so any API process can continue a flow or
 * check a token another one issued. Each authorization start also sweeps a few expired rows.
 */
export function postgresAdapter(repository: OAuthRepository): AdapterFactory {
  return (kind: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      await repository.upsert(kind, id, payload, expiresIn);
      if (kind === 'Interaction') void repository.sweepExpired().catch(() => undefined);
    },
    find: (id) => repository.find(kind, id),
    findByUid: (uid) => repository.findByUid(kind, uid),
    // The device flow is off: no user codes are ever issued.
    findByUserCode: async () => undefined,
    consume: (id) => repository.consume(kind, id),
    destroy: (id) => repository.destroy(kind, id),
    revokeByGrantId: (grantId) => repository.revokeByGrantId(kind, grantId),
  });
}
