import { expect, test, type Page } from '@playwright/test';

async function setSignup(page: Page, open: boolean) {
  await page.goto('/admin');
  const toggle = page.getByRole('checkbox', { name: 'Allow sign-up' });
  if ((await toggle.isChecked()) !== open) await toggle.click();
  await expect(toggle).toBeChecked({ checked: open });
}

test('an invite link signs a person up while sign-up is closed; disable, enable, temporary password', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  await setSignup(page, false);
  try {
    const invites = page.getByRole('region', { name: 'Invites' });
    await invites.getByRole('button', { name: 'Create invite link' }).click();
    const link = await invites.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(link).toMatch(/\/sign-up\?invite=[A-Za-z0-9_-]{20,}$/);

    const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const walkIn = await stranger.newPage();
    await walkIn.goto('/sign-up');
    await expect(walkIn.getByText('Sign-up is closed on this server.', { exact: false })).toBeVisible();
    await walkIn.getByRole('link', { name: 'Sign in' }).click();
    await expect(walkIn.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(walkIn.getByRole('link', { name: 'Create an account' })).toHaveCount(0);

    const guest = await stranger.newPage();
    await guest.goto(link);
    await expect(guest.getByText('You were invited: create your account below.')).toBeVisible();
    await guest.getByLabel('Name', { exact: true }).fill('Ivy Invited');
    await guest.getByLabel('Email', { exact: true }).fill(`ivy${stamp}@example.test`);
    await guest.getByLabel('Password', { exact: true }).fill('ivys long passphrase');
    await guest.getByRole('button', { name: 'Sign up' }).click();
    await expect(guest.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await page.reload();
    const role = page.getByRole('combobox', { name: 'Role of Ivy Invited' });
    await expect(role).toHaveValue('USER');
    await page
      .getByRole('row', { name: /Ivy Invited/ })
      .getByRole('button', { name: 'Disable' })
      .click();
    await page
      .getByRole('alertdialog', { name: 'Disable Ivy Invited?' })
      .getByRole('button', { name: 'Disable account' })
      .click();
    await expect(page.getByRole('row', { name: /Ivy Invited/ }).getByText('Disabled')).toBeVisible();

    await guest.reload();
    await expect(guest.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    // Enabled again with a temporary password, which Ivy must replace when she signs in.
    const row = page.getByRole('row', { name: /Ivy Invited/ });
    await row.getByRole('button', { name: 'Enable' }).click();
    await expect(row.getByText('Disabled')).toHaveCount(0);
    await row.getByRole('button', { name: 'Temporary password…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Temporary password for Ivy Invited' });
    await dialog.getByLabel('Temporary password').fill('a temporary passphrase');
    await dialog.getByRole('button', { name: 'Set temporary password' }).click();
    await expect(dialog.getByText(/must choose their own password/)).toBeVisible();

    // The sign-in page may still be settling after the reload (it can render its form anew): retry.
    await expect(async () => {
      await guest.getByLabel('Email', { exact: true }).fill(`ivy${stamp}@example.test`);
      await guest.getByLabel('Password', { exact: true }).fill('a temporary passphrase');
      await guest.getByRole('button', { name: 'Sign in' }).click();
      await expect(guest.getByRole('heading', { name: 'Choose a new password' })).toBeVisible({
        timeout: 5_000,
      });
    }).toPass();
    // The app may still be settling into the new session (it remounts once): type again if so.
    await expect(async () => {
      await guest.getByLabel('Current password').fill('a temporary passphrase');
      await guest.getByLabel('New password').fill('ivys own new passphrase');
      await guest.getByRole('button', { name: 'Change password' }).click();
      await expect(guest.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 10_000 });
    }).toPass();
    await stranger.close();
  } finally {
    await setSignup(page, true);
  }
});
