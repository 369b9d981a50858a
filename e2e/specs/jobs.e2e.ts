import { expect, test } from '@playwright/test';
import { generateFromDialog } from '../support/generate-dialog';

test('a job failing on Flux (out of credits) is announced on the Gallery, found on /jobs, filtered and retried', async ({
  page,
}) => {
  const prompt = `a kite over a grey sea ${Date.now()} [bfl:no-credits]`;
  await page.goto('/gallery');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate' });
  await dialog.getByLabel('Prompt', { exact: true }).fill(prompt);
  await dialog.getByLabel('Provider', { exact: true }).selectOption('flux');
  await dialog.getByLabel('Count', { exact: true }).fill('1');
  await dialog.getByRole('button', { name: /^Generate 1 image/ }).click();

  // Still on the Gallery: the failure is told here, with the reason and a way to the job.
  const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('alert').filter({
    hasText: 'out of credits',
  });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText('a kite over a grey sea');
  await expect(page.getByRole('button', { name: /^Jobs \d+ active 1 failed/ })).toBeVisible();
  await expect(page).toHaveURL(/\/gallery/);

  await toast.getByRole('button', { name: 'Open in Jobs' }).click();
  await expect(page).toHaveURL(/\/jobs\?job=/);
  await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
  const cards = page.getByRole('list', { name: 'Jobs' }).getByRole('article', { name: `Job: ${prompt}` });
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('out of credits');
  await expect(page.getByRole('button', { name: /^Jobs \d+ active$/ })).toBeVisible();

  await page.getByLabel('Status').selectOption('FAILED');
  await page.getByLabel('Provider').selectOption('flux');
  await expect(page).toHaveURL(/status=FAILED&provider=flux/);
  await expect(cards).toHaveCount(1);
  await page.getByLabel('Operation').selectOption('EDIT');
  await expect(page.getByRole('heading', { name: 'No jobs match these filters' })).toBeVisible();
  await page.getByLabel('Operation').selectOption('');
  await expect(cards).toHaveCount(1);

  // A reload keeps the filters: they live in the URL.
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('FAILED');
  await expect(cards).toHaveCount(1);

  await cards
    .first()
    .getByRole('button', { name: `Retry job: ${prompt}` })
    .click();
  await expect(page.getByText(`Queued again: “${prompt}”`)).toBeVisible();
  // The new job runs with the same input (the fake account is still out of credits) and fails too.
  await expect(cards).toHaveCount(2, { timeout: 30_000 });
  await expect(cards.nth(0)).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  // Failing while the Jobs page is open, it is already in sight: the badge counts no failure.
  await expect(page.getByRole('button', { name: /^Jobs \d+ active$/ })).toBeVisible();
});

test('cancelling a 4-image job part way keeps the images already finished, in the job and the gallery', async ({
  page,
}) => {
  const prompt = `a lighthouse on a cliff ${Date.now()}`;
  await page.goto('/');
  await generateFromDialog(page, { prompt, provider: 'local', width: 256, height: 256, steps: 8, count: 4 });

  const job = page.getByRole('article', { name: `Job: ${prompt}` }).first();
  // The third picture is under way, so at least the first is finished.
  await expect(job.getByText(/^image [34] of 4/)).toBeVisible({ timeout: 30_000 });
  await job.getByRole('button', { name: 'Cancel' }).click();

  const note = job.getByText(/^Canceled — kept the \d of 4 images already finished\.$/);
  await expect(note).toBeVisible({ timeout: 30_000 });
  const kept = Number((await note.textContent())?.match(/kept the (\d)/)?.[1]);
  expect(kept).toBeGreaterThanOrEqual(1);
  expect(kept).toBeLessThan(4);
  await expect(job.getByRole('list', { name: 'Results' }).getByRole('link')).toHaveCount(kept);

  await page.getByRole('link', { name: 'Gallery' }).click();
  await expect(page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt })).toHaveCount(
    kept,
  );
});
