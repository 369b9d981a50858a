import { InvalidInputError } from '@atelier/domain';
import { sql, type Expression, type SqlBool } from 'kysely';

export interface KeysetPage {
  after?: string | null | undefined;
  before?: string | null | undefined;
  limit: number;
  inverted: boolean;
}

interface Position {
  createdAt: Date;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** Opaque to clients: the row's position in newest-first order. */
export function encodeCursor(row: Position): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string, arg: string): Position {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw new InvalidInputError([{ path: [arg], message: `${arg} is not a cursor from this list` }]);
  }
  return { createdAt, id };
}

/**
 * Conditions for a newest-first keyset page on (created_at, id), or (`column`, id). When `inverted` the caller must
 * order oldest-first (see `keysetDirection`).
 */
export function keysetConditions(
  table: string,
  page: KeysetPage,
  column = 'created_at',
): Expression<SqlBool>[] {
  const row = sql.raw(`(${table}.${column}, ${table}.id)`);
  const conditions: Expression<SqlBool>[] = [];
  if (page.after) {
    const at = decodeCursor(page.after, 'after');
    conditions.push(sql<SqlBool>`${row} < (${at.createdAt}::timestamptz, ${at.id}::uuid)`);
  }
  if (page.before) {
    const at = decodeCursor(page.before, 'before');
    conditions.push(sql<SqlBool>`${row} > (${at.createdAt}::timestamptz, ${at.id}::uuid)`);
  }
  return conditions;
}

export function keysetDirection(page: KeysetPage): 'asc' | 'desc' {
  return page.inverted ? 'asc' : 'desc';
}
