import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { taskExists } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { signedUpClient } from './support/http-client';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  // No worker: the jobs stay queued, so they count against a quota and their tasks stay in the queue.
  stack = await createTestStack({ auth: 'real', worker: false });
  server = await stack.listen();
  await signedUpClient(server.url, { first: true, openSignUp: true });
});
afterAll(() => stack?.close());

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
      ... on QuotaExceededError {
        limit
        max
        remaining
        resetsAt
      }
    }
  }
`;

async function personWithDailyLimit(maxImagesPerDay: number) {
  const person = await signedUpClient(server.url);
  const admin = (await stack.app.db
    .selectFrom('appUser')
    .selectAll()
    .where('role', '=', 'ADMIN')
    .executeTakeFirstOrThrow()) as never;
  await stack.app.services.admin.setQuota(admin, person.id, { maxConcurrentJobs: null, maxImagesPerDay });
  return person;
}

describe('the daily image quota', () => {
  it('says how many images are left when an ask is larger, and a smaller ask of that many passes', async () => {
    const person = await personWithDailyLimit(5);
    const input = { prompt: 'a quiet lake', provider: 'local', width: 256, height: 256, steps: 1 };
    expect(
      (await person.client.graphql(Generate, { input: { ...input, count: 3 } })).data.generateImages,
    ).toMatchObject({ __typename: 'Job' });

    const refused = (await person.client.graphql(Generate, { input: { ...input, count: 4 } })).data
      .generateImages;
    expect(refused).toMatchObject({
      __typename: 'QuotaExceededError',
      limit: 'IMAGES_PER_DAY',
      max: 5,
      remaining: 2,
    });
    expect(refused.message).toMatch(/so 2 are left/);

    const smaller = await person.client.graphql(Generate, { input: { ...input, count: refused.remaining } });
    expect(smaller.data.generateImages.__typename).toBe('Job');
  });
});

describe('people without a quota', () => {
  it('get every job written with its task, and a quota an admin sets holds from their next submit', async () => {
    const person = await signedUpClient(server.url);
    const input = { prompt: 'a quiet lake', provider: 'local', width: 256, height: 256, steps: 1 };
    const answers = await Promise.all(
      [1, 2, 3].map(() => person.client.graphql(Generate, { input }).then((r) => r.data.generateImages)),
    );
    expect(answers.map((answer) => answer.__typename)).toEqual(['Job', 'Job', 'Job']);
    const jobs = await stack.app.db.selectFrom('job').select('id').where('ownerId', '=', person.id).execute();
    expect(jobs).toHaveLength(3);
    for (const job of jobs) expect(await taskExists(stack.app, job.id)).toBe(true);

    const admin = (await stack.app.db
      .selectFrom('appUser')
      .selectAll()
      .where('role', '=', 'ADMIN')
      .executeTakeFirstOrThrow()) as never;
    await stack.app.services.admin.setQuota(admin, person.id, {
      maxConcurrentJobs: 3,
      maxImagesPerDay: null,
    });
    const refused = (await person.client.graphql(Generate, { input })).data.generateImages;
    expect(refused).toMatchObject({ __typename: 'QuotaExceededError', limit: 'CONCURRENT_JOBS', max: 3 });
    const after = await stack.app.db
      .selectFrom('job')
      .select('id')
      .where('ownerId', '=', person.id)
      .execute();
    expect(after).toHaveLength(3);
  });
});
