import type { Role } from '@atelier/domain';
import { sql } from 'kysely';
import { digest } from '../auth/secrets';
import type { Database } from '../db/database';
import { isUuid } from './keyset';

/** What oidc-provider stores of one model instance (a client, grant, code, token, interaction…). */
export type OAuthPayload = Record<string, unknown> & {
  jti?: string;
  accountId?: string;
  clientId?: string;
  grantId?: string;
  uid?: string;
};

// Bearer values: whoever holds one may use it, so only its digest is stored (as for API tokens).
const SECRET_KINDS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'RegistrationAccessToken',
  'ClientCredentials',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

// As text: the database's camelCase plugin would rename the keys inside a JSON value.
const payloadText = (column: 'payload' | 'g.payload' | 'c.payload' | 't.payload' | 'value') =>
  sql<string | null>`${sql.ref(column)}::text`;

function parse<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function keyOf(kind: string, id: string): string {
  return SECRET_KINDS.has(kind) ? digest(id).toString('hex') : id;
}

/** A person's grant to an OAuth client (a "connected app"), with what the client says it is. */
export interface OAuthGrantRow {
  grantId: string;
  clientId: string;
  clientName: string | null;
  redirectUris: string[];
  /** Scopes granted per resource indicator. */
  resources: Record<string, string>;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** An access token with its grant and its person, as the /mcp door checks it. */
export interface OAuthAccessTokenRow {
  grantId: string;
  audience: string | null;
  scope: string;
  expiresAt: Date | null;
  grantLastUsedAt: Date | null;
  userId: string;
  displayName: string;
  email: string | null;
  role: Role;
  disabled: boolean;
}

export interface OAuthKeys {
  jwks: { keys: Record<string, unknown>[] };
  cookieKeys: string[];
}

/** oidc-provider's storage (see oauth/adapter.ts), the connected-apps view of it, and its keys. */
export class OAuthRepository {
  constructor(private readonly db: Database) {}

  async upsert(kind: string, id: string, payload: OAuthPayload, expiresInSeconds?: number): Promise<void> {
    const stored = SECRET_KINDS.has(kind) ? { ...payload, jti: undefined } : payload;
    const expiresAt = expiresInSeconds ? new Date(Date.now() + expiresInSeconds * 1000) : null;
    const row = {
      kind,
      id: keyOf(kind, id),
      payload: JSON.stringify(stored),
      grantId: payload.grantId ?? null,
      userId: typeof payload.accountId === 'string' && isUuid(payload.accountId) ? payload.accountId : null,
      clientId: payload.clientId ?? null,
      uid: payload.uid ?? null,
      expiresAt,
    };
    await this.db
      .insertInto('oauthRecord')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet({
          payload: row.payload,
          grantId: row.grantId,
          userId: row.userId,
          clientId: row.clientId,
          uid: row.uid,
          expiresAt,
        }),
      )
      .execute();
  }

