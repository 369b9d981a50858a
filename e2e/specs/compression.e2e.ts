import { expect, test } from '@playwright/test';

test('the studio arrives brotli-compressed: the page, every script and stylesheet, and large GraphQL answers', async ({
  page,
}) => {
  const assets: { url: string; encoding: string | undefined }[] = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname === '/' || /\.(js|css)$/.test(url.pathname)) {
      assets.push({ url: url.pathname, encoding: (await response.allHeaders())['content-encoding'] });
    }
  });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect.poll(() => assets.filter((asset) => asset.url.endsWith('.js')).length).toBeGreaterThan(2);
  expect(assets.filter((asset) => asset.encoding !== 'br')).toEqual([]);

  // An answer well over 1 KB, asked for as Chromium asks.
  const answer = await page.request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-atelier-csrf': '1', 'accept-encoding': 'br' },
    data: { query: '{ __schema { types { name description } } }' },
  });
  expect(answer.headers()['content-encoding']).toBe('br');
  expect((await answer.json()).data.__schema.types.length).toBeGreaterThan(50);
});
