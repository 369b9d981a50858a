import { expect, test, type Page } from '@playwright/test';
import { graphqlAs } from '../support/person';

interface MadeImage {
  id: string;
  width: number;
  height: number;
}

/** A picture made by the local provider through the API, in the admin's own library. */
async function makeImage(page: Page, prompt: string, width: number, height: number): Promise<MadeImage> {
  const queued = await graphqlAs<{ generateImages: { id?: string; message?: string } }>(
    { context: page.context() },
    `mutation($input: GenerateImagesInput!) {
      generateImages(input: $input) { ... on Job { id } ... on Error { message } }
    }`,
    { input: { prompt, provider: 'local', count: 1, width, height } },
  );
  const jobId = queued.generateImages.id;
  if (!jobId) throw new Error(`not queued: ${queued.generateImages.message}`);
  return waitForJobImage(page, jobId);
}

async function waitForJobImage(page: Page, jobId: string): Promise<MadeImage> {
  let made: MadeImage | undefined;
  await expect
    .poll(
      async () => {
        const { job } = await graphqlAs<{
          job: { status: string; images: MadeImage[] } | null;
        }>(
          { context: page.context() },
          `query($id: ID!) { job(id: $id) { status images { id width height } } }`,
          { id: jobId },
        );
        made = job?.images[0];
        return job?.status;
      },
      { timeout: 45_000 },
    )
    .toBe('SUCCEEDED');
  return made!;
}

interface ImageFacts {
  width: number;
  height: number;
  operation: string;
  parent: { id: string } | null;
  editOperations: { __typename: string }[] | null;
}

async function imageFacts(page: Page, id: string): Promise<ImageFacts> {
  const { image } = await graphqlAs<{ image: ImageFacts }>(
    { context: page.context() },
    `query($id: ID!) { image(id: $id) {
      width height operation parent { id } editOperations { __typename }
    } }`,
    { id },
  );
  return image;
}

/** Opens the editor and waits until its preview has drawn the picture. */
async function openEditor(page: Page, id: string) {
  await page.goto(`/images/${id}/edit`);
  await expect(page.locator('.editor[data-renderer]')).toBeVisible({ timeout: 20_000 });
}

/** The picture's frame on the stage (the preview canvas fills it). */
async function pictureBox(page: Page) {
  const box = await page.locator('.editor-picture').boundingBox();
  if (!box) throw new Error('no picture on the stage');
  return box;
}

declare global {
  interface Window {
    sentFiles: string[];
  }
}

/** Keeps, base64, every file the page uploads with fetch: what the server is sent, byte for byte. */
async function recordSentFiles(page: Page) {
  await page.addInitScript(() => {
    window.sentFiles = [];
    const send = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      if (init?.body instanceof FormData) {
        const files: Blob[] = [];
        init.body.forEach((value) => {
          if (value instanceof Blob) files.push(value);
        });
        for (const file of files) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          window.sentFiles.push(btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')));
        }
      }
      return send(input, init);
    };
  });
}

const editorTitle = (page: Page) => page.getByRole('heading', { level: 1, name: /^Edit/ });

