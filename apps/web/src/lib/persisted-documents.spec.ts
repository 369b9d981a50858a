// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionRoot_Session, SessionRoot_SignOut } from '../components/auth/session';
import { JobWatcher_JobUpdated } from '../components/job/job-watcher';
import manifest from '../gql/persisted-documents.json';
import { sessionFixture } from './testing/fixtures';
import { useFakeWebSocket } from './testing/fake-websocket';
import { documentHash } from './persisted-documents';
import { createUrqlClient, type AppClient } from './urql';

interface Sent {
  query: string | null;
  operationName: string | null;
  extensions: { persistedQuery?: { version: number; sha256Hash: string } } | null;
}

/** What a request carried, whether it went as GET (queries) or as a JSON POST (mutations). */
function sentOf(url: RequestInfo | URL, init?: RequestInit): Sent {
  if (typeof init?.body === 'string') {
    const body = JSON.parse(init.body) as Record<string, unknown>;
    return {
      query: (body.query as string | undefined) ?? null,
      operationName: body.operationName as string,
      extensions: (body.extensions as Sent['extensions']) ?? null,
    };
  }
  const params = new URL(url instanceof Request ? url.url : url.toString()).searchParams;
  const extensions = params.get('extensions');
  return {
    query: params.get('query'),
    operationName: params.get('operationName'),
    extensions: extensions ? (JSON.parse(extensions) as Sent['extensions']) : null,
  };
}

function recordingFetch(answers: Record<string, unknown>) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const request = sentOf(url, init);
    sent.push(request);
    return new Response(JSON.stringify({ data: answers[request.operationName ?? ''] }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const persisted = manifest as Record<string, string>;

let app: AppClient | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
  vi.unstubAllGlobals();
});

describe('persisted documents', () => {
  it('every document of the app carries the hash the API knows its text by', () => {
    for (const document of [SessionRoot_Session, SessionRoot_SignOut, JobWatcher_JobUpdated]) {
      const hash = documentHash(document);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      const operation = document.definitions.find((definition) => 'operation' in definition);
      const name = (operation as { name: { value: string } }).name.value;
      expect(persisted[hash!]).toContain(name);
    }
  });

  it('queries and mutations go out as the hash alone, and their answers come back as usual', async () => {
    const { fetch, sent } = recordingFetch({
      SessionRoot_Session: sessionFixture(),
      SessionRoot_SignOut: { signOut: true },
    });
    app = createUrqlClient({ fetch, storage: null, url: 'http://test/graphql' });

    const session = await app.client.query(SessionRoot_Session, {}).toPromise();
    const signOut = await app.client.mutation(SessionRoot_SignOut, {}).toPromise();

    expect(session.data?.viewer?.email).toBe(sessionFixture().viewer?.email);
    expect(signOut.data?.signOut).toBe(true);
    expect(sent).toEqual([
      {
        query: null,
        operationName: 'SessionRoot_Session',
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(SessionRoot_Session) } },
      },
      {
        query: null,
        operationName: 'SessionRoot_SignOut',
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(SessionRoot_SignOut) } },
      },
    ]);
  });

  it('sends the document itself once when the server does not know the hash (a build older or newer)', async () => {
    const sent: Sent[] = [];
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const request = sentOf(url, init);
      sent.push(request);
      const body = request.query
        ? { data: sessionFixture() }
        : {
            errors: [
              { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
            ],
          };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    app = createUrqlClient({ fetch, storage: null, url: 'http://test/graphql' });

    const session = await app.client.query(SessionRoot_Session, {}).toPromise();

    expect(session.error).toBeUndefined();
    expect(session.data?.viewer?.email).toBe(sessionFixture().viewer?.email);
    expect(sent.map((request) => request.query !== null)).toEqual([false, true]);
    expect(sent[1]!.query).toContain('query SessionRoot_Session');
  });

  it('subscriptions go over the socket as the hash alone too', async () => {
    const Socket = useFakeWebSocket();
    const { fetch } = recordingFetch({});
    app = createUrqlClient({ fetch, storage: null, url: 'http://test/graphql' });

    const subscription = app.client
      .subscription(JobWatcher_JobUpdated, { id: 'job-1', afterSeq: 2 })
      .subscribe(() => {});
    const message = await vi.waitFor(
      () => {
        const found = Socket.opened[0]?.latest('JobWatcher_JobUpdated');
        if (!found) throw new Error('not subscribed yet');
        return found;
      },
      { timeout: 3000, interval: 10 },
    );
    subscription.unsubscribe();

    expect(message.payload.query).toBe('');
    expect(message.payload.extensions).toEqual({
      persistedQuery: { version: 1, sha256Hash: documentHash(JobWatcher_JobUpdated) },
    });
    expect(message.payload.variables).toEqual({ id: 'job-1', afterSeq: 2 });
  });
});
