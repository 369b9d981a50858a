import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 1000, height: 700 } });

test('the image view shows the original at 100 %, pans by dragging, fits again, and offers a WebP copy', async ({
  page,
}) => {
  const prompt = `zoom check: a lighthouse on a cliff ${Date.now()}`;
  await page.goto('/');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate' });
  await dialog.getByLabel('Prompt', { exact: true }).fill(prompt);
  await dialog.getByLabel('Provider', { exact: true }).selectOption('local');
  await dialog.getByLabel('Width', { exact: true }).fill('1024');
  await dialog.getByLabel('Height', { exact: true }).fill('1536');
  await dialog.getByRole('button', { name: /^Generate/ }).click();
  const job = page.getByRole('article', { name: /^Job/ }).filter({ hasText: prompt }).first();
  await expect(job.getByText('done')).toBeVisible({ timeout: 30_000 });

  await page.goto('/gallery');
  // A tall image still gets a square tile, not one that spills into the next row.
  const tile = page.getByRole('link', { name: prompt }).first();
  const square = (await tile.boundingBox())!;
  expect(Math.abs(square.height - square.width)).toBeLessThan(2);
  await tile.click();
  const image = page.getByRole('main').getByRole('img', { name: prompt });
  await expect(image).toBeVisible();
  // Besides the original, a WebP copy of the same size to download (not a small rendition).
  const webp = page.getByRole('link', { name: /^WebP \(1024×1536\)/ });
  await expect(webp).toHaveAttribute('href', /[?&]format=webp/);
  await expect(webp).toHaveAttribute('download', '');

  const fitted = await image.evaluate((element) => element.getBoundingClientRect().width);
  expect(fitted).toBeLessThan(1024);

  await page.getByRole('button', { name: /^Actual size/ }).click();
  await expect.poll(() => image.evaluate((element) => element.getBoundingClientRect().width)).toBe(1024);
  const stage = image.locator('..');
  const before = await stage.evaluate((element) => element.scrollLeft);
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => stage.evaluate((element) => element.scrollLeft)).toBeGreaterThan(before);
  await expect(page.getByRole('button', { name: /^Fit to the view/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await page.keyboard.press('z');
  await expect
    .poll(() => image.evaluate((element) => element.getBoundingClientRect().width))
    .toBeLessThan(1024);
});
