import { ServiceUnavailableError } from '@atelier/domain';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { isDatabaseUnavailable, isPoolBusy } from './connection-errors';
import type { DatabaseHealth } from './database-health';
import type { DB } from './db.generated';

// COUNT(*) and other int8 results stay far below 2^53 here; numbers are easier than strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Database = Kysely<DB>;

export interface DatabaseOptions {
  max?: number;
  /** Told of every connection failure; without it such failures are only translated. */
  health?: DatabaseHealth;
}

/**
 * Kysely over a pg Pool that survives its server: a failed connection never crashes the process,
 * and a query that cannot reach the database fails with ServiceUnavailableError (typed, retryable)
 * instead of a raw socket error. The pool reconnects by itself on the next query.
 */
export function createDatabase(connectionString: string, options: DatabaseOptions = {}): Database {
  const pool = createPool(connectionString, options.max ?? 10, options.health);
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: translatingErrors(pool, options.health) }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * A pg Pool whose clients all have an error listener. pg-pool listens only to idle clients; a client
 * that is checked out (say, inside a transaction between two statements) when the server goes
 * away would otherwise emit an unhandled 'error' and end the process.
 */
export function createPool(connectionString: string, max: number, health?: DatabaseHealth): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    // Never wait forever for a server that does not answer; fail and say so.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  const report = (error: Error) => health?.reportFailure(error);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}

function translatingErrors(pool: pg.Pool, health: DatabaseHealth | undefined): PostgresPool {
  const translate = (error: unknown): unknown => {
    if (isPoolBusy(error)) return new ServiceUnavailableError(1, 'The database (every connection busy)');
    if (!isDatabaseUnavailable(error)) return error;
    health?.reportFailure(error);
    return new ServiceUnavailableError(health?.retryAfterSeconds() ?? 1);
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch((error: unknown) => {
        throw translate(error);
      });
      const query = (...args: Parameters<pg.PoolClient['query']>) => {
        const result = client.query(...args) as unknown;
        // A cursor (kysely's stream()) is returned as it is; promises get their errors translated.
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw translate(error);
            })
          : result;
      };
      return { query: query as PostgresPoolClient['query'], release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
