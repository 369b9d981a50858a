import { randomUUID } from 'node:crypto';
import { Kind, print, type DocumentNode } from 'graphql';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as spa from '../../../web/src/gql/graphql';
import {
  MAX_DOCUMENT_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_MULTIPART_BODY_BYTES,
} from '../../src/http/request-size';
import { globalId } from '../support/factories';
import { createTestStack, type TestStack } from '../support/harness';
import { HttpClient, signedUpClient } from '../support/http-client';
import { createToken, gql, multipart, must, type Outcome, postRaw, stillServing } from './support/http';
import { png } from './support/images';
import { countEverything } from './support/rows';
import { subscribeAs } from './support/ws';

/*
 * Bad input found by the database fault tests (issue 9). Each is refused with a typed error naming
 * the field (a result-union member, or `extensions.code` and `extensions.field`), nothing is
 * written, and the server goes on serving.
 */

let stack: TestStack;
let url: string;
let me: HttpClient;
let someoneElse: HttpClient;

beforeAll(async () => {
  stack = await createTestStack({
    auth: 'real',
    worker: false,
    // Many refused requests from one person in a few seconds: more than the default burst.
    server: {
      rateLimits: {
        perUser: { capacity: 1_000, refillPerSecond: 100 },
        perToken: { capacity: 1_000, refillPerSecond: 100 },
      },
    },
  });
  url = (await stack.listen()).url;
  me = (await signedUpClient(url, { first: true, openSignUp: true })).client;
  someoneElse = (await signedUpClient(url)).client;
});
afterAll(() => stack?.close());

const Result =
  '__typename ... on Error { code message } ... on InvalidInputError { issues { field message } }';
const Gallery = 'query($filter: ImageQueryParams) { images(first: 5, filter: $filter) { edges { cursor } } }';
const CreateCollection = `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { ${Result} ... on Collection { id filter } } }`;
const UpdateCollection = `mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { ${Result} ... on Collection { id filter } } }`;
const CreateTemplate = `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { ${Result} ... on PromptTemplate { id } } }`;
const CreatePreset = `mutation($input: CreateStylePresetInput!) { createStylePreset(input: $input) { ${Result} ... on StylePreset { id } } }`;
const ImportPresets = `mutation($json: String!) { importStylePresets(json: $json) { ${Result} ... on ImportedStylePresets { presets { id } } } }`;
const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { ${Result} ... on Job { id } } }`;
const Edit = `mutation($input: EditImageInput!) { editImage(input: $input) { ${Result} ... on Job { id } } }`;

/** Rows a refused request must not leave behind, collections included. */
async function everything() {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from collection`.execute(stack.app.db);
  return { ...(await countEverything(stack.app, stack.dataDir)), collections: rows[0]!.n };
}

