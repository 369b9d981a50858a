import { expect, test } from '@playwright/test';

test('generate → live progress → reload re-attaches → gallery → detail', async ({ page }) => {
  const prompt = `a calm sea at sunset with golden light ${Date.now()}`;
  await page.goto('/');

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate' });
  await dialog.getByLabel('Prompt', { exact: true }).fill(prompt);
  await dialog.getByLabel('Provider', { exact: true }).selectOption('local');
  await dialog.getByLabel('Width', { exact: true }).fill('512');
  await dialog.getByLabel('Height', { exact: true }).fill('384');
  await dialog.getByLabel('Steps', { exact: true }).fill('30');
  await dialog.getByLabel('Seed', { exact: true }).fill('1234');
  await dialog.getByLabel('Count', { exact: true }).fill('2');
  await dialog.getByRole('button', { name: /^Generate 2 images/ }).click();

  const job = page.getByRole('article', { name: /^Job/ }).filter({ hasText: prompt }).first();
  await expect(job).toBeVisible();
  const progress = job.getByRole('progressbar');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await expect(job.locator('img[src^="data:image/"]')).toBeVisible();
  const before = Number(await progress.getAttribute('aria-valuenow'));

  await page.reload();
  const reattached = page.getByRole('article', { name: /^Job/ }).filter({ hasText: prompt }).first();
  await expect(reattached.getByRole('progressbar')).toBeVisible();
  await expect
    .poll(async () => Number(await reattached.getByRole('progressbar').getAttribute('aria-valuenow')))
    .toBeGreaterThan(before);

  await page.getByRole('link', { name: 'Gallery' }).click();
  const grid = page.getByRole('grid', { name: 'Gallery' });
  const tiles = grid.getByRole('link', { name: prompt });
  await expect(tiles).toHaveCount(2, { timeout: 30_000 });

  await tiles.first().click();
  await expect(page).toHaveURL(/\/images\//);
  await expect(page.getByRole('heading', { name: prompt })).toBeVisible();
  for (const fact of ['512 × 384', 'local', 'procedural-v1']) {
    await expect(page.getByText(fact, { exact: false }).first()).toBeVisible();
  }
  await expect(page.getByText(/123[45]/).first()).toBeVisible();

  const url = page.url();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: prompt })).toBeVisible();
});
