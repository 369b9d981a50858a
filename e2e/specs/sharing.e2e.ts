import { expect, test } from '@playwright/test';

// A new person, in a browser of their own (not the admin's session).
test.use({ storageState: { cookies: [], origins: [] } });

test('sign up, generate, share a link, open it elsewhere, revoke it', async ({ page, browser }) => {
  const stamp = Date.now();
  const prompt = `a paper boat on a calm lake ${stamp}`;
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { name: 'Sign up' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Sam Sharer');
  await page.getByLabel('Email', { exact: true }).fill(`sam${stamp}@example.test`);
  await page.getByLabel('Password', { exact: true }).fill('sams long passphrase');
  await page.getByRole('button', { name: 'Sign up' }).click();

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate' });
  await dialog.getByLabel('Prompt', { exact: true }).fill(prompt);
  await dialog.getByLabel('Provider', { exact: true }).selectOption('local');
  await dialog.getByLabel('Width', { exact: true }).fill('384');
  await dialog.getByLabel('Height', { exact: true }).fill('256');
  await dialog.getByLabel('Steps', { exact: true }).fill('5');
  await dialog.getByRole('button', { name: /^Generate 1 image/ }).click();

  await page.getByRole('link', { name: 'Gallery' }).click();
  const tile = page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt });
  await expect(tile).toHaveCount(1, { timeout: 30_000 });
  await tile.click();

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Share' });
  await share.getByRole('checkbox', { name: 'Hide prompt and parameters' }).check();
  await share.getByRole('combobox', { name: 'Expires' }).selectOption({ label: '7 days' });
  await share.getByRole('button', { name: 'Create link' }).click();
  await expect(share.getByRole('button', { name: 'Copy link' })).toBeVisible();
  const link = await share.getByRole('textbox', { name: 'Link' }).inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{20,}$/);

  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await stranger.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { name: 'Shared image' })).toBeVisible();
  const picture = visitor.getByRole('img', { name: 'Shared image' });
  await expect(picture).toBeVisible();
  await expect(visitor.getByText(prompt)).toHaveCount(0);

  await share
    .getByRole('list', { name: 'Share links' })
    .getByRole('button', { name: 'Revoke' })
    .first()
    .click();
  await visitor.reload();
  await expect(visitor.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await stranger.close();

  // Signing out ends the session: the studio then asks to sign in again.
  await share.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Account', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/gallery');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fgallery$/);
});
