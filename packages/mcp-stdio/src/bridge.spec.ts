import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mcpEndpoint, readEnv } from './env';

const BIN = fileURLToPath(new URL('../bin/atelier-mcp.mjs', import.meta.url));
const TOKEN = 'atl_test_token';

/** A stateless remote like Atelier's /mcp: a server per HTTP request, Bearer token required. */
function fakeRemote() {
  const seen = { aborted: 0, meta: [] as unknown[] };
  const http: HttpServer = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return void res.writeHead(401).end('{"error":"invalid_token"}');
    }
    const server = new McpServer({ name: 'atelier', version: '9.9.9' }, { instructions: 'fake remote' });
    server.registerTool(
      'slow',
      {
        description: 'Reports progress until cancelled',
        inputSchema: { steps: z.number() },
        _meta: { ui: { resourceUri: 'ui://x' } },
      },
      async ({ steps }, extra) => {
        seen.meta.push(extra._meta);
        for (let step = 1; step <= steps; step++) {
          if (extra.signal.aborted) break;
          await extra.sendNotification({
            method: 'notifications/progress',
            params: {
              progressToken: extra._meta!.progressToken!,
              progress: step,
              total: steps,
              message: `step ${step}`,
            },
          });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        if (extra.signal.aborted) seen.aborted++;
        return { content: [{ type: 'text', text: extra.signal.aborted ? 'aborted' : 'done' }] };
      },
    );
    server.registerResource(
      'page',
      'ui://fake/page.html',
      { mimeType: 'text/html;profile=mcp-app' },
      (uri) => ({
        contents: [{ uri: uri.href, mimeType: 'text/html;profile=mcp-app', text: '<p>hi</p>' }],
      }),
    );
    server.registerPrompt('hello', { argsSchema: { name: z.string() } }, ({ name }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close().then(() => server.close()));
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  return { http, seen };
}

async function spawnBridge(env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'bridge-spec', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      // eslint-disable-next-line no-process-env -- the child needs to find node
      env: { PATH: process.env.PATH ?? '', ...env },
      stderr: 'ignore',
    }),
  );
  return client;
}

describe('atelier-mcp bridge against a stateless remote', () => {
  const remote = fakeRemote();
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => remote.http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(remote.http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => remote.http.close(() => resolve())));

  it('mirrors the remote: server info, instructions, tools with _meta, resources, prompts', async () => {
    const client = await spawnBridge({ ATELIER_URL: url, ATELIER_TOKEN: TOKEN });
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'atelier', version: '9.9.9' });
      expect(client.getInstructions()).toBe('fake remote');
      const { tools } = await client.listTools();
      expect(tools.map((tool) => [tool.name, tool._meta])).toEqual([
        ['slow', { ui: { resourceUri: 'ui://x' } }],
      ]);
      const read = await client.readResource({ uri: 'ui://fake/page.html' });
      expect(read.contents[0]).toMatchObject({ mimeType: 'text/html;profile=mcp-app', text: '<p>hi</p>' });
      const prompt = await client.getPrompt({ name: 'hello', arguments: { name: 'Ada' } });
      expect(prompt.messages[0]?.content).toEqual({ type: 'text', text: 'Hello Ada' });
      await expect(client.callTool({ name: 'missing', arguments: {} })).resolves.toMatchObject({
        isError: true,
      });
    } finally {
      await client.close();
    }
  });

  it('forwards progress under the caller’s token, and a cancellation ends the remote call', async () => {
    const client = await spawnBridge({ ATELIER_URL: url, ATELIER_TOKEN: TOKEN });
    try {
      const done = await client.callTool({ name: 'slow', arguments: { steps: 3 } }, undefined, {
        onprogress: () => undefined,
      });
      expect(done.content).toEqual([{ type: 'text', text: 'done' }]);

      const controller = new AbortController();
      const progress: { progress: number; message?: string }[] = [];
      const call = client.callTool({ name: 'slow', arguments: { steps: 200 } }, undefined, {
        signal: controller.signal,
        onprogress: (p) => {
          progress.push(p);
          if (progress.length === 2) controller.abort();
        },
      });
      await expect(call).rejects.toThrow();
      expect(progress.map((p) => p.message)).toEqual(['step 1', 'step 2']);
      // The stateless remote hears the cancellation as its call's connection closing.
      await expect.poll(() => remote.seen.aborted, { timeout: 5_000 }).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('turns a refused token into a tool error that says what to change', async () => {
    const client = await spawnBridge({ ATELIER_URL: url, ATELIER_TOKEN: 'wrong' });
    try {
      const result = await client.callTool({ name: 'slow', arguments: { steps: 1 } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('refused ATELIER_TOKEN (401)');
    } finally {
      await client.close();
    }
  });
});

describe('configuration', () => {
  it('reads ATELIER_URL with or without /mcp, and defaults to localhost:4000', () => {
    expect(readEnv({}).url.href).toBe('http://localhost:4000/mcp');
    expect(mcpEndpoint(new URL('https://studio.example/')).href).toBe('https://studio.example/mcp');
    expect(mcpEndpoint(new URL('https://studio.example/atelier/mcp')).href).toBe(
      'https://studio.example/atelier/mcp',
    );
    expect(readEnv({ ATELIER_URL: 'ftp://x' }).problem).toContain('ATELIER_URL must be');
    expect(readEnv({ ATELIER_TOKEN: '  ' }).token).toBeUndefined();
  });
});
