import type { ImageRecord, Viewer } from '@atelier/domain';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Entry, fromBuffer, type ZipFile } from 'yauzl';
import type { RunningServer } from '../src/server';
import { MAX_SELECTION_IMAGES } from '../src/services/download.service';
import { globalId, newBatch, newImage } from './support/factories';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  server = await stack.listen();
});
afterAll(() => stack?.close());

const day = new Date('2026-12-06T15:30:00Z');

/** An image of `owner` whose file is a real PNG of its own (distinct colour). */
async function storedImage(owner: Viewer, prompt: string, colour = '#2a6'): Promise<ImageRecord> {
  const png = await sharp({ create: { width: 1024, height: 640, channels: 3, background: colour } })
    .png()
    .toBuffer();
  const blobKey = await stack.app.repositories.storage.put(png, 'image/png');
  return newImage(stack.app, owner, { prompt, blobKey, createdAt: day });
}

function get(path: string, viewer: Viewer | null) {
  return fetch(`${server.url}${path}`, { headers: viewer ? { [VIEWER_HEADER]: viewer.id } : {} });
}

/** Every entry of a zip: its name and bytes. */
async function unzip(response: Response): Promise<Map<string, Buffer>> {
  const bytes = Buffer.from(await response.arrayBuffer());
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

describe('single file downloads', () => {
  it('names the file from the prompt, date and seed when asked to download, and stays inline otherwise', async () => {
    const me = await stack.newUser();
    const image = await storedImage(me, 'Lighthouse on a Cliff, at dawn!');

    const inline = await get(`/files/${image.blobKey}`, me);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-disposition')).toBeNull();

    const download = await get(`/files/${image.blobKey}?download=1`, me);
    expect(download.status).toBe(200);
    const name = `lighthouse-on-a-cliff-at-dawn_2026-12-06_seed${image.seed}.png`;
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}"; filename*=UTF-8''${name}`,
    );
    expect((await get(`/files/${image.blobKey}?download=1`, await stack.newUser())).status).toBe(404);
  });

  it('falls back to "image" for a prompt with nothing nameable, and hides the prompt behind a link that hides parameters', async () => {
    const me = await stack.newUser();
    const image = await storedImage(me, '🌊🌊 ~~~', '#134');
    const download = await get(`/files/${image.blobKey}?download=1`, me);
    expect(download.headers.get('content-disposition')).toContain(
      `filename="image_2026-12-06_seed${image.seed}.png"`,
    );

    const secret = await storedImage(me, 'a secret recipe', '#135');
    const link = await stack.app.services.sharing.create(me, {
      imageId: secret.id,
      collectionId: null,
      expiresAt: null,
      hideParams: true,
    });
    const shared = await get(`/files/${secret.blobKey}?share=${link.token}&download=1`, null);
    expect(shared.status).toBe(200);
    expect(shared.headers.get('content-disposition')).toContain('filename="image_2026-12-06.png"');

    const open = await stack.app.services.sharing.create(me, {
      imageId: secret.id,
      collectionId: null,
      expiresAt: null,
      hideParams: false,
    });
    const named = await get(`/files/${secret.blobKey}?share=${open.token}&download=1`, null);
    expect(named.headers.get('content-disposition')).toContain(
      `filename="a-secret-recipe_2026-12-06_seed${secret.seed}.png"`,
    );
  });

  it('offers a full-size WebP copy, made once and kept', async () => {
    const me = await stack.newUser();
    const image = await storedImage(me, 'harbour lights', '#246');

    const first = await get(`/files/${image.blobKey}?format=webp&download=1`, me);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    expect(first.headers.get('content-disposition')).toContain(
      `filename="harbour-lights_2026-12-06_seed${image.seed}.webp"`,
    );
    const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1024, 640]);

    const again = await get(`/files/${image.blobKey}?format=webp`, me);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await get(`/files/${image.blobKey}?format=webp`, await stack.newUser())).status).toBe(404);

    // Purging the original takes its copy with it.
    await stack.app.repositories.storage.delete(image.blobKey);
    expect(await stack.app.repositories.storage.openRendition(image.blobKey, 'webp')).toBeNull();
  });
});

