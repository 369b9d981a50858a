import type { Viewer } from '@atelier/domain';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadPersistedDocuments } from '../src/http/persisted-documents.plugin';
import type { RunningServer } from '../src/server';
import { newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { HttpClient, signedUpClient } from './support/http-client';

let stack: TestStack;
let server: RunningServer;
let browser: HttpClient;
let person: { id: string; email: string };
let tokenSecret: string;

/** The hash the web app sends for its operation `name` (from the manifest `pnpm generate` writes). */
function hashOf(name: string): string {
  for (const [hash, text] of loadPersistedDocuments()) {
    if (new RegExp(`\\b(query|mutation|subscription) ${name}\\b`).test(text)) return hash;
  }
  throw new Error(`no persisted document for ${name}`);
}

const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
const UNKNOWN = 'f'.repeat(64);

async function post(client: HttpClient, body: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: client.headers({ 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
  return (await response.json()) as {
    data?: any;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

beforeAll(async () => {
  stack = await createTestStack({ worker: false, auth: 'real' });
  server = await stack.listen();
  const signedUp = await signedUpClient(server.url, { first: true });
  browser = signedUp.client;
  person = { id: signedUp.id, email: signedUp.email };
  const { data } = await browser.graphql(
    `mutation ($input: CreateApiTokenInput!) {
      createApiToken(input: $input) { ... on CreatedApiToken { secret } }
    }`,
    { input: { name: 'third party', scopes: ['read'] } },
  );
  tokenSecret = data.createApiToken.secret as string;
});
afterAll(() => stack?.close());

describe('persisted documents over HTTP', () => {
  it('run the web app’s document for a known hash, sent as POST, as GET and as a documentId', async () => {
    const hash = hashOf('SessionRoot_Session');
    const asPost = await post(browser, {
      operationName: 'SessionRoot_Session',
      extensions: persistedQuery(hash),
    });
    expect(asPost.errors).toBeUndefined();
    expect(asPost.data.viewer).toMatchObject({ __typename: 'Account', id: person.id, email: person.email });

    // urql sends queries as GET while the URL is short, which a hash keeps it.
    const url = new URL(`${server.url}/graphql`);
    url.searchParams.set('operationName', 'SessionRoot_Session');
    url.searchParams.set('extensions', JSON.stringify(persistedQuery(hash)));
    const asGet = (await (await fetch(url, { headers: browser.headers() })).json()) as { data?: any };
    expect(asGet.data.viewer.id).toBe(person.id);

    const byDocumentId = await post(browser, { documentId: `sha256:${hash}` });
    expect(byDocumentId.data.viewer.email).toBe(person.email);
  });

  it('refuse an unknown hash with PERSISTED_QUERY_NOT_FOUND and run nothing', async () => {
    const answer = await post(browser, { extensions: persistedQuery(UNKNOWN) });
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const byDocumentId = await post(browser, { documentId: `sha256:${UNKNOWN}` });
    expect(byDocumentId.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('still take full documents: from a third party with an API token, and from a session', async () => {
    const script = new HttpClient(server.url, { token: tokenSecret });
    const { data, errors } = await script.graphql('query Mine { viewer { id email } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ viewer: { id: person.id, email: person.email } });

    expect((await browser.graphql('{ viewer { id } }')).data).toEqual({ viewer: { id: person.id } });
  });

  it('answer a request with neither a document nor an id as before', async () => {
    const answer = await post(browser, { operationName: 'Nothing' });
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.message).toMatch(/query/i);
    expect(answer.errors?.[0]?.extensions?.code).not.toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('persisted documents over WebSocket (graphql-ws)', () => {
  function socket() {
    return createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokenSecret}` },
      retryAttempts: 0,
    });
  }

  it('run a subscription the web app names by hash', async () => {
    const before = new Date(Date.now() - 60_000).toISOString();
    const image = await newImage(stack.app, { id: person.id } as Viewer, {
      prompt: 'a persisted lighthouse',
    });
    const ws = socket();
    try {
      const first = await new Promise<any>((resolve, reject) => {
        ws.subscribe(
          {
            query: '',
            operationName: 'CollectionPage_ImageAdded',
            variables: { since: before },
            extensions: persistedQuery(hashOf('CollectionPage_ImageAdded')),
          },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(first.errors).toBeUndefined();
      expect(first.data.imageAdded.__typename).toBe('Image');
      // Relay global id: base64 of "Image:<row id>".
      expect(Buffer.from(first.data.imageAdded.id, 'base64').toString()).toBe(`Image:${image.id}`);
    } finally {
      await ws.dispose();
    }
  });

  it('refuse an unknown hash with PERSISTED_QUERY_NOT_FOUND, and keep the socket for the rest', async () => {
    const ws = socket();
    try {
      const refusal = await new Promise<any>((resolve) => {
        ws.subscribe(
          { query: '', extensions: persistedQuery(UNKNOWN) },
          { next: resolve, error: resolve, complete: () => undefined },
        );
      });
      expect(refusal[0]?.extensions?.code ?? refusal.errors?.[0]?.extensions?.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      const viewer = await new Promise<any>((resolve, reject) => {
        ws.subscribe(
          { query: '{ viewer { id } }' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(viewer.data.viewer.id).toBe(person.id);
    } finally {
      await ws.dispose();
    }
  });
});
