import { describe, expect, it } from 'vitest';
import { BatchForm_CreateBatch } from '../../components/batch/batch-form';
import { BatchList_Batches } from '../../components/batch/batch-list';
import { createTestClient } from '../testing/urql';

const counts = {
  __typename: 'BatchCounts',
  total: 2,
  queued: 2,
  running: 0,
  succeeded: 0,
  failed: 0,
  canceled: 0,
};

const batch = (id: string, title: string) => ({
  __typename: 'Batch',
  id,
  title,
  kind: 'PROMPTS',
  status: 'QUEUED',
  progress: 0,
  createdAt: '2026-11-25T10:00:00.000Z',
  counts,
});

describe('graphcache rules for batches', () => {
  it('puts a new batch on top of the cached list, without a refetch', async () => {
    const { client, requests } = createTestClient({
      BatchList_Batches: () => ({
        batches: {
          __typename: 'QueryBatchesConnection',
          edges: [{ __typename: 'QueryBatchesConnectionEdge', cursor: 'c1', node: batch('b1', 'Older') }],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
        },
      }),
      BatchForm_CreateBatch: () => ({ createBatch: batch('b2', 'Newer') }),
    });
    await client.query(BatchList_Batches, {}).toPromise();
    await client.mutation(BatchForm_CreateBatch, { input: { prompts: [{ prompt: 'a fox' }] } }).toPromise();
    const list = client.readQuery(BatchList_Batches, {});
    expect(list?.data?.batches.edges.map((edge) => edge.node.title)).toEqual(['Newer', 'Older']);
    expect(requests.filter((name) => name === 'BatchList_Batches')).toHaveLength(1);
  });
});
