import { expect } from 'vitest';
import { finishedJob } from '../support/http';
import { edgeIds, isNull, notFound, refusedWith, type Row } from '../support/authorization';
import { CreateBatch, w } from '../support/world';

/**
 * The rows of schema/modules/job.ts and batch.ts. They run in images-and-jobs.spec.ts.
 */
export const jobBatchRows: Row[] = [
  {
    type: 'query',
    field: 'batch',
    needs: 'read',
    attempts: [
      {
        what: "A's batch",
        query:
          'query($id: ID!) { batch(id: $id) { id title items { edges { node { prompt job { id } } } } } }',
        variables: () => ({ id: w.batch }),
        asB: isNull('batch'),
      },
    ],
  },
  {
    type: 'query',
    field: 'batches',
    needs: 'read',
    attempts: [
      {
        what: "the list (none of A's batches)",
        query: '{ batches(first: 20) { edges { node { id title } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.batches)).not.toContain(w.batch);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'job',
    needs: 'read',
    attempts: [
      {
        what: "A's finished job",
        query:
          'query($id: ID!) { job(id: $id) { id status input { prompt sourceImage { id } } images { id } } }',
        variables: () => ({ id: w.job }),
        asB: isNull('job'),
      },
      {
        what: "A's variation job",
        query: 'query($id: ID!) { job(id: $id) { id input { sourceImage { id prompt } } } }',
        variables: () => ({ id: w.variationJob }),
        asB: isNull('job'),
      },
      {
        what: "A's queued job",
        query: 'query($id: ID!) { job(id: $id) { id status queuePosition } }',
        variables: () => ({ id: w.pending }),
        asB: isNull('job'),
      },
    ],
  },
  {
    type: 'query',
    field: 'jobs',
    needs: 'read',
    attempts: [
      {
        what: "the job list (none of A's jobs)",
        query: '{ jobs(first: 20) { edges { node { id status input { prompt } } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = edgeIds(answer.data.jobs);
          expect(ids).toContain(w.bJob);
          for (const id of [w.job, w.variationJob, w.pending]) expect(ids).not.toContain(id);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createBatch',
    needs: 'generate',
    attempts: [
      {
        what: "a batch of B's own (not in A's list)",
        query: CreateBatch,
        variables: () => ({
          input: {
            prompts: [{ prompt: 'a green hill' }],
            provider: 'local',
            width: 256,
            height: 256,
            steps: 1,
          },
        }),
        asB: async (answer, actor) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createBatch.__typename).toBe('Batch');
          const items = answer.data.createBatch.items.edges as { node: { job: { id: string } } }[];
          for (const edge of items) await finishedJob(actor.http, edge.node.job.id);
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'cancelBatch',
    needs: 'generate',
    attempts: [
      {
        what: "A's batch",
        query:
          'mutation($id: ID!) { cancelBatch(id: $id) { __typename ... on Batch { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.batch }),
        asB: notFound('cancelBatch'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'retryFailedBatchItems',
    needs: 'generate',
    attempts: [
      {
        what: "A's batch",
        query:
          'mutation($id: ID!) { retryFailedBatchItems(id: $id) { __typename ... on Batch { id } ... on Error { code message } } }',
        variables: () => ({ id: w.batch }),
        asB: notFound('retryFailedBatchItems'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'cancelJob',
    needs: 'generate',
    attempts: [
      {
        what: "A's queued job",
        query:
          'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Job { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.pending }),
        asB: notFound('cancelJob'),
      },
      {
        what: "A's finished job (not found, rather than 'already finished')",
        query:
          'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Job { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.job }),
        asB: notFound('cancelJob'),
      },
    ],
  },
  {
    type: 'subscription',
    field: 'batchUpdated',
    needs: 'read',
    attempts: [
      {
        what: "A's batch",
        query: 'subscription($id: ID!) { batchUpdated(id: $id) { batch { id title } job { id } } }',
        variables: () => ({ id: w.batch }),
        asB: refusedWith('batchUpdated', 'NOT_FOUND'),
      },
    ],
  },
  {
    type: 'subscription',
    field: 'jobUpdated',
    needs: 'read',
    attempts: [
      {
        what: "A's finished job",
        query: 'subscription($id: ID!) { jobUpdated(id: $id) { id status images { id url } } }',
        variables: () => ({ id: w.job }),
        asB: refusedWith('jobUpdated', 'NOT_FOUND'),
      },
      {
        what: "A's queued job",
        query: 'subscription($id: ID!) { jobUpdated(id: $id) { id status } }',
        variables: () => ({ id: w.pending }),
        asB: refusedWith('jobUpdated', 'NOT_FOUND'),
      },
    ],
  },
];
