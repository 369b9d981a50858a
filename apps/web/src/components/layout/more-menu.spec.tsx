// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountFixture, sessionFixture } from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';

beforeEach(() => window.localStorage.clear());

describe('the More menu (the phone bottom bar)', () => {
  it('opens from a button that says whether it is open, walks by keyboard, and goes where chosen', async () => {
    const app = renderApp(
      '/gallery',
      { SessionRoot_Session: () => sessionFixture({ viewer: accountFixture({ role: 'ADMIN' }) }) },
      { owner: 'acc-1' },
    );
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const more = within(nav).getByRole('button', { name: 'More' });
    expect(more.getAttribute('aria-haspopup')).toBe('menu');
    expect(more.getAttribute('aria-expanded')).toBe('false');

    await app.user.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu', { name: 'More' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Trash', 'Prompts', 'Presets', 'Insights', 'Settings', 'Admin']);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Trash'));
    await app.user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Prompts');
    await app.user.keyboard('{Escape}');
    expect(screen.queryByRole('menu', { name: 'More' })).toBeNull();
    expect(document.activeElement).toBe(more);

    await app.user.keyboard('{ArrowDown}');
    await app.user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe('Admin');
    await app.user.click(
      within(screen.getByRole('menu', { name: 'More' })).getByRole('menuitem', { name: 'Presets' }),
    );
    await waitFor(() => expect(app.location()).toBe('/presets'));
    expect(screen.queryByRole('menu', { name: 'More' })).toBeNull();
  });

  it('leaves Admin out for someone who is not an admin', async () => {
    const app = renderApp(
      '/gallery',
      { SessionRoot_Session: () => sessionFixture({ viewer: accountFixture({ role: 'USER' }) }) },
      { owner: 'acc-1' },
    );
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await app.user.click(within(nav).getByRole('button', { name: 'More' }));
    const items = within(screen.getByRole('menu', { name: 'More' })).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).not.toContain('Admin');
  });
});
