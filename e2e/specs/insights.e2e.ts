import { expect, test } from '@playwright/test';
import { graphqlAs } from '../support/person';

test('Insights shows what two providers made, in its charts and tables', async ({ page }) => {
  const asAdmin = { context: page.context() };
  const stamp = Date.now();
  for (const provider of ['local', 'flux']) {
    const { generateImages } = await graphqlAs<{ generateImages: { id?: string; message?: string } }>(
      asAdmin,
      `mutation($input: GenerateImagesInput!) {
        generateImages(input: $input) { ... on Job { id } ... on Error { message } }
      }`,
      { input: { prompt: `insights ${provider}: a quiet harbour ${stamp}`, provider, count: 1 } },
    );
    expect(generateImages.message).toBeUndefined();
    await expect
      .poll(
        async () =>
          (
            await graphqlAs<{ job: { status: string } }>(
              asAdmin,
              `query($id: ID!) { job(id: $id) { status } }`,
              {
                id: generateImages.id,
              },
            )
          ).job.status,
        { timeout: 45_000 },
      )
      .toBe('SUCCEEDED');
  }

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Volume' })).toBeVisible();

  const speed = page.getByRole('table', { name: 'Speed per provider and model' });
  await expect(speed).toContainText(/Local/i);
  await expect(speed).toContainText(/Flux/i);
  await page.getByRole('button', { name: 'Show as table: Images per day by provider' }).click();
  const perDay = page.getByRole('table', { name: 'Images per day by provider' });
  await expect(perDay).toContainText(/Local/i);
  await expect(perDay).toContainText(/Flux/i);

  // The filters live in the URL: narrowed to one provider, the other leaves the table.
  await page.getByRole('combobox', { name: 'Provider' }).selectOption('local');
  await expect(page).toHaveURL(/provider=local/);
  await expect(speed).not.toContainText(/Flux/i);
});
