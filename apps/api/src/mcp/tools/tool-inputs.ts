import { InvalidInputError } from '@atelier/domain';
import { z } from 'zod';
import { ToolRefusal } from '../tool-errors';

/** A model reads at most this many records per call; more would crowd its context. */
export const MAX_PAGE_SIZE = 50;

export const pageSize = (fallback: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(fallback)
    .describe(`How many to return, 1–${MAX_PAGE_SIZE} (default ${fallback}).`);

export const cursor = z
  .string()
  .max(512)
  .optional()
  .describe('The nextCursor of the previous answer, for the next page; omit for the first page.');

/** A record id as MCP names it: the plain id other tools returned. */
export const recordId = (what: string, from: string) =>
  z.string().min(1).max(100).describe(`The ${what}'s id, as ${from} returned it.`);

/** An unknown id and someone else's answer alike, so ids reveal nothing. */
export function notFound(what: string, field: string, findWith: string, id?: string): ToolRefusal {
  const which = id === undefined ? 'this id' : `the id "${id.slice(0, 100)}"`;
  return new ToolRefusal(
    'NOT_FOUND',
    `You have no ${what} with ${which}. Use an id that ${findWith} returned.`,
    field,
  );
}

/** One page from a keyset list: asks for one more row than shown, to know whether more follow. */
export async function page<T>(
  size: number,
  after: string | undefined,
  load: (request: { after: string | null; limit: number; inverted: false }) => Promise<T[]>,
  cursorOf: (record: T) => string,
): Promise<{ items: T[]; nextCursor: string | null }> {
  let rows: T[];
  try {
    rows = await load({ after: after ?? null, limit: size + 1, inverted: false });
  } catch (error) {
    if (error instanceof InvalidInputError && error.issues[0]?.path[0] === 'after') {
      throw new ToolRefusal(
        'INVALID_INPUT',
        'This cursor did not come from this list. Pass the nextCursor of the previous answer unchanged, or omit it to start over.',
        'cursor',
      );
    }
    throw error;
  }
  const items = rows.slice(0, size);
  return { items, nextCursor: rows.length > size ? cursorOf(items.at(-1)!) : null };
}
