import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/harness';
import { bearer, connectMcp } from '../support/mcp-client';
import type { RunningServer } from '../../src/server';

describe('the MCP endpoint (Streamable HTTP, stateless)', () => {
  let stack: TestStack;
  let server: RunningServer;

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real', worker: false });
    server = await stack.listen();
  });
  afterAll(() => stack.close());

  async function tokenFor(scopes: ('read' | 'generate')[]) {
    const viewer = await stack.newUser();
    const { secret } = await stack.app.services.accounts.createToken(viewer, { name: 'assistant', scopes });
    return { viewer, secret };
  }

  async function post(headers: Record<string, string>, body: unknown = initialize()) {
    return fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  it('lists its tools to an API token and answers list_providers with the valid models', async () => {
    const { secret } = await tokenFor(['read']);
    const client = await connectMcp(server.url, bearer(secret));
    const { tools } = await client.listTools();
    const providers = tools.find((tool) => tool.name === 'list_providers');
    expect(providers?.annotations).toMatchObject({ readOnlyHint: true });
    expect(providers?.outputSchema).toBeDefined();

    const result = await client.callTool({ name: 'list_providers', arguments: {} });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { providers: { id: string; models: { id: string }[] }[] };
    expect(structured.providers.map((p) => p.id)).toContain('local');
    expect(structured.providers.find((p) => p.id === 'local')!.models.length).toBeGreaterThan(0);
    await client.close();
  });

  it('answers any request without a session: no Mcp-Session-Id is issued', async () => {
    const { secret } = await tokenFor(['read']);
    const response = await post(bearer(secret));
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    await response.body?.cancel();

    // A tools/list straight away, with no initialize first, as another process would receive it.
    const list = await post(
      { ...bearer(secret), 'mcp-protocol-version': '2025-11-25' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    );
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('list_providers');
  });

  it('asks for a token with a pointer to its OAuth metadata when none is sent', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${server.url}/.well-known/oauth-protected-resource"`,
    );
  });

  it('never takes the browser session cookie as a credential', async () => {
    const response = await post({ cookie: 'atelier_session=anything' });
    expect(response.status).toBe(401);
  });

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    const { secret } = await tokenFor(['read']);
    const foreign = await post({ ...bearer(secret), origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await post({ ...bearer(secret), origin: server.url });
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it('refuses an unsupported MCP-Protocol-Version with 400', async () => {
    const { secret } = await tokenFor(['read']);
    const response = await post(
      { ...bearer(secret), 'mcp-protocol-version': '1999-01-01' },
      { jsonrpc: '2.0', id: 3, method: 'tools/list' },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Unsupported protocol version');
  });

  it('offers no server-initiated stream (GET) in stateless mode', async () => {
    const { secret } = await tokenFor(['read']);
    const response = await fetch(`${server.url}/mcp`, {
      headers: { ...bearer(secret), accept: 'text/event-stream' },
    });
    expect(response.status).toBe(405);
  });

  it('a revoked token is refused on its next request', async () => {
    const { viewer, secret } = await tokenFor(['read']);
    const client = await connectMcp(server.url, bearer(secret));
    const [token] = await stack.app.services.accounts.tokens(viewer);
    await stack.app.services.accounts.revokeToken(viewer, token!.id);
    await expect(client.listTools()).rejects.toThrow(/invalid_token/);
  });
});

function initialize() {
  return {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'curl-like', version: '1' },
    },
  };
}