test.describe('the image editor', () => {
  test('crop, rotate and adjust a portrait image, then save a new image made from it', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const source = await makeImage(page, `editor crop: a tall lighthouse ${Date.now()}`, 640, 960);
    await openEditor(page, source.id);
    await expect(editorTitle(page)).toContainText('640 × 960');
    // The picture keeps its aspect ratio in the viewport (the old mask painter stretched it).
    const fitted = await pictureBox(page);
    expect(fitted.width / fitted.height).toBeCloseTo(640 / 960, 1);

    await page.getByRole('radio', { name: '16:9', exact: true }).click();
    await page.getByRole('button', { name: 'Apply crop' }).click();
    await expect(editorTitle(page)).toContainText('640 × 360');
    await page.getByRole('button', { name: /Rotate right/ }).click();
    await expect(editorTitle(page)).toContainText('360 × 640');

    await page.getByRole('tab', { name: 'Adjust' }).click();
    const exposure = page.getByRole('slider', { name: 'Exposure' });
    await exposure.fill('1');
    await expect(exposure).toHaveValue('1');
    // A double-click resets one slider to where it changes nothing, and the value comes back on redo.
    await exposure.dblclick();
    await expect(exposure).toHaveValue('0');
    await exposure.fill('1');
    await expect(page.getByRole('tab', { name: /^History \(\d+\)/ })).toBeVisible();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(/\/images\/[^/]+$/, { timeout: 45_000 });
    const savedId = new URL(page.url()).pathname.split('/').pop()!;
    expect(savedId).not.toBe(source.id);
    const saved = await imageFacts(page, savedId);
    expect(saved).toMatchObject({ width: 360, height: 640, operation: 'ADJUST', parent: { id: source.id } });
    expect(saved.editOperations?.map((operation) => operation.__typename)).toEqual([
      'CropEdit',
      'RotateEdit',
      'AdjustEdit',
    ]);
    // The source is untouched.
    expect(await imageFacts(page, source.id)).toMatchObject({
      width: 640,
      height: 960,
      editOperations: null,
    });

    // The image view compares the new image with its parent; holding \ shows the parent whole.
    await page.getByRole('button', { name: /Compare/ }).click();
    const handle = page.getByRole('slider', { name: 'Before and after' });
    await expect(handle).toBeVisible();
    await page.keyboard.down('\\');
    await expect(handle).toHaveAttribute('aria-valuenow', '100');
    await page.keyboard.up('\\');
    await expect(handle).not.toHaveAttribute('aria-valuenow', '100');

    // "Edit again" reopens the same list on the original.
    await page.goto(`/images/${savedId}/edit`);
    await page.getByRole('link', { name: /Edit again/ }).click();
    await expect(page).toHaveURL(new RegExp(`/images/${source.id}/edit`));
    await expect(editorTitle(page)).toContainText('360 × 640');
  });

  test('undo and redo walk the whole list from the keyboard, and Reset goes back to the original', async ({
    page,
  }) => {
    const source = await makeImage(page, `editor undo: a red barn ${Date.now()}`, 512, 768);
    await openEditor(page, source.id);
    await page.getByRole('button', { name: /Rotate right/ }).click();
    await expect(editorTitle(page)).toContainText('768 × 512');
    await page.getByRole('button', { name: /Flip horizontally/ }).click();
    await expect(page.getByRole('tab', { name: 'History (2)' })).toBeVisible();

    await page.keyboard.press('ControlOrMeta+z');
    await page.keyboard.press('ControlOrMeta+z');
    await expect(editorTitle(page)).toContainText('512 × 768');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await page.keyboard.press('Shift+ControlOrMeta+z');
    await expect(editorTitle(page)).toContainText('768 × 512');
    await page.keyboard.press('Shift+ControlOrMeta+z');
    await expect(page.getByRole('tab', { name: 'History (2)' })).toBeVisible();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(editorTitle(page)).toContainText('512 × 768');
    await page.keyboard.press('ControlOrMeta+z');
    await expect(editorTitle(page)).toContainText('768 × 512');

    // Compare in the editor: a before/after divider, and \ held shows the original.
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('slider', { name: 'Before and after' })).toBeVisible();
  });

  test('a round brush stroke on a portrait image sends a mask of the image size, and inpaints', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await recordSentFiles(page);
    const source = await makeImage(page, `editor mask: a tall tower ${Date.now()}`, 576, 1024);
    await openEditor(page, source.id);
    await page.getByRole('tab', { name: 'Generative' }).click();
    await page.getByRole('button', { name: 'Inpaint', exact: true }).click();
    await page.getByLabel('Brush size').fill('120');

    const box = await pictureBox(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByText(/Mask: 1 stroke/)).toBeVisible();

    const form = page.getByRole('form', { name: 'Inpaint' });
    await form.getByLabel('Prompt', { exact: true }).fill('a round window');
    const provider = form.getByLabel('Provider', { exact: true });
    if (await provider.isVisible()) await provider.selectOption('local');
    await form.getByRole('button', { name: /^Inpaint/ }).click();
    await expect.poll(() => page.evaluate(() => window.sentFiles.length)).toBeGreaterThan(0);
    const png = Buffer.from(await page.evaluate(() => window.sentFiles[0]!), 'base64');
    // IHDR: width and height are the 4-byte big-endian words at 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([576, 1024]);
    const painted = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
      for (let y = 0; y < bitmap.height; y++) {
        for (let x = 0; x < bitmap.width; x++) {
          if (data[(y * bitmap.width + x) * 4]! < 128) continue;
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
      return {
        width: right - left + 1,
        height: bottom - top + 1,
        centreX: (left + right) / 2,
        centreY: (top + bottom) / 2,
      };
    }, png.toString('base64'));
    // Round, 120 image pixels across, where it was painted: the middle of the picture.
    expect(Math.abs(painted.width - painted.height)).toBeLessThanOrEqual(2);
    expect(painted.width).toBeGreaterThan(100);
    expect(painted.width).toBeLessThan(140);
    expect(Math.abs(painted.centreX - 288)).toBeLessThan(8);
    expect(Math.abs(painted.centreY - 512)).toBeLessThan(8);

    await expect(page.getByRole('link', { name: 'Open the new image' })).toBeVisible({ timeout: 45_000 });
  });

  test('expand the canvas: the new area shows before running, and the new image is larger by the margins', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const source = await makeImage(page, `editor expand: a small boat ${Date.now()}`, 512, 512);
    await openEditor(page, source.id);
    await page.getByRole('tab', { name: 'Generative' }).click();
    await page.getByRole('button', { name: 'Expand', exact: true }).click();
    const form = page.getByRole('form', { name: 'Expand canvas' });
    await form.getByLabel('Provider', { exact: true }).selectOption('local');
    await form.getByRole('button', { name: '+25 % each side' }).click();
    await expect(
      page
        .locator('.editor')
        .getByText(/768 × 768/)
        .first(),
    ).toBeVisible();
    await form.getByRole('button', { name: /^Expand to 768 × 768/ }).click();
    await page.getByRole('link', { name: 'Open the new image' }).click({ timeout: 45_000 });
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await imageFacts(page, id)).toMatchObject({
      width: 768,
      height: 768,
      operation: 'OUTPAINT',
      parent: { id: source.id },
    });
  });

  test('opens from the gallery with e, and keeps the picture whole on a 390 px phone', async ({ page }) => {
    const prompt = `editor phone: a narrow street ${Date.now()}`;
    const source = await makeImage(page, prompt, 512, 896);
    await page.goto('/gallery');
    await page.getByRole('link', { name: prompt }).first().focus();
    await page.keyboard.press('e');
    await expect(page).toHaveURL(new RegExp(`/images/${source.id}/edit$`));

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator('.editor[data-renderer]')).toBeVisible({ timeout: 20_000 });
    const box = await pictureBox(page);
    expect(box.width / box.height).toBeCloseTo(512 / 896, 1);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: /Rotate right/ }).click();
    await expect(page.getByRole('tab', { name: 'History (1)' })).toBeVisible();
    await expect
      .poll(async () => {
        const turned = await pictureBox(page);
        return turned.width / turned.height;
      })
      .toBeCloseTo(896 / 512, 1);
    const turned = await pictureBox(page);
    expect(turned.x + turned.width).toBeLessThanOrEqual(390);
  });
});
