import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { generateFromDialog } from '../support/generate-dialog';
import { type Entry, fromBuffer, type ZipFile } from 'yauzl';

/** The names and bytes of every entry of a zip. */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

test('download one image by its prompt’s name, then two selected images as a zip with a manifest', async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const prompt = `Lighthouse on a cliff ${stamp}`;
  const slug = `lighthouse-on-a-cliff-${stamp}`;
  await page.goto('/');
  await generateFromDialog(page, { prompt, provider: 'local', width: 256, height: 256, steps: 2, count: 2 });

  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Gallery' });
  const tiles = grid.getByRole('link', { name: prompt });
  await expect(tiles).toHaveCount(2, { timeout: 60_000 });

  await tiles.first().click();
  const [original] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download original' }).click(),
  ]);
  expect(original.suggestedFilename()).toMatch(new RegExp(`^${slug}_\\d{4}-\\d{2}-\\d{2}_seed\\d+\\.png$`));
  const [webp] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'WebP (256×256)' }).click(),
  ]);
  expect(webp.suggestedFilename()).toMatch(new RegExp(`^${slug}_\\d{4}-\\d{2}-\\d{2}_seed\\d+\\.webp$`));
  await page.goBack();

  // By address, not by place: two images of one job share their time, and the list read again on
  // return may order them otherwise than the one kept from live events.
  const hrefs = await tiles.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  const bar = page.getByRole('region', { name: 'Selected images' });
  for (const [index, href] of hrefs.entries()) {
    await grid.locator(`a[href="${href}"]`).click({ modifiers: ['Control'] });
    await expect(bar.getByText(`${index + 1} image${index === 0 ? '' : 's'} selected`)).toBeVisible();
  }
  const [zipped] = await Promise.all([
    page.waitForEvent('download'),
    bar.getByRole('link', { name: 'Download zip' }).click(),
  ]);
  expect(zipped.suggestedFilename()).toMatch(/^atelier_\d{4}-\d{2}-\d{2}_2-images\.zip$/);
  const entries = await unzip(await readFile(await zipped.path()));
  const names = [...entries.keys()];
  expect(names).toHaveLength(3);
  expect(names[0]).toBe('manifest.json');
  for (const name of names.slice(1)) {
    expect(name).toMatch(new RegExp(`^${slug}_\\d{4}-\\d{2}-\\d{2}_seed\\d+\\.png$`));
    expect(entries.get(name)!.subarray(1, 4).toString()).toBe('PNG');
  }
  const manifest = JSON.parse(entries.get('manifest.json')!.toString());
  expect(manifest.images.map((image: { file: string }) => image.file)).toEqual(names.slice(1));
  expect(manifest.images.map((image: { prompt: string }) => image.prompt)).toEqual([prompt, prompt]);
  expect(manifest.images[0]).toMatchObject({ provider: 'local', width: 256, height: 256 });
});
