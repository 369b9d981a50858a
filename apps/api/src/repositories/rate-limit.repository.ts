import { sql } from 'kysely';
import type { Database } from '../db/database';

export interface Bucket {
  /** Most requests at once. */
  capacity: number;
  /** Requests regained per second. */
  refillPerSecond: number;
}

/**
 * Token buckets kept in PostgreSQL, so every API process shares one limit per key. One statement
 * per check: refill by the time elapsed, then take a token.
 */
export class RateLimitRepository {
  constructor(private readonly db: Database) {}

  async take(key: string, bucket: Bucket): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const { rows } = await sql<{ tokens: number }>`
      insert into rate_limit_bucket as b (key, tokens, updated_at)
      values (${key}, ${bucket.capacity - 1}, now())
      on conflict (key) do update set
        tokens = greatest(-1, least(${bucket.capacity}::float8,
          b.tokens + extract(epoch from now() - b.updated_at) * ${bucket.refillPerSecond}::float8) - 1),
        updated_at = now()
      returning tokens`.execute(this.db);
    const tokens = rows[0]!.tokens;
    return tokens >= 0
      ? { allowed: true, retryAfterMs: 0 }
      : { allowed: false, retryAfterMs: Math.ceil((-tokens / bucket.refillPerSecond) * 1000) };
  }
}
