import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { WebhookDeliveries_DeliveryFragment } from '../../gql/graphql';
import { formatDateTime, timeAgo } from '../../lib/time';
import { requestFailedMessage } from '../auth/form-errors';
import { useToast } from '../ui/toast';
import { InlineLoadError } from '../ui/view-state';

export const WebhookDeliveries_Delivery = graphql(`
  fragment WebhookDeliveries_Delivery on WebhookDelivery {
    id
    event
    messageId
    status
    attempts
    responseStatus
    latencyMs
    responseExcerpt
    error
    createdAt
    lastAttemptAt
    nextAttemptAt
  }
`);

export const WebhookDeliveries_List = graphql(`
  query WebhookDeliveries_List($webhookId: ID!) {
    webhookDeliveries(webhookId: $webhookId, first: 20) {
      edges {
        node {
          ...WebhookDeliveries_Delivery
        }
      }
    }
  }
`);

export const WebhookDeliveries_Redeliver = graphql(`
  mutation WebhookDeliveries_Redeliver($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      __typename
      ... on WebhookDelivery {
        ...WebhookDeliveries_Delivery
      }
      ... on Error {
        message
      }
    }
  }
`);

const PENDING_POLL_MS = 1_500;

const STATUS_WORDS: Record<string, string> = {
  PENDING: 'Waiting',
  RETRYING: 'Retrying',
  SUCCEEDED: 'Delivered',
  FAILED: 'Failed',
};

/** The last 20 calls to one webhook: what was sent, how the endpoint answered, and Redeliver. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: WebhookDeliveries_List,
    variables: { webhookId },
    requestPolicy: 'cache-and-network',
  });
  const deliveries = (data?.webhookDeliveries.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
  // A call on its way is answered within seconds (10 s time-out): read the log again until it is.
  const waiting = deliveries.some((delivery) => delivery.status === 'PENDING');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, refetch]);
  if (error && !data) {
    return (
      <InlineLoadError
        what="the deliveries"
        message={requestFailedMessage(error)}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (fetching && !data) return <p className="muted">Loading deliveries…</p>;
  return (
    <div className="webhook-deliveries">
      <div className="webhook-deliveries-head">
        <span className="muted">
          {deliveries.length === 0 ? 'No calls yet.' : 'The last calls, newest first.'}
        </span>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => refetch({ requestPolicy: 'network-only' })}
        >
          Refresh
        </button>
      </div>
      {deliveries.length > 0 && (
        <table className="webhook-log">
          <caption className="visually-hidden">Calls to this webhook</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Answer</th>
              <th scope="col">Tries</th>
              <th scope="col">When</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDeliveries_DeliveryFragment }) {
  const [{ fetching }, redeliver] = useMutation(WebhookDeliveries_Redeliver);
  const toast = useToast();
  const onRedeliver = async () => {
    const result = await redeliver({ deliveryId: delivery.id });
    const outcome = result.data?.redeliverWebhook;
    if (result.error || !outcome) {
      toast.show({ tone: 'error', message: `Could not redeliver: ${requestFailedMessage(result.error)}` });
    } else if (outcome.__typename !== 'WebhookDelivery') {
      toast.show({ tone: 'error', message: `Could not redeliver: ${outcome.message}` });
    } else toast.show({ message: `${delivery.event} sent again (same webhook-id ${delivery.messageId}).` });
  };
  const answer =
    delivery.responseStatus !== null && delivery.responseStatus !== undefined
      ? `HTTP ${delivery.responseStatus}${delivery.latencyMs !== null && delivery.latencyMs !== undefined ? ` in ${delivery.latencyMs} ms` : ''}`
      : (delivery.error ?? '—');
  return (
    <tr>
      <td>
        <code>{delivery.event}</code>
      </td>
      <td>
        <span className={`chip chip-static webhook-status-${delivery.status.toLowerCase()}`}>
          {STATUS_WORDS[delivery.status] ?? delivery.status}
        </span>
        {delivery.status === 'RETRYING' && delivery.nextAttemptAt && (
          <span className="muted"> next {formatDateTime(delivery.nextAttemptAt)}</span>
        )}
      </td>
      <td title={delivery.responseExcerpt ?? undefined}>{answer}</td>
      <td>{delivery.attempts}</td>
      <td title={formatDateTime(delivery.lastAttemptAt ?? delivery.createdAt)}>
        {timeAgo(new Date(delivery.lastAttemptAt ?? delivery.createdAt))}
      </td>
      <td>
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={fetching}
          onClick={() => void onRedeliver()}
        >
          Redeliver
        </button>
      </td>
    </tr>
  );
}