  async find(kind: string, id: string): Promise<OAuthPayload | undefined> {
    const row = await this.db
      .selectFrom('oauthRecord')
      .select([payloadText('payload').as('payload'), 'consumedAt'])
      .where('kind', '=', kind)
      .where('id', '=', keyOf(kind, id))
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      ...parse<OAuthPayload>(row.payload),
      ...(SECRET_KINDS.has(kind) && { jti: id }),
      ...(row.consumedAt && { consumed: Math.floor(row.consumedAt.getTime() / 1000) }),
    };
  }

  async findByUid(kind: string, uid: string): Promise<OAuthPayload | undefined> {
    const row = await this.db
      .selectFrom('oauthRecord')
      .select(payloadText('payload').as('payload'))
      .where('kind', '=', kind)
      .where('uid', '=', uid)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    return row ? (parse<OAuthPayload>(row.payload) ?? undefined) : undefined;
  }

  async consume(kind: string, id: string): Promise<void> {
    await this.db
      .updateTable('oauthRecord')
      .set({ consumedAt: sql`coalesce(consumed_at, now())` })
      .where('kind', '=', kind)
      .where('id', '=', keyOf(kind, id))
      .execute();
  }

  async destroy(kind: string, id: string): Promise<void> {
    await this.db
      .deleteFrom('oauthRecord')
      .where('kind', '=', kind)
      .where('id', '=', keyOf(kind, id))
      .execute();
  }

  async revokeByGrantId(kind: string, grantId: string): Promise<void> {
    await this.db.deleteFrom('oauthRecord').where('kind', '=', kind).where('grantId', '=', grantId).execute();
  }

  /** Drops what expired a while ago (a few hundred rows at a time, so no call is ever long). */
  async sweepExpired(): Promise<void> {
    await sql`
      delete from oauth_record where ctid in (
        select ctid from oauth_record where expires_at < now() - interval '1 hour' limit 500
      )
    `.execute(this.db);
  }

  /** The person's live grants, newest first, with their clients' self-declared names. */
  async grantsOf(userId: string): Promise<OAuthGrantRow[]> {
    const rows = await this.db
      .selectFrom('oauthRecord as g')
      .leftJoin('oauthRecord as c', (join) =>
        join.onRef('c.id', '=', 'g.clientId').on('c.kind', '=', 'Client'),
      )
      .select([
        'g.id',
        'g.clientId',
        payloadText('g.payload').as('payload'),
        'g.createdAt',
        'g.lastUsedAt',
        payloadText('c.payload').as('client'),
      ])
      .where('g.kind', '=', 'Grant')
      .where('g.userId', '=', userId)
      .where((eb) => eb.or([eb('g.expiresAt', 'is', null), eb('g.expiresAt', '>', sql<Date>`now()`)]))
      .orderBy('g.createdAt', 'desc')
      .execute();
    return rows.map((row) => {
      const grant = parse<{ resources?: Record<string, string> }>(row.payload) ?? {};
      const client = parse<{ client_name?: string; redirect_uris?: string[] }>(row.client) ?? {};
      return {
        grantId: row.id,
        clientId: row.clientId ?? '',
        clientName: client.client_name ?? null,
        redirectUris: client.redirect_uris ?? [],
        resources: grant.resources ?? {},
        createdAt: row.createdAt,
        lastUsedAt: row.lastUsedAt,
      };
    });
  }

  /** The person's live grant to this client, to extend rather than add another. */
  async grantIdFor(userId: string, clientId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('oauthRecord')
      .select('id')
      .where('kind', '=', 'Grant')
      .where('userId', '=', userId)
      .where('clientId', '=', clientId)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', sql<Date>`now()`)]))
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Deletes the person's grant and everything issued under it; false when it is not theirs. */
  async revokeGrant(userId: string, grantId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('oauthRecord')
        .where('kind', '=', 'Grant')
        .where('id', '=', grantId)
        .where('userId', '=', userId)
        .returning('id')
        .executeTakeFirst();
      if (!deleted) return false;
      await trx.deleteFrom('oauthRecord').where('grantId', '=', grantId).execute();
      return true;
    });
  }

  /** An access token (by its value) with its grant and person, or null when any of them is gone. */
  async findAccessToken(token: string): Promise<OAuthAccessTokenRow | null> {
    const row = await this.db
      .selectFrom('oauthRecord as t')
      .innerJoin('oauthRecord as g', (join) =>
        join.onRef('g.id', '=', 't.grantId').on('g.kind', '=', 'Grant'),
      )
      .innerJoin('appUser as u', 'u.id', 't.userId')
      .select([
        payloadText('t.payload').as('payload'),
        't.expiresAt',
        't.grantId',
        'g.expiresAt as grantExpiresAt',
        'g.lastUsedAt as grantLastUsedAt',
        'u.id as userId',
        'u.displayName',
        'u.email',
        'u.role',
        'u.disabledAt',
      ])
      .where('t.kind', '=', 'AccessToken')
      .where('t.id', '=', keyOf('AccessToken', token))
      .executeTakeFirst();
    if (!row?.grantId) return null;
    const payload = parse<{ aud?: string; scope?: string }>(row.payload) ?? {};
    const expiries = [row.expiresAt, row.grantExpiresAt].filter((date): date is Date => date !== null);
    return {
      grantId: row.grantId,
      audience: typeof payload.aud === 'string' ? payload.aud : null,
      scope: typeof payload.scope === 'string' ? payload.scope : '',
      expiresAt: expiries.length ? new Date(Math.min(...expiries.map((date) => date.getTime()))) : null,
      grantLastUsedAt: row.grantLastUsedAt,
      userId: row.userId,
      displayName: row.displayName,
      email: row.email,
      role: row.role as Role,
      disabled: row.disabledAt !== null,
    };
  }

  /** Records a connected app's use, at most once a minute. */
  async touchGrant(grantId: string): Promise<void> {
    await this.db
      .updateTable('oauthRecord')
      .set({ lastUsedAt: sql`now()` })
      .where('kind', '=', 'Grant')
      .where('id', '=', grantId)
      .where((eb) =>
        eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', sql<Date>`now() - interval '1 minute'`)]),
      )
      .execute();
  }

  /** The signing and cookie keys every process shares: made by the first process that asks. */
  async keys(create: () => OAuthKeys): Promise<OAuthKeys> {
    const read = async () => {
      const row = await this.db
        .selectFrom('appSetting')
        .select(payloadText('value').as('value'))
        .where('key', '=', 'oauth_keys')
        .executeTakeFirst();
      return parse<OAuthKeys>(row?.value ?? null);
    };
    const existing = await read();
    if (existing) return existing;
    await this.db
      .insertInto('appSetting')
      .values({ key: 'oauth_keys', value: JSON.stringify(create()) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // Another process may have won the race: everyone uses what was stored first.
    return (await read())!;
  }
}