describe('zip downloads', () => {
  it('streams a selection with unique names and a manifest, leaving out images that are not the viewer’s', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const a = await storedImage(me, 'red fox in snow', '#a22');
    const b = await storedImage(me, 'Red fox in snow', '#a23');
    const theirs = await storedImage(stranger, 'not yours', '#a24');

    // Ids as the GraphQL API gives them, or bare.
    const ids = [globalId('Image', a.id), globalId('Image', theirs.id), b.id];
    const response = await get(`/downloads/images.zip?ids=${ids.map(encodeURIComponent).join(',')}`, me);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /filename="atelier_\d{4}-\d{2}-\d{2}_2-images\.zip"/,
    );
    const entries = await unzip(response);
    const aName = `red-fox-in-snow_2026-12-06_seed${a.seed}.png`;
    const bName = `red-fox-in-snow_2026-12-06_seed${b.seed}.png`;
    expect([...entries.keys()]).toEqual(['manifest.json', aName, bName]);
    expect(entries.get(aName)).toEqual(await stack.app.repositories.storage.read(a.blobKey));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.images).toMatchObject([
      { file: aName, prompt: 'red fox in snow', seed: a.seed, provider: 'local', width: 512 },
      { file: bName, prompt: 'Red fox in snow', seed: b.seed },
    ]);

    expect((await get(`/downloads/images.zip?ids=${theirs.id}`, me)).status).toBe(404);
    expect((await get(`/downloads/images.zip?ids=${a.id}`, null)).status).toBe(401);
  });

  it('dedupes names that would collide', async () => {
    const me = await stack.newUser();
    const image = await storedImage(me, 'twin', '#a30');
    const twin = await newImage(stack.app, me, { prompt: 'twin', blobKey: image.blobKey, createdAt: day });
    await stack.app.db.updateTable('image').set({ seed: image.seed }).where('id', '=', twin.id).execute();
    const entries = await unzip(await get(`/downloads/images.zip?ids=${image.id},${twin.id}`, me));
    expect([...entries.keys()]).toEqual([
      'manifest.json',
      `twin_2026-12-06_seed${image.seed}.png`,
      `twin_2026-12-06_seed${image.seed}_2.png`,
    ]);
  });

  it('refuses an empty or too large selection, naming the field', async () => {
    const me = await stack.newUser();
    const tooMany = Array.from(
      { length: MAX_SELECTION_IMAGES + 1 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const big = await get(`/downloads/images.zip?ids=${tooMany.join(',')}`, me);
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fields: [{ field: 'ids' }] } });
    const empty = await get('/downloads/images.zip?ids=', me);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { fields: [{ field: 'ids' }] } });
  });

  it('streams a collection in its order, to its owner and through its share link', async () => {
    const me = await stack.newUser();
    const first = await storedImage(me, 'first light', '#b01');
    const second = await storedImage(me, 'second wind', '#b02');
    const collection = await stack.app.services.collections.create(me, {
      name: 'Sea & Sky',
      description: '',
      filter: null,
    });
    await stack.app.services.collections.addImages(me, collection.id, [first.id, second.id]);

    const response = await get(
      `/downloads/collections/${encodeURIComponent(globalId('Collection', collection.id))}.zip`,
      me,
    );
    expect(response.headers.get('content-disposition')).toMatch(/filename="sea-sky_\d{4}-\d{2}-\d{2}\.zip"/);
    const names = [...(await unzip(response)).keys()];
    expect(names).toEqual([
      'manifest.json',
      `first-light_2026-12-06_seed${first.seed}.png`,
      `second-wind_2026-12-06_seed${second.seed}.png`,
    ]);
    expect((await get(`/downloads/collections/${collection.id}.zip`, await stack.newUser())).status).toBe(
      404,
    );

    const link = await stack.app.services.sharing.create(me, {
      imageId: null,
      collectionId: collection.id,
      expiresAt: null,
      hideParams: true,
    });
    const shared = await unzip(await get(`/downloads/shared/${link.token}.zip`, null));
    expect([...shared.keys()]).toEqual(['manifest.json', 'image_2026-12-06.png', 'image_2026-12-06_2.png']);
    expect(shared.get('manifest.json')!.toString()).not.toContain('first light');
    await stack.app.services.sharing.revoke(me, link.id);
    expect((await get(`/downloads/shared/${link.token}.zip`, null)).status).toBe(404);
  });

  it('streams a batch’s images, and nothing of someone else’s batch', async () => {
    const me = await stack.newUser();
    const images = [await storedImage(me, 'batch one', '#c01'), await storedImage(me, 'batch two', '#c02')];
    const batchId = await newBatch(stack.app, me, images);
    const entries = await unzip(await get(`/downloads/batches/${batchId}.zip`, me));
    expect([...entries.keys()]).toEqual([
      'manifest.json',
      `batch-one_2026-12-06_seed${images[0]!.seed}.png`,
      `batch-two_2026-12-06_seed${images[1]!.seed}.png`,
    ]);
    expect((await get(`/downloads/batches/${batchId}.zip`, await stack.newUser())).status).toBe(404);
  });
});
