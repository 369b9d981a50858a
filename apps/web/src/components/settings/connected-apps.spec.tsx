// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { refusalFixture } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { ToastProvider } from '../ui/toast';
import { ConnectedApps, ConnectedApps_Apps } from './connected-apps';

function app(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ConnectedApp',
    id,
    name: `App ${id}`,
    redirectHost: 'claude.ai',
    scopes: ['read', 'generate'],
    connectedAt: '2026-12-01T10:00:00.000Z',
    lastUsedAt: null,
    ...overrides,
  };
}

function renderWith(fixtures: Record<string, Fixture>) {
  const test = createTestClient(fixtures);
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <ConnectedApps />
      </ToastProvider>
    </UrqlProvider>,
  );
  return { user: userEvent.setup(), test };
}

describe('Connected apps', () => {
  it('lists each assistant with where it lives, what it may do and when it was used', async () => {
    renderWith({
      ConnectedApps_Apps: () => ({
        connectedApps: [
          app('a', { name: 'Claude', lastUsedAt: new Date(Date.now() - 5 * 60_000).toISOString() }),
          app('b', { name: null, redirectHost: 'cursor.example', scopes: ['read'] }),
        ],
      }),
    });
    const items = within(await screen.findByRole('list', { name: 'Connected apps' })).getAllByRole(
      'listitem',
    );
    expect(items[0]!.textContent).toMatch(
      /Claude.*at claude\.ai · read, generate · connected .*last used 5 min ago/,
    );
    expect(items[1]!.textContent).toMatch(/An app at cursor\.example.*read · connected .*never used/);
  });

  it('says so when nothing is connected', async () => {
    renderWith({ ConnectedApps_Apps: () => ({ connectedApps: [] }) });
    expect(await screen.findByText(/No connected apps/)).toBeTruthy();
    expect(screen.getByText(/\/mcp$/)).toBeTruthy();
  });

  it('revokes an app: it leaves the list at once and the person is told its access ended', async () => {
    const revoked: unknown[] = [];
    const { user, test } = renderWith({
      ConnectedApps_Apps: () => ({
        connectedApps: [app('a', { name: 'Claude' }), app('b', { name: 'Cursor' })],
      }),
      ConnectedApps_Revoke: (vars) => {
        revoked.push(vars.id);
        return { revokeConnectedApp: { __typename: 'ConnectedApp', id: vars.id } };
      },
    });
    const list = await screen.findByRole('list', { name: 'Connected apps' });
    const claude = within(list).getAllByRole('listitem')[0]!;
    await user.click(within(claude).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(list.textContent).toMatch(/Cursor/);
    expect(revoked).toEqual(['a']);
    expect(screen.getByRole('status').textContent).toMatch(/“Claude” disconnected/);
    expect(test.client.readQuery(ConnectedApps_Apps, {})?.data?.connectedApps.map((a) => a.id)).toEqual([
      'b',
    ]);
  });

  it('keeps an app it could not revoke, and says why', async () => {
    const { user } = renderWith({
      ConnectedApps_Apps: () => ({ connectedApps: [app('a', { name: 'Claude' })] }),
      ConnectedApps_Revoke: () => ({
        revokeConnectedApp: { ...refusalFixture('NotFoundError'), message: 'Connected app was not found' },
      }),
    });
    const list = await screen.findByRole('list', { name: 'Connected apps' });
    await user.click(within(list).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(screen.getByText(/Could not revoke “Claude”: Connected app was not found/)).toBeTruthy(),
    );
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });
});
