import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { Webhooks_WebhookFragment } from '../../gql/graphql';
import { formatDateTime, timeAgo } from '../../lib/time';
import { requestFailedMessage } from '../auth/form-errors';
import { useToast } from '../ui/toast';
import { WebhookDeliveries } from './webhook-deliveries';
import { WEBHOOK_EVENTS } from './webhook-events';

export const WebhookItem_Update = graphql(`
  mutation WebhookItem_Update($input: UpdateWebhookInput!) {
    updateWebhook(input: $input) {
      __typename
      ... on Webhook {
        ...Webhooks_Webhook
      }
      ... on Error {
        message
      }
    }
  }
`);

export const WebhookItem_Delete = graphql(`
  mutation WebhookItem_Delete($id: ID!) {
    deleteWebhook(id: $id) {
      __typename
      ... on DeletedWebhook {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

export const WebhookItem_Rotate = graphql(`
  mutation WebhookItem_Rotate($id: ID!) {
    rotateWebhookSecret(id: $id) {
      __typename
      ... on WebhookWithSecret {
        secret
        webhook {
          ...Webhooks_Webhook
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const WebhookItem_Ping = graphql(`
  mutation WebhookItem_Ping($id: ID!) {
    pingWebhook(id: $id) {
      __typename
      ... on WebhookDelivery {
        id
        status
      }
      ... on Error {
        message
      }
    }
  }
`);

const eventName = (type: string) => WEBHOOK_EVENTS.find((event) => event.type === type)?.name ?? type;

interface WebhookItemProps {
  webhook: Webhooks_WebhookFragment;
  onSecret: (secret: { value: string; url: string }) => void;
}

/** One webhook: where it calls, for what, whether it is on (and why not), its actions and log. */
export function WebhookItem({ webhook, onSecret }: WebhookItemProps) {
  const [{ fetching: updating }, update] = useMutation(WebhookItem_Update);
  const [{ fetching: deleting }, remove] = useMutation(WebhookItem_Delete);
  const [{ fetching: rotating }, rotate] = useMutation(WebhookItem_Rotate);
  const [{ fetching: pinging }, ping] = useMutation(WebhookItem_Ping);
  const [showLog, setShowLog] = useState(false);
  const [logKey, setLogKey] = useState(0);
  const toast = useToast();
  const logId = useId();
  const busy = updating || deleting || rotating || pinging;

  const failed = (what: string, message: string) =>
    toast.show({ tone: 'error', message: `Could not ${what} ${webhook.url}: ${message}` });

  const onToggle = async () => {
    const result = await update({ input: { id: webhook.id, enabled: !webhook.enabled } });
    const outcome = result.data?.updateWebhook;
    if (result.error || !outcome) failed('change', requestFailedMessage(result.error));
    else if (outcome.__typename !== 'Webhook') failed('change', outcome.message);
  };
  const onDelete = async () => {
    if (!window.confirm(`Delete the webhook to ${webhook.url}? Atelier stops calling it at once.`)) return;
    const result = await remove({ id: webhook.id });
    const outcome = result.data?.deleteWebhook;
    if (result.error || !outcome) failed('delete', requestFailedMessage(result.error));
    else if (outcome.__typename !== 'DeletedWebhook') failed('delete', outcome.message);
    else toast.show({ message: `Webhook to ${webhook.url} deleted.` });
  };
  const onRotate = async () => {
    const result = await rotate({ id: webhook.id });
    const outcome = result.data?.rotateWebhookSecret;
    if (result.error || !outcome) failed('rotate the secret of', requestFailedMessage(result.error));
    else if (outcome.__typename !== 'WebhookWithSecret') failed('rotate the secret of', outcome.message);
    else onSecret({ value: outcome.secret, url: webhook.url });
  };
  const onPing = async () => {
    const result = await ping({ id: webhook.id });
    const outcome = result.data?.pingWebhook;
    if (result.error || !outcome) failed('send a test event to', requestFailedMessage(result.error));
    else if (outcome.__typename !== 'WebhookDelivery') failed('send a test event to', outcome.message);
    else {
      toast.show({ message: `Test event sent to ${webhook.url}: see it in the log.` });
      setShowLog(true);
      setLogKey((key) => key + 1);
    }
  };

  const last = webhook.lastDelivery;
  return (
    <li className={`webhook-item${webhook.enabled ? '' : ' webhook-item-disabled'}`} aria-label={webhook.url}>
      <div className="token-main">
        <span className="token-name webhook-url">{webhook.url}</span>
        {webhook.description && <span className="token-meta">{webhook.description}</span>}
        <span className="token-meta">
          {webhook.events.map(eventName).join(', ')} · added {formatDateTime(webhook.createdAt)}
          {webhook.secretRotatedAt && <> · secret rotated {timeAgo(new Date(webhook.secretRotatedAt))}</>}
          {last && (
            <>
              {' '}
              · last call {timeAgo(new Date(last.createdAt))}: {last.status.toLowerCase()}
              {last.responseStatus !== null &&
                last.responseStatus !== undefined &&
                ` (HTTP ${last.responseStatus})`}
            </>
          )}
        </span>
        {!webhook.enabled && (
          <p className="webhook-disabled" role="status">
            Off{webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}
            {webhook.disabledAt && ` (since ${formatDateTime(webhook.disabledAt)})`}
          </p>
        )}
      </div>
      <div className="webhook-actions">
        <button type="button" className="button button-small" disabled={busy} onClick={() => void onPing()}>
          Send test event
        </button>
        <button
          type="button"
          className="button button-small"
          aria-expanded={showLog}
          aria-controls={logId}
          onClick={() => setShowLog((shown) => !shown)}
        >
          {showLog ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={() => void onToggle()}>
          {webhook.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={() => void onRotate()}>
          Rotate secret
        </button>
        <button
          type="button"
          className="button button-small button-danger-ghost"
          disabled={busy}
          onClick={() => void onDelete()}
        >
          Delete
        </button>
      </div>
      <div id={logId} hidden={!showLog}>
        {showLog && <WebhookDeliveries key={logKey} webhookId={webhook.id} />}
      </div>
    </li>
  );
}
