import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone the gallery filters fold behind one button, which counts the ones in use', async ({
  page,
}) => {
  await page.goto('/gallery');
  const filters = page.getByRole('search', { name: 'Search and filter images' });
  await expect(filters.getByRole('searchbox')).toBeVisible();
  // Found even while folded away, so that "hidden" means hidden, not missing.
  const provider = filters.getByRole('combobox', { name: 'Provider', includeHidden: true });
  await expect(provider).toBeHidden();

  const toggle = filters.getByRole('button', { name: 'Filters', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(provider).toBeVisible();
  await provider.selectOption('local');
  // The box follows the URL, which changes a moment after the click: wait for it, not at once.
  const starred = filters.getByLabel('Starred only');
  await starred.click();
  await expect(starred).toBeChecked();

  const counted = filters.getByRole('button', { name: 'Filters (2)' });
  await expect(counted).toHaveAttribute('aria-expanded', 'true');
  await counted.click();
  await expect(provider).toBeHidden();
  await expect(page).toHaveURL(/provider=local/);
});
