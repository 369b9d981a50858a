// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountFixture, sessionFixture, refusalFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';
import { parseLimit } from './admin';

const ada = accountFixture();
const bob = accountFixture({
  id: 'acc-2',
  email: 'bob@example.com',
  displayName: 'Bob',
  role: 'USER',
  maxImagesPerDay: 100,
});

function usersPage(users: ReturnType<typeof accountFixture>[]) {
  return {
    users: {
      __typename: 'QueryUsersConnection',
      edges: users.map((node) => ({ __typename: 'QueryUsersConnectionEdge', cursor: `c-${node.id}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  };
}

beforeEach(() => window.localStorage.clear());

describe('Admin', () => {
  it('edits a user’s limits (empty means no limit) and toggles sign-up', async () => {
    const quotaInputs: unknown[] = [];
    const signup: boolean[] = [];
    const app = renderApp(
      '/admin',
      {
        SessionRoot_Session: () => sessionFixture({ viewer: ada, signupEnabled: true }),
        AdminPage_Users: () => usersPage([ada, bob]),
        AdminPage_SetUserQuota: (vars) => {
          const input = vars.input as {
            userId: string;
            maxConcurrentJobs: number | null;
            maxImagesPerDay: number | null;
          };
          quotaInputs.push(input);
          if (input.maxConcurrentJobs === 5000) {
            return {
              setUserQuota: {
                ...refusalFixture('InvalidInputError'),
                code: 'INVALID_INPUT',
                message: 'input.maxConcurrentJobs: too big',
                issues: [
                  { __typename: 'FieldIssue', field: 'input.maxConcurrentJobs', message: 'at most 1000' },
                ],
              },
            };
          }
          return {
            setUserQuota: {
              ...bob,
              maxConcurrentJobs: input.maxConcurrentJobs,
              maxImagesPerDay: input.maxImagesPerDay,
            },
          };
        },
        AdminPage_SetSignupEnabled: (vars) => {
          signup.push(vars.enabled as boolean);
          return { setSignupEnabled: vars.enabled };
        },
      },
      { owner: ada.id },
    );

    expect(await screen.findByRole('heading', { name: 'Admin' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Users' });
    const row = within(table)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('bob@example.com'))!;
    const concurrent = within(row).getByRole<HTMLInputElement>('spinbutton', { name: 'Max concurrent jobs' });
    const daily = within(row).getByRole<HTMLInputElement>('spinbutton', { name: 'Max images per day' });
    expect(concurrent.value).toBe('');
    expect(daily.value).toBe('100');

    await app.user.type(concurrent, '5000');
    await app.user.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(concurrent.getAttribute('aria-invalid')).toBe('true'));
    expect(within(row).getByRole('status').textContent).toBe('At most 1000.');

    await app.user.clear(concurrent);
    await app.user.type(concurrent, '2');
    await app.user.clear(daily);
    await app.user.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(row).getByRole('status').textContent).toBe('Saved.'));
    expect(quotaInputs.at(-1)).toEqual({ userId: 'acc-2', maxConcurrentJobs: 2, maxImagesPerDay: null });
    expect(concurrent.getAttribute('aria-invalid')).toBeNull();

    const toggle = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Allow sign-up' });
    expect(toggle.checked).toBe(true);
    await app.user.click(toggle);
    expect(toggle.checked).toBe(false);
    await waitFor(() => expect(signup).toEqual([false]));
    await waitFor(() => expect(screen.getByText(/Closed: nobody can create an account/)).toBeTruthy());
    expect(toggle.checked).toBe(false);
  });

  it('shows sign-up closed, as setup leaves it, and opens it', async () => {
    const signup: boolean[] = [];
    const app = renderApp(
      '/admin',
      {
        SessionRoot_Session: () => sessionFixture({ viewer: ada, signupEnabled: false }),
        AdminPage_Users: () => usersPage([ada]),
        AdminPage_SetSignupEnabled: (vars) => {
          signup.push(vars.enabled as boolean);
          return { setSignupEnabled: vars.enabled };
        },
      },
      { owner: ada.id },
    );

    const toggle = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Allow sign-up' });
    expect(toggle.checked).toBe(false);
    expect(
      screen.getByText('Closed: nobody can create an account on the sign-up page; invite links still work.'),
    ).toBeTruthy();
    await app.user.click(toggle);
    await waitFor(() => expect(signup).toEqual([true]));
    await waitFor(() =>
      expect(screen.getByText('Anyone who can reach this server can create an account.')).toBeTruthy(),
    );
    expect(toggle.checked).toBe(true);
  });

  it('shows no Admin item and no admin page to someone who is not an admin', async () => {
    renderApp('/admin', { SessionRoot_Session: () => sessionFixture({ viewer: bob }) }, { owner: bob.id });
    expect(await screen.findByText(/Only admins can open this page/)).toBeTruthy();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Admin' }),
    ).toBeNull();
  });

  it('reads a limit: empty is no limit; only whole numbers from 1', () => {
    expect(parseLimit('')).toEqual({ value: null });
    expect(parseLimit(' 12 ')).toEqual({ value: 12 });
    expect(parseLimit('0')).toHaveProperty('error');
    expect(parseLimit('1.5')).toHaveProperty('error');
  });
});
