// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { apiTokenFixture, refusalFixture } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { ToastProvider } from '../ui/toast';
import { ApiTokens, ApiTokens_Tokens } from './api-tokens';
import { ChangePassword } from './change-password';

const SECRET = 'atl_abcdefghijklmnopqrstuvwxyz0123';

function renderWith(ui: ReactNode, fixtures: Record<string, Fixture>) {
  const test = createTestClient(fixtures);
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>{ui}</ToastProvider>
    </UrqlProvider>,
  );
  return { user: userEvent.setup(), test };
}

describe('API tokens', () => {
  it('shows a new token’s secret once, in a read-only field, and lists the token without a refetch', async () => {
    const inputs: unknown[] = [];
    const { user, test } = renderWith(<ApiTokens isAdmin={false} />, {
      ApiTokens_Tokens: () => ({
        apiTokens: [
          apiTokenFixture('old', {
            name: 'laptop',
            lastUsedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
          }),
        ],
      }),
      ApiTokens_CreateApiToken: (vars) => {
        inputs.push(vars.input);
        return {
          createApiToken: {
            __typename: 'CreatedApiToken',
            secret: SECRET,
            token: apiTokenFixture('t2', { name: 'backup script', scopes: ['read', 'generate'] }),
          },
        };
      },
    });
    const list = await screen.findByRole('list', { name: 'API tokens' });
    expect(within(list).getByRole('listitem').textContent).toMatch(/last used 5 min ago/);
    // Only admins may give a token the admin scope.
    expect(screen.queryByRole('checkbox', { name: 'admin' })).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'read' }).checked).toBe(true);

    await user.type(screen.getByRole('textbox', { name: 'Token name' }), 'backup script');
    await user.click(screen.getByRole('checkbox', { name: 'generate' }));
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const secret = await screen.findByRole<HTMLInputElement>('textbox', { name: 'New token' });
    expect(secret.value).toBe(SECRET);
    expect(secret.readOnly).toBe(true);
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeTruthy();
    expect(screen.getByText(/will not be shown again/)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Use it' }).value).toMatch(
      new RegExp(`curl -H 'Authorization: Bearer ${SECRET}'[\\s\\S]*/graphql$`),
    );
    expect(inputs).toEqual([{ name: 'backup script', scopes: ['read', 'generate'] }]);

    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).getAllByRole('listitem')[0]!.textContent).toMatch(/backup script.*never used/);
    expect(test.requests.filter((name) => name === 'ApiTokens_Tokens').length).toBeLessThanOrEqual(2);
    expect(test.client.readQuery(ApiTokens_Tokens, {})?.data?.apiTokens.map((t) => t.id)).toEqual([
      't2',
      'old',
    ]);

    await user.click(screen.getByRole('button', { name: 'Done, I have copied it' }));
    expect(screen.queryByRole('textbox', { name: 'New token' })).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('offers the admin scope to admins, puts issues beside the name, and revokes', async () => {
    const { user } = renderWith(<ApiTokens isAdmin />, {
      ApiTokens_Tokens: () => ({ apiTokens: [apiTokenFixture('old', { name: 'laptop' })] }),
      ApiTokens_CreateApiToken: () => ({
        createApiToken: {
          ...refusalFixture('InvalidInputError'),
          message: 'input.name: too long',
          issues: [{ __typename: 'FieldIssue', field: 'input.name', message: 'use at most 80 characters' }],
        },
      }),
      ApiTokens_RevokeApiToken: (vars) => ({
        revokeApiToken: apiTokenFixture(vars.id as string, {
          name: 'laptop',
          revokedAt: new Date().toISOString(),
        }),
      }),
    });
    expect(await screen.findByRole('checkbox', { name: 'admin' })).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Token name' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(
      await screen.findByRole('textbox', { name: 'Token name', description: 'Use at most 80 characters.' }),
    ).toBeTruthy();

    const item = within(screen.getByRole('list', { name: 'API tokens' })).getByRole('listitem');
    await user.click(within(item).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(item).queryByRole('button', { name: 'Revoke' })).toBeNull());
    expect(item.textContent).toMatch(/Revoked/);
  });
});

describe('Change password', () => {
  it('puts a wrong current password beside its field, then confirms the change', async () => {
    const answers = [
      { ...refusalFixture('BaseError'), code: 'INVALID_CREDENTIALS', message: 'wrong', details: {} },
      {
        ...refusalFixture('InvalidInputError'),
        message: 'input.newPassword: use at most 256 characters',
        issues: [
          { __typename: 'FieldIssue', field: 'input.newPassword', message: 'use at most 256 characters' },
        ],
      },
      { __typename: 'ChangePasswordSuccess', data: true },
    ];
    const { user } = renderWith(<ChangePassword />, {
      ChangePassword_ChangePassword: () => ({ changePassword: answers.shift() }),
    });
    await user.type(screen.getByLabelText('Current password'), 'old password!');
    await user.type(screen.getByLabelText('New password'), 'a much better passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(screen.getByText('This is not your current password.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Use at most 256 characters.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Password changed/));
    expect(screen.getByLabelText<HTMLInputElement>('New password').value).toBe('');
  });
});
