// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { ToastProvider } from '../ui/toast';
import { Webhooks, Webhooks_Webhooks } from './webhooks';

function webhook(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Webhook',
    id,
    url: `https://hooks.example/${id}`,
    description: null,
    events: ['JOB_SUCCEEDED', 'JOB_FAILED'],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    secretRotatedAt: null,
    lastDelivery: null,
    ...overrides,
  };
}

function delivery(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'WebhookDelivery',
    id,
    event: 'job.succeeded',
    messageId: `msg_${id}`,
    status: 'SUCCEEDED',
    attempts: 1,
    responseStatus: 200,
    latencyMs: 42,
    responseExcerpt: 'ok',
    error: null,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    lastAttemptAt: new Date(Date.now() - 60_000).toISOString(),
    nextAttemptAt: null,
    ...overrides,
  };
}

function renderWith(fixtures: Record<string, Fixture>) {
  const test = createTestClient(fixtures);
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <Webhooks />
      </ToastProvider>
    </UrqlProvider>,
  );
  return { user: userEvent.setup(), test };
}

describe('Webhooks', () => {
  it('lists each endpoint with its events and last call, and why one is off', async () => {
    renderWith({
      Webhooks_Webhooks: () => ({
        webhooks: [
          webhook('a', {
            lastDelivery: {
              __typename: 'WebhookDelivery',
              id: 'd1',
              status: 'SUCCEEDED',
              responseStatus: 204,
              createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
            },
          }),
          webhook('b', {
            enabled: false,
            disabledReason: 'it failed for 24 hours (last: HTTP 503)',
            disabledAt: '2026-12-02T10:00:00.000Z',
          }),
        ],
      }),
    });
    const items = within(await screen.findByRole('list', { name: 'Webhooks' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toMatch(
      /hooks\.example\/a.*job\.succeeded, job\.failed .*last call 5 min ago: succeeded \(HTTP 204\)/,
    );
    expect(within(items[1]!).getByRole('status').textContent).toMatch(/Off: it failed for 24 hours/);
    expect(within(items[1]!).getByRole('button', { name: 'Turn on' })).toBeTruthy();
  });

  it('names what is missing before sending, and the server’s refusal on its field', async () => {
    const sent: unknown[] = [];
    const { user } = renderWith({
      Webhooks_Webhooks: () => ({ webhooks: [] }),
      Webhooks_CreateWebhook: (vars) => {
        sent.push(vars.input);
        return {
          createWebhook: {
            __typename: 'InvalidInputError',
            code: 'INVALID_INPUT',
            message: 'input.url: the address resolves to a private network',
            retryable: false,
            issues: [
              {
                __typename: 'FieldIssue',
                field: 'input.url',
                message: 'the address resolves to a private network',
              },
            ],
          },
        };
      },
    });
    expect(await screen.findByText('No webhooks yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(screen.getByText(/Give the https address/)).toBeTruthy();
    expect(sent).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Endpoint URL' }), 'https://10.0.0.5/hook');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('The address resolves to a private network.')).toBeTruthy();
    expect(sent).toEqual([
      { url: 'https://10.0.0.5/hook', events: ['JOB_SUCCEEDED', 'JOB_FAILED'], description: null },
    ]);
  });

  it('shows the signing secret once after adding, and the webhook joins the list', async () => {
    const { user, test } = renderWith({
      Webhooks_Webhooks: () => ({ webhooks: [] }),
      Webhooks_CreateWebhook: (vars) => {
        const input = vars.input as { url: string; events: string[] };
        return {
          createWebhook: {
            __typename: 'WebhookWithSecret',
            secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=',
            webhook: webhook('new', { url: input.url, events: input.events }),
          },
        };
      },
    });
    await screen.findByText('No webhooks yet.');
    await user.type(screen.getByRole('textbox', { name: 'Endpoint URL' }), 'https://shop.example/atelier');
    await user.click(screen.getByRole('checkbox', { name: /batch\.completed/ }));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    const secret = await screen.findByRole('group', {
      name: 'Signing secret for https://shop.example/atelier',
    });
    expect(within(secret).getByDisplayValue('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=')).toBeTruthy();
    await waitFor(() =>
      expect(test.client.readQuery(Webhooks_Webhooks, {})?.data?.webhooks.map((w) => w.url)).toEqual([
        'https://shop.example/atelier',
      ]),
    );
    expect(within(screen.getByRole('list', { name: 'Webhooks' })).getByText(/batch\.completed/)).toBeTruthy();
    await user.click(within(secret).getByRole('button', { name: /Done/ }));
    expect(screen.queryByDisplayValue('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=')).toBeNull();
  });

  it('opens the delivery log with each call’s answer, and redelivers one', async () => {
    const redelivered: unknown[] = [];
    const { user } = renderWith({
      Webhooks_Webhooks: () => ({ webhooks: [webhook('a')] }),
      WebhookDeliveries_List: () => ({
        webhookDeliveries: {
          __typename: 'WebhookDeliveryConnection',
          edges: [
            {
              __typename: 'WebhookDeliveryEdge',
              node: delivery('d2', { status: 'FAILED', responseStatus: 400, attempts: 1 }),
            },
            { __typename: 'WebhookDeliveryEdge', node: delivery('d1') },
          ],
        },
      }),
      WebhookDeliveries_Redeliver: (vars) => {
        redelivered.push(vars.deliveryId);
        return { redeliverWebhook: delivery(vars.deliveryId as string, { status: 'PENDING' }) };
      },
    });
    const item = within(await screen.findByRole('list', { name: 'Webhooks' })).getAllByRole('listitem')[0]!;
    await user.click(within(item).getByRole('button', { name: 'Deliveries' }));
    const rows = within(await within(item).findByRole('table')).getAllByRole('row');
    expect(rows[1]!.textContent).toMatch(/job\.succeeded.*Failed.*HTTP 400 in 42 ms.*1/);
    expect(rows[2]!.textContent).toMatch(/Delivered.*HTTP 200/);
    await user.click(within(rows[1]!).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(redelivered).toEqual(['d2']));
    expect((await screen.findByRole('status')).textContent).toMatch(/sent again \(same webhook-id msg_d2\)/);
  });
});
