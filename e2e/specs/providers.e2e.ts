import { expect, type Page, test } from '@playwright/test';

async function openGenerate(page: Page) {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  return page.getByRole('dialog', { name: 'Generate' });
}

async function waitForJob(page: Page, text: string) {
  const job = page.getByRole('article', { name: /^Job/ }).filter({ hasText: text }).first();
  await expect(job).toBeVisible();
  return job;
}

test('generate with Flux (fake BFL API), then Enhance and Variations from the image', async ({ page }) => {
  const prompt = `a red bicycle leaning on a brick wall ${Date.now()}`;
  await page.goto('/');
  const dialog = await openGenerate(page);
  await dialog.getByLabel('Prompt', { exact: true }).fill(prompt);
  await dialog.getByLabel('Provider', { exact: true }).selectOption('flux');
  await dialog.getByLabel('Model', { exact: true }).selectOption('flux-pro-1.1');
  await dialog.getByLabel('Width', { exact: true }).fill('512');
  await dialog.getByLabel('Height', { exact: true }).fill('384');
  await dialog.getByRole('button', { name: /^Generate 1 image/ }).click();

  await waitForJob(page, prompt);
  await page.getByRole('link', { name: 'Gallery' }).click();
  const tile = page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt });
  await expect(tile).toHaveCount(1, { timeout: 30_000 });
  await tile.click();
  await expect(page.getByRole('heading', { name: prompt })).toBeVisible();
  await expect(page.getByText('flux-pro-1.1').first()).toBeVisible();
  const detailUrl = page.url();

  await page.getByRole('button', { name: 'Enhance', exact: true }).click();
  const enhance = page.getByRole('dialog', { name: 'Enhance' });
  await enhance.getByRole('radiogroup', { name: 'Scale' }).getByLabel('2×').check();
  await enhance.getByRole('button', { name: /^Enhance/ }).click();

  await expect(page.getByRole('heading', { name: 'Made from this' })).toBeVisible({ timeout: 60_000 });
  const children = page.getByRole('region', { name: 'Made from this' }).getByRole('link');
  await expect(children).toHaveCount(1, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Variations', exact: true }).click();
  const variations = page.getByRole('dialog', { name: 'Variations' });
  await variations.getByLabel('Count', { exact: true }).fill('2');
  await variations.getByRole('button', { name: /^Create variations/ }).click();
  await expect(children).toHaveCount(3, { timeout: 60_000 });

  await children.first().click();
  await expect(page.getByRole('heading', { name: 'Made from', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: prompt }).first()).toBeVisible();
  expect(page.url()).not.toBe(detailUrl);
});
