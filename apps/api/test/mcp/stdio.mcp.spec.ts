import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/harness';
import { bearer, connectMcp } from '../support/mcp-client';
import { buildServer, type RunningServer } from '../../src/server';

const BIN = fileURLToPath(new URL('../../../../packages/mcp-stdio/bin/atelier-mcp.mjs', import.meta.url));

interface Bridge {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

/** `atelier-mcp` spawned as Claude Desktop or Cursor would, with only ATELIER_URL and ATELIER_TOKEN. */
async function spawnBridge(env: Record<string, string>): Promise<Bridge> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: { PATH: process.env.PATH ?? '', ...env }, // eslint-disable-line no-process-env -- the child needs to find node
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

describe('atelier-mcp: the local stdio server bridged to /mcp', () => {
  let stack: TestStack;
  let server: RunningServer;
  let secret: string;

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real', localStepMs: 40 });
    server = await stack.listen();
    const viewer = await stack.newUser();
    ({ secret } = await stack.app.services.accounts.createToken(viewer, {
      name: 'desktop',
      scopes: ['read', 'generate'],
    }));
  });
  afterAll(() => stack.close());

  it('lists exactly what /mcp lists (tools with _meta, resources, templates, prompts) and calls list_providers', async () => {
    const bridge = await spawnBridge({ ATELIER_URL: server.url, ATELIER_TOKEN: secret });
    const direct = await connectMcp(server.url, bearer(secret));
    try {
      expect(bridge.client.getServerVersion()?.name).toBe('atelier');
      expect(bridge.client.getInstructions()).toBe(direct.getInstructions());
      expect(await bridge.client.listTools()).toEqual(await direct.listTools());
      expect(await bridge.client.listResources()).toEqual(await direct.listResources());
      expect(await bridge.client.listResourceTemplates()).toEqual(await direct.listResourceTemplates());
      expect(await bridge.client.listPrompts()).toEqual(await direct.listPrompts());

      const result = await bridge.client.callTool({ name: 'list_providers', arguments: {} });
      expect(result.isError).toBeFalsy();
      const structured = result.structuredContent as { providers: { id: string }[] };
      expect(structured.providers.map((p) => p.id)).toContain('local');
      expect(bridge.stderr()).toContain('serving on stdio, bridged to');
    } finally {
      await direct.close();
      await bridge.close();
    }
  });

  it('reads a resource through the bridge as /mcp serves it', async (ctx) => {
    const bridge = await spawnBridge({ ATELIER_URL: server.url, ATELIER_TOKEN: secret });
    try {
      const { resources } = await bridge.client.listResources();
      if (resources.length === 0) ctx.skip();
      const read = await bridge.client.readResource({ uri: resources[0]!.uri });
      expect(read.contents[0]?.uri).toBe(resources[0]!.uri);
    } finally {
      await bridge.close();
    }
  });

  it('forwards generate_images progress under the caller’s own progress token and returns the images', async (ctx) => {
    const bridge = await spawnBridge({ ATELIER_URL: server.url, ATELIER_TOKEN: secret });
    try {
      const { tools } = await bridge.client.listTools();
      if (!tools.some((tool) => tool.name === 'generate_images')) ctx.skip();
      const progress: { progress: number; total?: number }[] = [];
      const result = await bridge.client.callTool(
        {
          name: 'generate_images',
          arguments: { prompt: 'a lighthouse at dusk', provider: 'local', count: 1 },
        },
        undefined,
        { onprogress: (p) => progress.push(p), timeout: 60_000 },
      );
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(progress.length).toBeGreaterThan(0);
      // Progress only ever grows, as the spec asks.
      expect(progress.map((p) => p.progress)).toEqual(
        [...progress.map((p) => p.progress)].sort((a, b) => a - b),
      );
      const content = result.content as { type: string; mimeType?: string }[];
      expect(content.some((block) => block.type === 'image')).toBe(true);
      expect(content.some((block) => block.type === 'resource_link')).toBe(true);
    } finally {
      await bridge.close();
    }
  });

  it('cancels the job when the caller cancels generate_images', async (ctx) => {
    const bridge = await spawnBridge({ ATELIER_URL: server.url, ATELIER_TOKEN: secret });
    try {
      const { tools } = await bridge.client.listTools();
      if (!tools.some((tool) => tool.name === 'generate_images')) ctx.skip();
      const controller = new AbortController();
      const call = bridge.client.callTool(
        { name: 'generate_images', arguments: { prompt: 'a slow storm', provider: 'local', steps: 50 } },
        undefined,
        { signal: controller.signal, onprogress: () => controller.abort() },
      );
      await expect(call).rejects.toThrow();
      await expect
        .poll(
          async () => {
            const job = await stack.app.db
              .selectFrom('job')
              .select('status')
              .where('input', '@>', JSON.stringify({ prompt: 'a slow storm' }) as never)
              .executeTakeFirst();
            return job?.status;
          },
          { timeout: 10_000 },
        )
        .toBe('CANCELED');
    } finally {
      await bridge.close();
    }
  });

  it('answers a missing token with a clean tool error and a line on stderr, and keeps running', async () => {
    const bridge = await spawnBridge({ ATELIER_URL: server.url });
    try {
      const result = await bridge.client.callTool({ name: 'list_providers', arguments: {} });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('ATELIER_TOKEN is not set');
      await expect(bridge.client.listTools()).rejects.toThrow(/ATELIER_TOKEN is not set/);
      expect(bridge.stderr()).toContain('ATELIER_TOKEN is not set');
      await bridge.client.ping();
    } finally {
      await bridge.close();
    }
  });

  it('answers an unreachable Atelier and a refused token with what to change', async () => {
    const port = await freePort();
    const down = await spawnBridge({ ATELIER_URL: `http://127.0.0.1:${port}`, ATELIER_TOKEN: secret });
    const refused = await spawnBridge({ ATELIER_URL: server.url, ATELIER_TOKEN: 'atl_not_a_real_token' });
    try {
      const unreachable = await down.client.callTool({ name: 'list_providers', arguments: {} });
      expect(unreachable.isError).toBe(true);
      expect(JSON.stringify(unreachable.content)).toContain(
        `Cannot reach Atelier at http://127.0.0.1:${port} (ECONNREFUSED)`,
      );
      expect(down.stderr()).toContain('Cannot reach Atelier');

      const unauthorized = await refused.client.callTool({ name: 'list_providers', arguments: {} });
      expect(unauthorized.isError).toBe(true);
      expect(JSON.stringify(unauthorized.content)).toContain('refused ATELIER_TOKEN (401)');
    } finally {
      await down.close();
      await refused.close();
    }
  });

  it('started before Atelier, connects on the first request after Atelier is up (no restart needed)', async () => {
    const port = await freePort();
    const bridge = await spawnBridge({ ATELIER_URL: `http://127.0.0.1:${port}`, ATELIER_TOKEN: secret });
    try {
      const first = await bridge.client.callTool({ name: 'list_providers', arguments: {} });
      expect(first.isError).toBe(true);
      const late = await buildServer(stack.app, {}).listen(port, '127.0.0.1');
      try {
        const second = await bridge.client.callTool({ name: 'list_providers', arguments: {} });
        expect(second.isError).toBeFalsy();
      } finally {
        await late.stop();
      }
    } finally {
      await bridge.close();
    }
  });
});

/** A loopback port nothing listens on (for now). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
