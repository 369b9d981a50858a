// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountFixture, refusalFixture, sessionFixture } from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';

const ada = accountFixture();
const bob = accountFixture({ id: 'acc-2', email: 'bob@example.com', displayName: 'Bob', role: 'USER' });

function usersPage(users: ReturnType<typeof accountFixture>[]) {
  return {
    users: {
      __typename: 'QueryUsersConnection',
      edges: users.map((node) => ({ __typename: 'QueryUsersConnectionEdge', cursor: `c-${node.id}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  };
}

function invalid(field: string, message: string, code = 'INVALID_INPUT') {
  return {
    ...refusalFixture('InvalidInputError'),
    code,
    message: `${field}: ${message}`,
    issues: [{ __typename: 'FieldIssue', field, message }],
  };
}

beforeEach(() => window.localStorage.clear());

// The first render loads the lazy pages; on a busy machine that alone can take seconds.
describe('Your account in Settings', { timeout: 15_000 }, () => {
  it('saves a new name and email, and the account menu follows', async () => {
    const inputs: unknown[] = [];
    const app = renderApp('/settings', {
      SessionRoot_Session: () => sessionFixture({ viewer: ada }),
      SettingsPage_Account: () => ({ viewer: ada }),
      ApiTokens_Tokens: () => ({ apiTokens: [] }),
      ConnectedApps_Apps: () => ({ connectedApps: [] }),
      Webhooks_Webhooks: () => ({ webhooks: [] }),
      ProfileForm_UpdateAccount: (vars) => {
        inputs.push(vars.input);
        return { updateAccount: { ...ada, displayName: 'Ada King', email: 'ada@king.example' } };
      },
    });
    const name = await screen.findByLabelText('Name', {}, { timeout: 5000 });
    await app.user.clear(name);
    await app.user.type(name, 'Ada King');
    const email = screen.getByLabelText('Email');
    await app.user.clear(email);
    await app.user.type(email, 'ada@king.example');
    await app.user.click(within(name.closest('form')!).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(inputs).toEqual([{ displayName: 'Ada King', email: 'ada@king.example' }]);
    await app.user.click(screen.getByRole('button', { name: 'Account' }));
    expect(await screen.findByText('ada@king.example', { selector: '.account-email' })).toBeTruthy();
  });

  it('says beside the field when another account uses the email', async () => {
    const app = renderApp('/settings', {
      SessionRoot_Session: () => sessionFixture({ viewer: ada }),
      SettingsPage_Account: () => ({ viewer: ada }),
      ApiTokens_Tokens: () => ({ apiTokens: [] }),
      ConnectedApps_Apps: () => ({ connectedApps: [] }),
      Webhooks_Webhooks: () => ({ webhooks: [] }),
      ProfileForm_UpdateAccount: () => ({
        updateAccount: invalid('input.email', 'another account already uses this email', 'CONFLICT'),
      }),
    });
    const email = await screen.findByLabelText('Email', {}, { timeout: 5000 });
    await app.user.clear(email);
    await app.user.type(email, 'bob@example.com');
    await app.user.click(within(email.closest('form')!).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Another account already uses this email.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('People in Admin', { timeout: 15_000 }, () => {
  it("changes a person's role, disables the account after confirming, and enables it again", async () => {
    const roles: unknown[] = [];
    const states: unknown[] = [];
    const app = renderApp('/admin', {
      SessionRoot_Session: () => sessionFixture({ viewer: ada }),
      AdminPage_Users: () => usersPage([ada, bob]),
      UserAccess_SetRole: (vars) => {
        const input = vars.input as { role: string };
        roles.push(input);
        return { setUserRole: { __typename: 'Account', id: bob.id, role: input.role } };
      },
      UserAccess_SetDisabled: (vars) => {
        const input = vars.input as { disabled: boolean };
        states.push(input);
        return { setUserDisabled: { __typename: 'Account', id: bob.id, disabled: input.disabled } };
      },
    });
    const role = await screen.findByRole('combobox', { name: 'Role of Bob' }, { timeout: 5000 });
    expect(screen.queryByRole('combobox', { name: 'Role of Ada Lovelace' })).toBeNull();
    await app.user.selectOptions(role, 'Admin');
    await waitFor(() => expect((role as HTMLSelectElement).value).toBe('ADMIN'));
    expect(roles).toEqual([{ userId: bob.id, role: 'ADMIN' }]);

    await app.user.click(screen.getByRole('button', { name: 'Disable' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Disable Bob?' });
    await app.user.click(within(confirm).getByRole('button', { name: 'Disable account' }));
    expect(await screen.findByText('Disabled')).toBeTruthy();
    await app.user.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(screen.queryByText('Disabled')).toBeNull());
    expect(states).toEqual([
      { userId: bob.id, disabled: true },
      { userId: bob.id, disabled: false },
    ]);
  });

  it('shows why the server refused a change', async () => {
    const app = renderApp('/admin', {
      SessionRoot_Session: () => sessionFixture({ viewer: ada }),
      AdminPage_Users: () => usersPage([ada, bob]),
      UserAccess_SetRole: () => ({
        setUserRole: { ...refusalFixture('NotFoundError'), message: 'Account not found' },
      }),
    });
    await app.user.selectOptions(
      await screen.findByRole('combobox', { name: 'Role of Bob' }, { timeout: 5000 }),
      'Admin',
    );
    expect(await screen.findByText('Account not found.')).toBeTruthy();
  });

  it('sets a temporary password for a person', async () => {
    const inputs: unknown[] = [];
    const app = renderApp('/admin', {
      SessionRoot_Session: () => sessionFixture({ viewer: ada }),
      AdminPage_Users: () => usersPage([ada, bob]),
      TemporaryPassword_Set: (vars) => {
        inputs.push(vars.input);
        return { setTemporaryPassword: { __typename: 'Account', id: bob.id, mustChangePassword: true } };
      },
    });
    await app.user.click(
      await screen.findByRole('button', { name: 'Temporary password…' }, { timeout: 5000 }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Temporary password for Bob' });
    await app.user.type(within(dialog).getByLabelText('Temporary password'), 'short');
    await app.user.click(within(dialog).getByRole('button', { name: 'Set temporary password' }));
    expect(within(dialog).getByText('Use at least 10 characters.')).toBeTruthy();
    await app.user.type(within(dialog).getByLabelText('Temporary password'), ' but longer now');
    await app.user.click(within(dialog).getByRole('button', { name: 'Set temporary password' }));
    expect(await within(dialog).findByText(/they must choose their own password/)).toBeTruthy();
    expect(inputs).toEqual([{ userId: bob.id, password: 'short but longer now' }]);
  });
});

describe('A temporary password', { timeout: 15_000 }, () => {
  it('must be replaced before anything else, and then the app opens', async () => {
    let mustChange = true;
    const app = renderApp('/gallery', {
      SessionRoot_Session: () =>
        sessionFixture({ viewer: accountFixture({ role: 'USER', mustChangePassword: mustChange }) }),
      ChangePassword_ChangePassword: () => {
        mustChange = false;
        return { changePassword: { __typename: 'ChangePasswordSuccess', data: true } };
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    await app.user.type(screen.getByLabelText('Current password'), 'temporary passphrase');
    await app.user.type(screen.getByLabelText('New password'), 'my very own passphrase');
    await app.user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('navigation', { name: 'Main' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Choose a new password' })).toBeNull();
  });
});
