import { expect, test as setup } from '@playwright/test';
import { ADMIN_STATE } from '../support/state';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.test', password: 'a long admin passphrase' };

setup('the first run asks for the first account, which becomes admin', async ({ page }) => {
  await page.goto('/gallery');
  await expect(page).toHaveURL(/\/setup/);
  await expect(page.getByRole('heading', { name: 'Create the first account' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
