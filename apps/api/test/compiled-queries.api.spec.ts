import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { type HttpClient, signedUpClient } from './support/http-client';

// Queries run as compiled code (graphql-jit), mutations on graphql-js: these are the promises a
// client relies on whichever executor answers.
let stack: TestStack;
let server: RunningServer;
let ada: { client: HttpClient; id: string };
let bo: { client: HttpClient; id: string };

beforeAll(async () => {
  stack = await createTestStack({ worker: false, auth: 'real' });
  server = await stack.listen();
  ada = await signedUpClient(server.url, { first: true, openSignUp: true });
  bo = await signedUpClient(server.url);
});
afterAll(() => stack?.close());

const Prompts = `query Prompts($first: Int) { images(first: $first) { edges { node { prompt } } } }`;
const promptsOf = (data: any): string[] => data.images.edges.map((edge: any) => edge.node.prompt);

describe('compiled queries', () => {
  it('answer each viewer from their own rows, though the compiled document is shared', async () => {
    await newImage(stack.app, { id: ada.id } as Viewer, { prompt: 'ada: harbour at dawn' });
    await newImage(stack.app, { id: bo.id } as Viewer, { prompt: 'bo: lanterns in fog' });

    const forAda = await ada.client.graphql(Prompts, { first: 10 });
    const forBo = await bo.client.graphql(Prompts, { first: 10 });

    expect(forAda.errors).toBeUndefined();
    expect(promptsOf(forAda.data)).toEqual(['ada: harbour at dawn']);
    expect(promptsOf(forBo.data)).toEqual(['bo: lanterns in fog']);
  });

  it('compile the document, never its answer: a row added since shows up on the next run', async () => {
    const before = await bo.client.graphql(Prompts, { first: 10 });
    await newImage(stack.app, { id: bo.id } as Viewer, { prompt: 'bo: a second study' });
    const after = await bo.client.graphql(Prompts, { first: 10 });

    expect(promptsOf(after.data)).toEqual(['bo: a second study', ...promptsOf(before.data)]);
  });

  it('answer a variable that cannot be coerced with 400 and an error naming it, as mutations do', async () => {
    const query = await ada.client.graphql(Prompts, { first: 'many' });
    const mutation = await ada.client.graphql(
      `mutation Star($id: ID!, $starred: Boolean!) { setImageStarred(id: $id, starred: $starred) { __typename } }`,
      { id: '1', starred: 'yes' },
    );

    for (const { response, data, errors } of [query, mutation]) {
      expect(response.status).toBe(400);
      expect(data).toBeUndefined();
      expect(errors).toHaveLength(1);
    }
    expect(query.errors![0]!.message).toMatch(/\$first/);
    expect(mutation.errors![0]!.message).toMatch(/\$starred/);
  });

  it("keep a sibling field's answer, and name the failing field in its error, when one field fails", async () => {
    await newImage(stack.app, { id: ada.id } as Viewer, { prompt: 'ada: the one asked for' });
    const newest = await ada.client.graphql(`{ images(first: 1) { edges { node { id prompt } } } }`);
    const { id, prompt } = newest.data.images.edges[0].node;

    const { response, data, errors } = await ada.client.graphql(
      `query Two($id: ID!, $bad: ID!) { ok: image(id: $id) { prompt } bad: image(id: $bad) { id } }`,
      { id, bad: 'not-an-id' },
    );

    expect(response.status).toBe(200);
    expect(data).toEqual({ ok: { prompt }, bad: null });
    expect(errors).toEqual([
      expect.objectContaining({
        path: ['bad'],
        extensions: expect.objectContaining({ code: 'INVALID_INPUT' }),
      }),
    ]);
  });
});
