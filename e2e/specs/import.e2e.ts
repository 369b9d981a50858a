import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/** A solid-colour RGB PNG, made here so the test needs no image library. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// An image host on loopback, which the e2e stack allows through ATELIER_URL_FETCH_ALLOW_ADDRESSES.
let host: Server;
let hostUrl: string;
test.beforeAll(async () => {
  const picture = png(320, 200, [40, 160, 90]);
  host = createServer((req, res) => {
    if (req.url === '/meadow.png') res.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => host?.close(resolve));
});

test('upload a PNG with the file chooser, then use it like any image', async ({ page }) => {
  const name = `upload-${Date.now()}`;
  await page.goto('/gallery');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import images' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  await (
    await chooser
  ).setFiles({ name: `${name}.png`, mimeType: 'image/png', buffer: png(640, 480, [200, 60, 40]) });

  await expect(page.getByText(`Imported ${name}.png. It is in your gallery.`)).toBeVisible();
  const tile = page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name });
  await expect(tile).toHaveCount(1);
  await tile.click();
  await expect(page.getByText('640 × 480').first()).toBeVisible();
  for (const action of ['Variations', 'Enhance', 'Restyle']) {
    await page.getByRole('button', { name: action, exact: true }).first().click();
    const form = page.getByRole('dialog', { name: action });
    await expect(form).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
  }
  // Edit opens the editor's page, not a dialog.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page).toHaveURL(/\/images\/[^/]+\/edit$/);
  await expect(page.getByRole('link', { name: 'Close the editor' })).toBeVisible();
});

test('paste an image anywhere in the app', async ({ page }) => {
  await page.goto('/gallery');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeVisible();
  const bytes = [...png(300, 300, [30, 60, 200])];
  await page.evaluate((data) => {
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([new Uint8Array(data)], 'pasted.png', { type: 'image/png' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
  }, bytes);
  await expect(page.getByText('Imported pasted.png. It is in your gallery.')).toBeVisible();
});

test('import from a URL, and be told in words when the address is refused', async ({ page }) => {
  await page.goto('/gallery');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import images' });
  const url = dialog.getByLabel('Or import from a URL');

  await url.fill(`${hostUrl}/missing.png`);
  await dialog.getByRole('button', { name: 'Import from URL' }).click();
  await expect(dialog.getByText(/404/)).toBeVisible();

  await url.fill(`${hostUrl}/meadow.png`);
  await dialog.getByRole('button', { name: 'Import from URL' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`Imported ${hostUrl}/meadow.png. It is in your gallery.`)).toBeVisible();
});
