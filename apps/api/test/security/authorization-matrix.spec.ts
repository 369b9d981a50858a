import { randomBytes } from 'node:crypto';
import type { Viewer } from '@atelier/domain';
import { schema } from '@atelier/schema';
import { getNamedType, isObjectType, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, localId, newImage } from '../support/factories';
import { createTestStack, type TestStack } from '../support/harness';
import { HttpClient, signedUpClient } from '../support/http-client';
import {
  createToken,
  fetchFile,
  finishedJob,
  gql,
  multipart,
  must,
  type Outcome,
  signedIn,
  type Token,
  type UploadFile,
} from './support/http';
import { png } from './support/images';
import { countEverything, queuedJob, settle } from './support/rows';
import { type SocketCredentials, subscribeAs } from './support/ws';

/*
 * Who may do what. A and B are two real accounts (A is the admin, made by setup); B tries every
 * root field of the schema against A's things and must get "not found" (never "forbidden", never
 * details), anonymous callers must be told to sign in, and API tokens must stay within their
 * scopes. After every attempt, A's world must be as it was.
 */

let stack: TestStack;
let url: string;
const A_PASSWORD = 'a-long-admin-passphrase-0451';
const secret = `secret-${randomBytes(6).toString('hex')}`;
const A_PROMPT = `${secret} lighthouse on a cliff at dusk`;

interface Person {
  client: HttpClient;
  id: string;
  email: string;
  password: string;
}
interface Picture {
  id: string;
  url: string;
  thumbnails: string[];
}
interface World {
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
let w: World;

const Generate = /* GraphQL */ `
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

async function picture(client: HttpClient, query: string, input: Record<string, unknown>) {
  const outcome = await gql(client, query, { input });
  const job = must(Object.values(outcome.data ?? {})[0] as { id?: string } | undefined, outcome);
  const jobId = must(job.id, outcome);
  const [image] = await finishedJob(client, jobId);
  const made = must(image, outcome);
  return { jobId, picture: { id: made.id, url: made.url, thumbnails: made.thumbnails.map((t) => t.url) } };
}

const CreateBatch = /* GraphQL */ `
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

async function share(client: HttpClient, imageId: string, extra: Record<string, unknown> = {}) {
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
  const a = await signedUpClient(url, { first: true, password: A_PASSWORD });
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
});
afterAll(() => stack?.close());

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
async function importOfA(): Promise<string> {
  const image = await newImage(stack.app, { id: w.a.id } as Viewer, {
    prompt: `${secret} a passing picture`,
  });
  return globalId('Image', image.id);
}

