import { notFound, type Row } from '../support/authorization';
import { w } from '../support/world';

/**
 * The Jobs page's rows of schema/modules/job.ts (retryJob). They run in images-and-jobs.spec.ts.
 */
export const jobHistoryRows: Row[] = [
  {
    type: 'mutation',
    field: 'retryJob',
    needs: 'generate',
    attempts: [
      {
        what: "A's finished job (not found, and nothing queued for B)",
        query:
          'mutation($id: ID!) { retryJob(id: $id) { __typename ... on Job { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.job }),
        asB: notFound('retryJob'),
      },
      {
        what: "A's queued job (not found, rather than 'still running')",
        query:
          'mutation($id: ID!) { retryJob(id: $id) { __typename ... on Job { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.pending }),
        asB: notFound('retryJob'),
      },
    ],
  },
];
