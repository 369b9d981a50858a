import type { Page } from '@playwright/test';

export interface DialogFields {
  prompt: string;
  provider: string;
  width?: number;
  height?: number;
  steps?: number;
  seed?: number;
  count: number;
}

/** Opens Generate from the header, fills what is given, and submits. */
export async function generateFromDialog(page: Page, fields: DialogFields): Promise<void> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate' });
  await dialog.getByLabel('Prompt', { exact: true }).fill(fields.prompt);
  await dialog.getByLabel('Provider', { exact: true }).selectOption(fields.provider);
  const numbers = [
    ['Width', fields.width],
    ['Height', fields.height],
    ['Steps', fields.steps],
    ['Seed', fields.seed],
    ['Count', fields.count],
  ] as const;
  for (const [label, value] of numbers) {
    if (value !== undefined) await dialog.getByLabel(label, { exact: true }).fill(String(value));
  }
  const images = fields.count === 1 ? '1 image' : `${fields.count} images`;
  await dialog.getByRole('button', { name: new RegExp(`^Generate ${images}`) }).click();
}
