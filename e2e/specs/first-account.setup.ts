import { expect, test as setup } from '@playwright/test';
import { ADMIN_STATE } from '../support/state';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.test', password: 'a long admin passphrase' };

setup(
  'the first run asks for the first account, which becomes admin; sign-up stays closed until the admin opens it',
  async ({ page, browser }) => {
    await page.goto('/gallery');
    await expect(page).toHaveURL(/\/setup/);
    await expect(page.getByRole('heading', { name: 'Create the first account' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeVisible();
    await page.context().storageState({ path: ADMIN_STATE });

    const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const walkIn = await stranger.newPage();
    await walkIn.goto('/sign-up');
    await expect(walkIn.getByText('Sign-up is closed on this server.', { exact: false })).toBeVisible();

    // The other specs sign people up: the admin opens sign-up, as a person would.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    const toggle = page.getByRole('checkbox', { name: 'Allow sign-up' });
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(page.getByText('Anyone who can reach this server can create an account.')).toBeVisible();

    await walkIn.reload();
    await expect(walkIn.getByRole('button', { name: 'Sign up' })).toBeVisible();
    await stranger.close();
  },
);