/** Refused: one error with this code (and, given, the field it names), and no data. */
function expectRefused(outcome: Outcome, code: string, field?: string): void {
  for (const value of Object.values(outcome.data ?? {})) expect(value, outcome.text.slice(0, 300)).toBeNull();
  expect(outcome.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  if (field) {
    expect(outcome.errors![0]!.extensions?.field).toBe(field);
    expect(outcome.errors![0]!.message).toContain(field);
  }
}

/** A result-union error member with this code, naming this field. */
function expectTyped(outcome: Outcome, root: string, code: string, field: string): void {
  expect(outcome.errors, outcome.text.slice(0, 300)).toBeUndefined();
  expect(outcome.data[root]).toMatchObject({ code });
  expect(outcome.data[root].issues.map((issue: { field: string }) => issue.field)).toContain(field);
}

async function expectNothingWritten<T>(send: () => Promise<T>): Promise<T> {
  const before = await everything();
  const answer = await send();
  expect(await everything()).toEqual(before);
  expect(await stillServing(url)).toBe(true);
  return answer;
}

// ---------------------------------------------------------------------------------------------
// 1. A NUL character reaches PostgreSQL (which cannot store it) from no string argument

describe('a NUL character in a string argument', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['the gallery search', Gallery, { filter: { search: 'a calm\u0000 sea' } }, 'filter.search'],
    [
      "a smart collection's tags",
      CreateCollection,
      { input: { name: 'Tagged', filter: { tags: ['sea', 'x\u0000'] } } },
      'input.filter.tags.1',
    ],
    [
      "a smart collection's models",
      CreateCollection,
      { input: { name: 'Models', filter: { models: ['procedural\u0000'] } } },
      'input.filter.models.0',
    ],
    [
      "a smart collection's providers",
      CreateCollection,
      { input: { name: 'Providers', filter: { providers: ['\u0000'] } } },
      'input.filter.providers.0',
    ],
    [
      "a template's options",
      CreateTemplate,
      {
        input: {
          name: 'Moods',
          body: 'a {mood} sea',
          variables: [{ name: 'mood', type: 'CHOICE', options: ['calm', 'wild\u0000'] }],
        },
      },
      'input.variables.0.options.1',
    ],
    [
      'a string written in the document itself',
      '{ images(first: 5, filter: { tags: ["sea", "x\\u0000"] }) { edges { cursor } } }',
      {},
      'filter.tags.1',
    ],
  ];

  it.each(cases)(
    'in %s: INVALID_INPUT naming the field, over HTTP',
    async (_name, query, variables, field) => {
      const outcome = await expectNothingWritten(() => gql(me, query, variables));
      expect(outcome.status).toBeLessThan(500);
      expectRefused(outcome, 'INVALID_INPUT', field);
    },
  );

  it('in an operation over WebSocket: INVALID_INPUT naming the field', async () => {
    const outcome = await subscribeAs(url, { cookie: me.cookie }, Gallery, {
      filter: { providers: ['local\u0000'] },
    });
    expect(outcome.results.filter((result) => result.data)).toEqual([]);
    expect(outcome.errors.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([
      ['INVALID_INPUT', 'filter.providers.0'],
    ]);
    expect(await stillServing(url)).toBe(true);
  });

  it('in the text fields of an upload: INVALID_INPUT naming the field', async () => {
    const outcome = await expectNothingWritten(async () =>
      multipart(
        me,
        Edit,
        {
          input: {
            imageId: globalId('Image', randomUUID()),
            prompt: 'a red boat',
            negativePrompt: 'fog\u0000',
            mask: null,
          },
        },
        { 'variables.input.mask': { bytes: await png(), name: 'mask.png', type: 'image/png' } },
      ),
    );
    expectRefused(outcome, 'INVALID_INPUT', 'input.negativePrompt');
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Style presets without a provider are checked against what every provider takes

describe('a style preset without a provider', () => {
  it.each([
    ['width', { width: 2_147_483_647 }],
    ['height', { height: 100_000 }],
    ['steps', { steps: 1_000 }],
    ['style', { style: 'no such style anywhere' }],
  ])('is refused with a %s no provider takes', async (field, settings) => {
    const outcome = await expectNothingWritten(() =>
      gql(me, CreatePreset, { input: { name: 'Anywhere', settings } }),
    );
    expectTyped(outcome, 'createStylePreset', 'INVALID_INPUT', `input.settings.${field}`);
  });

  it('is refused in an import too, naming the entry', async () => {
    const json = JSON.stringify({
      format: 'atelier.style-presets',
      version: 1,
      presets: [{ name: 'Huge', settings: { width: 2_147_483_647, height: 2_147_483_647 } }],
    });
    const outcome = await expectNothingWritten(() => gql(me, ImportPresets, { json }));
    expectTyped(outcome, 'importStylePresets', 'INVALID_INPUT', 'json.presets.0.settings.width');
  });

  it('with settings every provider takes is kept, and a later generation takes them', async () => {
    const created = await gql(me, CreatePreset, {
      input: {
        name: 'Small and quick',
        settings: { width: 512, height: 384, steps: 3, promptPrefix: 'calm' },
      },
    });
    const presetId = must(created.data?.createStylePreset?.id, created);
    const generated = await gql(me, Generate, {
      input: { prompt: 'a lighthouse', provider: 'local', presetId },
    });
    expect(generated.data?.generateImages, generated.text).toMatchObject({ __typename: 'Job' });
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Smart-collection filters: ids of the viewer's collections only, every string and list bounded

describe("a smart collection's filter", () => {
  const smart = (client: HttpClient, filter: Record<string, unknown>) =>
    gql(client, CreateCollection, { input: { name: 'Smart', filter } });

  async function handMade(client: HttpClient): Promise<string> {
    const outcome = await gql(client, CreateCollection, { input: { name: 'Hand-made' } });
    return must(outcome.data?.createCollection?.id, outcome);
  }

  it('answers an image id, a job id or another person’s collection exactly like a missing collection', async () => {
    const missing = await smart(me, { collectionId: globalId('Collection', randomUUID()) });
    expectTyped(missing, 'createCollection', 'NOT_FOUND', 'input.filter.collectionId');
    const others = [
      globalId('Image', randomUUID()),
      globalId('Job', randomUUID()),
      globalId('Collection', 'not-a-uuid'),
      await handMade(someoneElse),
    ];
    for (const collectionId of others) {
      const outcome = await expectNothingWritten(() => smart(me, { collectionId }));
      expect(outcome.data, collectionId).toEqual(missing.data);
    }
  });

  it('checks the collection id of a changed search too', async () => {
    const created = await smart(me, { starred: true });
    const id = must(created.data?.createCollection?.id, created);
    const changed = await expectNothingWritten(() =>
      gql(me, UpdateCollection, {
        input: { id, filter: { collectionId: globalId('Image', randomUUID()) } },
      }),
    );
    expectTyped(changed, 'updateCollection', 'NOT_FOUND', 'input.filter.collectionId');
  });

  it('keeps the id of one of the viewer’s own collections', async () => {
    const mine = await handMade(me);
    const outcome = await smart(me, { collectionId: mine });
    expect(outcome.data?.createCollection?.filter, outcome.text).toEqual({ collectionId: mine });
  });

  it.each([
    ['a 200,000-character model name', { models: ['m'.repeat(200_000)] }, 'input.filter.models.0'],
    ['a 65-character provider', { provider: 'p'.repeat(65) }, 'input.filter.provider'],
    [
      'a provider list of 101',
      { providers: Array.from({ length: 101 }, (_, i) => `p${i}`) },
      'input.filter.providers',
    ],
    [
      '33 tags (an image has at most 32)',
      { tags: Array.from({ length: 33 }, (_, i) => `t${i}`) },
      'input.filter.tags',
    ],
    ['a tag of 41 characters', { tags: ['t'.repeat(41)] }, 'input.filter.tags.0'],
    ['a search of 4,001 characters', { search: 's'.repeat(4_001) }, 'input.filter.search'],
  ])('refuses %s, naming it', async (_name, filter, field) => {
    const outcome = await expectNothingWritten(() => smart(me, filter));
    expectTyped(outcome, 'createCollection', 'INVALID_INPUT', field);
  });

  it('has the same bounds as the gallery filter it saves', async () => {
    const outcome = await gql(me, Gallery, { filter: { models: ['m'.repeat(200_000)] } });
    expectRefused(outcome, 'INVALID_INPUT');
    expect(outcome.errors![0]!.message).toContain('filter.models.0');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Bytes: request bodies over HTTP, documents over both transports

describe('size limits in bytes', () => {
  const whitespaceAround = (bytes: number) => `${' '.repeat(bytes)}{ __typename }`;

  async function expectTooLarge(response: Response): Promise<void> {
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: object }[] };
    expect(body).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'REQUEST_TOO_LARGE' } }],
    });
  }

  it('leave the web app’s largest document and the schema’s largest request far below them', () => {
    const largest = Math.max(
      ...Object.values(spa)
        .filter((value) => (value as { kind?: string } | null)?.kind === Kind.DOCUMENT)
        .map((document) => Buffer.byteLength(print(document as DocumentNode))),
    );
    expect(largest * 10).toBeLessThan(MAX_DOCUMENT_BYTES);
    // The schema's largest text argument: importStylePresets takes a 1,000,000-character document.
    expect(MAX_JSON_BODY_BYTES).toBeGreaterThan(3 * 1_000_000);
  });

  it('refuse a 5 MB document of whitespace with 413 REQUEST_TOO_LARGE', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: me.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query: whitespaceAround(5 * 1024 * 1024) }),
    });
    await expectTooLarge(response);
    // Refused unread, the rest of the body is on the socket: the client must not reuse it.
    expect(response.headers.get('connection')).toBe('close');
    expect(await stillServing(url)).toBe(true);
  });

  it('refuse a body sent in chunks, without a length, once it passes the limit', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"'));
        if (sent > MAX_JSON_BODY_BYTES * 2) {
          controller.enqueue(new TextEncoder().encode('{ __typename }"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      },
    });
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: me.headers({ 'content-type': 'application/json' }),
      body,
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(response);
    expect(await stillServing(url)).toBe(true);
  });

  it('refuse a document over its own limit in a body under the body limit', async () => {
    const outcome = await postRaw(me, JSON.stringify({ query: whitespaceAround(MAX_DOCUMENT_BYTES) }));
    expect(outcome.status).toBe(413);
    expectRefused(outcome, 'REQUEST_TOO_LARGE');
  });

  it('refuse a multipart body over its limit with 413 REQUEST_TOO_LARGE', async () => {
    const big = Buffer.alloc(MAX_MULTIPART_BODY_BYTES + 1);
    (await png()).copy(big);
    const Import = `mutation($file: File!) { importImage(file: $file) { ${Result} ... on Image { id } } }`;
    const outcome = await expectNothingWritten(() =>
      multipart(
        me,
        Import,
        { file: null },
        { 'variables.file': { bytes: big, name: 'big.png', type: 'image/png' } },
      ),
    );
    expect(outcome.status).toBe(413);
    expectRefused(outcome, 'REQUEST_TOO_LARGE');
  });

  it('refuse an over-long document over WebSocket for that operation only; the socket serves on', async () => {
    const answers = await socketOperations({
      long: whitespaceAround(MAX_DOCUMENT_BYTES),
      short: '{ __typename }',
    });
    expect(answers.long).toEqual([
      {
        type: 'error',
        payload: [{ message: expect.any(String), extensions: { code: 'REQUEST_TOO_LARGE' } }],
      },
    ]);
    expect(answers.short).toEqual([
      { type: 'next', payload: { data: { __typename: 'Query' } } },
      { type: 'complete' },
    ]);
  });
});

