import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { globalId } from '../../support/factories';
import { notFound, type Row, typedError } from '../support/authorization';

/**
 * The rows of schema/modules/webhook.ts (they run in accounts-and-collections.spec.ts). B aims at
 * webhooks and deliveries that are not B's; test/webhooks-ownership.api.spec.ts proves B can neither
 * see nor change nor redeliver A's real ones, nor hear A's events.
 */
const someWebhook = () => ({ id: globalId('Webhook', randomUUID()) });
const Outcome = '__typename ... on Error { code message }';
const OutcomeWithIssues = `${Outcome} ... on InvalidInputError { issues { field } }`;

export const webhookRows: Row[] = [
  {
    type: 'query',
    field: 'webhooks',
    needs: 'read',
    attempts: [
      {
        what: 'the list (B registered none)',
        query: '{ webhooks { id url } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.webhooks).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'webhookDeliveries',
    needs: 'read',
    attempts: [
      {
        what: "a webhook that is not B's",
        query:
          'query($id: ID!) { webhookDeliveries(webhookId: $id, first: 5) { edges { node { id messageId } } } }',
        variables: () => ({ id: someWebhook().id }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.webhookDeliveries.edges).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createWebhook',
    needs: 'generate',
    attempts: [
      {
        what: 'an endpoint on a private address (refused, nothing made)',
        query: `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { ${OutcomeWithIssues} } }`,
        variables: () => ({ input: { url: 'https://10.0.0.8/hook', events: ['JOB_SUCCEEDED'] } }),
        asB: typedError('createWebhook', 'InvalidInputError', 'INVALID_INPUT', 'input.url'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateWebhook',
    needs: 'generate',
    attempts: [
      {
        what: "a webhook that is not B's",
        query: `mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { ${OutcomeWithIssues} } }`,
        variables: () => ({ input: { ...someWebhook(), enabled: false } }),
        asB: notFound('updateWebhook'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteWebhook',
    needs: 'generate',
    attempts: [
      {
        what: "a webhook that is not B's",
        query: `mutation($id: ID!) { deleteWebhook(id: $id) { ${Outcome} } }`,
        variables: someWebhook,
        asB: notFound('deleteWebhook'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'rotateWebhookSecret',
    needs: 'generate',
    attempts: [
      {
        what: "a webhook that is not B's",
        query: `mutation($id: ID!) { rotateWebhookSecret(id: $id) { ${Outcome} } }`,
        variables: someWebhook,
        asB: notFound('rotateWebhookSecret'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'redeliverWebhook',
    needs: 'generate',
    attempts: [
      {
        what: "a delivery that is not B's",
        query: `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${Outcome} } }`,
        variables: () => ({ id: randomUUID() }),
        asB: notFound('redeliverWebhook'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'pingWebhook',
    needs: 'generate',
    attempts: [
      {
        what: "a webhook that is not B's",
        query: `mutation($id: ID!) { pingWebhook(id: $id) { ${Outcome} } }`,
        variables: someWebhook,
        asB: notFound('pingWebhook'),
      },
    ],
  },
];
