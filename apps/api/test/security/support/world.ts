import { randomBytes } from 'node:crypto';
import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, expect } from 'vitest';
import { globalId, localId, newImage } from '../../support/factories';
import { createTestStack, type TestStack } from '../../support/harness';
import { type HttpClient, signedUpClient } from '../../support/http-client';
import { createToken, finishedJob, gql, must, type Token } from './http';
import { countEverything, drained, queuedJob } from './rows';

/*
 * The world the authorization tests play in: two real accounts, A (the admin, made by setup) and B,
 * each with things of their own. Every test file that calls `useWorldOfAAndB()` builds its own
 * world in its own database; `stack`, `url` and `w` are that file's.
 */

export let stack: TestStack;
export let url: string;
export const A_PASSWORD = 'a-long-admin-passphrase-0451';
export const secret = `secret-${randomBytes(6).toString('hex')}`;
export const A_PROMPT = `${secret} lighthouse on a cliff at dusk`;

export interface Person {
  client: HttpClient;
  id: string;
  email: string;
  password: string;
}
export interface Picture {
  id: string;
  url: string;
  thumbnails: string[];
}
export interface World {
  a: Person;
  b: Person;
  /** A's generated image, its variation, and the jobs that made them. */
  image: Picture;
  child: Picture;
  job: string;
  variationJob: string;
  /** A's job that stays queued. */
  pending: string;
  /** A's share link of `image`. */
  link: { id: string; token: string };
  tokens: { read: Token; generate: Token; readGenerate: Token; admin: Token };
  bImage: Picture;
  bJob: string;
  bLink: { id: string; token: string };
  bToken: Token;
  /** A's hand-made collection holding `image`, and its share link; B's own (empty) collection. */
  collection: string;
  collectionLink: { id: string; token: string };
  bCollection: string;
  /** A's finished batch (one prompt). */
  batch: string;
  /** A's library: a saved prompt, the history entry of A_PROMPT, a template, a preset showing `image`. */
  savedPrompt: string;
  historyEntry: string;
  template: string;
  preset: string;
  /** B's own preset (to try A's image as its preview). */
  bPreset: string;
}
export let w: World;