/** Sends operations on one socket once it is acknowledged; resolves with every message for each when all ended. */
function socketOperations(queries: Record<string, string>): Promise<Record<string, object[]>> {
  const answers: Record<string, object[]> = Object.fromEntries(Object.keys(queries).map((id) => [id, []]));
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no end: ${JSON.stringify(answers)}`)), 5_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.on('close', (code) => reject(new Error(`closed ${code}: ${JSON.stringify(answers)}`)));
    socket.on('message', (data: Buffer) => {
      const { id, ...message } = JSON.parse(data.toString()) as { id?: string; type: string };
      if (message.type === 'connection_ack') {
        for (const [key, query] of Object.entries(queries)) {
          socket.send(JSON.stringify({ id: key, type: 'subscribe', payload: { query } }));
        }
      } else if (id) answers[id]!.push(message);
      const ended = Object.values(answers).every((list) =>
        list.some((m) => ['error', 'complete'].includes((m as { type: string }).type)),
      );
      if (ended) {
        clearTimeout(timer);
        socket.removeAllListeners('close');
        socket.close();
        resolve(answers);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 5. The CSRF refusal carries a code like every other refusal

describe('a request without the CSRF header', () => {
  it.each([
    [
      'a form post',
      () =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { cookie: me.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'query=mutation%20%7B%20signOut%20%7D',
        }),
    ],
    [
      'a GET',
      () =>
        fetch(`${url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, {
          headers: { cookie: me.cookie! },
        }),
    ],
  ])('%s: 403 with extensions.code CSRF_REFUSED', async (_name, send) => {
    const response = await send();
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { extensions?: { code?: string } }[] };
    expect(body.errors.map((error) => error.extensions?.code)).toEqual(['CSRF_REFUSED']);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Logs: a client's mistake is not a server fault

describe('logging', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs client mistakes below error level', async () => {
    const errors = vi.spyOn(stack.app.logger, 'error');
    const debug = vi.spyOn(stack.app.logger, 'debug');
    const forged = await gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: 'not-a-global-id' });
    expect(forged.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_INPUT']);
    const cursor = await gql(me, '{ images(first: 5, after: "bm90LWEtY3Vyc29y") { edges { cursor } } }');
    expect(cursor.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_INPUT']);
    expect(errors).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
      expect.any(String),
    );
  });

  it('logs a server fault at error level, with its stack', async () => {
    const fault = new Error('the disk is on fire');
    vi.spyOn(stack.app.services.collections, 'list').mockRejectedValueOnce(fault);
    const errors = vi.spyOn(stack.app.logger, 'error');
    const outcome = await gql(me, '{ collections(first: 5) { edges { cursor } } }');
    expect(outcome.errors?.map((error) => error.message)).toEqual(['Unexpected error.']);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ err: fault }), expect.any(String));
  });
});

