import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createTestStack, type TestStack } from './support/harness';
import { type HttpClient, signedUpClient } from './support/http-client';

let stack: TestStack;
let server: RunningServer;
let owner: Awaited<ReturnType<typeof signedUpClient>>;

beforeAll(async () => {
  stack = await createTestStack({ auth: 'real' });
  server = await stack.listen();
  owner = await signedUpClient(server.url, { first: true, openSignUp: true });
});
afterAll(() => stack?.close());

const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { ... on Job { id } } }`;
const Share = /* GraphQL */ `
  mutation ($input: CreateShareLinkInput!) {
    createShareLink(input: $input) {
      __typename
      ... on ShareLink {
        id
        token
        path
        active
        hideParams
        expiresAt
      }
      ... on Error {
        code
        message
      }
    }
  }
`;
const Shared = /* GraphQL */ `
  query ($token: String!) {
    sharedImage(token: $token) {
      url
      width
      height
      prompt
      seed
      params
      paramsHidden
      thumbnails {
        size
        url
      }
    }
  }
`;

async function image(client: HttpClient, prompt: string) {
  const { data } = await client.graphql(Generate, {
    input: { prompt, provider: 'local', width: 256, height: 256, steps: 1 },
  });
  return data.generateImages.id as string;
}

async function finishedImage(client: HttpClient, prompt: string) {
  const jobId = await image(client, prompt);
  for (let i = 0; i < 200; i++) {
    const { data } = await client.graphql(
      'query($id: ID!) { job(id: $id) { status images { id url thumbnails { url } } } }',
      { id: jobId },
    );
    if (data.job.status === 'SUCCEEDED') {
      return data.job.images[0] as { id: string; url: string; thumbnails: { url: string }[] };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the job did not finish');
}

describe('share links', () => {
  it('open a read-only page and its files without an account, until revoked', async () => {
    const shared = await finishedImage(owner.client, 'a lighthouse on a rock');
    const { data } = await owner.client.graphql(Share, { input: { imageId: shared.id } });
    const link = data.createShareLink;
    expect(link).toMatchObject({
      __typename: 'ShareLink',
      active: true,
      hideParams: false,
      path: `/s/${link.token}`,
    });
    expect(Buffer.from(link.token, 'base64url').length).toBe(16);

    const anonymous = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: Shared, variables: { token: link.token } }),
    }).then((r) => r.json());
    const page = anonymous.data.sharedImage;
    expect(page).toMatchObject({
      prompt: 'a lighthouse on a rock',
      width: 256,
      height: 256,
      paramsHidden: false,
    });
    expect((await fetch(`${server.url}${page.url}`)).status).toBe(200);
    expect((await fetch(`${server.url}${page.thumbnails[0].url}`)).status).toBe(200);
    // Without the link, or with it for another file, nothing.
    expect((await fetch(`${server.url}${shared.url}`)).status).toBe(404);
    const other = await finishedImage(owner.client, 'a different picture');
    expect((await fetch(`${server.url}${other.url}?share=${link.token}`)).status).toBe(404);

    const revoked = await owner.client.graphql(
      'mutation($id: ID!) { revokeShareLink(id: $id) { ... on ShareLink { active revokedAt } } }',
      { id: link.id },
    );
    expect(revoked.data.revokeShareLink.active).toBe(false);
    const after = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: Shared, variables: { token: link.token } }),
    }).then((r) => r.json());
    expect(after.data.sharedImage).toBeNull();
    expect((await fetch(`${server.url}${page.url}`)).status).toBe(404);
  });

  it('hide the prompt and parameters when asked, and stop at their expiry', async () => {
    const shared = await finishedImage(owner.client, 'a secret recipe');
    const soon = new Date(Date.now() + 1_500).toISOString();
    const { data } = await owner.client.graphql(Share, {
      input: { imageId: shared.id, hideParams: true, expiresAt: soon },
    });
    const token = data.createShareLink.token;
    const view = async () =>
      (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: Shared, variables: { token } }),
        }).then((r) => r.json())
      ).data.sharedImage;
    expect(await view()).toMatchObject({
      paramsHidden: true,
      prompt: null,
      seed: null,
      params: null,
      width: 256,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(await view()).toBeNull();
  });

  it("cannot share, list or revoke someone else's image", async () => {
    const shared = await finishedImage(owner.client, 'mine');
    const { data } = await owner.client.graphql(Share, { input: { imageId: shared.id } });
    const stranger = await signedUpClient(server.url);
    const theirs = await stranger.client.graphql(Share, { input: { imageId: shared.id } });
    expect(theirs.data.createShareLink).toMatchObject({ code: 'NOT_FOUND' });
    const revoke = await stranger.client.graphql(
      'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on Error { code } } }',
      { id: data.createShareLink.id },
    );
    expect(revoke.data.revokeShareLink).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const links = await owner.client.graphql(
      'query($id: ID!) { image(id: $id) { shareLinks { id active } } }',
      { id: shared.id },
    );
    expect(links.data.image.shareLinks).toEqual([{ id: data.createShareLink.id, active: true }]);
  });
});
