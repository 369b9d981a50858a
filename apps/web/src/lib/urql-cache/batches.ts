import type { UpdateResolver } from '@urql/exchange-graphcache';
import { graphql } from '../../gql';
import { cachedConnections, edgesOf, isFirstPage, nodeOf, type Result, type Typed } from './connections';
import { prependImages } from './images';
import { placeJob, type JobLike } from './jobs';

const UrqlCache_BatchEdge = graphql(`
  fragment UrqlCache_BatchEdge on QueryBatchesConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

/** A new batch goes on top of every cached first page of `batches` (newest first). */
export const createBatch: UpdateResolver<Result<'createBatch', Typed>> = (result, _args, cache) => {
  const batch = result.createBatch;
  if (batch?.__typename !== 'Batch' || !batch.id) return;
  const key = cache.keyOfEntity({ __typename: 'Batch', id: batch.id });
  for (const { args, connection } of cachedConnections(cache, 'batches')) {
    if (!isFirstPage(args)) continue;
    const edges = edgesOf(cache, connection);
    if (edges.some((edge) => nodeOf(cache, edge) === key)) continue;
    const edge = {
      __typename: 'QueryBatchesConnectionEdge',
      cursor: batch.id,
      node: { __typename: 'Batch', id: batch.id },
    };
    cache.writeFragment(UrqlCache_BatchEdge, edge);
    const edgeKey = cache.keyOfEntity(edge);
    if (edgeKey) cache.link(connection, 'edges', [edgeKey, ...edges]);
  }
};

/** An item job of a batch changed: it is normalized by id; new images join the gallery lists. */
export const batchUpdated: UpdateResolver<Result<'batchUpdated', { job?: JobLike | null }>> = (
  result,
  _args,
  cache,
) => {
  const job = result.batchUpdated?.job;
  if (!job) return;
  placeJob(cache, job);
  if (job.status === 'SUCCEEDED' && job.images) prependImages(cache, job.images);
};
