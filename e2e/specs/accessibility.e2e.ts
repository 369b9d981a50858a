import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Every screen, in both themes, empty and with work in it: axe must find nothing serious or critical
// (contrast, names, roles, focus…).

const pages = [
  '/',
  '/gallery',
  '/collections',
  '/trash',
  '/batches',
  '/jobs',
  '/prompts',
  '/presets',
  '/settings',
  '/admin',
];

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      where: violation.nodes.slice(0, 3).map((node) => node.html),
    }));
}

for (const theme of ['dark', 'light'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((chosen) => window.localStorage.setItem('atelier.theme', chosen), theme);
    });

    for (const path of pages) {
      test(`axe finds nothing serious on ${path}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole('main')).toBeVisible();
        await page.waitForLoadState('networkidle');
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test('axe finds nothing serious in the Generate dialog, on a finished job, and in the image view', async ({
      page,
    }) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Generate' });
      await dialog.getByLabel('Prompt', { exact: true }).fill(`a paper boat on a pond, ${theme} check`);
      await dialog.getByLabel('Provider', { exact: true }).selectOption('local');
      await dialog.getByLabel('Width', { exact: true }).fill('256');
      await dialog.getByLabel('Height', { exact: true }).fill('256');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: /^Generate/ }).click();

      const job = page
        .getByRole('article', { name: /^Job/ })
        .filter({ hasText: `${theme} check` })
        .first();
      await expect(job.getByText('done')).toBeVisible({ timeout: 30_000 });
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/gallery');
      await page
        .getByRole('img', { name: new RegExp(`${theme} check`) })
        .first()
        .click();
      await expect(page.getByRole('button', { name: 'Variations' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
