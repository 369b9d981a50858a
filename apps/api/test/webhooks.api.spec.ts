import type { Viewer } from '@atelier/domain';
import { createLocalProvider, type ImageProvider, ProviderError } from '@atelier/providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedAddress } from '../src/repositories/url-fetch/resolve-target';
import { defaultWebhookSettings, WebhookService } from '../src/services/webhook.service';
import { localId } from './support/factories';
import { CancelJob } from './support/operations';
import { createTestStack, type TestStack } from './support/harness';
import { startWebhookReceiver, verified, type WebhookReceiver } from './support/webhook-receiver';
import {
  CreateWebhook,
  deliveriesOf,
  deliveriesWhen,
  generate,
  registerWebhook,
  taskGone,
  Webhooks,
} from './support/webhooks';

/*
 * Outgoing webhooks end to end: real jobs on a real worker, delivered by graphile-worker tasks over
 * real HTTP to a receiver on loopback that verifies every message with the `standardwebhooks`
 * reference implementation. The failure window is 3 s here instead of a day (a setting of the
 * stack), so "retried for the window, then disabled" runs in seconds.
 */

const WINDOW_MS = 3_000;
const PUBLIC_URL = 'https://atelier.example';

/** A provider that refuses every prompt: its jobs fail with CONTENT_FILTER. */
function refusingProvider(): ImageProvider {
  const local = createLocalProvider({ stepDelayMs: 0 });
  const refuse = async (): Promise<never> => {
    throw new ProviderError({ code: 'CONTENT_FILTER', message: 'refused by the test provider' });
  };
  return {
    id: 'refusing',
    displayName: 'Refusing',
    description: 'Refuses everything (tests).',
    capabilities: local.capabilities,
    availability: () => local.availability(),
    generate: refuse,
    vary: refuse,
    enhance: refuse,
    restyle: refuse,
    edit: refuse,
    expand: refuse,
  };
}

/** A provider that works until its job is canceled. */
function hangingProvider(): ImageProvider {
  const local = createLocalProvider({ stepDelayMs: 0 });
  const hang = (_request: unknown, { signal }: { signal: AbortSignal }): Promise<never> =>
    new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
  return {
    ...refusingProvider(),
    id: 'hanging',
    displayName: 'Hanging',
    capabilities: local.capabilities,
    generate: hang,
  };
}

/** Names this test resolves itself, as a DNS server would answer (and may change its answers). */
const dns = new Map<string, ResolvedAddress[]>();
const resolve = async (host: string): Promise<ResolvedAddress[]> => {
  const answers = dns.get(host);
  if (!answers) throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
  return answers;
};

let stack: TestStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await createTestStack({
    providers: [createLocalProvider({ stepDelayMs: 0 }), refusingProvider(), hangingProvider()],
    webhooks: {
      allowLoopback: true,
      failureWindowMs: WINDOW_MS,
      retryBaseMs: 100,
      retryMaxMs: 400,
      publicUrl: PUBLIC_URL,
      resolve,
    },
  });
});

afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

let paths = 0;
/** A receiver path of its own for each endpoint, so tests never share messages. */
const newPath = () => `/hook-${++paths}`;

