import { expect, test } from '@playwright/test';

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('Prompts, Presets, Settings and Admin are one "More" away, by touch or keyboard', async ({ page }) => {
    await page.goto('/gallery');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const more = nav.getByRole('button', { name: 'More' });
    await expect(more).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Prompts' })).toBeHidden();
    // Nothing hides sideways: the bar is no wider than the screen.
    const overflow = await nav.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const menu = page.getByRole('menu', { name: 'More' });
    for (const name of ['Prompts', 'Presets', 'Settings', 'Admin']) {
      await expect(menu.getByRole('menuitem', { name })).toBeVisible();
    }
    await menu.getByRole('menuitem', { name: 'Prompts' }).click();
    await expect(page).toHaveURL(/\/prompts$/);
    await expect(menu).toBeHidden();

    await more.focus();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Admin' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin$/);
  });
});

test('the typed prompt survives a reload as a draft, and is gone once generated', async ({ page }) => {
  const prompt = `a draft about a quiet harbour ${Date.now()}`;
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await box.fill(prompt);
  await page.reload();
  await expect(box).toHaveValue(prompt);

  await page.getByLabel('Provider', { exact: true }).selectOption('local');
  await page.getByLabel('Width', { exact: true }).fill('256');
  await page.getByLabel('Height', { exact: true }).fill('256');
  await page.getByRole('button', { name: /^Generate 1 image/ }).click();
  await expect(page.getByRole('article', { name: /^Job/ }).filter({ hasText: prompt }).first()).toBeVisible();
  await page.reload();
  await expect(box).toHaveValue('');
});

test('the prompt box suggests an earlier prompt, taken with the keyboard', async ({ page }) => {
  const earlier = `a windmill in a tulip field ${Date.now()}`;
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await box.fill(earlier);
  await page.getByLabel('Provider', { exact: true }).selectOption('local');
  await page.getByLabel('Width', { exact: true }).fill('256');
  await page.getByLabel('Height', { exact: true }).fill('256');
  await page.getByRole('button', { name: /^Generate 1 image/ }).click();
  await expect(
    page.getByRole('article', { name: /^Job/ }).filter({ hasText: earlier }).first(),
  ).toBeVisible();

  await box.fill('');
  await box.pressSequentially('windmill in a tul');
  const suggestions = page.getByRole('listbox', { name: 'Earlier prompts' });
  await expect(suggestions.getByRole('option', { name: new RegExp(earlier) })).toBeVisible();
  await expect(box).toHaveAttribute('aria-controls', (await suggestions.getAttribute('id'))!);
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(box).toHaveValue(earlier);
  await expect(suggestions).toBeHidden();
});
