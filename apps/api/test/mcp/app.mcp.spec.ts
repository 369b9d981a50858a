import { fileURLToPath } from 'node:url';
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolRequest } from '@modelcontextprotocol/sdk/types.js';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GALLERY_APP_URI, galleryAppMeta } from '../../src/mcp/app/gallery-app';
import { createTestStack, type TestStack } from '../support/harness';
import { bearer, connectMcp } from '../support/mcp-client';

describe('the gallery MCP App (ext-apps 1.7.5)', () => {
  let stack: TestStack;
  let client: Client;

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real' });
    const server = await stack.listen();
    const viewer = await stack.newUser();
    const { secret } = await stack.app.services.accounts.createToken(viewer, {
      name: 'app',
      scopes: ['read', 'generate'],
    });
    client = await connectMcp(server.url, bearer(secret));
  });
  afterAll(async () => {
    await client.close();
    await stack.close();
  });

  it('is listed as a ui:// resource with the MCP App mime type', async () => {
    const { resources } = await client.listResources();
    expect(resources).toContainEqual(
      expect.objectContaining({ uri: GALLERY_APP_URI, mimeType: 'text/html;profile=mcp-app' }),
    );
    expect(RESOURCE_MIME_TYPE).toBe('text/html;profile=mcp-app');
  });

  it('reads as one self-contained HTML page with the App client bundled in', async () => {
    const { contents } = await client.readResource({ uri: GALLERY_APP_URI });
    expect(contents).toHaveLength(1);
    const [page] = contents as [
      { uri: string; mimeType: string; text: string; _meta?: Record<string, unknown> },
    ];
    expect(page.uri).toBe(GALLERY_APP_URI);
    expect(page.mimeType).toBe(RESOURCE_MIME_TYPE);
    expect(page._meta).toEqual({ ui: { prefersBorder: true } });
    expect(page.text).toMatch(/^<!doctype html>/);
    expect(page.text).toContain('<script type="module">');
    // Everything inline: the host's sandbox grants no network by default.
    expect(page.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]+\.js/);
    // The ext-apps handshake and the buttons' tools are in the bundle.
    expect(page.text).toContain('ui/initialize');
    for (const tool of ['create_variations', 'enhance_image', 'add_to_collection', 'get_job']) {
      expect(page.text).toContain(tool);
    }
    expect(page.text.length).toBeLessThan(600_000);
  });

  it('names the app in the _meta of generate_images and search_images, in both key formats', async () => {
    expect(galleryAppMeta).toEqual({
      ui: { resourceUri: GALLERY_APP_URI },
      [RESOURCE_URI_META_KEY]: GALLERY_APP_URI,
    });
    const { tools } = await client.listTools();
    const withApp = tools.filter((tool) => ['generate_images', 'search_images'].includes(tool.name));
    for (const tool of withApp) expect(tool._meta, tool.name).toEqual(galleryAppMeta);
    // Tools that make no gallery carry no app.
    expect(tools.find((tool) => tool.name === 'list_providers')?._meta).toBeUndefined();
  });

  it('renders a tool result in a minimal host (ext-apps AppBridge) and its Vary button calls the server', async () => {
    const { contents } = await client.readResource({ uri: GALLERY_APP_URI });
    const appHtml = (contents[0] as { text: string }).text;
    const host = await build({
      stdin: { contents: HOST, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
    });
    const browser = await chromium.launch({
      // eslint-disable-next-line no-process-env -- as e2e/ finds it
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
    try {
      const page = await browser.newPage();
      const called: string[] = [];
      // The host forwards the app's tools/call to the real /mcp, as Claude or ChatGPT would.
      await page.exposeFunction('hostCallTool', async (params: CallToolRequest['params']) => {
        called.push(params.name);
        return client.callTool(params);
      });
      await page.setContent('<!doctype html><body></body>');
      await page.addScriptTag({ content: host.outputFiles[0]!.text });
      await page.evaluate((html) => (window as any).startHost(html), appHtml);

      const input = { prompt: 'a harbour at night', provider: 'local', width: 256, height: 256, steps: 1 };
      const result = await client.callTool({ name: 'generate_images', arguments: input });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      await page.evaluate(([args, toolResult]) => (window as any).sendResult(args, toolResult), [
        input,
        result,
      ] as const);

      const frame = page.frameLocator('iframe');
      await frame.locator('#gallery img').first().waitFor({ timeout: 10_000 });
      expect(await frame.locator('#gallery img').first().getAttribute('src')).toMatch(
        /^data:image\/webp;base64,/,
      );
      expect(await frame.locator('#gallery li').count()).toBe(1);
      expect(await frame.locator('#status').textContent()).toBe('1 image');

      await frame.getByRole('button', { name: 'Vary' }).first().click();
      await frame.locator('#gallery li:nth-child(2) img').waitFor({ timeout: 20_000 });
      expect(called).toContain('create_variations');
    } finally {
      await browser.close();
    }
  });
});

/** A minimal MCP Apps host: the app in a sandboxed iframe, spoken to with ext-apps' own AppBridge. */
const HOST = `
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
let bridge;
window.startHost = async (html) => {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.style.width = '800px';
  iframe.style.height = '600px';
  document.body.append(iframe);
  bridge = new AppBridge(null, { name: 'test-host', version: '1.0.0' }, { serverTools: {} });
  bridge.oncalltool = (params) => window.hostCallTool(params);
  const initialized = new Promise((resolve) => (bridge.oninitialized = resolve));
  // Listening before the page loads: the app says ui/initialize as soon as it runs.
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
  iframe.srcdoc = html;
  await initialized;
};
window.sendResult = async (args, result) => {
  await bridge.sendToolInput({ arguments: args });
  await bridge.sendToolResult(result);
};
`;