describe('delivery', () => {
  // A person per test: their endpoints hear only that test's jobs.
  let person: Viewer;
  beforeEach(async () => {
    person = await stack.newUser('Webhook owner');
  });

  it('tells of a job that succeeded: signed, with the job, its images and their URLs', async () => {
    const path = newPath();
    const { id, secret } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    const jobId = await generate(stack, person, 'local', 'a secret lighthouse prompt');

    const [message] = await receiver.waitFor(path, 1);
    const payload = verified(secret, message!) as any;
    expect(payload).toEqual({
      type: 'job.succeeded',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: {
        jobId,
        kind: 'GENERATE',
        status: 'SUCCEEDED',
        batchId: null,
        errorCode: null,
        imageIds: [expect.any(String)],
        imageUrls: [expect.stringMatching(new RegExp(`^${PUBLIC_URL}/files/`))],
      },
    });
    const images = await stack.app.repositories.images.imagesOfJobs(person.id, [localId(jobId)]);
    expect(payload.data.imageUrls).toEqual(images[0]!.map((image) => `${PUBLIC_URL}/files/${image.blobKey}`));
    expect(message!.headers['content-type']).toBe('application/json');
    expect(message!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    // Small, and nothing a stranger should read: no prompt, no secret.
    expect(message!.body).not.toContain('lighthouse');
    expect(message!.body).not.toContain(secret.slice(6));
    expect(message!.body.length).toBeLessThan(1_000);

    const [delivery] = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'SUCCEEDED');
    expect(delivery).toMatchObject({
      event: 'job.succeeded',
      messageId: message!.headers['webhook-id'],
      attempts: 1,
      responseStatus: 204,
      error: null,
      nextAttemptAt: null,
    });
    expect(delivery!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('tells of a job that failed, with its error code, only to endpoints that asked for it', async () => {
    const everything = newPath();
    const failuresOnly = newPath();
    const all = await registerWebhook(stack, person, `${receiver.origin}${everything}`);
    const failed = await registerWebhook(stack, person, `${receiver.origin}${failuresOnly}`, ['JOB_FAILED']);
    const succeededJob = await generate(stack, person, 'local');
    const failedJob = await generate(stack, person, 'refusing');

    const both = await receiver.waitFor(everything, 2);
    const told = both.map((message) => verified(all.secret, message) as any);
    expect(told.map((payload) => [payload.type, payload.data.jobId]).sort()).toEqual(
      [
        ['job.failed', failedJob],
        ['job.succeeded', succeededJob],
      ].sort(),
    );
    expect(told.find((payload) => payload.type === 'job.failed').data).toMatchObject({
      status: 'FAILED',
      errorCode: 'CONTENT_FILTER',
      imageIds: [],
      imageUrls: [],
    });
    await deliveriesWhen(stack, person, failed.id, (list) => list.some((d) => d.status === 'SUCCEEDED'));
    const [onlyFailure, ...more] = receiver.at(failuresOnly);
    expect(more).toEqual([]);
    expect((verified(failed.secret, onlyFailure!) as any).data.jobId).toBe(failedJob);
  });

  it('tells of a job that was canceled', async () => {
    const path = newPath();
    const { secret } = await registerWebhook(stack, person, `${receiver.origin}${path}`, ['JOB_CANCELED']);
    const jobId = await generate(stack, person, 'hanging');
    const canceled = await stack.graphql(person, CancelJob, { id: jobId });
    expect(canceled.data.cancelJob).toMatchObject({ __typename: 'Job', status: 'CANCELED' });

    const [message] = await receiver.waitFor(path, 1);
    expect(verified(secret, message!)).toMatchObject({
      type: 'job.canceled',
      data: { jobId, status: 'CANCELED', imageIds: [], imageUrls: [] },
    });
  });

  it('retries after a 503 with the same webhook-id, then succeeds', async () => {
    const path = newPath();
    receiver.answer(path, (_message, n) =>
      n === 1 ? { status: 503, body: 'busy, try later' } : { status: 200 },
    );
    const { id, secret } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    await generate(stack, person);

    const [first, second] = await receiver.waitFor(path, 2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(verified(secret, first!)).toEqual(verified(secret, second!));
    const [delivery] = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'SUCCEEDED');
    expect(delivery).toMatchObject({ attempts: 2, responseStatus: 200, error: null });
    expect(receiver.at(path)).toHaveLength(2);
  });

  it('honours Retry-After on a 429', async () => {
    const path = newPath();
    receiver.answer(path, (_message, n) =>
      n === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 204 },
    );
    const { id } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    await generate(stack, person);

    const retrying = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'RETRYING');
    expect(retrying[0]).toMatchObject({
      attempts: 1,
      responseStatus: 429,
      error: 'the endpoint answered 429',
    });
    const [first, second] = await receiver.waitFor(path, 2);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1_000);
    await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'SUCCEEDED');
  });

  it('does not retry after a 400, and logs the answer', async () => {
    const path = newPath();
    receiver.answer(path, () => ({ status: 400, body: `${'no such hook '.repeat(200)}` }));
    const { id } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    await generate(stack, person);

    const [delivery] = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'FAILED');
    expect(delivery).toMatchObject({
      attempts: 1,
      responseStatus: 400,
      error: 'the endpoint answered 400',
      nextAttemptAt: null,
    });
    // The excerpt is the start of the answer, at most 1 KB.
    expect(delivery!.responseExcerpt).toBe('no such hook '.repeat(200).slice(0, 1024));
    expect(await taskGone(stack, delivery!.id)).toBe(true);
    expect(receiver.at(path)).toHaveLength(1);
  });

  it('disables an endpoint that fails for the whole window, saying why', async () => {
    const path = newPath();
    receiver.answer(path, () => ({ status: 503 }));
    const { id } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    await generate(stack, person);

    const [delivery] = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'FAILED', 20_000);
    expect(delivery!.attempts).toBeGreaterThanOrEqual(2);
    expect(delivery!.error).toMatch(/the endpoint answered 503/);
    const messages = receiver.at(path);
    expect(messages).toHaveLength(delivery!.attempts);
    expect(new Set(messages.map((message) => message.headers['webhook-id'])).size).toBe(1);
    // Retried for the window: the last attempt came no sooner than the window after the first.
    expect(messages.at(-1)!.receivedAt - messages[0]!.receivedAt).toBeGreaterThanOrEqual(WINDOW_MS - 50);

    const { data } = await stack.graphql(person, Webhooks);
    const webhook = data.webhooks.find((w: { id: string }) => w.id === id);
    expect(webhook).toMatchObject({ enabled: false, disabledAt: expect.any(String) });
    expect(webhook.disabledReason).toMatch(
      /every delivery failed for 3 seconds \(last: the endpoint answered 503/,
    );

    // Nothing more is sent to it: a job's messages are written with its end, and another
    // endpoint hearing of the job means the job has ended.
    const witness = newPath();
    await registerWebhook(stack, person, `${receiver.origin}${witness}`, ['JOB_SUCCEEDED']);
    const before = receiver.at(path).length;
    await generate(stack, person);
    await receiver.waitFor(witness, 1);
    expect(await deliveriesOf(stack, person, id)).toHaveLength(1);
    expect(receiver.at(path)).toHaveLength(before);

    // …until the person enables it again, which clears the reason.
    const enabled = await stack.graphql(
      person,
      'mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { __typename ... on Webhook { enabled disabledReason disabledAt } } }',
      { input: { id, enabled: true } },
    );
    expect(enabled.data.updateWebhook).toEqual({
      __typename: 'Webhook',
      enabled: true,
      disabledReason: null,
      disabledAt: null,
    });
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const path = newPath();
    const { id, secret: before } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    const rotated = await stack.graphql(
      person,
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { __typename ... on WebhookWithSecret { secret webhook { id } } } }',
      { id },
    );
    const after = rotated.data.rotateWebhookSecret.secret as string;
    expect(after).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(after).not.toBe(before);

    const ping = await stack.graphql(
      person,
      'mutation($id: ID!) { pingWebhook(id: $id) { __typename ... on WebhookDelivery { id event status } } }',
      { id },
    );
    expect(ping.data.pingWebhook).toMatchObject({ __typename: 'WebhookDelivery', event: 'webhook.ping' });
    const [message] = await receiver.waitFor(path, 1);
    expect(String(message!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(after, message!)).toEqual({
      type: 'webhook.ping',
      timestamp: expect.any(String),
      data: { webhookId: id },
    });
    expect(verified(before, message!)).toEqual(verified(after, message!));
    expect(() => verified(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, message!)).toThrow();
  });

  it('redelivers a delivery under its own webhook-id', async () => {
    const path = newPath();
    const { id, secret } = await registerWebhook(stack, person, `${receiver.origin}${path}`);
    await generate(stack, person);
    const [first] = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'SUCCEEDED');

    const again = await stack.graphql(
      person,
      'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { __typename ... on WebhookDelivery { id status messageId } } }',
      { id: first!.id },
    );
    expect(again.data.redeliverWebhook).toEqual({
      __typename: 'WebhookDelivery',
      id: first!.id,
      status: 'PENDING',
      messageId: first!.messageId,
    });
    const [one, two] = await receiver.waitFor(path, 2);
    expect(two!.headers['webhook-id']).toBe(one!.headers['webhook-id']);
    expect(two!.body).toBe(one!.body);
    verified(secret, two!);
    await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'SUCCEEDED' && d.attempts === 2);
  });

  it('tells when a batch completes and when an image goes to the trash', async () => {
    const path = newPath();
    const { secret } = await registerWebhook(stack, person, `${receiver.origin}${path}`, [
      'BATCH_COMPLETED',
      'IMAGE_DELETED',
    ]);
    const made = await stack.graphql(
      person,
      'mutation($input: CreateBatchInput!) { createBatch(input: $input) { __typename ... on Batch { id } } }',
      {
        input: {
          prompts: [{ prompt: 'a red barn' }, { prompt: 'a blue barn' }],
          provider: 'local',
          width: 256,
          height: 256,
          steps: 1,
        },
      },
    );
    const batchId = made.data.createBatch.id as string;
    const [completed] = await receiver.waitFor(path, 1);
    expect((verified(secret, completed!) as any).data).toEqual({
      batchId,
      total: 2,
      succeeded: 2,
      failed: 0,
      canceled: 0,
    });

    const [image] = await stack.app.repositories.images.addedSince(person.id, new Date(0), 1);
    const imageId = Buffer.from(`Image:${image!.id}`).toString('base64');
    const trashed = await stack.graphql(
      person,
      'mutation($id: ID!) { deleteImage(id: $id) { __typename } }',
      { id: imageId },
    );
    expect(trashed.errors).toBeUndefined();
    const [, deleted] = await receiver.waitFor(path, 2);
    expect(verified(secret, deleted!)).toMatchObject({
      type: 'image.deleted',
      data: { imageId, deletedAt: expect.any(String) },
    });
    expect(receiver.at(path)).toHaveLength(2);
  });
});

