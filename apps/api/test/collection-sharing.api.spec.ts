import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack();
  server = await stack.listen();
});
afterAll(() => stack?.close());

const CreateCollection = `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { ... on Collection { id } } }`;
const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { ... on Job { id } } }`;
const Share = `mutation($input: CreateShareLinkInput!) { createShareLink(input: $input) {
  __typename ... on ShareLink { id token active image { id } collection { id } }
  ... on Error { code } ... on InvalidInputError { issues { field } } } }`;
const Shared = `query($token: String!, $first: Int = 50, $after: String) {
  sharedCollection(token: $token) {
    name description isSmart paramsHidden
    images(first: $first, after: $after) {
      edges { node { url prompt thumbnails { url } } }
      pageInfo { hasNextPage endCursor }
    }
  }
  sharedImage(token: $token) { url }
}`;

async function anonymous(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()).data;
}

/** A collection holding two freshly generated images (with real files), in output order. */
async function filledCollection(me: Viewer, name: string) {
  const { data } = await stack.graphql(me, CreateCollection, { input: { name, description: 'for friends' } });
  const id = data.createCollection.id;
  const job = await stack.graphql(me, Generate, {
    input: {
      prompt: `${name} at dawn`,
      provider: 'local',
      count: 2,
      width: 256,
      height: 256,
      steps: 1,
      collectionId: id,
    },
  });
  for (let i = 0; i < 200; i++) {
    const { data: state } = await stack.graphql(me, 'query($id: ID!) { job(id: $id) { status } }', {
      id: job.data.generateImages.id,
    });
    if (state.job.status === 'SUCCEEDED') return id as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the job did not finish');
}

describe('shared collections', () => {
  it('open read-only, in order, with their files, only while the link works', async () => {
    const me = await stack.newUser();
    const id = await filledCollection(me, 'harbour');
    const { data } = await stack.graphql(me, Share, { input: { collectionId: id } });
    const link = data.createShareLink;
    expect(link).toMatchObject({ __typename: 'ShareLink', active: true, image: null, collection: { id } });

    const page = await anonymous(Shared, { token: link.token, first: 1 });
    expect(page.sharedImage).toBeNull();
    expect(page.sharedCollection).toMatchObject({
      name: 'harbour',
      description: 'for friends',
      isSmart: false,
      paramsHidden: false,
    });
    const first = page.sharedCollection.images;
    expect(first.edges[0].node.prompt).toBe('harbour at dawn');
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await anonymous(Shared, { token: link.token, first: 5, after: first.pageInfo.endCursor });
    expect(rest.sharedCollection.images.edges).toHaveLength(1);

    const file = first.edges[0].node.url as string;
    expect((await fetch(`${server.url}${file}`)).status).toBe(200);
    expect((await fetch(`${server.url}${first.edges[0].node.thumbnails[0].url}`)).status).toBe(200);
    // An image outside the collection is not reachable through its link.
    const outsider = await filledCollection(me, 'elsewhere');
    const other = await stack.graphql(
      me,
      'query($id: ID!) { collection(id: $id) { images(first: 1) { edges { node { url } } } } }',
      { id: outsider },
    );
    const otherUrl = other.data.collection.images.edges[0].node.url;
    expect((await fetch(`${server.url}${otherUrl}?share=${link.token}`)).status).toBe(404);

    await stack.graphql(me, 'mutation($id: ID!) { revokeShareLink(id: $id) { __typename } }', {
      id: link.id,
    });
    expect((await anonymous(Shared, { token: link.token })).sharedCollection).toBeNull();
    expect((await fetch(`${server.url}${file}`)).status).toBe(404);
  });

  it('hide prompts when asked and stop at their expiry', async () => {
    const me = await stack.newUser();
    const id = await filledCollection(me, 'secret garden');
    const soon = new Date(Date.now() + 1_500).toISOString();
    const { data } = await stack.graphql(me, Share, {
      input: { collectionId: id, hideParams: true, expiresAt: soon },
    });
    const token = data.createShareLink.token;
    const page = (await anonymous(Shared, { token })).sharedCollection;
    expect(page.paramsHidden).toBe(true);
    expect(page.images.edges.map((edge: any) => edge.node.prompt)).toEqual([null, null]);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect((await anonymous(Shared, { token })).sharedCollection).toBeNull();
    expect((await fetch(`${server.url}${page.images.edges[0].node.url}`)).status).toBe(404);
  });

  it("refuse another person's collection, smart collections, and links naming both or neither", async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const id = await filledCollection(me, 'mine');
    const theirs = await stack.graphql(stranger, Share, { input: { collectionId: id } });
    expect(theirs.data.createShareLink).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ field: 'input.collectionId' }],
    });

    const smart = await stack.graphql(me, CreateCollection, {
      input: { name: 'Smart', filter: { tags: ['a'] } },
    });
    const smartLink = await stack.graphql(me, Share, {
      input: { collectionId: smart.data.createCollection.id },
    });
    expect(smartLink.data.createShareLink).toMatchObject({ __typename: 'SmartCollectionError' });

    const image = await newImage(stack.app, me);
    const both = await stack.graphql(me, Share, {
      input: { collectionId: id, imageId: globalId('Image', image.id) },
    });
    expect(both.data.createShareLink).toMatchObject({ __typename: 'InvalidInputError' });
    const neither = await stack.graphql(me, Share, { input: {} });
    expect(neither.data.createShareLink).toMatchObject({ __typename: 'InvalidInputError' });

    const links = await stack.graphql(
      stranger,
      'query($id: ID!) { collection(id: $id) { shareLinks { id } } }',
      { id },
    );
    expect(links.data.collection).toBeNull();
  });
});
