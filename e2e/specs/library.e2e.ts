import { expect, test } from '@playwright/test';

// The library flow: a saved prompt, a template with two choices of two options, a 2 × 2 matrix
// batch into a new collection, then one of its images found by text, trashed and restored.
test('save a prompt, build a template, run a 2×2 batch into a collection, find, trash, restore and reuse an image', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const template = `Animals ${stamp}`;
  const collection = `Batch animals ${stamp}`;

  // 1. Save a prompt.
  await page.goto('/');
  await page.getByRole('link', { name: 'Prompts', exact: true }).click();
  await page.getByRole('button', { name: 'New prompt' }).click();
  const saveDialog = page.getByRole('dialog');
  await saveDialog.getByLabel('Title', { exact: true }).fill(`Heron at dawn ${stamp}`);
  await saveDialog.getByLabel('Prompt', { exact: true }).fill('a grey heron standing in the reeds at dawn');
  await saveDialog.getByRole('button', { name: 'Save prompt' }).click();
  await expect(
    page.getByRole('list', { name: 'Saved prompts' }).getByText(`Heron at dawn ${stamp}`),
  ).toBeVisible();

  // 2. A template with two variables, two options each.
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Name', { exact: true }).first().fill(template);
  await page.getByLabel('Template', { exact: true }).fill('a {animal} by the {place} at sunset');
  await page.getByRole('button', { name: 'Declare {animal}' }).click();
  await page.getByRole('button', { name: 'Declare {place}' }).click();
  for (const [name, options] of [
    ['animal', 'otter\nheron'],
    ['place', 'glacier\norchard'],
  ] as const) {
    const variable = page.getByRole('group', { name: `Variable ${name}` });
    await variable.getByLabel('Type', { exact: true }).selectOption('CHOICE');
    await variable.getByLabel('Options', { exact: true }).fill(options);
  }
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page.getByRole('list', { name: 'Your templates' }).getByText(template)).toBeVisible();

  // 3. A 2 × 2 matrix batch into a new collection.
  await page.getByRole('link', { name: 'Batches', exact: true }).click();
  await page.getByRole('link', { name: 'New batch' }).first().click();
  await page.getByRole('tab', { name: 'Template matrix' }).click();
  await page.getByLabel('Template', { exact: true }).selectOption({ label: template });
  for (const option of ['otter', 'heron', 'glacier', 'orchard']) {
    await page.getByRole('checkbox', { name: option, exact: true }).check();
  }
  await expect(page.getByText('2 × 2 = 4 images')).toBeVisible();
  const parameters = page.getByRole('region', { name: 'Parameters for every item' });
  await parameters.getByLabel('Provider', { exact: true }).selectOption('local');
  await parameters.getByLabel('Width', { exact: true }).fill('256');
  await parameters.getByLabel('Height', { exact: true }).fill('256');
  await parameters.getByLabel('Steps', { exact: true }).fill('2');
  await page.getByLabel('Send to collection', { exact: true }).selectOption({ label: 'New collection…' });
  await page.getByLabel('New collection name', { exact: true }).fill(collection);
  await page.getByRole('button', { name: 'Run batch · 4 images' }).click();

  await expect(page).toHaveURL(/\/batches\/[^/]+$/);
  const items = page.getByRole('list', { name: 'Items' });
  await expect(items.getByRole('listitem')).toHaveCount(4);
  const progress = page.getByRole('progressbar', { name: 'Batch progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(page.getByText('All 4 done')).toBeVisible();

  await page.getByRole('link', { name: collection }).click();
  await expect(page.getByRole('heading', { name: collection })).toBeVisible();
  await expect(page.getByRole('link', { name: /by the (glacier|orchard) at sunset/ })).toHaveCount(4);

  // 4. Find one image by text in the gallery.
  const prompt = 'a otter by the glacier at sunset';
  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search prompts' });
  await search.fill('otter glacier');
  await search.press('Enter');
  const grid = page.getByRole('grid', { name: 'Gallery' });
  await expect(grid.getByRole('link', { name: prompt })).toHaveCount(1);
  await expect(grid.getByRole('link', { name: /heron|orchard/ })).toHaveCount(0);

  // 5. Trash it, and restore it from the trash.
  await grid.getByRole('link', { name: prompt }).click();
  await expect(page.getByRole('heading', { name: prompt })).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('Moved 1 image to the trash')).toBeVisible();
  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill('otter glacier');
  await page.getByRole('searchbox', { name: 'Search prompts' }).press('Enter');
  await expect(page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt })).toHaveCount(
    0,
  );

  await page.getByRole('link', { name: 'Trash', exact: true }).click();
  const trashed = page.getByRole('list', { name: 'Trashed images' });
  await trashed.getByRole('button', { name: `Restore ${prompt}` }).click();
  await expect(trashed.getByRole('button', { name: `Restore ${prompt}` })).toHaveCount(0);

  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill('otter glacier');
  await page.getByRole('searchbox', { name: 'Search prompts' }).press('Enter');
  await expect(page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt })).toHaveCount(
    1,
  );
  // 6. "Use all parameters" fills the Generate dialog with everything the image was made with.
  await page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt }).click();
  await page.getByRole('button', { name: 'Use all parameters of this image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate' });
  await expect(dialog.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(dialog.getByLabel('Provider', { exact: true })).toHaveValue('local');
  await expect(dialog.getByLabel('Width', { exact: true })).toHaveValue('256');
  await expect(dialog.getByLabel('Steps', { exact: true })).toHaveValue('2');
  await expect(dialog.getByLabel('Seed', { exact: true })).not.toHaveValue('');
});
