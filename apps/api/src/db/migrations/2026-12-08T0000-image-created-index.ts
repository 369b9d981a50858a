import { type Kysely, sql } from 'kysely';

/**
 * `image (created_at)` (added for Insights' instance-wide ranges) has no owner in it, yet the
 * planner took it for a person's gallery and search walks, ordered by date: oldest first, a new
 * person's walk stepped over every older image of everyone else (55 ms at 1M images instead of 1).
 * Insights' ranges are served by `image_owner_created_all` (owner, created_at), PostgreSQL 18
 * skip-scanning it over the owners.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists image_created`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists image_created on image (created_at)`.execute(db);
}
