import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { WebhookEventType } from '../../gql/graphql';
import {
  issuesToErrors,
  noErrors,
  requestFailedMessage,
  sentence,
  type FormErrors,
} from '../auth/form-errors';
import { Field } from '../ui/field';
import { InlineLoadError } from '../ui/view-state';
import { WEBHOOK_EVENTS } from './webhook-events';
import { WebhookItem } from './webhook-item';
import { WebhookSecret } from './webhook-secret';
import './settings.css';

export const Webhooks_Webhook = graphql(`
  fragment Webhooks_Webhook on Webhook {
    id
    url
    description
    events
    enabled
    disabledReason
    disabledAt
    createdAt
    secretRotatedAt
    lastDelivery {
      id
      status
      responseStatus
      createdAt
    }
  }
`);

export const Webhooks_Webhooks = graphql(`
  query Webhooks_Webhooks {
    webhooks {
      ...Webhooks_Webhook
    }
  }
`);

export const Webhooks_CreateWebhook = graphql(`
  mutation Webhooks_CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      __typename
      ... on WebhookWithSecret {
        secret
        webhook {
          ...Webhooks_Webhook
        }
      }
      ...FormErrors_Error
    }
  }
`);

type WebhookField = 'url' | 'events' | 'description';

/**
 * Webhooks: Atelier calls your endpoint when jobs end, signed as the Standard Webhooks spec says.
 * The list (each with its state and its delivery log), and a form whose signing secret is shown once.
 */
export function Webhooks() {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: Webhooks_Webhooks,
    requestPolicy: 'cache-and-network',
  });
  const [, createWebhook] = useMutation(Webhooks_CreateWebhook);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<readonly WebhookEventType[]>(['JOB_SUCCEEDED', 'JOB_FAILED']);
  const [errors, setErrors] = useState<FormErrors<WebhookField>>(noErrors);
  const [pending, setPending] = useState(false);
  // The secret lives in this state only: never in the cache, storage or the URL.
  const [secret, setSecret] = useState<{ value: string; url: string } | null>(null);

  const clear = (field: WebhookField) => {
    if (errors.fields[field]) {
      setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [field]: undefined } }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const missing: Partial<Record<WebhookField, string>> = {};
    if (!url.trim()) missing.url = 'Give the https address Atelier should call.';
    if (events.length === 0) missing.events = 'Choose at least one event.';
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, form: null });
      return;
    }
    setErrors(noErrors());
    setPending(true);
    const ordered = WEBHOOK_EVENTS.map((e) => e.type).filter((type) => events.includes(type));
    const result = await createWebhook({
      input: { url: url.trim(), events: ordered, description: description.trim() || null },
    });
    setPending(false);
    const outcome = result.data?.createWebhook;
    if (result.error || !outcome) {
      setErrors({ fields: {}, form: requestFailedMessage(result.error) });
    } else if (outcome.__typename === 'WebhookWithSecret') {
      setSecret({ value: outcome.secret, url: outcome.webhook.url });
      setUrl('');
      setDescription('');
    } else if (outcome.__typename === 'InvalidInputError') {
      setErrors(
        issuesToErrors(
          outcome.issues,
          { url: 'url', events: 'events', description: 'description' },
          outcome.message,
        ),
      );
    } else {
      setErrors({ fields: {}, form: sentence(outcome.message) });
    }
  };

  const webhooks = data?.webhooks ?? [];

  return (
    <div className="webhooks">
      <p className="muted">
        Atelier calls your endpoint when something happens, so a program need not keep a connection open. Each
        call is signed (Standard Webhooks); failed calls are retried for a day.
      </p>
      <form className="webhook-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Endpoint URL" error={errors.fields.url}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              inputMode="url"
              value={url}
              placeholder="https://example.com/atelier-events"
              onChange={(event) => {
                setUrl(event.target.value);
                clear('url');
              }}
            />
          )}
        </Field>
        <Field label="Description (optional)" error={errors.fields.description}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={description}
              maxLength={200}
              placeholder="e.g. publish to the shop"
              onChange={(event) => {
                setDescription(event.target.value);
                clear('description');
              }}
            />
          )}
        </Field>
        <fieldset className="scopes" aria-invalid={errors.fields.events ? true : undefined}>
          <legend className="field-label">Events</legend>
          {WEBHOOK_EVENTS.map(({ type, name, hint }) => (
            <label key={type} className="check scope">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(event) => {
                  const on = event.target.checked;
                  setEvents((prev) => (on ? [...prev, type] : prev.filter((t) => t !== type)));
                  clear('events');
                }}
              />
              <code className="scope-name">{name}</code>
              <span className="field-hint scope-hint">{hint}</span>
            </label>
          ))}
          {errors.fields.events && <p className="field-error">{errors.fields.events}</p>}
        </fieldset>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div>
          <button type="submit" className="button button-primary" aria-busy={pending || undefined}>
            Add webhook
          </button>
        </div>
      </form>
      {secret && <WebhookSecret secret={secret.value} url={secret.url} onDone={() => setSecret(null)} />}
      {error && !data ? (
        <InlineLoadError
          what="your webhooks"
          message={requestFailedMessage(error)}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <p className="muted">Loading webhooks…</p>
      ) : webhooks.length === 0 ? (
        <p className="muted">No webhooks yet.</p>
      ) : null}
      <ul className="webhook-list" aria-label="Webhooks" hidden={webhooks.length === 0}>
        {webhooks.map((webhook) => (
          <WebhookItem key={webhook.id} webhook={webhook} onSecret={setSecret} />
        ))}
      </ul>
    </div>
  );
}
