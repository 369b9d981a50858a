import { createHash, randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/harness';
import { signedUpClient, type HttpClient } from '../support/http-client';
import { bearer, connectMcp } from '../support/mcp-client';
import type { RunningServer } from '../../src/server';

const REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** The person's browser: their Atelier session cookie plus whatever the OAuth endpoints set. */
class Browser {
  private readonly jar = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly person: HttpClient,
  ) {}

  private cookieHeader(): string {
    return [
      ...(this.person.cookie ? [this.person.cookie] : []),
      ...[...this.jar].map(([k, v]) => `${k}=${v}`),
    ].join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(url, this.baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(header)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  /** Opens an authorization URL, approves (or denies) on the consent page, and returns where it lands. */
  async authorize(authorizationUrl: string, approve = true): Promise<URL> {
    const start = await this.fetch(authorizationUrl);
    expect(start.status).toBe(303);
    const consentPage = new URL(start.headers.get('location')!, this.baseUrl);
    expect(consentPage.pathname).toMatch(/^\/oauth\/consent\/[\w-]+$/);
    const decision = await this.fetch(`${consentPage.pathname}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-atelier-csrf': '1' },
      body: JSON.stringify({ approve }),
    });
    expect(decision.status).toBe(200);
    const { redirectTo } = (await decision.json()) as { redirectTo: string };
    const resumed = await this.fetch(redirectTo);
    expect(resumed.status).toBe(303);
    return new URL(resumed.headers.get('location')!);
  }
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('OAuth sign-in for remote MCP clients', () => {
  let stack: TestStack;
  let server: RunningServer;
  let metadata: { authorization_endpoint: string; token_endpoint: string; registration_endpoint: string };

  beforeAll(async () => {
    stack = await createTestStack({ auth: 'real', worker: false });
    server = await stack.listen();
    await signedUpClient(server.url, { first: true, openSignUp: true });
    metadata = await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json();
  });
  afterAll(() => stack.close());

  async function register(name = 'Test Assistant'): Promise<string> {
    const response = await fetch(metadata.registration_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: name,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        scope: 'read generate',
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { client_id: string }).client_id;
  }

  function authorizationUrl(clientId: string, challenge: string, scope = 'read generate'): string {
    const url = new URL(metadata.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope,
      state: 'st4te',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: `${server.url}/mcp`,
    }).toString();
    return url.href;
  }

  async function token(params: Record<string, string>): Promise<Response> {
    return fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
    });
  }

  /** A person, a registered client, and an approved authorization: the code and its verifier. */
  async function approvedCode(scope = 'read generate', person?: Awaited<ReturnType<typeof signedUpClient>>) {
    const who = person ?? (await signedUpClient(server.url));
    const clientId = await register();
    const { verifier, challenge } = pkce();
    const landed = await new Browser(server.url, who.client).authorize(
      authorizationUrl(clientId, challenge, scope),
    );
    expect(landed.searchParams.get('state')).toBe('st4te');
    return { person: who, clientId, verifier, code: landed.searchParams.get('code')! };
  }

  async function exchange(grant: { clientId: string; verifier: string; code: string }) {
    return token({
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: REDIRECT_URI,
      client_id: grant.clientId,
      code_verifier: grant.verifier,
      resource: `${server.url}/mcp`,
    });
  }

  async function accessToken(scope = 'read generate') {
    const grant = await approvedCode(scope);
    const response = await exchange(grant);
    expect(response.status).toBe(200);
    return { ...grant, tokens: (await response.json()) as OAuthTokens };
  }

  async function mcpStatus(accessTokenValue: string): Promise<number> {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        ...bearer(accessTokenValue),
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    await response.body?.cancel();
    return response.status;
  }

  it('publishes protected-resource and authorization-server metadata that point at each other', async () => {
    const resource = await (await fetch(`${server.url}/.well-known/oauth-protected-resource`)).json();
    expect(resource).toMatchObject({
      resource: `${server.url}/mcp`,
      authorization_servers: [server.url],
      scopes_supported: ['read', 'generate'],
    });
    // The path-suffixed form RFC 9728 clients try first answers the same.
    const suffixed = await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(suffixed).toEqual(resource);

    expect(metadata).toMatchObject({
      issuer: server.url,
      authorization_endpoint: `${server.url}/oauth/auth`,
      token_endpoint: `${server.url}/oauth/token`,
      registration_endpoint: `${server.url}/oauth/reg`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(metadata).toMatchObject({ grant_types_supported: expect.arrayContaining(['refresh_token']) });
    const oidc = await (await fetch(`${server.url}/.well-known/openid-configuration`)).json();
    expect(oidc.issuer).toBe(server.url);
  });

  it('lets the SDK client discover, register, get approved by the person and list tools', async () => {
    const person = await signedUpClient(server.url);
    const browser = new Browser(server.url, person.client);
    const provider = new MemoryOAuthProvider();
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', server.url), {
      authProvider: provider,
    });
    const first = new Client({ name: 'assistant', version: '1.0.0' });
    await expect(first.connect(transport)).rejects.toThrow(/Unauthorized/);
    expect(provider.authorizationUrl?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(provider.authorizationUrl?.searchParams.get('resource')).toBe(`${server.url}/mcp`);

    const landed = await browser.authorize(provider.authorizationUrl!.href);
    expect(landed.origin + landed.pathname).toBe(REDIRECT_URI);
    await transport.finishAuth(landed.searchParams.get('code')!);
    expect(provider.savedTokens?.scope?.split(' ').sort()).toEqual(['generate', 'read']);

    const client = new Client({ name: 'assistant', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', server.url), { authProvider: provider }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('list_providers');
    await client.close();

    // The person sees it in Settings, with the name it registered and the scopes they approved.
    const { data } = await person.client.graphql(
      '{ connectedApps { name redirectHost scopes connectedAt lastUsedAt } }',
    );
    expect(data.connectedApps).toEqual([
      expect.objectContaining({
        name: 'Atelier test assistant',
        redirectHost: '127.0.0.1:9',
        scopes: ['read', 'generate'],
      }),
    ]);
  });

  it('shows the consent page who asks for what, and only to the signed-in person', async () => {
    const person = await signedUpClient(server.url);
    const clientId = await register('Sketch Buddy');
    const browser = new Browser(server.url, person.client);
    const start = await browser.fetch(authorizationUrl(clientId, pkce().challenge, 'read'));
    const page = start.headers.get('location')!;

    const details = await browser.fetch(`${page}/details`, { headers: { 'x-atelier-csrf': '1' } });
    expect(await details.json()).toEqual({
      client: { id: clientId, name: 'Sketch Buddy', uri: null, redirectHost: '127.0.0.1:9' },
      scopes: ['read'],
    });
    // Without the CSRF header, or signed out, or with an API token instead of the session: refused.
    expect((await browser.fetch(`${page}/details`)).status).toBe(403);
    const signedOut = new Browser(server.url, { cookie: null } as HttpClient);
    const anonymous = await signedOut.fetch(`${page}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-atelier-csrf': '1' },
      body: JSON.stringify({ approve: true }),
    });
    expect(anonymous.status).toBe(401);
    const viewer = await stack.app.resolveViewer({
      headers: { get: (name) => (name === 'cookie' ? person.client.cookie : null) },
    });
    const { secret } = await stack.app.services.accounts.createToken(viewer!, {
      name: 'x',
      scopes: ['read'],
    });
    const withToken = await browser.fetch(`${page}/decision`, {
      method: 'POST',
      headers: { ...bearer(secret), 'content-type': 'application/json', 'x-atelier-csrf': '1' },
      body: JSON.stringify({ approve: true }),
    });
    expect(withToken.status).toBe(401);
  });

  it('sends the person back to the assistant with access_denied when they deny', async () => {
    const person = await signedUpClient(server.url);
    const clientId = await register();
    const landed = await new Browser(server.url, person.client).authorize(
      authorizationUrl(clientId, pkce().challenge),
      false,
    );
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('code')).toBeNull();
    const { data } = await person.client.graphql('{ connectedApps { id } }');
    expect(data.connectedApps).toEqual([]);
  });

  it('keeps one connected app per assistant when the person approves it again', async () => {
    const first = await approvedCode('read');
    expect((await exchange(first)).status).toBe(200);
    const { verifier, challenge } = pkce();
    const landed = await new Browser(server.url, first.person.client).authorize(
      authorizationUrl(first.clientId, challenge, 'generate'),
    );
    const again = await exchange({
      clientId: first.clientId,
      verifier,
      code: landed.searchParams.get('code')!,
    });
    expect(((await again.json()) as OAuthTokens).scope).toBe('generate');
    const { data } = await first.person.client.graphql('{ connectedApps { scopes } }');
    expect(data.connectedApps).toEqual([{ scopes: ['read', 'generate'] }]);
  });

  it('refuses a code exchanged with the wrong code_verifier', async () => {
    const grant = await approvedCode();
    const response = await exchange({ ...grant, verifier: pkce().verifier });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code used twice, and ends what the first use gave', async () => {
    const grant = await approvedCode();
    const first = await exchange(grant);
    expect(first.status).toBe(200);
    const { access_token } = (await first.json()) as OAuthTokens;
    expect(await mcpStatus(access_token)).toBe(200);

    const again = await exchange(grant);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    expect(await mcpStatus(access_token)).toBe(401);
  });

  it('refuses an expired access token, and the refresh token (once) gives a working one', async () => {
    const { tokens, clientId } = await accessToken();
    expect(tokens.expires_in).toBe(3600);
    // Move this token's clock past its end (before any process has seen it).
    await sql`update oauth_record set expires_at = now() - interval '1 second'
      where kind = 'AccessToken' and payload ->> 'clientId' = ${clientId}`.execute(stack.app.db);
    expect(await mcpStatus(tokens.access_token)).toBe(401);

    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: clientId,
    };
    const refreshed = await token(refresh);
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as OAuthTokens;
    expect(await mcpStatus(next.access_token)).toBe(200);
    // Rotation: the used refresh token is spent.
    expect((await token(refresh)).status).toBe(400);
  });

  it('stops a revoked connected app at once, its refresh token too', async () => {
    const { tokens, person, clientId } = await accessToken();
    const client = await connectMcp(server.url, bearer(tokens.access_token));
    await client.listTools();

    const { data } = await person.client.graphql('{ connectedApps { id } }');
    const revoked = await person.client.graphql(
      'mutation ($id: ID!) { revokeConnectedApp(id: $id) { __typename ... on ConnectedApp { id } } }',
      { id: data.connectedApps[0].id },
    );
    expect(revoked.data.revokeConnectedApp.__typename).toBe('ConnectedApp');
    await expect(client.listTools()).rejects.toThrow(/invalid_token|401/);
    const refresh = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: clientId,
    });
    expect(refresh.status).toBe(400);
    expect((await person.client.graphql('{ connectedApps { id } }')).data.connectedApps).toEqual([]);
  });

  it('gives a token only the scopes approved: a read-only one cannot make things', async () => {
    const { tokens } = await accessToken('read');
    expect(tokens.scope).toBe('read');
    const client = await connectMcp(server.url, bearer(tokens.access_token));
    const listed = await client.callTool({ name: 'list_providers', arguments: {} });
    expect(listed.isError).toBeFalsy();
    const refused = await client.callTool({ name: 'create_collection', arguments: { name: 'Moodboard' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/FORBIDDEN.*needs the \\"generate\\" scope/);
    await client.close();
  });

  it('takes OAuth tokens at /mcp only: GraphQL refuses them', async () => {
    const { tokens } = await accessToken();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { ...bearer(tokens.access_token), 'content-type': 'application/json', 'x-atelier-csrf': '1' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(((await response.json()) as { data: { viewer: unknown } }).data.viewer).toBeNull();
  });

  it("keeps people's connected apps apart", async () => {
    const a = await accessToken();
    const b = await signedUpClient(server.url);
    const { data: mine } = await a.person.client.graphql('{ connectedApps { id } }');
    expect(mine.connectedApps).toHaveLength(1);
    const { data: theirs } = await b.client.graphql('{ connectedApps { id } }');
    expect(theirs.connectedApps).toEqual([]);
    const attempt = await b.client.graphql(
      'mutation ($id: ID!) { revokeConnectedApp(id: $id) { __typename ... on Error { code } } }',
      { id: mine.connectedApps[0].id },
    );
    expect(attempt.data.revokeConnectedApp).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await mcpStatus(a.tokens.access_token)).toBe(200);
  });
});

/** What an MCP client keeps between its redirects: in memory, for one test. */
class MemoryOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | null = null;
  savedTokens: OAuthTokens | undefined;
  private client: OAuthClientInformationMixed | undefined;
  private verifier = '';

  get redirectUrl(): string {
    return REDIRECT_URI;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Atelier test assistant',
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() {
    return this.client;
  }

  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }

  tokens() {
    return this.savedTokens;
  }

  saveTokens(tokens: OAuthTokens) {
    this.savedTokens = tokens;
  }

  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }

  codeVerifier() {
    return this.verifier;
  }
}