describe('address rules', () => {
  let person: Viewer;
  beforeAll(async () => {
    person = await stack.newUser('Address tester');
  });

  const refusal = async (url: string) => {
    const { data } = await stack.graphql(person, CreateWebhook, {
      input: { url, events: ['JOB_SUCCEEDED'] },
    });
    expect(data.createWebhook.__typename).toBe('InvalidInputError');
    expect(data.createWebhook.issues.map((issue: { field: string }) => issue.field)).toEqual(['input.url']);
    return data.createWebhook.issues[0].message as string;
  };

  it('refuses private, link-local and metadata endpoints at registration', async () => {
    expect(await refusal('https://10.1.2.3/hook')).toMatch(/10\.1\.2\.3 is .*private/);
    expect(await refusal('https://169.254.169.254/latest/meta-data')).toMatch(/169\.254\.169\.254/);
    expect(await refusal('https://metadata.google.internal/')).toMatch(/metadata/);
    dns.set('intranet.example.test', [{ address: '192.168.1.20', family: 4 }]);
    expect(await refusal('https://intranet.example.test/hook')).toMatch(
      /intranet\.example\.test resolves to 192\.168\.1\.20/,
    );
    dns.set('plain.example.test', [{ address: '93.184.216.34', family: 4 }]);
    expect(await refusal('http://plain.example.test/hook')).toMatch(/https/);
    const { data } = await stack.graphql(person, Webhooks);
    expect(data.webhooks).toEqual([]);
  });

  it('refuses loopback endpoints unless the development allowance is on', async () => {
    const strict = new WebhookService({
      webhooks: stack.app.repositories.webhooks,
      settings: defaultWebhookSettings,
    });
    await expect(
      strict.create(person, { url: `${receiver.origin}/strict`, events: ['job.succeeded'] }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/127\.0\.0\.1 is .*loopback/),
    });
  });

  it('refuses at delivery a host that resolves to a private address by then (DNS rebinding)', async () => {
    dns.set('rebind.example.test', [{ address: '93.184.216.34', family: 4 }]);
    const { id } = await registerWebhook(stack, person, 'https://rebind.example.test/hook');
    dns.set('rebind.example.test', [{ address: '10.0.0.7', family: 4 }]);
    await stack.graphql(person, 'mutation($id: ID!) { pingWebhook(id: $id) { __typename } }', { id });

    const [delivery] = await deliveriesWhen(stack, person, id, ([d]) => d?.status === 'FAILED');
    expect(delivery).toMatchObject({ attempts: 1, responseStatus: null });
    expect(delivery!.error).toMatch(/rebind\.example\.test resolves to 10\.0\.0\.7, which is .*private/);
    expect(await taskGone(stack, delivery!.id)).toBe(true);
  });
});