// ---------------------------------------------------------------------------------------------
// 7. A token without the scope hears FORBIDDEN, whatever is wrong with its arguments

describe('a token without the scope a field needs', () => {
  let readOnly: HttpClient;
  let generateOnly: HttpClient;
  beforeAll(async () => {
    readOnly = new HttpClient(url, { token: (await createToken(me, ['read'])).secret });
    generateOnly = new HttpClient(url, { token: (await createToken(me, ['generate'])).secret });
  });

  it.each([
    [
      'a mutation given the id of another type',
      () =>
        gql(readOnly, 'mutation($id: ID!) { deleteImage(id: $id) { __typename } }', {
          id: globalId('Job', randomUUID()),
        }),
    ],
    [
      'a mutation given a malformed id',
      () =>
        gql(readOnly, 'mutation($id: ID!) { setImageStarred(id: $id, starred: true) { __typename } }', {
          id: 'x',
        }),
    ],
    [
      'a mutation given an input its checks refuse',
      () => gql(readOnly, Generate, { input: { prompt: 'a sea', provider: 'local', width: 0 } }),
    ],
    [
      'a query given the id of another type',
      () =>
        gql(generateOnly, 'query($id: ID!) { image(id: $id) { id } }', { id: globalId('Job', randomUUID()) }),
    ],
  ])('%s: FORBIDDEN before INVALID_INPUT', async (_name, send) => {
    const outcome = await expectNothingWritten(send);
    expectRefused(outcome, 'FORBIDDEN');
  });
});
