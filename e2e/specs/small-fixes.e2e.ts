import { expect, type Page, test } from '@playwright/test';

// The everyday flows fixed in issue 12's "smaller ones": a finished batch leads on (into the gallery
// even without a collection), Delete works the same on the image page as in the gallery (trash at
// once, Undo), the trash takes a selection, and tile buttons stay out of the way until the pointer or
// focus is on the tile.

async function runBatch(page: Page, prompts: string[]): Promise<void> {
  await page.goto('/batches');
  await page.getByRole('link', { name: 'New batch' }).first().click();
  await page.getByRole('tab', { name: 'Prompt list' }).click();
  await page.getByLabel('Prompts', { exact: true }).fill(prompts.join('\n'));
  const parameters = page.getByRole('region', { name: 'Parameters for every item' });
  await parameters.getByLabel('Provider', { exact: true }).selectOption('local');
  await parameters.getByLabel('Width', { exact: true }).fill('256');
  await parameters.getByLabel('Height', { exact: true }).fill('256');
  await parameters.getByLabel('Steps', { exact: true }).fill('2');
  await page.getByRole('button', { name: /^Run batch/ }).click();
  await expect(page).toHaveURL(/\/batches\/[^/]+$/);
  await expect(page.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
    {
      timeout: 90_000,
    },
  );
}

async function findInGallery(page: Page, words: string): Promise<void> {
  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Search prompts' });
  await search.fill(words);
  await search.press('Enter');
}

test('a finished batch goes on: add all to a collection, open it in the gallery, run again', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const collection = `Batch keep ${stamp}`;
  await runBatch(page, [`a copper kettle ${stamp}`, `a brass kettle ${stamp}`]);
  const batchUrl = page.url();

  await page.getByRole('button', { name: 'Add all to a collection' }).click();
  const dialog = page.getByRole('dialog', { name: /Add \d+ images to a collection/ });
  await dialog.getByRole('textbox', { name: 'Or a new collection' }).fill(collection);
  await dialog.getByRole('button', { name: 'Add' }).click();
  const added = page.getByText(new RegExp(`Added \\d+ images to “${collection}”`));
  await expect(added).toBeVisible();
  const addedCount = Number(/Added (\d+)/.exec((await added.textContent()) ?? '')?.[1]);
  expect(addedCount).toBeGreaterThanOrEqual(2);

  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page).not.toHaveURL(batchUrl);
  await expect(page).toHaveURL(/\/batches\/[^/]+$/);
  await expect(page.getByRole('heading', { name: /\(again\)$/ })).toBeVisible();

  await page.goto('/collections');
  await page.getByRole('link', { name: collection }).first().click();
  await expect(page.getByRole('link', { name: new RegExp(`kettle ${stamp}`) })).toHaveCount(addedCount);
});

test('a finished batch without a collection opens in the gallery with exactly its images', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  await runBatch(page, [`a tin whistle ${stamp}`, `a bone whistle ${stamp}`]);
  const batchUrl = page.url();
  const title = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  // Two prompts, one image each.
  const made = 2;
  await expect(page.getByRole('link', { name: /^Open image:/ })).toHaveCount(made);

  // The same prompts again in another batch: the gallery must tell the two apart.
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page).not.toHaveURL(batchUrl);
  await expect(page.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
    { timeout: 90_000 },
  );

  await page.goto(batchUrl);
  await page.getByRole('link', { name: 'Open in gallery' }).click();
  await expect(page).toHaveURL(/\/gallery\?batch=/);
  await expect(page.getByText(`Batch: ${title}`)).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Gallery' });
  await expect(grid.getByRole('link', { name: new RegExp(`whistle ${stamp}$`) })).toHaveCount(made);
  await expect(grid.getByRole('link')).toHaveCount(made);

  // Clearing the chip shows every image again: both batches' whistles.
  await page.getByRole('button', { name: 'Clear the batch filter' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByText(/^Batch:/)).toHaveCount(0);
  await findInGallery(page, stamp);
  await expect(grid.getByRole('link', { name: new RegExp(`whistle ${stamp}$`) })).toHaveCount(2 * made);
});

test('Delete on the image page moves it to the trash at once, and Undo brings it back', async ({ page }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const prompt = `a wooden rowing boat ${stamp}`;
  await runBatch(page, [prompt]);

  await findInGallery(page, stamp);
  const grid = page.getByRole('grid', { name: 'Gallery' });
  await grid.getByRole('link', { name: prompt }).first().click();
  await expect(page.getByRole('heading', { name: prompt })).toBeVisible();
  const count = await grid.getByRole('link', { name: prompt }).count();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  const toast = page.getByText('Moved 1 image to the trash');
  await expect(toast).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();

  await findInGallery(page, stamp);
  await expect(page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt })).toHaveCount(
    Math.max(count, 1),
  );
});

test('the trash restores a selection, and restores everything at once', async ({ page }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  await runBatch(page, [`a paper lantern ${stamp}`, `a silk lantern ${stamp}`]);

  await findInGallery(page, stamp);
  const grid = page.getByRole('grid', { name: 'Gallery' });
  const tiles = grid.getByRole('link', { name: new RegExp(`lantern ${stamp}`) });
  // Two prompts, one image each.
  const made = 2;
  await expect(tiles).toHaveCount(made);

  // Tile buttons show on hover only (this is a pointer device).
  const menu = grid.getByRole('button', { name: /^Actions for/ }).first();
  await page.getByRole('heading', { name: 'Gallery' }).hover();
  await expect(menu).toHaveCSS('opacity', '0');
  await tiles.first().hover();
  await expect(menu).toHaveCSS('opacity', '1');

  const checkboxes = grid.getByRole('checkbox', { name: new RegExp(`lantern ${stamp}`) });
  for (let i = 0; i < made; i++) await checkboxes.nth(i).click();
  await page
    .getByRole('region', { name: 'Selected images' })
    .getByRole('button', { name: 'Move to trash' })
    .click();
  await expect(tiles).toHaveCount(0);

  await page.getByRole('link', { name: 'Trash', exact: true }).click();
  const trashed = page.getByRole('list', { name: 'Trashed images' });
  const boxes = trashed.getByRole('checkbox', { name: new RegExp(`lantern ${stamp}`) });
  await expect(boxes).toHaveCount(made);
  await boxes.nth(0).check();
  const bar = page.getByRole('region', { name: 'Selected images' });
  await expect(bar.getByText('1 image selected')).toBeVisible();
  await bar.getByRole('button', { name: 'Restore' }).click();
  await expect(boxes).toHaveCount(made - 1);

  await page.getByRole('button', { name: 'Restore all' }).click();
  await expect(page.getByText('The trash is empty')).toBeVisible();
  await findInGallery(page, stamp);
  await expect(grid.getByRole('link', { name: new RegExp(`lantern ${stamp}`) })).toHaveCount(made);
});
