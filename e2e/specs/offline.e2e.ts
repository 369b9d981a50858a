import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { generateFromDialog } from '../support/generate-dialog';
import { graphqlAs, signUpPerson, type Person } from '../support/person';

// Installable and offline: the service worker, the kept thumbnails, changes queued offline, and
// what signing out forgets. The cold start and the sign-out need a person of their own (an empty
// gallery, a session to end); the rest use the admin's browser with names of their own. Sign-ups
// are few: the server allows 5 a minute from one address, and the whole suite shares 127.0.0.1.

const serviceWorkerScript = fileURLToPath(new URL('../../apps/web/dist/service-worker.js', import.meta.url));

/** Waits until the service worker is active and controls the page (it does from the first reload). */
async function controlledByServiceWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** Makes `count` small local images and waits until the gallery shows them, thumbnails decoded. */
async function makeImages(page: Page, prompt: string, count: number) {
  await generateFromDialog(page, { prompt, provider: 'local', width: 256, height: 256, steps: 2, count });
  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  const tiles = page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt });
  await expect(tiles).toHaveCount(count, { timeout: 30_000 });
  await expect.poll(() => decodedThumbnails(page, prompt)).toBe(count);
}

function decodedThumbnails(page: Page, prompt: string) {
  return page
    .getByRole('grid', { name: 'Gallery' })
    .getByRole('link', { name: prompt })
    .locator('img')
    .evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length);
}

/**
 * Offline as the page's own requests see it. Chromium applies the emulation a moment after
 * setOffline returns; a change sent in that moment still reached the server (the page then saw it
 * fail), which a loaded machine made long enough to catch a star and a tag.
 */
async function goOffline(page: Page) {
  await page.context().setOffline(true);
  await expect
    .poll(() =>
      page.evaluate(() =>
        fetch('/healthz', { cache: 'no-store' }).then(
          () => 'online',
          () => 'offline',
        ),
      ),
    )
    .toBe('offline');
}

const ImageFacts = `query ($id: ID!) { image(id: $id) { starred tags collections { name } } }`;

