import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/harness';
import type { RunningServer } from '../../src/server';

const run = promisify(execFile);
const BRIDGE = fileURLToPath(new URL('../../../../packages/mcp-stdio/bin/atelier-mcp.mjs', import.meta.url));
const INSPECTOR = fileURLToPath(
  new URL(
    '../../node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js',
    import.meta.url,
  ),
);

/** The official MCP Inspector, CLI mode: an independent client, as CI runs it. */
describe('the MCP Inspector CLI against /mcp', () => {
  let stack: TestStack;
  let server: RunningServer;
  let secret: string;
  let home: string;

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real', worker: false });
    server = await stack.listen();
    const viewer = await stack.newUser();
    ({ secret } = await stack.app.services.accounts.createToken(viewer, {
      name: 'inspector',
      scopes: ['read'],
    }));
    home = await mkdtemp(join(tmpdir(), 'atelier-inspector-'));
  });
  afterAll(async () => {
    await stack.close();
    await rm(home, { recursive: true, force: true });
  });

  const overHttp = () => [
    `${server.url}/mcp`,
    '--transport',
    'http',
    '--header',
    `Authorization: Bearer ${secret}`,
  ];

  async function inspector(target: string[], ...args: string[]): Promise<unknown> {
    const { stdout } = await run(
      process.execPath,
      // The target last: a stdio command takes every argument after `--`.
      [INSPECTOR, '--cli', '--format', 'json', '--quiet', ...args, ...target],
      // Its catalog and settings go to a throw-away home; loopback only, bounded in time.
      {
        // eslint-disable-next-line no-process-env -- the child needs to find node
        env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' },
        timeout: 45_000,
        maxBuffer: 8 << 20,
      },
    );
    // --format json: one object on stdout, the answer under `result`.
    return (JSON.parse(stdout) as { result: unknown }).result;
  }

  it('lists the tools with their annotations', { timeout: 60_000 }, async () => {
    const listed = (await inspector(overHttp(), '--method', 'tools/list')) as {
      tools: { name: string; annotations?: Record<string, unknown> }[];
    };
    const providers = listed.tools.find((tool) => tool.name === 'list_providers');
    expect(providers?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('calls list_providers and gets the local provider back', { timeout: 60_000 }, async () => {
    const result = (await inspector(
      overHttp(),
      '--method',
      'tools/call',
      '--tool-name',
      'list_providers',
    )) as {
      isError?: boolean;
      structuredContent: { providers: { id: string }[] };
    };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.providers.map((provider) => provider.id)).toContain('local');
  });

  it('reaches the same tools through the local stdio bridge (atelier-mcp)', { timeout: 60_000 }, async () => {
    const target = [
      '-e',
      `ATELIER_URL=${server.url}`,
      '-e',
      `ATELIER_TOKEN=${secret}`,
      '--',
      process.execPath,
      BRIDGE,
    ];
    const result = (await inspector(target, '--method', 'tools/call', '--tool-name', 'list_providers')) as {
      structuredContent: { providers: { id: string }[] };
    };
    expect(result.structuredContent.providers.map((provider) => provider.id)).toContain('local');
  });
});
