import { expect, test } from '@playwright/test';

// Two tabs of the same person: what one makes in the library arrives in the other without a reload.
test('a collection and a saved prompt made in one tab appear in another', async ({ context }) => {
  const stamp = Date.now().toString(36);
  const maker = await context.newPage();
  const watcher = await context.newPage();

  await watcher.goto('/collections');
  await expect(watcher.getByRole('heading', { name: 'Collections', level: 1 })).toBeVisible();
  await maker.goto('/collections');
  await maker.getByRole('button', { name: 'New collection' }).click();
  const dialog = maker.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(`Tidal pools ${stamp}`);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();

  await expect(
    watcher.getByRole('list', { name: 'Collections' }).getByText(`Tidal pools ${stamp}`),
  ).toBeVisible();

  await watcher.goto('/prompts');
  await expect(watcher.getByRole('tab', { name: 'Library' })).toBeVisible();
  await maker.goto('/prompts');
  await maker.getByRole('button', { name: 'New prompt' }).click();
  const saveDialog = maker.getByRole('dialog');
  await saveDialog.getByLabel('Title', { exact: true }).fill(`Kelp forest ${stamp}`);
  await saveDialog.getByLabel('Prompt', { exact: true }).fill('sunlight through a kelp forest, underwater');
  await saveDialog.getByRole('button', { name: 'Save prompt' }).click();

  await expect(
    watcher.getByRole('list', { name: 'Saved prompts' }).getByText(`Kelp forest ${stamp}`),
  ).toBeVisible();
});
