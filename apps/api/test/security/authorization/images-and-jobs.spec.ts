import { describe, expect, it } from 'vitest';
import { fetchFile, gql } from '../support/http';
import { byToken, describeRows, edgeIds, jobInput } from '../support/authorization';
import { countEverything, settle } from '../support/rows';
import { stack, url, useWorldOfAAndB, w } from '../support/world';
import { subscribeAs } from '../support/ws';
import { bulkStarRestoreRows } from './bulk-star-restore.table';
import { generationRows } from './generation.table';
import { historyRows } from './history.table';
import { imageEditRows } from './image-edit.table';
import { imageImportRows } from './image-import.table';
import { jobBatchRows } from './job-batch.table';
import { jobHistoryRows } from './job-history.table';

/*
 * Who may see, star, tag, trash, delete, import and generate images, fetch their files, and see,
 * watch and cancel jobs and batches (schema/modules/image.ts, history.ts (the gallery and the
 * trash), import.ts, generation.ts, provider.ts, job.ts and batch.ts, the Relay fields node and
 * nodes, and the /files route; their rows are in image-import.table.ts, history.table.ts,
 * generation.table.ts and job-batch.table.ts). B tries each field against A's things and must get
 * "not found" and hear nothing; anonymous callers must be told to sign in; API tokens must stay
 * within their scopes. After every attempt, A's world must be as it was.
 */

useWorldOfAAndB();
describeRows([
  ...imageImportRows,
  ...historyRows,
  ...generationRows,
  ...imageEditRows,
  ...jobBatchRows,
  ...jobHistoryRows,
  ...bulkStarRestoreRows,
]);

describe('API tokens stay within their scopes', () => {
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

describe("A's account, after everything B tried", () => {
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