test.describe('offline', () => {
  let person: Person | undefined;
  test.afterEach(async () => {
    await person?.context.close();
    person = undefined;
  });

  test('meets the install criteria: a manifest with icons, and a service worker that controls the page', async ({
    page,
  }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = (await (await page.request.get(href!)).json()) as {
      name: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({ name: 'Atelier', display: 'standalone', start_url: '/' });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((each) => each.sizes === size && each.purpose !== 'maskable');
      const response = await page.request.get(icon!.src);
      expect(response.headers()['content-type']).toBe('image/png');
    }
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    await controlledByServiceWorker(page);
    // What Chromium checks before it offers "Install Atelier". Playwright's contexts are incognito,
    // where Chromium never offers it: that one reason aside, nothing may stand in the way.
    const devtools = await page.context().newCDPSession(page);
    const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((error) => error.errorId)).toEqual(['in-incognito']);
  });

  test('a cold start offline opens the gallery seen before, with its thumbnails; unseen pages say so', async ({
    browser,
  }) => {
    person = await signUpPerson(browser, 'Oskar Offline');
    const { context, page } = person;
    await controlledByServiceWorker(page);
    const prompt = 'a lighthouse in fog, offline study';
    await makeImages(page, prompt, 2);

    await context.setOffline(true);
    const cold = await context.newPage();
    await page.close();
    await cold.goto('/gallery');
    await expect(cold.getByRole('status').getByText(/Offline — showing what this device kept/)).toBeVisible();
    await expect(cold.getByRole('grid', { name: 'Gallery' }).getByRole('link')).toHaveCount(2);
    await expect.poll(() => decodedThumbnails(cold, prompt)).toBe(2);

    // Never opened online: a plain word, not a spinner that never ends.
    await cold.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batches' }).click();
    await expect(cold.getByText('Not available offline')).toBeVisible();
    await context.setOffline(false);
  });

  test('a star, a tag and an add-to-collection made offline show at once, survive a reload, and reach the server once online', async ({
    page,
  }) => {
    const context = page.context();
    const stamp = Date.now().toString(36);
    const prompt = `a heron over a canal, train study ${stamp}`;
    const collection = `Seen on the train ${stamp}`;
    const { createCollection } = await graphqlAs<{ createCollection: { id: string } }>(
      { context },
      `mutation ($name: String!) { createCollection(input: { name: $name }) { ... on Collection { id } } }`,
      { name: collection },
    );
    expect(createCollection.id).toBeTruthy();
    await page.goto('/');
    await controlledByServiceWorker(page);
    await makeImages(page, prompt, 1);
    await page.getByRole('grid', { name: 'Gallery' }).getByRole('link', { name: prompt }).click();
    await expect(page).toHaveURL(/\/images\//);
    const imageId = decodeURIComponent(page.url().split('/images/')[1]!);
    // Open the chooser once online, as a person would have, so it is kept for later.
    await page.getByRole('button', { name: 'Add to collection' }).click();
    await expect(page.getByRole('radio', { name: new RegExp(collection) })).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await goOffline(page);
    await page.getByRole('button', { name: `Star ${prompt}` }).click();
    await page.getByLabel('Add tags', { exact: true }).fill('train');
    await page.getByLabel('Add tags', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Add to collection' }).click();
    await page.getByRole('radio', { name: new RegExp(collection) }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText('Added offline: it will be saved when you are back online.')).toBeVisible();

    const shows = async (target: Page) => {
      await expect(target.getByRole('button', { name: `Unstar ${prompt}` })).toBeVisible();
      await expect(target.getByRole('list', { name: 'Tags' }).getByText('train')).toBeVisible();
      await expect(target.getByRole('link', { name: collection })).toBeVisible();
    };
    await shows(page);
    await page.reload();
    await shows(page);

    // Nothing reached the server yet.
    const before = await graphqlAs<{ image: { starred: boolean; tags: string[] } }>({ context }, ImageFacts, {
      id: imageId,
    });
    expect(before.image).toMatchObject({ starred: false, tags: [] });

    await context.setOffline(false);
    await expect
      .poll(
        async () => (await graphqlAs<{ image: unknown }>({ context }, ImageFacts, { id: imageId })).image,
        {
          timeout: 20_000,
        },
      )
      .toEqual({ starred: true, tags: ['train'], collections: [{ name: collection }] });
    await page.reload();
    await shows(page);
  });

  test('generating is refused offline and the draft stays', async ({ page }) => {
    const context = page.context();
    const draft = `a kite over dunes, drafted on a plane ${Date.now().toString(36)}`;
    await page.goto('/');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate' });
    await dialog.getByLabel('Provider', { exact: true }).selectOption('local');
    await context.setOffline(true);
    await dialog.getByLabel('Prompt', { exact: true }).fill(draft);
    const submit = dialog.locator('button[type="submit"]');
    await expect(submit).toHaveText('Offline');
    await expect(submit).toBeDisabled();
    await dialog.getByLabel('Prompt', { exact: true }).press('Control+Enter');
    await expect(dialog.getByRole('alert')).toHaveText(/You are offline: nothing was sent/);

    await context.setOffline(false);
    await expect(submit).toHaveText(/^Generate 1 image/);
    await expect(dialog.getByLabel('Prompt', { exact: true })).toHaveValue(draft);
    const { jobs } = await graphqlAs<{ jobs: { edges: { node: { input: { prompt: string } } }[] } }>(
      { context },
      `{ jobs(first: 100) { edges { node { input { prompt } } } } }`,
    );
    expect(jobs.edges.filter((edge) => edge.node.input.prompt === draft)).toEqual([]);
  });

  test('signing out empties the cache, the kept thumbnails and the queued changes', async ({ browser }) => {
    person = await signUpPerson(browser, 'Sami Signout');
    const { page } = person;
    await controlledByServiceWorker(page);
    const prompt = 'a quiet harbour at dusk, sign-out study';
    await makeImages(page, prompt, 1);
    // What this device holds of the person: kept thumbnails, and IndexedDB records naming the prompt.
    const kept = () =>
      page.evaluate(async (marker) => {
        let images = 0;
        for (const name of (await caches.keys()).filter((each) => each.startsWith('atelier-images-'))) {
          images += (await (await caches.open(name)).keys()).length;
        }
        let mentions = 0;
        for (const { name } of await indexedDB.databases()) {
          if (!name?.startsWith('atelier-graphcache')) continue;
          const values = await new Promise<unknown[]>((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onerror = () => reject(new Error(`IndexedDB ${name}: ${String(open.error)}`));
            open.onsuccess = () => {
              const db = open.result;
              const stores = Array.from({ length: db.objectStoreNames.length }, (_, i) =>
                db.objectStoreNames.item(i)!,
              );
              if (stores.length === 0) return resolve([]);
              const tx = db.transaction(stores, 'readonly');
              const found: unknown[] = [];
              for (const store of stores) {
                tx.objectStore(store).getAll().onsuccess = (event) =>
                  found.push(...(event.target as IDBRequest<unknown[]>).result);
              }
              tx.oncomplete = () => {
                db.close();
                resolve(found);
              };
            };
          });
          mentions += values.filter((value) => JSON.stringify(value).includes(marker)).length;
        }
        return { images, mentions };
      }, prompt);
    await expect.poll(async () => (await kept()).images).toBeGreaterThan(0);
    await expect.poll(async () => (await kept()).mentions).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Account', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect.poll(kept).toEqual({ images: 0, mentions: 0 });
  });

  test('a new build installs in the background and is offered as "reload", not switched in', async ({
    page,
  }) => {
    await page.goto('/');
    await controlledByServiceWorker(page);
    const built = await readFile(serviceWorkerScript);
    // A new deploy: the same script with one byte changed in its last comment (same length, so the
    // file server's cached size still holds), as a rebuild would change it.
    const next = Buffer.from(built);
    const at = next.lastIndexOf('//# sourceMappingURL=');
    expect(at).toBeGreaterThan(0);
    next[at + 2] = '@'.charCodeAt(0);
    try {
      await writeFile(serviceWorkerScript, next);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const notice = page.getByRole('status').filter({ hasText: 'A new version of Atelier is ready.' });
      await expect(notice).toBeVisible({ timeout: 20_000 });
      const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
      await notice.getByRole('button', { name: 'Reload' }).click();
      await page.waitForEvent('load');
      await expect(notice).toHaveCount(0);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(before);
      await expect
        .poll(() => page.evaluate(async () => !(await navigator.serviceWorker.getRegistration())?.waiting))
        .toBe(true);
    } finally {
      await writeFile(serviceWorkerScript, built);
    }
  });
});
