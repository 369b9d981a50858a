import type { Cache, Variables } from '@urql/exchange-graphcache';
import { graphql } from '../../gql';
import type { UrqlCache_ImageEdgeFragment, UrqlCache_JobEdgeFragment } from '../../gql/graphql';

/*
 * The lists (Relay connections) the updaters read and edit, and the shapes their results share.
 */

export type Result<Field extends string, Value> = Partial<Record<Field, Value | null>>;

export interface Typed {
  __typename?: string;
  id?: string;
}

const UrqlCache_ImageEdge = graphql(`
  fragment UrqlCache_ImageEdge on QueryImagesConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

const UrqlCache_JobEdge = graphql(`
  fragment UrqlCache_JobEdge on QueryJobsConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

export function isFirstPage(args: Variables | null): args is Variables {
  return !!args && args.after == null && args.before == null && args.last == null;
}

/** Every cached field `Query.<fieldName>` with its arguments and the key of the connection it holds. */
export function cachedConnections(cache: Cache, fieldName: string) {
  const found: { args: Variables | null; connection: string }[] = [];
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== fieldName) continue;
    const connection = cache.resolve('Query', field.fieldKey);
    if (typeof connection === 'string') found.push({ args: field.arguments, connection });
  }
  return found;
}

export function edgesOf(cache: Cache, connection: string): string[] {
  const edges = cache.resolve(connection, 'edges');
  return Array.isArray(edges)
    ? (edges as unknown[]).filter((edge): edge is string => typeof edge === 'string')
    : [];
}

export function nodeOf(cache: Cache, edge: string): unknown {
  return cache.resolve(edge, 'node');
}

export function linkedKeys(cache: Cache, entity: string, field: string): string[] | null {
  const value = cache.resolve(entity, field);
  return Array.isArray(value)
    ? (value as unknown[]).filter((key): key is string => typeof key === 'string')
    : null;
}

/** Puts `nodes` at the top of a connection's first page, skipping any it already has. */
export function prependEdges(
  cache: Cache,
  connection: string,
  typename: 'Image' | 'Job',
  nodes: readonly { id: string }[],
): void {
  const edges = edgesOf(cache, connection);
  const present = new Set(edges.map((edge) => nodeOf(cache, edge)));
  const added: string[] = [];
  for (const node of nodes) {
    if (present.has(cache.keyOfEntity({ __typename: typename, id: node.id }))) continue;
    // The cursor is never used to page from (pageInfo is), so the id stands in until a refetch.
    const edge = { cursor: node.id, node: { __typename: typename, id: node.id } };
    if (typename === 'Image') {
      cache.writeFragment(UrqlCache_ImageEdge, {
        __typename: 'QueryImagesConnectionEdge',
        ...edge,
      } as UrqlCache_ImageEdgeFragment);
      added.push(cache.keyOfEntity({ __typename: 'QueryImagesConnectionEdge', ...edge }) ?? '');
    } else {
      cache.writeFragment(UrqlCache_JobEdge, {
        __typename: 'QueryJobsConnectionEdge',
        ...edge,
      } as UrqlCache_JobEdgeFragment);
      added.push(cache.keyOfEntity({ __typename: 'QueryJobsConnectionEdge', ...edge }) ?? '');
    }
  }
  const keysAdded = added.filter(Boolean);
  if (keysAdded.length > 0) cache.link(connection, 'edges', [...keysAdded, ...edges]);
}

export function removeEdges(cache: Cache, connection: string, nodeKey: string | null): void {
  const edges = edgesOf(cache, connection);
  const kept = edges.filter((edge) => nodeOf(cache, edge) !== nodeKey);
  if (kept.length !== edges.length) cache.link(connection, 'edges', kept);
}

/** Forgets every cached `Query.<fieldName>` list, so whoever shows one refetches it. */
export function invalidateLists(
  cache: Cache,
  fieldName: string,
  which: (args: Variables | null) => boolean = () => true,
) {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === fieldName && which(field.arguments)) {
      cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
    }
  }
}