function expectNothingOfA(answer: unknown): void {
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
async function worldOfA() {
  // A page of 50 holds all of A's rows of each kind (and stays within the complexity budget).
  const outcome = await gql(w.a.client, Snapshot, { n: 50 });
  const data = must(outcome.errors ? null : outcome.data, outcome);
  const { users, ...mine } = data;
  return { mine, users, rows: await countEverything(stack.app, stack.dataDir) };
}

// ---------------------------------------------------------------------------------------------
// The table: one row per root field, each with the attempts B makes against A's things.
// ---------------------------------------------------------------------------------------------

type Need = 'public' | 'signedIn' | 'read' | 'generate' | 'session' | 'admin';
type OperationType = 'query' | 'mutation' | 'subscription';

/** What came back: over HTTP, or the results and errors of a subscription. */
interface Answer {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  results?: { data?: any }[];
}

interface Actor {
  label: string;
  http: HttpClient;
  socket: SocketCredentials;
}

interface Attempt {
  /** What B aims at, for the test name. */
  what: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /** Files for a multipart request, by variable path (e.g. `variables.file`). */
  files?: () => Promise<Record<string, UploadFile>>;
  /** How B's attempt must come out. */
  asB: (answer: Answer, actor: Actor) => void | Promise<void>;
  /** B rightly makes something of B's own (a job, an image, a token): only A's things are compared. */
  makesOwn?: boolean;
  /** Runs in another browser of B's (signing out ends the session it runs in). */
  freshBrowser?: boolean;
  /** For a subscription that must stay silent: how long to listen (instead of until its first result). */
  quietMs?: number;
  /** What happens elsewhere while a quiet subscription listens (e.g. A changing A's things and back). */
  whileOpen?: () => Promise<void>;
}

interface Row {
  type: OperationType;
  field: string;
  needs: Need;
  attempts: Attempt[];
  /** What an anonymous caller gets from the first attempt; by default: sign in (or, for public fields, what B gets). */
  anonymous?: (answer: Answer) => void;
}

function refusedWith(field: string, code: string) {
  return (answer: Answer) => {
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(answer.data?.[field] ?? null).toBeNull();
    expect(answer.results?.some((result) => result.data) ?? false).toBe(false);
  };
}

const isNull = (field: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toBeNull();
};

const notFound = (field: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
};

/** The typed "no such image" of operations that take an image in their input. */
const noSuchImage = (field: string, path: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toMatchObject({ __typename: 'InvalidInputError', code: 'NOT_FOUND' });
  expect(answer.data[field].issues.map((issue: { field: string }) => issue.field)).toEqual([path]);
};

const typedError = (field: string, typename: string, code: string, path?: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toMatchObject({ __typename: typename, code });
  if (path) expect(answer.data[field].issues.map((issue: { field: string }) => issue.field)).toEqual([path]);
};

const edgeIds = (connection: { edges: { node: { id: string } }[] }) =>
  connection.edges.map((edge) => edge.node.id);

const ImageResult =
  '__typename ... on Job { id } ... on Error { code message } ... on InvalidInputError { issues { field } }';
const jobInput = (query: string, field: string, type: string) => /* GraphQL */ `
  mutation ${query}($input: ${type}!) { ${field}(input: $input) { ${ImageResult} } }
`;

const rows: Row[] = [
  // ---- queries ----
  {
    type: 'query',
    field: 'apiTokens',
    needs: 'session',
    attempts: [
      {
        what: "the list (none of A's tokens)",
        query: '{ apiTokens { id name prefix scopes revokedAt } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = answer.data.apiTokens.map((token: { id: string }) => token.id);
          expect(ids).toContain(w.bToken.id);
          for (const token of Object.values(w.tokens)) expect(ids).not.toContain(token.id);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'image',
    needs: 'read',
    attempts: [
      {
        what: "A's image",
        query: 'query($id: ID!) { image(id: $id) { id prompt url shareLinks { token } } }',
        variables: () => ({ id: w.image.id }),
        asB: isNull('image'),
      },
      {
        what: "A's variation",
        query: 'query($id: ID!) { image(id: $id) { id prompt parent { id } } }',
        variables: () => ({ id: w.child.id }),
        asB: isNull('image'),
      },
    ],
  },
  {
    type: 'query',
    field: 'images',
    needs: 'read',
    attempts: [
      {
        what: "the gallery (none of A's images)",
        query: '{ images(first: 20) { edges { cursor node { id prompt url } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = edgeIds(answer.data.images);
          expect(ids).toContain(w.bImage.id);
          expect(ids).not.toContain(w.image.id);
          expect(ids).not.toContain(w.child.id);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'batch',
    needs: 'read',
    attempts: [
      {
        what: "A's batch",
        query:
          'query($id: ID!) { batch(id: $id) { id title items { edges { node { prompt job { id } } } } } }',
        variables: () => ({ id: w.batch }),
        asB: isNull('batch'),
      },
    ],
  },
  {
    type: 'query',
    field: 'batches',
    needs: 'read',
    attempts: [
      {
        what: "the list (none of A's batches)",
        query: '{ batches(first: 20) { edges { node { id title } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.batches)).not.toContain(w.batch);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'trash',
    needs: 'read',
    attempts: [
      {
        what: "the trash (none of A's trashed images)",
        query: '{ trash(first: 20) { edges { node { id prompt url purgeAt } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.trash)).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'instance',
    needs: 'public',
    attempts: [
      {
        what: 'the server',
        query: '{ instance { needsSetup signupEnabled } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.instance).toEqual({ needsSetup: false, signupEnabled: true });
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'job',
    needs: 'read',
    attempts: [
      {
        what: "A's finished job",
        query:
          'query($id: ID!) { job(id: $id) { id status input { prompt sourceImage { id } } images { id } } }',
        variables: () => ({ id: w.job }),
        asB: isNull('job'),
      },
      {
        what: "A's variation job",
        query: 'query($id: ID!) { job(id: $id) { id input { sourceImage { id prompt } } } }',
        variables: () => ({ id: w.variationJob }),
        asB: isNull('job'),
      },
      {
        what: "A's queued job",
        query: 'query($id: ID!) { job(id: $id) { id status queuePosition } }',
        variables: () => ({ id: w.pending }),
        asB: isNull('job'),
      },
    ],
  },
  {
    type: 'query',
    field: 'jobs',
    needs: 'read',
    attempts: [
      {
        what: "the job list (none of A's jobs)",
        query: '{ jobs(first: 20) { edges { node { id status input { prompt } } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = edgeIds(answer.data.jobs);
          expect(ids).toContain(w.bJob);
          for (const id of [w.job, w.variationJob, w.pending]) expect(ids).not.toContain(id);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'node',
    needs: 'read',
    attempts: [
      {
        what: "A's image, with its share links",
        query:
          'query($id: ID!) { node(id: $id) { id ... on Image { prompt url shareLinks { token } } ... on Job { status } } }',
        variables: () => ({ id: w.image.id }),
        asB: isNull('node'),
      },
      {
        what: "A's job",
        query: 'query($id: ID!) { node(id: $id) { id ... on Job { status input { prompt } } } }',
        variables: () => ({ id: w.job }),
        asB: isNull('node'),
      },
      {
        what: "A's template",
        query: 'query($id: ID!) { node(id: $id) { id ... on PromptTemplate { name latest { body } } } }',
        variables: () => ({ id: w.template }),
        asB: isNull('node'),
      },
      {
        what: "A's style preset",
        query: 'query($id: ID!) { node(id: $id) { id ... on StylePreset { name previewImage { url } } } }',
        variables: () => ({ id: w.preset }),
        asB: isNull('node'),
      },
    ],
  },
  {
    type: 'query',
    field: 'nodes',
    needs: 'read',
    attempts: [
      {
        what: "A's image, variation and jobs (among one of B's own)",
        query:
          'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Image { prompt } ... on Job { status } } }',
        variables: () => ({ ids: [w.image.id, w.child.id, w.job, w.pending, w.bImage.id] }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.nodes).toEqual([
            null,
            null,
            null,
            null,
            { id: w.bImage.id, prompt: 'a red barn in a wheat field' },
          ]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'providers',
    needs: 'signedIn',
    attempts: [
      {
        what: 'the provider list',
        query: '{ providers { id available } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.providers.map((provider: { id: string }) => provider.id)).toContain('local');
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'collections',
    needs: 'read',
    attempts: [
      {
        what: "the collection list (none of A's)",
        query: '{ collections(first: 50) { edges { node { id name } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.collections)).not.toContain(w.collection);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'collection',
    needs: 'read',
    attempts: [
      {
        what: "A's collection",
        query:
          'query($id: ID!) { collection(id: $id) { id name images(first: 5) { edges { node { id } } } } }',
        variables: () => ({ id: w.collection }),
        asB: isNull('collection'),
      },
    ],
  },
  {
    type: 'query',
    field: 'sharedCollection',
    needs: 'public',
    attempts: [
      {
        what: "the id (not the token) of A's collection link",
        query: 'query($token: String!) { sharedCollection(token: $token) { name } }',
        variables: () => ({ token: w.collectionLink.id }),
        asB: isNull('sharedCollection'),
      },
      {
        what: "A's image link (not a collection link)",
        query: 'query($token: String!) { sharedCollection(token: $token) { name } }',
        variables: () => ({ token: w.link.token }),
        asB: isNull('sharedCollection'),
      },
    ],
  },
  {
    type: 'query',
    field: 'sharedImage',
    needs: 'public',
    attempts: [
      {
        what: "the id (not the token) of A's share link",
        query: 'query($token: String!) { sharedImage(token: $token) { prompt url } }',
        variables: () => ({ token: w.link.id }),
        asB: isNull('sharedImage'),
      },
      {
        what: 'a guessed token',
        query: 'query($token: String!) { sharedImage(token: $token) { prompt url } }',
        variables: () => ({ token: `${w.link.token.slice(0, -1)}${w.link.token.endsWith('A') ? 'B' : 'A'}` }),
        asB: isNull('sharedImage'),
      },
    ],
  },
  {
    type: 'query',
    field: 'users',
    needs: 'admin',
    attempts: [
      {
        what: 'the account list',
        query: '{ users(first: 20) { edges { node { id email maxImagesPerDay } } } }',
        asB: refusedWith('users', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'query',
    field: 'viewer',
    needs: 'public',
    attempts: [
      {
        what: 'who is signed in (B, not A)',
        query: '{ viewer { id email role } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.viewer).toEqual({ id: w.b.id, email: w.b.email, role: 'USER' });
        },
      },
    ],
    anonymous: isNull('viewer'),
  },

  {
    type: 'query',
    field: 'savedPrompts',
    needs: 'read',
    attempts: [
      {
        what: "the library (none of A's saved prompts)",
        query: '{ savedPrompts(first: 50) { edges { node { id title prompt notes } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.savedPrompts)).not.toContain(w.savedPrompt);
        },
      },
      {
        what: "a search for the words of A's saved prompt",
        query:
          'query($search: String) { savedPrompts(first: 50, search: $search) { edges { node { id title } } } }',
        variables: () => ({ search: 'lighthouse' }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.savedPrompts)).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'promptHistory',
    needs: 'read',
    attempts: [
      {
        what: "the history (none of A's prompts)",
        query: '{ promptHistory(first: 50) { edges { node { id prompt negativePrompt uses } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.promptHistory)).not.toContain(w.historyEntry);
        },
      },
      {
        what: "a search for the words of A's prompt",
        query:
          'query($search: String) { promptHistory(first: 50, search: $search) { edges { node { id prompt } } } }',
        variables: () => ({ search: 'lighthouse' }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.promptHistory)).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'templates',
    needs: 'read',
    attempts: [
      {
        what: "the template list (none of A's)",
        query: '{ templates(first: 50) { edges { node { id name latest { body } } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.templates)).not.toContain(w.template);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'template',
    needs: 'read',
    attempts: [
      {
        what: "A's template",
        query: 'query($id: ID!) { template(id: $id) { id name versions { body } } }',
        variables: () => ({ id: w.template }),
        asB: isNull('template'),
      },
    ],
  },
  {
    type: 'query',
    field: 'previewTemplate',
    needs: 'read',
    attempts: [
      {
        what: "a body of B's own (it saves nothing)",
        query:
          'query($body: String!, $variables: [TemplateVariableInput!]!, $values: [TemplateValueInput!]) { previewTemplate(body: $body, variables: $variables, values: $values) { __typename ... on TemplatePreview { prompt } ... on Error { code message } } }',
        variables: () => ({
          body: 'a {thing} by the sea',
          variables: [{ name: 'thing', type: 'TEXT' }],
          values: [{ name: 'thing', value: 'kite' }],
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.previewTemplate).toEqual({
            __typename: 'TemplatePreview',
            prompt: 'a kite by the sea',
          });
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'stylePresets',
    needs: 'read',
    attempts: [
      {
        what: "the preset list (starters and B's own, none of A's)",
        query: '{ stylePresets(first: 50) { edges { node { id name starter previewImage { id url } } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = edgeIds(answer.data.stylePresets);
          expect(ids).toContain(w.bPreset);
          expect(ids).not.toContain(w.preset);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'stylePreset',
    needs: 'read',
    attempts: [
      {
        what: "A's preset",
        query:
          'query($id: ID!) { stylePreset(id: $id) { id name settings { promptPrefix } previewImage { id url } } }',
        variables: () => ({ id: w.preset }),
        asB: isNull('stylePreset'),
      },
    ],
  },
  {
    type: 'query',
    field: 'exportStylePresets',
    needs: 'read',
    attempts: [
      {
        what: "A's preset (among B's own)",
        query: 'query($ids: [ID!]) { exportStylePresets(ids: $ids) { json } }',
        variables: () => ({ ids: [w.preset, w.bPreset] }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const exported = JSON.parse(answer.data.exportStylePresets.json) as { presets: { name: string }[] };
          expect(exported.presets.map((preset) => preset.name)).toEqual(['B style']);
        },
      },
      {
        what: "all of B's own (none of A's)",
        query: '{ exportStylePresets { json } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const exported = JSON.parse(answer.data.exportStylePresets.json) as { presets: { name: string }[] };
          expect(exported.presets.map((preset) => preset.name)).toContain('B style');
        },
      },
    ],
  },

  // ---- mutations ----
  {
    type: 'mutation',
    field: 'createBatch',
    needs: 'generate',
    attempts: [
      {
        what: "a batch of B's own (not in A's list)",
        query: CreateBatch,
        variables: () => ({
          input: {
            prompts: [{ prompt: 'a green hill' }],
            provider: 'local',
            width: 256,
            height: 256,
            steps: 1,
          },
        }),
        asB: async (answer, actor) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createBatch.__typename).toBe('Batch');
          const items = answer.data.createBatch.items.edges as { node: { job: { id: string } } }[];
          for (const edge of items) await finishedJob(actor.http, edge.node.job.id);
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'cancelBatch',
    needs: 'generate',
    attempts: [
      {
        what: "A's batch",
        query:
          'mutation($id: ID!) { cancelBatch(id: $id) { __typename ... on Batch { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.batch }),
        asB: notFound('cancelBatch'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'retryFailedBatchItems',
    needs: 'generate',
    attempts: [
      {
        what: "A's batch",
        query:
          'mutation($id: ID!) { retryFailedBatchItems(id: $id) { __typename ... on Batch { id } ... on Error { code message } } }',
        variables: () => ({ id: w.batch }),
        asB: notFound('retryFailedBatchItems'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'cancelJob',
    needs: 'generate',
    attempts: [
      {
        what: "A's queued job",
        query:
          'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Job { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.pending }),
        asB: notFound('cancelJob'),
      },
      {
        what: "A's finished job (not found, rather than 'already finished')",
        query:
          'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Job { id status } ... on Error { code message } } }',
        variables: () => ({ id: w.job }),
        asB: notFound('cancelJob'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'changePassword',
    needs: 'session',
    attempts: [
      {
        what: "A's password as the current one",
        query:
          'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on ChangePasswordSuccess { data } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { currentPassword: A_PASSWORD, newPassword: 'b-would-like-this-one' } }),
        asB: typedError(
          'changePassword',
          'InvalidInputError',
          'INVALID_CREDENTIALS',
          'input.currentPassword',
        ),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createApiToken',
    needs: 'session',
    attempts: [
      {
        what: "a token of B's own",
        query:
          'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on CreatedApiToken { secret token { id scopes } } ... on Error { code message } } }',
        variables: () => ({ input: { name: 'b reads', scopes: ['read'] } }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createApiToken).toMatchObject({
            __typename: 'CreatedApiToken',
            token: { scopes: ['read'] },
          });
        },
        makesOwn: true,
      },
      {
        what: 'the admin scope',
        query:
          'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on CreatedApiToken { secret } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { name: 'b wants admin', scopes: ['read', 'admin'] } }),
        asB: typedError('createApiToken', 'InvalidInputError', 'FORBIDDEN', 'input.scopes'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createShareLink',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($input: CreateShareLinkInput!) { createShareLink(input: $input) { __typename ... on ShareLink { token } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { imageId: w.image.id } }),
        asB: noSuchImage('createShareLink', 'input.imageId'),
      },
      {
        what: "A's collection",
        query:
          'mutation($input: CreateShareLinkInput!) { createShareLink(input: $input) { __typename ... on ShareLink { token } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { collectionId: w.collection } }),
        asB: noSuchImage('createShareLink', 'input.collectionId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createCollection',
    needs: 'generate',
    attempts: [
      {
        what: 'a collection of their own',
        query:
          'mutation($input: CreateCollectionInput!) { createCollection(input: $input) { __typename ... on Collection { id imageCount } } }',
        variables: () => ({ input: { name: 'Mine' } }),
        makesOwn: true,
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createCollection).toMatchObject({ __typename: 'Collection', imageCount: 0 });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename ... on Error { code message } } }',
        variables: () => ({ input: { id: w.collection, name: 'Taken' } }),
        asB: notFound('updateCollection'),
      },
      {
        what: "A's image as the cover of B's collection",
        query:
          'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { id: w.bCollection, coverImageId: w.image.id } }),
        asB: noSuchImage('updateCollection', 'input.coverImageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!) { deleteCollection(id: $id) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection }),
        asB: notFound('deleteCollection'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'addImagesToCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!, $ids: [ID!]!) { addImagesToCollection(id: $id, imageIds: $ids) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection, ids: [w.bImage.id] }),
        asB: notFound('addImagesToCollection'),
      },
      {
        what: "A's image into B's collection",
        query:
          'mutation($id: ID!, $ids: [ID!]!) { addImagesToCollection(id: $id, imageIds: $ids) { __typename ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ id: w.bCollection, ids: [w.image.id] }),
        asB: noSuchImage('addImagesToCollection', 'imageIds'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'removeImagesFromCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!, $ids: [ID!]!) { removeImagesFromCollection(id: $id, imageIds: $ids) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection, ids: [w.image.id] }),
        asB: notFound('removeImagesFromCollection'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'moveCollectionImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!, $image: ID!) { moveCollectionImage(id: $id, imageId: $image) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection, image: w.image.id }),
        asB: notFound('moveCollectionImage'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createVariations',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Vary', 'createVariations', 'CreateVariationsInput'),
        variables: () => ({ input: { imageId: w.image.id, count: 1, width: 256, height: 256, steps: 1 } }),
        asB: noSuchImage('createVariations', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on DeleteImagePayload { deletedImageId } ... on Error { code message } } }',
        variables: () => ({ id: w.image.id }),
        asB: async (answer) => {
          notFound('deleteImage')(answer);
          expect((await fetchFile(url, w.image.url, { cookie: w.a.client.cookie })).status).toBe(200);
        },
      },
      {
        what: "A's variation",
        query: 'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.child.id }),
        asB: notFound('deleteImage'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setImageStarred',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($id: ID!) { setImageStarred(id: $id, starred: true) { __typename ... on Image { starred } ... on Error { code message } } }',
        variables: () => ({ id: w.image.id }),
        asB: notFound('setImageStarred'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setImageTags',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($id: ID!) { setImageTags(id: $id, tags: ["b-was-here"]) { __typename ... on Image { tags } ... on Error { code message } } }',
        variables: () => ({ id: w.image.id }),
        asB: notFound('setImageTags'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'tagImages',
    needs: 'generate',
    attempts: [
      {
        what: "A's image together with B's own",
        query:
          'mutation($ids: [ID!]!) { tagImages(ids: $ids, add: ["b-was-here"]) { __typename ... on ImagesPayload { images { id tags } } ... on Error { code message } } }',
        variables: () => ({ ids: [w.bImage.id, w.image.id] }),
        asB: notFound('tagImages'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteImages',
    needs: 'generate',
    attempts: [
      {
        what: "A's image and variation",
        query:
          'mutation($ids: [ID!]!) { deleteImages(ids: $ids) { __typename ... on DeletedImagesPayload { deletedImageIds } ... on Error { code message } } }',
        variables: () => ({ ids: [w.image.id, w.child.id] }),
        asB: notFound('deleteImages'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'restoreImages',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($ids: [ID!]!) { restoreImages(ids: $ids) { __typename ... on ImagesPayload { images { id } } ... on Error { code message } } }',
        variables: () => ({ ids: [w.image.id] }),
        asB: notFound('restoreImages'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteImagesForever',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($ids: [ID!]!) { deleteImagesForever(ids: $ids) { __typename ... on DeletedImagesPayload { deletedImageIds } ... on Error { code message } } }',
        variables: () => ({ ids: [w.image.id] }),
        asB: async (answer) => {
          notFound('deleteImagesForever')(answer);
          expect((await fetchFile(url, w.image.url, { cookie: w.a.client.cookie })).status).toBe(200);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'emptyTrash',
    needs: 'generate',
    attempts: [
      {
        what: "B's own (empty) trash, never A's",
        query: 'mutation { emptyTrash { deletedCount } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.emptyTrash).toEqual({ deletedCount: 0 });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'editImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image (with B's image as the mask)",
        query: jobInput('Edit', 'editImage', 'EditImageInput'),
        variables: () => ({
          input: { imageId: w.image.id, prompt: 'a boat', maskImageId: w.bImage.id, steps: 1 },
        }),
        asB: noSuchImage('editImage', 'input.imageId'),
      },
      {
        what: "A's image as the mask of B's",
        query: jobInput('Edit', 'editImage', 'EditImageInput'),
        variables: () => ({
          input: { imageId: w.bImage.id, prompt: 'a boat', maskImageId: w.image.id, steps: 1 },
        }),
        asB: noSuchImage('editImage', 'input.maskImageId'),
      },
      {
        what: "A's image (with an uploaded mask)",
        query: jobInput('Edit', 'editImage', 'EditImageInput'),
        variables: () => ({ input: { imageId: w.image.id, prompt: 'a boat', mask: null, steps: 1 } }),
        files: async () => ({
          'variables.input.mask': {
            bytes: await png(32, 32, '#ffffff'),
            name: 'mask.png',
            type: 'image/png',
          },
        }),
        asB: noSuchImage('editImage', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'enhanceImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Enhance', 'enhanceImage', 'EnhanceImageInput'),
        variables: () => ({ input: { imageId: w.image.id } }),
        asB: noSuchImage('enhanceImage', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'generateImages',
    needs: 'generate',
    attempts: [
      {
        what: "a job of B's own (not in A's list)",
        query: jobInput('Generate', 'generateImages', 'GenerateImagesInput'),
        variables: () => ({
          input: { prompt: 'a green hill', provider: 'local', width: 256, height: 256, steps: 1 },
        }),
        asB: async (answer, actor) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.generateImages.__typename).toBe('Job');
          await finishedJob(actor.http, answer.data.generateImages.id);
        },
        makesOwn: true,
      },
      {
        what: "A's template",
        query: jobInput('Generate', 'generateImages', 'GenerateImagesInput'),
        variables: () => ({
          input: {
            prompt: '',
            template: { id: w.template },
            provider: 'local',
            width: 256,
            height: 256,
            steps: 1,
          },
        }),
        asB: noSuchImage('generateImages', 'input.template.id'),
      },
      {
        what: "A's style preset",
        query: jobInput('Generate', 'generateImages', 'GenerateImagesInput'),
        variables: () => ({
          input: {
            prompt: 'a green hill',
            presetId: w.preset,
            provider: 'local',
            width: 256,
            height: 256,
            steps: 1,
          },
        }),
        asB: noSuchImage('generateImages', 'input.presetId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'importImage',
    needs: 'generate',
    attempts: [
      {
        what: "an upload of B's own (not in A's gallery)",
        query:
          'mutation($file: File!) { importImage(file: $file) { __typename ... on Image { id mime } ... on Error { code message } } }',
        variables: () => ({ file: null }),
        files: async () => ({
          'variables.file': { bytes: await png(48, 48, '#aa3311'), name: 'mine.png', type: 'image/png' },
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.importImage).toMatchObject({ __typename: 'Image', mime: 'image/png' });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'importImageFromUrl',
    needs: 'generate',
    attempts: [
      {
        what: "A's file, through this server's own address",
        query:
          'mutation($url: String!) { importImageFromUrl(url: $url) { __typename ... on Image { id } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ url: `${url}${w.image.url}` }),
        asB: typedError('importImageFromUrl', 'InvalidInputError', 'INVALID_INPUT', 'url'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'restyleImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Restyle', 'restyleImage', 'RestyleImageInput'),
        variables: () => ({ input: { imageId: w.image.id, styleText: 'warm' } }),
        asB: noSuchImage('restyleImage', 'input.imageId'),
      },
      {
        what: "A's image as the style reference",
        query: jobInput('Restyle', 'restyleImage', 'RestyleImageInput'),
        variables: () => ({ input: { imageId: w.bImage.id, styleReferenceImageId: w.image.id } }),
        asB: noSuchImage('restyleImage', 'input.styleReferenceImageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'revokeApiToken',
    needs: 'session',
    attempts: [
      {
        what: "A's token",
        query:
          'mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on ApiToken { id revokedAt } ... on Error { code message } } }',
        variables: () => ({ id: w.tokens.read.id }),
        asB: async (answer) => {
          notFound('revokeApiToken')(answer);
          const stillWorks = await gql(
            new HttpClient(url, { token: w.tokens.read.secret }),
            '{ viewer { id } }',
          );
          expect(stillWorks.data?.viewer).toEqual({ id: w.a.id });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'revokeShareLink',
    needs: 'generate',
    attempts: [
      {
        what: "A's share link",
        query:
          'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on ShareLink { revokedAt } ... on Error { code message } } }',
        variables: () => ({ id: w.link.id }),
        asB: async (answer) => {
          notFound('revokeShareLink')(answer);
          const opened = await gql(
            new HttpClient(url),
            'query($t: String!) { sharedImage(token: $t) { width } }',
            { t: w.link.token },
          );
          expect(opened.data?.sharedImage).toEqual({ width: 256 });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setSignupEnabled',
    needs: 'admin',
    attempts: [
      {
        what: 'closing sign-up',
        query: 'mutation { setSignupEnabled(enabled: false) }',
        asB: refusedWith('setSignupEnabled', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setUserQuota',
    needs: 'admin',
    attempts: [
      {
        what: "A's quota",
        query:
          'mutation($input: SetUserQuotaInput!) { setUserQuota(input: $input) { __typename ... on Account { id } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.a.id, maxImagesPerDay: 1, maxConcurrentJobs: 1 } }),
        asB: refusedWith('setUserQuota', 'FORBIDDEN'),
      },
      {
        what: "B's own quota",
        query:
          'mutation($input: SetUserQuotaInput!) { setUserQuota(input: $input) { __typename ... on Account { id } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.b.id, maxImagesPerDay: 1_000_000 } }),
        asB: refusedWith('setUserQuota', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setup',
    needs: 'public',
    attempts: [
      {
        what: 'taking over the server',
        query:
          'mutation($input: SignUpInput!) { setup(input: $input) { __typename ... on Account { id role } ... on Error { code message } } }',
        variables: () => ({
          input: { email: 'takeover@example.test', password: 'a long enough password', displayName: 'Owner' },
        }),
        asB: typedError('setup', 'BaseError', 'INVALID_STATE'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'signIn',
    needs: 'public',
    attempts: [
      {
        what: "A's email with a wrong password",
        query:
          'mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on Account { id } ... on Error { code message } } }',
        variables: () => ({ input: { email: w.a.email, password: 'not the password at all' } }),
        asB: typedError('signIn', 'BaseError', 'INVALID_CREDENTIALS'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'signOut',
    needs: 'public',
    attempts: [
      {
        what: "B's own session (A's stays)",
        query: 'mutation { signOut }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.signOut).toBe(true);
        },
        freshBrowser: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'signUp',
    needs: 'public',
    attempts: [
      {
        what: "A's email, in capitals",
        query:
          'mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on Account { id } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({
          input: { email: w.a.email.toUpperCase(), password: 'another long password', displayName: 'Not A' },
        }),
        asB: typedError('signUp', 'InvalidInputError', 'CONFLICT', 'input.email'),
      },
    ],
  },

  {
    type: 'mutation',
    field: 'savePrompt',
    needs: 'generate',
    attempts: [
      {
        what: "a saved prompt of B's own (not in A's library)",
        query:
          'mutation($input: SavePromptInput!) { savePrompt(input: $input) { __typename ... on SavedPrompt { id title } ... on Error { code message } } }',
        variables: () => ({ input: { title: 'B keeps this', prompt: 'a windmill at noon' } }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.savePrompt).toMatchObject({ __typename: 'SavedPrompt', title: 'B keeps this' });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateSavedPrompt',
    needs: 'generate',
    attempts: [
      {
        what: "A's saved prompt",
        query:
          'mutation($input: UpdateSavedPromptInput!) { updateSavedPrompt(input: $input) { __typename ... on SavedPrompt { id prompt notes } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.savedPrompt, title: 'Taken', notes: 'B was here' } }),
        asB: notFound('updateSavedPrompt'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteSavedPrompt',
    needs: 'generate',
    attempts: [
      {
        what: "A's saved prompt",
        query:
          'mutation($id: ID!) { deleteSavedPrompt(id: $id) { __typename ... on DeletedLibraryItem { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.savedPrompt }),
        asB: notFound('deleteSavedPrompt'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deletePromptHistoryEntry',
    needs: 'generate',
    attempts: [
      {
        what: "A's history entry",
        query:
          'mutation($id: ID!) { deletePromptHistoryEntry(id: $id) { __typename ... on DeletedLibraryItem { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.historyEntry }),
        asB: notFound('deletePromptHistoryEntry'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'clearPromptHistory',
    needs: 'generate',
    attempts: [
      {
        what: "B's own history (A's stays)",
        query: 'mutation { clearPromptHistory { __typename deletedCount } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.clearPromptHistory.__typename).toBe('ClearedPromptHistory');
        },
        // It empties B's own history: A's is compared, and must be whole.
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createTemplate',
    needs: 'generate',
    attempts: [
      {
        what: "a template of B's own (not in A's list)",
        query:
          'mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { __typename ... on PromptTemplate { id latestVersion } ... on Error { code message } } }',
        variables: () => ({
          input: {
            name: 'B template',
            body: 'a {thing} in snow',
            variables: [{ name: 'thing', type: 'TEXT' }],
          },
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createTemplate).toMatchObject({
            __typename: 'PromptTemplate',
            latestVersion: 1,
          });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateTemplate',
    needs: 'generate',
    attempts: [
      {
        what: "A's template (a new name)",
        query:
          'mutation($input: UpdateTemplateInput!) { updateTemplate(input: $input) { __typename ... on PromptTemplate { id name } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.template, name: 'Taken' } }),
        asB: notFound('updateTemplate'),
      },
      {
        what: "A's template (a new version)",
        query:
          'mutation($input: UpdateTemplateInput!) { updateTemplate(input: $input) { __typename ... on PromptTemplate { id latest { body } } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.template, body: 'a {thing} B wrote' } }),
        asB: notFound('updateTemplate'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteTemplate',
    needs: 'generate',
    attempts: [
      {
        what: "A's template",
        query:
          'mutation($id: ID!) { deleteTemplate(id: $id) { __typename ... on DeletedTemplate { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.template }),
        asB: notFound('deleteTemplate'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's image as the preview of B's new preset",
        query:
          'mutation($input: CreateStylePresetInput!) { createStylePreset(input: $input) { __typename ... on StylePreset { id previewImage { id url } } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { name: 'B borrows', settings: {}, previewImageId: w.image.id } }),
        asB: noSuchImage('createStylePreset', 'input.previewImageId'),
      },
      {
        what: "a preset of B's own (not in A's list)",
        query:
          'mutation($input: CreateStylePresetInput!) { createStylePreset(input: $input) { __typename ... on StylePreset { id starter } ... on Error { code message } } }',
        variables: () => ({ input: { name: 'B bright', settings: { provider: 'local' } } }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createStylePreset).toMatchObject({ __typename: 'StylePreset', starter: false });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's preset",
        query:
          'mutation($input: UpdateStylePresetInput!) { updateStylePreset(input: $input) { __typename ... on StylePreset { id settings { promptPrefix } } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.preset, name: 'Taken', clearPreview: true } }),
        asB: notFound('updateStylePreset'),
      },
      {
        what: "A's image as the preview of B's preset",
        query:
          'mutation($input: UpdateStylePresetInput!) { updateStylePreset(input: $input) { __typename ... on StylePreset { id previewImage { id url } } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { id: w.bPreset, previewImageId: w.image.id } }),
        asB: noSuchImage('updateStylePreset', 'input.previewImageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's preset",
        query:
          'mutation($id: ID!) { deleteStylePreset(id: $id) { __typename ... on DeletedStylePreset { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.preset }),
        asB: notFound('deleteStylePreset'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'duplicateStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's preset (with A's image as its preview)",
        query:
          'mutation($id: ID!) { duplicateStylePreset(id: $id) { __typename ... on StylePreset { id name settings { promptPrefix } previewImage { id url } } ... on Error { code message } } }',
        variables: () => ({ id: w.preset }),
        asB: notFound('duplicateStylePreset'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'importStylePresets',
    needs: 'generate',
    attempts: [
      {
        what: "a document of B's own (presets of B's, not A's)",
        query:
          'mutation($json: String!) { importStylePresets(json: $json) { __typename ... on ImportedStylePresets { presets { id name starter } } ... on Error { code message } } }',
        variables: () => ({
          json: JSON.stringify({
            format: 'atelier.style-presets',
            version: 1,
            presets: [{ name: 'B imported', settings: { provider: 'local' } }],
          }),
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.importStylePresets.presets).toEqual([
            { id: expect.any(String), name: 'B imported', starter: false },
          ]);
        },
        makesOwn: true,
      },
    ],
  },

  // ---- subscriptions ----
  {
    type: 'subscription',
    field: 'imageAdded',
    needs: 'read',
    attempts: [
      {
        what: 'images A imports while B listens',
        query: 'subscription { imageAdded { id prompt url } }',
        quietMs: 1_500,
        whileOpen: async () => {
          const outcome = await gql(
            w.a.client,
            'mutation($id: ID!) { deleteImagesForever(ids: [$id]) { __typename } }',
            // A's own import, made and deleted again: A's world ends as it was.
            { id: await importOfA() },
          );
          must(outcome.data?.deleteImagesForever, outcome);
        },
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.results ?? []).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'subscription',
    field: 'libraryChanged',
    needs: 'read',
    attempts: [
      {
        what: 'A renaming a collection of A’s while B listens',
        query: 'subscription { libraryChanged { kind id removed } }',
        quietMs: 1_500,
        whileOpen: async () => {
          // Renamed and renamed back: A's world ends as it was.
          for (const name of ['renamed while B listens', `${secret} harbours`]) {
            const outcome = await gql(
              w.a.client,
              'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename } }',
              { input: { id: w.collection, name } },
            );
            must(outcome.data?.updateCollection, outcome);
          }
        },
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.results ?? []).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'subscription',
    field: 'imageUpdated',
    needs: 'read',
    attempts: [
      {
        what: "A starring and unstarring A's image while B listens",
        query: 'subscription { imageUpdated { id prompt starred } }',
        quietMs: 1_500,
        whileOpen: async () => {
          for (const starred of [true, false]) {
            const outcome = await gql(
              w.a.client,
              'mutation($id: ID!, $starred: Boolean!) { setImageStarred(id: $id, starred: $starred) { __typename } }',
              { id: w.image.id, starred },
            );
            expect(outcome.data?.setImageStarred).toEqual({ __typename: 'Image' });
          }
        },
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.results ?? []).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'subscription',
    field: 'batchUpdated',
    needs: 'read',
    attempts: [
      {
        what: "A's batch",
        query: 'subscription($id: ID!) { batchUpdated(id: $id) { batch { id title } job { id } } }',
        variables: () => ({ id: w.batch }),
        asB: refusedWith('batchUpdated', 'NOT_FOUND'),
      },
    ],
  },
  {
    type: 'subscription',
    field: 'jobUpdated',
    needs: 'read',
    attempts: [
      {
        what: "A's finished job",
        query: 'subscription($id: ID!) { jobUpdated(id: $id) { id status images { id url } } }',
        variables: () => ({ id: w.job }),
        asB: refusedWith('jobUpdated', 'NOT_FOUND'),
      },
      {
        what: "A's queued job",
        query: 'subscription($id: ID!) { jobUpdated(id: $id) { id status } }',
        variables: () => ({ id: w.pending }),
        asB: refusedWith('jobUpdated', 'NOT_FOUND'),
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------

function operationOf(query: string): OperationDefinitionNode {
  const operations = parse(query).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  expect(operations).toHaveLength(1);
  return operations[0]!;
}

async function run(row: Row, attempt: Attempt, actor: Actor): Promise<Answer> {
  const variables = attempt.variables?.() ?? {};
  if (row.type === 'subscription') {
    const pending = subscribeAs(
      url,
      actor.socket,
      attempt.query,
      variables,
      attempt.quietMs ? { quietMs: attempt.quietMs } : { untilFirst: 1 },
    );
    if (attempt.whileOpen) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await attempt.whileOpen();
    }
    const outcome = await pending;
    return { errors: outcome.errors, results: outcome.results };
  }
  const outcome: Outcome = attempt.files
    ? await multipart(actor.http, attempt.query, variables, await attempt.files())
    : await gql(actor.http, attempt.query, variables);
  return { data: outcome.data, ...(outcome.errors && { errors: outcome.errors }) };
}

/** Runs an attempt and checks it left A's world as it was (and, unless it makes B's own, everything). */
async function attemptUnchanged(
  row: Row,
  attempt: Attempt,
  actor: Actor,
  check: (answer: Answer) => void | Promise<void>,
) {
  const before = await worldOfA();
  const answer = await run(row, attempt, actor);
  await check(answer);
  expectNothingOfA(answer);
  const after = await worldOfA();
  expect(after.mine).toEqual(before.mine);
  if (!attempt.makesOwn) {
    expect(after.users).toEqual(before.users);
    expect(after.rows).toEqual(before.rows);
  }
}

const bySession = (person: Person, label: string): Actor => ({
  label,
  http: person.client,
  socket: { cookie: person.client.cookie },
});
const byToken = (token: Token, label: string): Actor => ({
  label,
  http: new HttpClient(url, { token: token.secret }),
  socket: { token: token.secret },
});
const anonymousActor = (): Actor => ({ label: 'anonymous', http: new HttpClient(url), socket: {} });

describe('the authorization table', () => {
  it('has a row for every root field of the schema, and none for a field that is gone', () => {
    const inSchema = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((field) => `query ${field}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((field) => `mutation ${field}`),
      ...Object.keys(schema.getSubscriptionType()!.getFields()).map((field) => `subscription ${field}`),
    ].sort();
    expect(rows.map((row) => `${row.type} ${row.field}`).sort()).toEqual(inSchema);
  });

  it.each(
    rows.flatMap((row) => row.attempts.map((attempt) => [row.field, attempt.what, row, attempt] as const)),
  )('aims each attempt at its own row: %s (%s)', (_field, _what, row, attempt) => {
    const operation = operationOf(attempt.query);
    expect(operation.operation).toBe(row.type);
    const fields = operation.selectionSet.selections.map((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value : selection.kind,
    );
    expect(fields).toEqual([row.field]);
  });
});

const bAttempts = rows.flatMap((row) =>
  row.attempts.map((attempt) => [`${row.type} ${row.field}`, attempt.what, row, attempt] as const),
);

describe("B gets nothing of A's, and changes nothing of A's", () => {
  it.each(bAttempts)('%s on %s, from B’s browser session', async (_field, _what, row, attempt) => {
    const person = attempt.freshBrowser
      ? { ...w.b, client: await signedIn(url, w.b.email, w.b.password) }
      : w.b;
    const actor = bySession(person, 'B');
    await attemptUnchanged(row, attempt, actor, (answer) => attempt.asB(answer, actor));
  });

  it.each(bAttempts)('%s on %s, with B’s API token', async (_field, _what, row, attempt) => {
    const actor = byToken(w.bToken, 'B token');
    await attemptUnchanged(row, attempt, actor, (answer) =>
      // Account settings need a browser session; for the rest a token of B's gets what B gets.
      row.needs === 'session' ? refusedWith(row.field, 'FORBIDDEN')(answer) : attempt.asB(answer, actor),
    );
  });
});

describe('anonymous callers', () => {
  const open = new Set([
    'instance',
    'sharedImage',
    'sharedCollection',
    'setup',
    'signUp',
    'signIn',
    'signOut',
    'viewer',
  ]);

  it('may use exactly the public fields: instance, sharedImage, sharedCollection, setup, signUp, signIn, signOut and viewer', () => {
    expect(
      rows
        .filter((row) => row.needs === 'public')
        .map((row) => row.field)
        .sort(),
    ).toEqual([...open].sort());
  });

  it.each(rows.map((row) => [`${row.type} ${row.field}`, row] as const))(
    '%s: told to sign in unless public',
    async (_name, row) => {
      const attempt = row.attempts[0]!;
      await attemptUnchanged(row, { ...attempt, makesOwn: false }, anonymousActor(), async (answer) => {
        if (!open.has(row.field)) refusedWith(row.field, 'UNAUTHENTICATED')(answer);
        else if (row.anonymous) row.anonymous(answer);
        else await attempt.asB(answer, anonymousActor());
      });
    },
  );
});

describe('API tokens stay within their scopes', () => {
  // Which of A's tokens lack what a field needs: each must be refused (FORBIDDEN) and change nothing.
  const lacking: Record<Need, (keyof World['tokens'])[]> = {
    public: [],
    signedIn: [],
    read: ['generate'],
    generate: ['read'],
    session: ['read', 'readGenerate', 'admin'],
    admin: ['read', 'readGenerate'],
  };
  const cases = rows.flatMap((row) =>
    lacking[row.needs].map((token) => [`${row.type} ${row.field}`, token, row.needs, row] as const),
  );

  it.each(cases)("%s refuses A's %s token (it needs %s)", async (_name, token, _needs, row) => {
    const attempt = row.attempts[0]!;
    await attemptUnchanged(row, { ...attempt, makesOwn: false }, byToken(w.tokens[token], token), (answer) =>
      refusedWith(row.field, 'FORBIDDEN')(answer),
    );
  });

  it("lets a read token read A's gallery, jobs, files and job updates", async () => {
    const reader = byToken(w.tokens.read, 'read');
    const gallery = await gql(
      reader.http,
      '{ images(first: 10) { edges { node { id } } } jobs(first: 10) { edges { node { id } } } }',
    );
    expect(gallery.errors).toBeUndefined();
    expect(edgeIds(gallery.data.images)).toEqual(expect.arrayContaining([w.image.id, w.child.id]));
    expect(edgeIds(gallery.data.jobs)).toEqual(expect.arrayContaining([w.job, w.variationJob]));
    expect((await fetchFile(url, w.image.url, { token: w.tokens.read.secret })).status).toBe(200);
    const updates = await subscribeAs(
      url,
      reader.socket,
      'subscription($id: ID!) { jobUpdated(id: $id) { id status } }',
      { id: w.job },
    );
    expect(updates.errors).toEqual([]);
    expect(updates.results.at(-1)?.data).toEqual({ jobUpdated: { id: w.job, status: 'SUCCEEDED' } });
  });

  it('lets a generate-only token generate: it gets the job it queued', async () => {
    const maker = byToken(w.tokens.generate, 'generate');
    const before = await countEverything(stack.app, stack.dataDir);
    const outcome = await gql(maker.http, jobInput('Generate', 'generateImages', 'GenerateImagesInput'), {
      input: { prompt: 'a blue boat', provider: 'local', width: 256, height: 256, steps: 1 },
    });
    const after = await countEverything(stack.app, stack.dataDir);
    await settle(stack.app);
    // Never "refused" while the job was in fact queued: a client would retry and queue it twice.
    expect({ errors: outcome.errors, jobsQueued: after.jobs - before.jobs }).toEqual({
      errors: undefined,
      jobsQueued: 1,
    });
    expect(outcome.data?.generateImages).toMatchObject({ __typename: 'Job', id: expect.any(String) });
  });

  it("lets only an admin's token with the admin scope manage accounts", async () => {
    const admin = byToken(w.tokens.admin, 'admin');
    const users = await gql(admin.http, '{ users(first: 10) { edges { node { id } } } }');
    expect(users.errors).toBeUndefined();
    expect(edgeIds(users.data.users)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
    const signup = await gql(admin.http, 'mutation { setSignupEnabled(enabled: true) }');
    expect(signup).toMatchObject({ data: { setSignupEnabled: true } });
    const asSession = await gql(w.a.client, '{ users(first: 10) { edges { node { id } } } }');
    expect(edgeIds(asSession.data.users)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
  });
});

describe('files', () => {
  type Who = 'A' | 'A read token' | 'A generate-only token' | 'B' | 'B token' | 'anonymous';
  const as = (who: Who) =>
    ({
      A: { cookie: w.a.client.cookie },
      'A read token': { token: w.tokens.read.secret },
      'A generate-only token': { token: w.tokens.generate.secret },
      B: { cookie: w.b.client.cookie },
      'B token': { token: w.bToken.secret },
      anonymous: {},
    })[who];
  const cases: [string, Who, number, () => string][] = [
    ["A's original", 'A', 200, () => w.image.url],
    ["A's thumbnail", 'A', 200, () => w.image.thumbnails[0]!],
    ["A's variation", 'A', 200, () => w.child.url],
    ["A's original", 'A read token', 200, () => w.image.url],
    ["A's original", 'A generate-only token', 404, () => w.image.url],
    ["A's original", 'B', 404, () => w.image.url],
    ["A's thumbnail", 'B', 404, () => w.image.thumbnails[1]!],
    ["A's variation", 'B', 404, () => w.child.url],
    ["A's original", 'B token', 404, () => w.image.url],
    ["A's original", 'anonymous', 404, () => w.image.url],
    ["A's thumbnail", 'anonymous', 404, () => w.image.thumbnails[0]!],
    ["A's original through its share link", 'anonymous', 200, () => `${w.image.url}?share=${w.link.token}`],
    [
      "A's thumbnail through its share link",
      'anonymous',
      200,
      () => `${w.image.thumbnails[0]}?share=${w.link.token}`,
    ],
    [
      "A's variation through the link of its parent",
      'anonymous',
      404,
      () => `${w.child.url}?share=${w.link.token}`,
    ],
    [
      "A's variation's thumbnail through the link of its parent",
      'anonymous',
      404,
      () => `${w.child.thumbnails[0]}?share=${w.link.token}`,
    ],
    ["A's original through B's share link", 'anonymous', 404, () => `${w.image.url}?share=${w.bLink.token}`],
    ["A's original through B's share link", 'B', 404, () => `${w.image.url}?share=${w.bLink.token}`],
    [
      "A's original with the share link's id as its token",
      'anonymous',
      404,
      () => `${w.image.url}?share=${w.link.id}`,
    ],
    ['a path outside the store', 'A', 404, () => '/files/..%2F..%2F..%2Fetc%2Fpasswd'],
    ['a path outside the store', 'anonymous', 404, () => '/files/..%2F..%2F..%2Fetc%2Fpasswd'],
    [
      'a path outside the store through a share link',
      'anonymous',
      404,
      () => `/files/..%2F..%2F..%2Fetc%2Fpasswd?share=${w.link.token}`,
    ],
  ];

  it.each(cases)('%s as %s → %i', async (_what, who, status, path) => {
    const answer = await fetchFile(url, path(), as(who));
    expect(answer.status).toBe(status);
    if (status === 404) expect(answer.bytes).toBeLessThan(64);
  });

  it('serves files to no method but GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await fetchFile(url, w.image.url, { cookie: w.a.client.cookie }, method)).status).toBe(405);
    }
    expect(await fetchFile(url, w.image.url, { cookie: w.a.client.cookie }, 'HEAD')).toMatchObject({
      status: 200,
      bytes: 0,
    });
    expect((await fetchFile(url, w.image.url, { cookie: w.b.client.cookie }, 'HEAD')).status).toBe(404);
    expect((await fetchFile(url, w.image.url, {}, 'HEAD')).status).toBe(404);
  });
});

const SharedImage = /* GraphQL */ `
  query SharedImage($token: String!) {
    sharedImage(token: $token) {
      url
      width
      height
      createdAt
      expiresAt
      paramsHidden
      prompt
      negativePrompt
      style
      seed
      provider
      model
      params
      thumbnails {
        url
        size
      }
    }
  }
`;

describe('share links', () => {
  const open = (token: string) => gql(new HttpClient(url), SharedImage, { token });
  const anonymousFile = (path: string) => fetchFile(url, path);

  it('give anyone read access to exactly their image, its details and its files, while valid', async () => {
    const { data, errors } = await open(w.link.token);
    expect(errors).toBeUndefined();
    const shared = data.sharedImage;
    expect(shared).toMatchObject({
      prompt: A_PROMPT,
      provider: 'local',
      width: 256,
      height: 256,
      paramsHidden: false,
    });
    expect(JSON.stringify(shared)).not.toContain(w.a.email);
    expect(shared.url).toBe(`${w.image.url}?share=${w.link.token}`);
    const original = await anonymousFile(shared.url);
    expect(original).toMatchObject({ status: 200, type: 'image/png', cacheControl: 'private, no-cache' });
    for (const thumbnail of shared.thumbnails) {
      expect(await anonymousFile(thumbnail.url)).toMatchObject({ status: 200, type: 'image/webp' });
    }
  });

  it('lead nowhere else: a shared image has no id, no owner and no way to other images', () => {
    const reachable = (typeName: string): string[] => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) return [];
      return Object.values(type.getFields()).flatMap((field) => {
        const named = getNamedType(field.type).name;
        return [`${typeName}.${field.name}: ${named}`, ...(named === typeName ? [] : reachable(named))];
      });
    };
    const objectTypes = reachable('SharedImage')
      .map((line) => line.split(': ')[1]!)
      .filter((name) => isObjectType(schema.getType(name)));
    expect([...new Set(objectTypes)]).toEqual(['SharedThumbnail']);
    expect(reachable('SharedImage').map((line) => line.split(':')[0]!.split('.')[1])).not.toContain('id');
  });

  it('are not credentials: a share token signs no one in', async () => {
    for (const client of [
      new HttpClient(url, { token: w.link.token }),
      Object.assign(new HttpClient(url), { cookie: `atelier_session=${w.link.token}` }),
    ]) {
      const outcome = await gql(client, '{ viewer { id } images(first: 1) { edges { cursor } } }');
      expect(outcome.data?.viewer ?? null).toBeNull();
      expect(outcome.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('hide the prompt and every parameter when the owner asks', async () => {
    const hidden = await share(w.a.client, w.image.id, { hideParams: true });
    const { data } = await open(hidden.token);
    expect(data.sharedImage).toMatchObject({
      paramsHidden: true,
      prompt: null,
      negativePrompt: null,
      style: null,
      seed: null,
      provider: null,
      model: null,
      params: null,
      width: 256,
    });
    expect(JSON.stringify(data)).not.toContain(secret);
    expect((await anonymousFile(data.sharedImage.url)).status).toBe(200);
  });

  it('stop working at once when revoked: the image and its files are gone', async () => {
    const link = await share(w.a.client, w.image.id);
    const { data } = await open(link.token);
    const files = [data.sharedImage.url, ...data.sharedImage.thumbnails.map((t: { url: string }) => t.url)];
    for (const file of files) expect((await anonymousFile(file)).status).toBe(200);

    const revoked = await gql(
      w.a.client,
      'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on ShareLink { active revokedAt } } }',
      { id: link.id },
    );
    expect(revoked.data.revokeShareLink).toMatchObject({ __typename: 'ShareLink', active: false });
    expect((await open(link.token)).data).toEqual({ sharedImage: null });
    for (const file of files) expect((await anonymousFile(file)).status).toBe(404);
  });

  it('stop working when they expire', async () => {
    const expiresAt = new Date(Date.now() + 1_500);
    const link = await share(w.a.client, w.image.id, { expiresAt: expiresAt.toISOString() });
    const { data } = await open(link.token);
    expect(data.sharedImage).toMatchObject({ expiresAt: expiresAt.toISOString() });
    expect((await anonymousFile(data.sharedImage.url)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 250));
    expect((await open(link.token)).data).toEqual({ sharedImage: null });
    expect((await anonymousFile(data.sharedImage.url)).status).toBe(404);
  });

  it('stop working when their image is deleted', async () => {
    const made = await picture(w.a.client, Generate, {
      prompt: `${secret} a short-lived picture`,
      provider: 'local',
      width: 256,
      height: 256,
      steps: 1,
    });
    const link = await share(w.a.client, made.picture.id);
    const shared = (await open(link.token)).data.sharedImage;
    const deleted = await gql(w.a.client, 'mutation($id: ID!) { deleteImage(id: $id) { __typename } }', {
      id: made.picture.id,
    });
    expect(deleted.data.deleteImage.__typename).toBe('DeleteImagePayload');
    expect((await open(link.token)).data).toEqual({ sharedImage: null });
    expect((await anonymousFile(shared.url)).status).toBe(404);
  });
});

describe("A's account, after everything B tried", () => {
  it('still signs in with its own password, and its token and link still work', async () => {
    const again = await signedIn(url, w.a.email, A_PASSWORD);
    const viewer = await gql(again, '{ viewer { id role } }');
    expect(viewer.data.viewer).toEqual({ id: w.a.id, role: 'ADMIN' });
    const reader = await gql(
      new HttpClient(url, { token: w.tokens.read.secret }),
      'query($id: ID!) { image(id: $id) { id } }',
      {
        id: w.image.id,
      },
    );
    expect(reader.data.image).toEqual({ id: w.image.id });
    const link = await gql(new HttpClient(url), 'query($t: String!) { sharedImage(token: $t) { width } }', {
      t: w.link.token,
    });
    expect(link.data.sharedImage).toEqual({ width: 256 });
  });

  it('still has its saved prompt, history entry, template and preset, as A made them', async () => {
    const { mine } = await worldOfA();
    const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((edge) => edge.node);
    expect(nodes(mine.savedPrompts)).toContainEqual(
      expect.objectContaining({ id: w.savedPrompt, title: `${secret} saved lighthouse` }),
    );
    expect(nodes(mine.promptHistory)).toContainEqual(
      expect.objectContaining({ id: w.historyEntry, prompt: A_PROMPT }),
    );
    expect(nodes(mine.templates)).toContainEqual(
      expect.objectContaining({
        id: w.template,
        name: `${secret} harbour template`,
        versions: [{ version: 1, body: `${secret} a {thing} at dawn` }],
      }),
    );
    expect(nodes(mine.stylePresets)).toContainEqual(
      expect.objectContaining({
        id: w.preset,
        name: `${secret} moody coast`,
        previewImage: { id: w.image.id },
      }),
    );
  });

  it('can still cancel its queued job, which B could not even see; its finished one is not cancelable', async () => {
    const Cancel =
      'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Job { status } ... on Error { code } } }';
    expect((await gql(w.a.client, Cancel, { id: w.pending })).data.cancelJob).toEqual({
      __typename: 'Job',
      status: 'CANCELED',
    });
    expect((await gql(w.a.client, Cancel, { id: w.job })).data.cancelJob).toEqual({
      __typename: 'BaseError',
      code: 'INVALID_STATE',
    });
  });
});