export const Generate = /* GraphQL */ `
  mutation Generate($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        code
        message
      }
    }
  }
`;
const Vary = /* GraphQL */ `
  mutation Vary($input: CreateVariationsInput!) {
    createVariations(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        code
        message
      }
    }
  }
`;
const Share = /* GraphQL */ `
  mutation Share($input: CreateShareLinkInput!) {
    createShareLink(input: $input) {
      __typename
      ... on ShareLink {
        id
        token
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

export async function picture(client: HttpClient, query: string, input: Record<string, unknown>) {
  const outcome = await gql(client, query, { input });
  const job = must(Object.values(outcome.data ?? {})[0] as { id?: string } | undefined, outcome);
  const jobId = must(job.id, outcome);
  const [image] = await finishedJob(client, jobId);
  const made = must(image, outcome);
  return { jobId, picture: { id: made.id, url: made.url, thumbnails: made.thumbnails.map((t) => t.url) } };
}

export const CreateBatch = /* GraphQL */ `
  mutation CreateBatch($input: CreateBatchInput!) {
    createBatch(input: $input) {
      __typename
      ... on Batch {
        id
        items {
          edges {
            node {
              job {
                id
              }
            }
          }
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

/** A one-prompt batch, once its item has finished: its global id. */
async function finishedBatch(client: HttpClient, prompt: string): Promise<string> {
  const outcome = await gql(client, CreateBatch, {
    input: { prompts: [{ prompt }], provider: 'local', width: 256, height: 256, steps: 1 },
  });
  const batch = must(outcome.data?.createBatch?.id ? outcome.data.createBatch : null, outcome) as {
    id: string;
    items: { edges: { node: { job: { id: string } } }[] };
  };
  for (const edge of batch.items.edges) await finishedJob(client, edge.node.job.id);
  return batch.id;
}

async function newCollection(client: HttpClient, name: string, imageIds: string[]): Promise<string> {
  const made = await gql(
    client,
    'mutation($input: CreateCollectionInput!) { createCollection(input: $input) { ... on Collection { id } } }',
    { input: { name } },
  );
  const id = must(made.data?.createCollection?.id, made) as string;
  if (imageIds.length > 0) {
    await gql(
      client,
      'mutation($id: ID!, $ids: [ID!]!) { addImagesToCollection(id: $id, imageIds: $ids) { __typename } }',
      {
        id,
        ids: imageIds,
      },
    );
  }
  return id;
}

export async function share(client: HttpClient, imageId: string, extra: Record<string, unknown> = {}) {
  const outcome = await gql(client, Share, { input: { imageId, ...extra } });
  return must(outcome.data?.createShareLink?.token ? outcome.data.createShareLink : null, outcome) as {
    id: string;
    token: string;
  };
}

async function savedPrompt(client: HttpClient, title: string, prompt: string): Promise<string> {
  const made = await gql(
    client,
    'mutation($input: SavePromptInput!) { savePrompt(input: $input) { ... on SavedPrompt { id } } }',
    { input: { title, prompt, tags: ['coast'], notes: `${title} notes` } },
  );
  return must(made.data?.savePrompt?.id, made) as string;
}

/** The id of the viewer's history entry of `prompt` (generating recorded it). */
async function historyEntryOf(client: HttpClient, prompt: string): Promise<string> {
  const outcome = await gql(client, '{ promptHistory(first: 50) { edges { node { id prompt } } } }');
  const edges = (outcome.data?.promptHistory?.edges ?? []) as { node: { id: string; prompt: string } }[];
  return must(edges.find((edge) => edge.node.prompt === prompt)?.node.id, outcome);
}

async function newTemplate(client: HttpClient, name: string, body: string): Promise<string> {
  const made = await gql(
    client,
    'mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { ... on PromptTemplate { id } } }',
    { input: { name, body, variables: [{ name: 'thing', type: 'TEXT', default: 'boat' }] } },
  );
  return must(made.data?.createTemplate?.id, made) as string;
}

async function newPreset(
  client: HttpClient,
  name: string,
  extra: { settings?: Record<string, unknown>; previewImageId?: string } = {},
): Promise<string> {
  const made = await gql(
    client,
    'mutation($input: CreateStylePresetInput!) { createStylePreset(input: $input) { ... on StylePreset { id } } }',
    { input: { name, description: `${name}, described`, settings: {}, ...extra } },
  );
  return must(made.data?.createStylePreset?.id, made) as string;
}

/** Builds this file's world before its tests, and takes it down after them. */
export function useWorldOfAAndB(): void {
  beforeAll(async () => {
    stack = await createTestStack({
      auth: 'real',
      // B tries every field twice (session and token): more changes than the default burst allows.
      server: {
        rateLimits: {
          perUser: { capacity: 1_000, refillPerSecond: 100 },
          perToken: { capacity: 1_000, refillPerSecond: 100 },
        },
      },
    });
    url = (await stack.listen()).url;
    const a = await signedUpClient(url, { first: true, openSignUp: true, password: A_PASSWORD });
    const b = await signedUpClient(url);
    const made = await picture(a.client, Generate, {
      prompt: A_PROMPT,
      provider: 'local',
      width: 256,
      height: 256,
      steps: 1,
      seed: 11,
    });
    const varied = await picture(a.client, Vary, {
      imageId: made.picture.id,
      count: 1,
      width: 256,
      height: 256,
      steps: 1,
    });
    const bMade = await picture(b.client, Generate, {
      prompt: 'a red barn in a wheat field',
      provider: 'local',
      width: 256,
      height: 256,
      steps: 1,
      seed: 99,
    });
    const [read, generate, readGenerate, admin, bToken] = await Promise.all([
      createToken(a.client, ['read']),
      createToken(a.client, ['generate']),
      createToken(a.client, ['read', 'generate']),
      createToken(a.client, ['read', 'generate', 'admin']),
      createToken(b.client, ['read', 'generate']),
    ]);
    w = {
      a: { ...a, password: A_PASSWORD },
      b,
      image: made.picture,
      child: varied.picture,
      job: made.jobId,
      variationJob: varied.jobId,
      pending: await queuedJob(stack.app, a.id, localId(made.jobId)),
      link: await share(a.client, made.picture.id),
      tokens: { read: read, generate: generate, readGenerate: readGenerate, admin: admin },
      bImage: bMade.picture,
      bJob: bMade.jobId,
      bLink: await share(b.client, bMade.picture.id),
      bToken: bToken,
      batch: await finishedBatch(a.client, `${secret} a batch of boats`),
      collection: '',
      collectionLink: { id: '', token: '' },
      bCollection: await newCollection(b.client, 'B things', []),
      savedPrompt: await savedPrompt(a.client, `${secret} saved lighthouse`, `${secret} a lighthouse in fog`),
      historyEntry: await historyEntryOf(a.client, A_PROMPT),
      template: await newTemplate(a.client, `${secret} harbour template`, `${secret} a {thing} at dawn`),
      preset: await newPreset(a.client, `${secret} moody coast`, {
        settings: { provider: 'local', promptPrefix: `${secret} moody` },
        previewImageId: made.picture.id,
      }),
      bPreset: await newPreset(b.client, 'B style'),
    };
    w.collection = await newCollection(a.client, `${secret} harbours`, [made.picture.id]);
    const collectionLink = await gql(a.client, Share, { input: { collectionId: w.collection } });
    w.collectionLink = must(
      collectionLink.data?.createShareLink?.token ? collectionLink.data.createShareLink : null,
      collectionLink,
    ) as {
      id: string;
      token: string;
    };
    await drained(stack.app);
  });
  afterAll(() => stack?.close());
}

/** Strings that only A's things contain: none may reach B, anonymous callers, or a refused token. */
function secretsOfA(): string[] {
  const keys = [w.image, w.child]
    .flatMap((p) => [p.url, ...p.thumbnails])
    .map((u) => u.replace('/files/', ''));
  return [
    secret,
    w.a.email,
    w.link.token,
    w.collectionLink.token,
    ...Object.values(w.tokens).flatMap((token) => [token.secret, token.prefix]),
    ...keys,
  ];
}

/** A new image of A's (as if imported), by global id. */
export async function importOfA(): Promise<string> {
  const image = await newImage(stack.app, { id: w.a.id } as Viewer, {
    prompt: `${secret} a passing picture`,
  });
  return globalId('Image', image.id);
}

export function expectNothingOfA(answer: unknown): void {
  const text = JSON.stringify(answer);
  for (const marker of secretsOfA()) expect(text, `the answer reveals ${marker}`).not.toContain(marker);
}

const Snapshot = /* GraphQL */ `
  query Snapshot($n: Int!) {
    viewer {
      id
      email
      role
      maxConcurrentJobs
      maxImagesPerDay
    }
    instance {
      needsSetup
      signupEnabled
    }
    images(first: $n) {
      edges {
        node {
          id
          prompt
          url
          shareLinks {
            id
            token
            hideParams
            expiresAt
            revokedAt
          }
        }
      }
    }
    jobs(first: $n) {
      edges {
        node {
          id
          status
        }
      }
    }
    collections(first: $n) {
      edges {
        node {
          id
          name
          description
          imageCount
          cover {
            id
          }
          images(first: $n) {
            edges {
              node {
                id
              }
            }
          }
          shareLinks {
            id
            revokedAt
          }
        }
      }
    }
    apiTokens {
      id
      scopes
      revokedAt
    }
    savedPrompts(first: $n) {
      edges {
        node {
          id
          title
          prompt
          negativePrompt
          tags
          notes
          updatedAt
        }
      }
    }
    promptHistory(first: $n) {
      edges {
        node {
          id
          prompt
          uses
          lastUsedAt
        }
      }
    }
    templates(first: $n) {
      edges {
        node {
          id
          name
          latestVersion
          updatedAt
          versions {
            version
            body
          }
        }
      }
    }
    stylePresets(first: $n) {
      edges {
        node {
          id
          name
          description
          updatedAt
          settings {
            provider
            promptPrefix
          }
          previewImage {
            id
          }
        }
      }
    }
    users(first: $n) {
      edges {
        node {
          id
          email
          role
          maxConcurrentJobs
          maxImagesPerDay
        }
      }
    }
  }
`;

/** A's world as A sees it (through A's own session), and every account as the admin sees them. */
export async function worldOfA() {
  // A page of 50 holds all of A's rows of each kind (and stays within the complexity budget).
  const outcome = await gql(w.a.client, Snapshot, { n: 50 });
  const data = must(outcome.errors ? null : outcome.data, outcome);
  const { users, ...mine } = data;
  return { mine, users, rows: await countEverything(stack.app, stack.dataDir) };
}
