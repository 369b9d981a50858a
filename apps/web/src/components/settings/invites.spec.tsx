// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountFixture, sessionFixture } from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';

const ada = accountFixture();

function usersPage() {
  return {
    users: {
      __typename: 'QueryUsersConnection',
      edges: [{ __typename: 'QueryUsersConnectionEdge', cursor: 'c-1', node: ada }],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  };
}

function inviteFixture(id: string, role = 'USER') {
  return {
    __typename: 'Invite',
    id,
    role,
    createdAt: '2026-12-07T00:00:00.000Z',
    expiresAt: '2026-12-14T00:00:00.000Z',
  };
}

beforeEach(() => window.localStorage.clear());

// The first render loads the lazy pages; on a busy machine that alone can take seconds.
describe('Invites', { timeout: 15_000 }, () => {
  it('creates a one-time link for the chosen role and expiry, lists it, and revokes it', async () => {
    let open: ReturnType<typeof inviteFixture>[] = [];
    const created: unknown[] = [];
    const app = renderApp('/admin', {
      SessionRoot_Session: () => sessionFixture({ viewer: ada, signupEnabled: false }),
      AdminPage_Users: () => usersPage(),
      Invites_List: () => ({ invites: open }),
      Invites_Create: (vars) => {
        created.push(vars.input);
        open = [inviteFixture('inv-1', 'ADMIN')];
        return {
          createInvite: {
            __typename: 'CreatedInvite',
            token: 'secret-token',
            invite: inviteFixture('inv-1', 'ADMIN'),
          },
        };
      },
      Invites_Revoke: () => {
        open = [];
        return { revokeInvite: { __typename: 'Invite', id: 'inv-1' } };
      },
    });
    const section = within(
      (await screen.findByRole('heading', { name: 'Invites' }, { timeout: 5000 })).parentElement!,
    );
    await app.user.selectOptions(section.getByLabelText('Role'), 'Admin');
    await app.user.selectOptions(section.getByLabelText('Expires after'), '30 days');
    await app.user.click(section.getByRole('button', { name: 'Create invite link' }));

    const link = await section.findByRole('textbox', { name: 'Invite link' });
    expect((link as HTMLInputElement).value).toBe(`${window.location.origin}/sign-up?invite=secret-token`);
    expect(created).toEqual([{ role: 'ADMIN', expiresInDays: 30 }]);
    const list = await section.findByRole('list', { name: 'Open invites' });
    expect(list.textContent).toContain('Admin · expires');
    await app.user.click(within(list).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(section.queryByRole('list', { name: 'Open invites' })).toBeNull());
  });

  it('shows the sign-up form to someone with an invite link while sign-up is closed, and sends the invite', async () => {
    const inputs: unknown[] = [];
    const app = renderApp('/sign-up?invite=secret-token', {
      SessionRoot_Session: () => sessionFixture({ viewer: null, signupEnabled: false }),
      SignUpPage_SignUp: (vars) => {
        inputs.push(vars.input);
        return { signUp: { ...accountFixture({ id: 'acc-9', role: 'USER' }) } };
      },
    });
    expect(
      await screen.findByText('You were invited: create your account below.', {}, { timeout: 5000 }),
    ).toBeTruthy();
    await app.user.type(screen.getByLabelText('Name'), 'Grace');
    await app.user.type(screen.getByLabelText('Email'), 'grace@example.com');
    await app.user.type(screen.getByLabelText('Password'), 'a long invited passphrase');
    await app.user.click(screen.getByRole('button', { name: 'Sign up' }));
    await expect
      .poll(() => inputs)
      .toEqual([
        {
          displayName: 'Grace',
          email: 'grace@example.com',
          password: 'a long invited passphrase',
          invite: 'secret-token',
        },
      ]);
  });
});
